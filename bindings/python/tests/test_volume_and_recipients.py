"""Issue 13 from Python: how much care (hours, visits, visit moments) in matching, the recipient's
kind and a recipient named by its role only in consent, and the partial deny's redaction."""

from __future__ import annotations

import pytest

import wijknet
from conftest import NOW

STORE = {"schema": "wijknet.consent/v1", "version": "py-13",
         "clients": [{"id": "cl-1", "date_of_birth": "1950-01-01", "can_decide": True}],
         "consents": [{"id": "c-gemx", "client": "cl-1", "recorded_by": "org-a", "recorded_at": "2026-01-01T00:00:00Z",
                       "given_by": {"client": True}, "scope": "direct", "status": "active",
                       "period": {"start": "2026-01-01T00:00:00Z"},
                       "provision": {"effect": "permit", "actors": ["gem-x"]}}],
         "objections": [{"id": "o-ggz", "client": "cl-1", "recorded_by": "org-a", "recorded_at": "2026-01-01T00:00:00Z",
                         "made_by": {"client": True}, "status": "active", "period": {"start": "2026-01-01T00:00:00Z"},
                         "actors": ["gem-x"], "categories": ["mental_health"]}]}
AT = "2026-03-01T10:00:00Z"


def request(recipient: dict, categories: list) -> dict:
    return {"client": "cl-1", "discloser": {"organisation": "org-a", "role": "home_care_provider"},
            "recipient": recipient, "purpose": "care_coordination", "categories": categories}


def test_match_request_carries_the_volume(basic: wijknet.Registry) -> None:
    r = wijknet.MatchRequest("7511AA", ["nursing"], hours_per_week=2.5, visits_per_week=14,
                             visit_moments=["morning", "evening"])
    assert (r.hours_per_week, r.visits_per_week, r.visit_moments) == (2.5, 14, ["morning", "evening"])
    assert r.times_of_day == [] and r.to_dict()["visit_moments"] == ["morning", "evening"]
    result = basic.match(r, NOW)
    # The teams that work by day only cannot make the evening visit.
    assert {e.team: e.reason for e in result.excluded}["a2"] == "time_of_day_not_covered"
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.MatchRequest("7511AA", ["nursing"], hours_per_week=-1)
    assert [p for p, _ in e.value.problems] == ["$.hours_per_week"]


def test_free_hours_exclude_and_rank(basic: wijknet.Registry) -> None:
    update = {"team": "a1", "expected_version": 2, "status": "accepting", "earliest_start": "2026-11-23",
              "free_hours": {"personal_care": 1}, "updated_at": "2026-11-22T09:00:00Z"}
    reg = basic.update_capacities(update)
    req = {"location": "7511AA", "care_types": ["personal_care"], "desired_start": "2026-11-23",
           "latest_start": "2026-12-01"}
    # Without hours asked, a1 is a candidate as before, with no free hours shown.
    before = reg.match(req, NOW)
    assert "a1" in [c.team for c in before.candidates]
    assert all(c.free_hours is None for c in before.candidates)
    after = reg.match({**req, "hours_per_week": 3.5}, NOW)
    a1 = [e for e in after.excluded if e.team == "a1"][0]
    assert a1.reason == "not_enough_hours"
    assert a1.detail == "free for `personal_care`: 1 hour a week, the client needs 3.5 hours"
    enough = reg.match({**req, "hours_per_week": 0.5}, NOW)
    assert [c.free_hours for c in enough.candidates if c.team == "a1"] == [1.0]


def test_recipient_by_role_only_and_its_kind() -> None:
    store = wijknet.ConsentStore.from_json(STORE)
    named = store.decide(request({"organisation": "gem-x", "role": "municipality_social_team",
                                  "kind": "municipality"}, ["social_wmo"]), AT)
    assert named.categories[0].outcome == "permit"
    decision, trace = store.decide_with_trace(request({"role": "municipality_social_team"}, ["social_wmo"]), AT)
    assert decision.categories[0].outcome == "no_applicable_consent"
    assert {r["id"]: r["reason"] for r in trace.records}["c-gemx"] == "recipient_not_named"
    with pytest.raises(wijknet.ValidationError) as e:
        store.decide(request({"organisation": "gem-x", "role": "gp", "kind": "municipality"}, ["medical"]), AT)
    assert [p for p, _ in e.value.problems] == ["$.recipient.role"]


def test_a_partial_deny_lists_what_to_leave_out() -> None:
    store = wijknet.ConsentStore.from_json(STORE)
    d = store.decide(request({"organisation": "gem-x", "role": "municipality_social_team"},
                             ["social_wmo", "mental_health"]), AT)
    assert d.redact == ["mental_health"]
    assert d.get("social_wmo").obligations == ["log_disclosure", "redact"]
    assert d.to_dict()["redact"] == ["mental_health"]
    whole = store.decide(request({"organisation": "gem-x", "role": "municipality_social_team"}, ["social_wmo"]), AT)
    assert whole.redact == [] and "redact" not in whole.to_dict()


def _created(referral: str, **volume: object) -> dict:
    return {"id": f"{referral}.1", "referral": referral, "seq": 1, "at": "2026-03-02T09:00:00Z",
            "actor": {"role": "referrer", "id": "gp-1"}, "type": "created", "referrer": "gp-1",
            "care_types": ["personal_care"], "pc4": "7511", "acute": False, **volume}


def _placed(referral: str, **volume: object) -> list:
    gp, team = {"role": "referrer", "id": "gp-1"}, {"role": "team", "id": "t-a"}
    step = lambda seq, at, typ, actor, **kw: {"id": f"{referral}.{seq}", "referral": referral, "seq": seq,  # noqa: E731
                                               "at": at, "actor": actor, "type": typ, **kw}
    return [_created(referral, **volume),
            step(2, "2026-03-02T09:05:00Z", "submitted", gp),
            step(3, "2026-03-02T09:10:00Z", "offer_sent", gp, team="t-a"),
            step(4, "2026-03-02T10:00:00Z", "offer_accepted", team, team="t-a"),
            step(5, "2026-03-03T08:00:00Z", "care_started", team, team="t-a")]


def test_intake_volume_and_placed_hours() -> None:
    events = {"schema": "wijknet.referral-events/v1",
              "events": _placed("r1", hours_per_week=1.5, visits_per_week=3, visit_moments=["morning"])
              + _placed("r2", hours_per_week=0.75) + _placed("r3")}
    m = wijknet.ReferralBook.replay(events).monitoring()
    assert (m.placed, m.placed_hours_per_week, m.placed_without_hours) == (3, 2.25, 1)
    assert wijknet.Monitoring.from_json(m.to_json()) == m
    rows = {r["metric"]: r for r in m.table().to_pylist()}
    assert (rows["placed_hours_per_week"]["count"], rows["placed_hours_per_week"]["hours_per_week"]) == (2, 2.25)
    assert rows["placed_without_hours"]["count"] == 1
    # The intake's volume follows the match request's rules, each problem at its path.
    bad = {"schema": "wijknet.referral-events/v1",
           "events": [_created("r1", hours_per_week=0, visits_per_week=169, visit_moments=["noon"])]}
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.ReferralBook.replay(bad)
    assert [p for p, _ in e.value.problems] == ["$.events[0].visits_per_week", "$.events[0].hours_per_week",
                                                "$.events[0].visit_moments[0]"]
