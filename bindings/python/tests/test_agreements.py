"""Agreements from Python: loading, on-call, checks, mandates, case teams, errors with paths."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import wijknet
from support import VECTORS

UTC = dt.timezone.utc
AGREEMENTS = VECTORS / "registries" / "region.agreements.json"


def test_load_forms_and_round_trip(region: wijknet.Registry, region_agreements: wijknet.Agreements) -> None:
    text = AGREEMENTS.read_text(encoding="utf-8")
    for source in [AGREEMENTS, str(AGREEMENTS), text, text.encode(), json.loads(text)]:
        a = wijknet.Agreements.from_json(source, region)
        assert a.to_json() == region_agreements.to_json()
    assert wijknet.Agreements.from_json(region_agreements.to_json(), region).to_json() == region_agreements.to_json()
    assert region_agreements.to_dict() == json.loads(region_agreements.to_json())
    assert region_agreements.version == json.loads(text)["version"]
    assert region_agreements.ids()[:2] == ["night-enschede", "sub-wound"]
    assert len(region_agreements) == len(json.loads(text)["agreements"])
    assert "agreements=" in repr(region_agreements)


def test_on_call(region: wijknet.Registry, region_agreements: wijknet.Agreements) -> None:
    at = dt.datetime(2026, 3, 29, 4, 30, tzinfo=UTC)
    oc = region_agreements.on_call(region, "7514AB", at)
    assert oc.outcome == "covered" and oc.location == "7514AB" and oc.at == at and oc.uncovered == []
    (duty,) = oc.duties
    assert (duty.agreement, duty.team, duty.organisation) == ("night-enschede", "night-p3", "p3")
    assert duty.night == dt.date(2026, 3, 28)
    assert duty.shift_start == dt.datetime(2026, 3, 28, 22, tzinfo=UTC)
    assert duty.shift_end == dt.datetime(2026, 3, 29, 5, tzinfo=UTC)
    assert duty.contact is not None and duty.contact.phone == "06-31000003"
    assert duty.accountable is not None and duty.accountable.name == "Bestuurder p3"
    assert duty.to_dict() == oc.to_dict()["duties"][0]
    assert "night-p3" in repr(duty) and "covered" in repr(oc)
    # The same instant as text, and in another zone, gives the same answer.
    assert region_agreements.on_call(region, "7514AB", "2026-03-29T04:30:00Z") == oc
    cest = dt.timezone(dt.timedelta(hours=2))
    assert region_agreements.on_call(region, "7514AB", dt.datetime(2026, 3, 29, 6, 30, tzinfo=cest)) == oc
    gap = region_agreements.on_call(region, "7511AA", "2026-12-24T23:00:00Z")
    assert (gap.outcome, gap.duties, gap.uncovered) == ("nobody_on_duty", [], ["night-enschede"])


def test_check(region: wijknet.Registry, region_agreements: wijknet.Agreements) -> None:
    findings = region_agreements.check(region, dt.date(2026, 11, 22), 60)
    assert [f.code for f in findings] == ["night_gap", "review_overdue", "mandate_expired"]
    gap = findings[0]
    assert (gap.agreement, gap.field) == ("night-enschede", "terms.rota")
    assert gap.from_date == gap.to_date == dt.date(2026, 12, 24)
    assert gap.message and "2026-12-24" in gap.to_dict()["from"]
    assert findings[1].to_date is None and findings[1].to_dict()["to"] is None
    assert "night_gap" in repr(gap)
    assert [f.to_dict() for f in region_agreements.check(region, "2026-11-22", 60)] == [f.to_dict() for f in findings]


def test_may_assess(region_agreements: wijknet.Agreements) -> None:
    ok = region_agreements.may_assess("p1", "wmo_household_help", dt.date(2026, 3, 1))
    assert ok.allowed and ok.outcome == "allowed"
    assert (ok.agreement, ok.municipality) == ("mandate-wmo", "muni")
    assert ok.assessment_valid_until == dt.date(2026, 8, 30)
    expired = region_agreements.may_assess("p1", "wmo_household_help", "2026-11-22")
    assert not expired.allowed and expired.outcome == "mandate_expired" and expired.assessment_valid_until is None
    nobody = region_agreements.may_assess("zz", "wmo_household_help", "2026-11-22")
    assert (nobody.outcome, nobody.agreement, nobody.municipality) == ("no_mandate", None, None)
    assert nobody.to_dict() == {"outcome": "no_mandate", "agreement": None, "municipality": None,
                                "assessment_valid_until": None}
    assert "no_mandate" in repr(nobody)


def test_case_team(region_agreements: wijknet.Agreements) -> None:
    assert region_agreements.case_team("client-0001", dt.date(2026, 11, 22)) == ["p1", "p4", "gp"]
    assert region_agreements.case_team("client-0001", "2026-08-01") == []
    assert region_agreements.case_team("client-9999", "2026-11-22") == []


@pytest.mark.parametrize(
    "call,path",
    [
        (lambda a, r: a.on_call(r, "75", "2026-03-29T04:30:00Z"), "$.location"),
        (lambda a, r: a.on_call(r, 7514, "2026-03-29T04:30:00Z"), "$.location"),
        (lambda a, r: a.on_call(r, "7514AB", dt.datetime(2026, 3, 29, 4)), "$.at"),
        (lambda a, r: a.on_call(r, "7514AB", "29-03-2026"), "$.at"),
        (lambda a, r: a.check(r, "2026-02-30", 60), "$.today"),
        (lambda a, r: a.check(r, dt.datetime(2026, 2, 1, tzinfo=UTC), 60), "$.today"),
        (lambda a, r: a.check(r, "2026-02-01", -1), "$.horizon_days"),
        (lambda a, r: a.check(r, "2026-02-01", "60"), "$.horizon_days"),
        (lambda a, r: a.may_assess("p1", "massage", "2026-03-01"), "$.care_type"),
        (lambda a, r: a.may_assess("p1", 3, "2026-03-01"), "$.care_type"),
        (lambda a, r: a.may_assess("p1", "wmo_support", 20260301), "$.date"),
        (lambda a, r: a.case_team("client-0001", "tomorrow"), "$.date"),
    ],
)
def test_bad_arguments_name_the_argument(
    region: wijknet.Registry, region_agreements: wijknet.Agreements, call: Any, path: str
) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        call(region_agreements, region)
    assert e.value.problems[0][0] == path and e.value.code == "invalid"


def test_invalid_documents(region: wijknet.Registry) -> None:
    doc = json.loads(AGREEMENTS.read_text(encoding="utf-8"))
    doc["agreements"][0]["parties"][0]["organisation"] = "nobody"
    doc["agreements"][1]["kind"] = "handshake"
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.Agreements.from_json(doc, region)
    paths = [p for p, _ in e.value.problems]
    assert any(p.startswith("$.agreements[0].parties[0]") for p in paths)
    assert any(p.startswith("$.agreements[1]") for p in paths)
    with pytest.raises(wijknet.SchemaError):
        wijknet.Agreements.from_json({"schema": "wijknet.registry/v1"}, region)
    with pytest.raises(wijknet.JsonError):
        wijknet.Agreements.from_json(b"{", region)
    with pytest.raises(TypeError):
        wijknet.Agreements.from_json(AGREEMENTS, "region")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        wijknet.Agreements.from_json(3, region)  # type: ignore[arg-type]
