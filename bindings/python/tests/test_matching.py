"""Matching from Python: request forms, time handling, result objects, errors with paths."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict

import pytest

import wijknet
from conftest import NOW
from support import VECTORS

UTC = dt.timezone.utc
REQ: Dict[str, Any] = {"location": "7511AA", "care_types": ["personal_care"], "desired_start": "2026-11-23",
                       "latest_start": "2026-12-01"}


def test_request_forms_give_equal_results(basic: wijknet.Registry) -> None:
    typed = wijknet.MatchRequest("7511AA", ["personal_care"], desired_start=dt.date(2026, 11, 23),
                                 latest_start="2026-12-01")
    results = [
        basic.match(REQ, NOW),
        basic.match(typed, NOW),
        basic.match(json.dumps(REQ), NOW),
        basic.match(json.dumps(REQ).encode(), NOW),
        basic.match(wijknet.MatchRequest.from_dict(REQ), now=NOW),
        basic.match(wijknet.MatchRequest.from_json(json.dumps(REQ)), now=NOW, stale_after_hours=72),
    ]
    assert all(r == results[0] for r in results)
    assert [c.team for c in results[0].candidates] == ["a1", "c1", "b1"]


def test_now_as_aware_datetime_in_any_zone(basic: wijknet.Registry) -> None:
    base = basic.match(REQ, NOW)
    cet = dt.timezone(dt.timedelta(hours=1))
    assert basic.match(REQ, dt.datetime(2026, 11, 22, 10, tzinfo=UTC)) == base
    assert basic.match(REQ, dt.datetime(2026, 11, 22, 11, tzinfo=cet)) == base
    try:
        from zoneinfo import ZoneInfo
    except ImportError:  # Python 3.8 has no zoneinfo; the floor is 3.9
        pytest.skip("zoneinfo missing")
    try:
        ams = ZoneInfo("Europe/Amsterdam")
    except Exception:
        pytest.skip("no tz database")
    assert basic.match(REQ, dt.datetime(2026, 11, 22, 11, tzinfo=ams)) == base


def test_naive_datetime_is_refused_clearly(basic: wijknet.Registry) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        basic.match(REQ, dt.datetime(2026, 11, 22, 10))
    assert e.value.problems[0][0] == "$.now"
    assert "naive datetime" in str(e.value) and "timezone-aware" in str(e.value)


@pytest.mark.parametrize("now", ["2026-11-22", "tomorrow", "2026-11-22 10:00"])
def test_bad_now_text(basic: wijknet.Registry, now: str) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        basic.match(REQ, now)
    assert e.value.problems == [("$.now", e.value.problems[0][1])] and "RFC 3339" in str(e.value)


@pytest.mark.parametrize("now", [dt.date(2026, 11, 22), 1795300000, None])
def test_now_of_wrong_type(basic: wijknet.Registry, now: Any) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        basic.match(REQ, now)
    assert e.value.problems[0][0] == "$.now"


def test_stale_after_hours(basic: wijknet.Registry) -> None:
    c1 = lambda r: next(c for c in r.candidates if c.team == "c1")  # noqa: E731
    assert "capacity_stale" in c1(basic.match(REQ, NOW)).flags
    assert "capacity_stale" not in c1(basic.match(REQ, NOW, stale_after_hours=24 * 60)).flags
    for bad in [-1, "72", 1.5, True]:
        with pytest.raises(wijknet.ValidationError) as e:
            basic.match(REQ, NOW, stale_after_hours=bad)
        assert e.value.problems[0][0] == "$.stale_after_hours"


def test_result_objects(basic: wijknet.Registry) -> None:
    r = basic.match(REQ, NOW)
    assert r.outcome == "candidates_found" and r.location == "7511AA"
    assert (r.needed_from, r.needed_by) == (dt.date(2026, 11, 23), dt.date(2026, 12, 1))
    assert r.teams_elsewhere == 2 and r.registry_version == 1 and r.accountable is None
    a1 = r.candidates[0]
    assert (a1.rank, a1.team, a1.organisation, a1.preferred) == (1, "a1", "org-a", False)
    assert a1.possible_start == dt.date(2026, 11, 23)
    assert a1.capacity_status == "accepting"
    assert a1.capacity_updated_at == dt.datetime(2026, 11, 21, 9, tzinfo=UTC)
    assert a1.flags == [] and a1.via == []
    assert a1.contact is not None and a1.contact.name == "Bram de Boer"
    assert a1.contact.role == "wijkverpleegkundige" and a1.contact.phone == "06-10000001"
    assert a1.contact.email is None
    assert a1.contact.hours == [{"days": ["sun"], "from": "09:00", "to": "12:00"}]
    assert a1.contact_reachable_now is True  # Sunday 11:00 in Amsterdam
    assert a1.contact.to_dict() == r.to_dict()["candidates"][0]["contact"]
    assert "Bram" in repr(a1.contact) and "a1" in repr(a1)
    b1 = r.candidates[2]
    assert b1.flags == ["waitlist"] and b1.capacity_status == "waitlist" and b1.contact is None
    ex = {e.team: e for e in r.excluded}
    assert ex["a2"].reason == "care_type_not_offered" and "personal_care" in ex["a2"].detail
    assert ex["a2"].organisation == "org-a"
    assert ex["a2"].client_preference is False and ex["a2"].explanation == ex["a2"].detail
    assert ex["a2"].to_dict() == {"team": "a2", "organisation": "org-a", "client_preference": False,
                                  "reason": "care_type_not_offered", "detail": ex["a2"].detail,
                                  "explanation": ex["a2"].detail,
                                  "specifics": {"kind": "care_not_offered", "care_type": "personal_care"}}
    assert "care_type_not_offered" in repr(ex["a2"])
    d = r.to_dict()
    assert d == json.loads(r.to_json())
    assert [c.to_dict() for c in r.candidates] == d["candidates"]
    assert d["candidates"][0]["possible_start"] == "2026-11-23"
    assert "candidates_found" in repr(r)
    with pytest.raises(AttributeError):
        r.outcome = "x"  # type: ignore[misc]


def test_accountable_when_nobody_can(basic: wijknet.Registry) -> None:
    r = basic.match({"location": "7511AA", "care_types": ["palliative_terminal"]}, NOW)
    assert r.outcome == "no_eligible_team" and r.candidates == []
    acc = r.accountable
    assert acc is not None
    assert (acc.party, acc.source, acc.via) == ("org-cp", "coordination_point", "cp-enschede")
    assert acc.contact is not None and acc.contact.phone == "053-2000000"
    assert acc.to_dict() == r.to_dict()["accountable"]
    assert "org-cp" in repr(acc)
    ins = basic.match({"location": "9998", "care_types": ["personal_care"], "insurer": "ins-a"}, NOW).accountable
    assert ins is not None and (ins.source, ins.via) == ("insurer_duty_of_care", None)


def test_typed_request_attributes() -> None:
    m = wijknet.MatchRequest(
        "7511 AB", ["wound_care", "nursing"], id="ref-1", urgency="planned", desired_start="2026-11-23",
        times_of_day=["day", "night"], insurer="ins-a", policy="natura", contracted_only=True,
        min_nurse_level="level_5", preferred_providers=["org-a"], refused_providers=("org-b",),
    )
    assert m.id == "ref-1" and m.location == "7511AB"
    assert m.care_types == ["nursing", "wound_care"]  # stable code order
    assert m.urgency == "planned" and m.desired_start == dt.date(2026, 11, 23) and m.latest_start is None
    assert m.times_of_day == ["day", "night"] and m.insurer == "ins-a" and m.policy == "natura"
    assert m.contracted_only is True and m.min_nurse_level == "level_5"
    assert (m.preferred_providers, m.refused_providers) == (["org-a"], ["org-b"])
    assert wijknet.MatchRequest.from_dict(m.to_dict()) == m
    assert wijknet.MatchRequest.from_json(m.to_json()) == m
    assert eval(repr(m), {"wijknet": wijknet}) == m
    default = wijknet.MatchRequest("7511", ["nursing"])
    assert (default.urgency, default.times_of_day, default.contracted_only) == ("planned", ["day"], False)
    with pytest.raises(AttributeError):
        m.location = "1000"  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs,cls,path",
    [
        ({"care_types": 5}, wijknet.JsonError, "$.care_types"),
        ({"care_types": ["massage"]}, wijknet.ValidationError, "$.care_types[0]"),
        ({"care_types": ["nursing", 7]}, wijknet.JsonError, "$.care_types[1]"),
        ({"location": "75"}, wijknet.ValidationError, "$.location"),
        ({"location": "7511A1"}, wijknet.ValidationError, "$.location"),
        ({"location": 7511}, wijknet.JsonError, "$.location"),
        ({"urgency": "soon"}, wijknet.ValidationError, "$.urgency"),
        ({"desired_start": "2026-13-01"}, wijknet.ValidationError, "$.desired_start"),
        ({"desired_start": dt.datetime(2026, 11, 23)}, wijknet.JsonError, "$.desired_start"),
        ({"contracted_only": "yes"}, wijknet.JsonError, "$.contracted_only"),
        ({"contracted_only": True}, wijknet.ValidationError, "$.contracted_only"),
        ({"min_nurse_level": "level_9"}, wijknet.ValidationError, "$.min_nurse_level"),
        ({"times_of_day": ["noon"]}, wijknet.ValidationError, "$.times_of_day[0]"),
        ({"preferred_providers": ["org-a"], "refused_providers": ["org-a"]}, wijknet.ValidationError,
         "$.refused_providers[0]"),
        ({"id": ""}, wijknet.ValidationError, "$.id"),
        ({"care_types": []}, wijknet.ValidationError, "$.care_types"),
    ],
)
def test_bad_requests_raise_the_documented_class_with_the_path(
    basic: wijknet.Registry, kwargs: Dict[str, Any], cls: type, path: str
) -> None:
    args: Dict[str, Any] = {"location": "7511AA", "care_types": ["nursing"]}
    args.update(kwargs)
    with pytest.raises(cls) as typed:
        wijknet.MatchRequest(args.pop("location"), args.pop("care_types"), **args)
    assert type(typed.value) is cls
    assert path in [p for p, _ in typed.value.problems]
    request = {"location": "7511AA", "care_types": ["nursing"], **kwargs}
    with pytest.raises(cls) as as_dict:
        basic.match(request, NOW)
    assert path in [p for p, _ in as_dict.value.problems]


def test_missing_and_unknown_keys(basic: wijknet.Registry) -> None:
    with pytest.raises(wijknet.JsonError) as e:
        basic.match({"care_types": ["nursing"]}, NOW)
    assert "missing field `location`" in str(e.value) and e.value.problems[0][0] == "$"
    with pytest.raises(wijknet.JsonError) as e2:
        basic.match({"location": "7511AA", "care_types": ["nursing"], "colour": "red"}, NOW)
    assert "unknown field `colour`" in str(e2.value)


def test_unknown_references_are_checked_against_the_registry(basic: wijknet.Registry) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        basic.match({"location": "7511AA", "care_types": ["nursing"], "insurer": "org-a",
                     "preferred_providers": ["nobody"]}, NOW)
    assert [p for p, _ in e.value.problems] == ["$.insurer", "$.preferred_providers[0]"]


def test_request_of_wrong_type(basic: wijknet.Registry) -> None:
    for bad in [42, None, ["7511AA"]]:
        with pytest.raises(TypeError):
            basic.match(bad, NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wijknet.MatchRequest.from_dict("not a dict")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wijknet.MatchRequest.from_json(42)  # type: ignore[arg-type]


def test_via_through_agreements(region: wijknet.Registry, region_agreements: wijknet.Agreements) -> None:
    req = {"location": "7511AA", "care_types": ["nursing", "wound_care"]}
    without = region.match(req, NOW)
    with_agreements = region.match(req, NOW, agreements=region_agreements)
    assert "solo-t" not in [c.team for c in without.candidates]
    solo = next(c for c in with_agreements.candidates if c.team == "solo-t")
    (via,) = solo.via
    assert (via.kind, via.agreement, via.delivering_team) == ("subcontracting", "sub-wound", "wnd-t")
    assert via.care_types == ["wound_care"] and via.times_of_day == []
    assert via.to_dict() == {"kind": "subcontracting", "agreement": "sub-wound", "delivering_team": "wnd-t",
                             "care_types": ["wound_care"], "times_of_day": []}
    assert "sub-wound" in repr(via)
    with pytest.raises(TypeError):
        region.match(req, NOW, agreements="sub-wound")  # type: ignore[arg-type]


def test_languages_the_client_speaks() -> None:
    region = wijknet.Registry.from_json(VECTORS / "registries" / "languages.json")
    req = wijknet.MatchRequest("7511AA", ["personal_care"], desired_start="2026-11-23", latest_start="2026-12-01",
                               languages=["tr"])
    assert req.languages == ["tr"] and req.to_dict()["languages"] == ["tr"]
    r = region.match(req, "2026-11-22T10:00:00Z")
    assert [c.team for c in r.candidates] == ["a1"]
    assert {e.team: e.reason for e in r.excluded if e.reason == "no_common_language"} == {
        "b1": "no_common_language", "c1": "no_common_language"}
    assert wijknet.MatchRequest("7511AA", ["nursing"]).languages == []
    assert "tr" in wijknet.codes("language") and wijknet.label("language", "dse", "nl") == "Nederlandse Gebarentaal"
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.MatchRequest("7511AA", ["nursing"], languages=["Klingon"])
    assert [p for p, _ in e.value.problems] == ["$.languages[0]"] and "Klingon" not in str(e.value)


def test_an_excluded_preferred_provider_says_it_was_the_clients_choice(basic: wijknet.Registry) -> None:
    # The client asks for org-a; its wound team has no free place for wound care.
    r = basic.match({"location": "7511AA", "care_types": ["wound_care"], "desired_start": "2026-11-23",
                     "preferred_providers": ["org-a"]}, NOW)
    ex = {e.team: e for e in r.excluded}
    assert ex["a2"].client_preference is True and ex["a2"].reason == "no_capacity"
    assert ex["a2"].explanation == "the client's preferred provider: " + ex["a2"].detail
    assert "the client's preferred provider" in repr(ex["a2"])
    assert ex["c1"].client_preference is False and ex["c1"].explanation == ex["c1"].detail


def test_local_instant_asks_which_occurrence_and_never_guesses() -> None:
    first = wijknet.local_instant("2026-10-25", "02:30", "first")
    second = wijknet.local_instant(dt.date(2026, 10, 25), dt.time(2, 30), occurrence="second")
    assert first == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second - first == dt.timedelta(hours=1)
    assert wijknet.local_instant("2026-07-01", "12:00") == dt.datetime(2026, 7, 1, 10, tzinfo=UTC)
    with pytest.raises(wijknet.LocalTimeError) as twice:
        wijknet.local_instant("2026-10-25", "02:30")
    assert twice.value.code == "local_time" and [p for p, _ in twice.value.problems] == ["$.occurrence"]
    assert isinstance(twice.value, wijknet.ValidationError) and "02:30" not in str(twice.value)
    with pytest.raises(wijknet.LocalTimeError) as skipped:
        wijknet.local_instant("2026-03-29", "02:30", "second")
    assert [p for p, _ in skipped.value.problems] == ["$.time"]
    with pytest.raises(wijknet.ValidationError) as bad:
        wijknet.local_instant("2026-10-25", "2:30pm")
    assert [p for p, _ in bad.value.problems] == ["$.time"]
    with pytest.raises(wijknet.ValidationError) as unknown:
        wijknet.local_instant("2026-10-25", "02:30", "third")
    assert [p for p, _ in unknown.value.problems] == ["$.occurrence"]
