"""Consent decisions from Python: request forms, decision objects, trace, audit, errors."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict

import pytest

import wijknet
from support import VECTORS

CASE = json.loads((VECTORS / "consent" / "01_social_worker_informs_gp.json").read_text(encoding="utf-8"))
EMERGENCY = json.loads((VECTORS / "consent" / "03_emergency_overrides_objection.json").read_text(encoding="utf-8"))
AT = CASE["at"]


@pytest.fixture(scope="module")
def store() -> wijknet.ConsentStore:
    return wijknet.ConsentStore.from_json(CASE["store"])


def test_store(store: wijknet.ConsentStore, tmp_path: Any) -> None:
    assert len(store) == len(CASE["store"]["clients"]) and store.version
    again = wijknet.ConsentStore.from_json(store.to_json())
    assert again.to_json() == store.to_json()
    path = tmp_path / "store.json"
    path.write_text(store.to_json(), encoding="utf-8")
    assert wijknet.ConsentStore.from_json(path).to_json() == store.to_json()
    assert "clients=" in repr(store)


def test_request_forms_agree(store: wijknet.ConsentStore) -> None:
    r = CASE["request"]
    typed = wijknet.ConsentRequest(r["client"], r["discloser"], r["recipient"], r["purpose"], r["categories"])
    assert typed == wijknet.ConsentRequest.from_dict(r) == wijknet.ConsentRequest.from_json(json.dumps(r))
    assert wijknet.ConsentRequest.from_json(typed.to_json()) == typed
    assert wijknet.ConsentRequest.from_dict(typed.to_dict()) == typed
    assert (typed.client, typed.purpose, typed.channel, typed.policy) == (
        "cl-1001", "care_coordination", "direct", "most_specific_wins")
    assert typed.categories == ["medical", "social_wmo"]  # stable code order
    assert "cl-1001" in repr(typed)
    at_dt = dt.datetime.fromisoformat(AT.replace("Z", "+00:00"))
    decisions = [store.decide(x, a) for x in (r, typed, json.dumps(r), json.dumps(r).encode()) for a in (AT, at_dt)]
    assert all(d == decisions[0] for d in decisions)
    assert typed.data_form is None


def test_data_form_decides_what_research_gets() -> None:
    case = json.loads((VECTORS / "consent" / "10_research_identified_without_consent_is_denied.json").read_text())
    r = case["request"]
    research = wijknet.ConsentStore.from_json(case["store"])
    outcome = {}
    for form in ("identified", "pseudonymised", "aggregated", None):
        typed = wijknet.ConsentRequest(
            r["client"], r["discloser"], r["recipient"], r["purpose"], r["categories"], data_form=form)
        assert typed.data_form == form
        assert ("data_form" in typed.to_dict()) == (form is not None)
        medical = research.decide(typed, case["at"]).get("medical")
        assert medical is not None
        outcome[form] = (medical.outcome, medical.obligations)
    # Contact details are never shared for research without consent: a partial deny, so what
    # is shared leaves them out (redact), unless nothing is shared at all.
    assert outcome == {
        "identified": ("deny", []),
        "pseudonymised": ("permit", ["pseudonymise", "redact"]),
        "aggregated": ("permit", ["redact"]),
        None: ("permit", ["pseudonymise", "redact"]),
    }
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.ConsentRequest(r["client"], r["discloser"], r["recipient"], r["purpose"], r["categories"],
                               data_form="anonymous")
    assert [p for p, _ in e.value.problems] == ["$.data_form"]


def test_decision_objects(store: wijknet.ConsentStore) -> None:
    d = store.decide(CASE["request"], AT)
    assert d.to_dict() == CASE["expected"]
    assert (d.client, d.policy, d.who_decides) == ("cl-1001", "most_specific_wins", "client")
    assert d.at == dt.datetime(2026, 3, 1, 10, tzinfo=dt.timezone.utc)
    assert d.permitted == ["social_wmo"] and d.all_permitted is False
    medical, social = d.categories
    assert (medical.category, medical.outcome, medical.basis, medical.permitted) == (
        "medical", "no_applicable_consent", "no_basis", False)
    assert medical.provision is None and medical.obligations == []
    assert social.permitted and social.provision == {"source": "consent", "id": "c-gp", "path": []}
    assert social.obligations == ["log_disclosure", "redact"] and d.redact == ["medical"]
    assert d.get("social_wmo") == social and d.get("medication") is None
    assert social.to_dict() == CASE["expected"]["categories"][1]
    assert "social_wmo" in repr(d) and "permit" in repr(social)
    with pytest.raises(wijknet.ValidationError) as e:
        d.get("gossip")
    assert e.value.problems[0][0] == "$.category"


def test_trace_and_audit(store: wijknet.ConsentStore) -> None:
    d, trace = store.decide_with_trace(CASE["request"], AT)
    assert d == store.decide(CASE["request"], AT)
    assert trace.who_decides == "client"
    assert trace.records and all({"source", "id", "reason"} <= set(r) for r in trace.records)
    assert [c["category"] for c in trace.categories] == ["medical", "social_wmo"]
    assert trace.to_dict()["records"] == trace.records
    assert "records=" in repr(trace)
    audit = store.audit_record(CASE["request"], AT)
    assert audit["data_version"] == store.version and audit["inputs_hash"].startswith("fnv1a64:")
    text = json.dumps(audit)
    for secret in ["Jansen", "1970"]:
        assert secret not in text


def test_emergency_vector_via_typed_request() -> None:
    s = wijknet.ConsentStore.from_json(EMERGENCY["store"])
    r = EMERGENCY["request"]
    typed = wijknet.ConsentRequest(
        r["client"], r["discloser"], r["recipient"], r["purpose"], r["categories"],
        channel=r.get("channel"), policy=r.get("policy"), emergency=r.get("emergency"),
        treatment_relationships=r.get("treatment_relationships"), agreements=r.get("agreements"),
    )
    assert s.decide(typed, EMERGENCY["at"]).to_dict() == EMERGENCY["expected"]


@pytest.mark.parametrize(
    "change,cls,path",
    [
        # An unknown code breaks a rule (`invalid`); a value of the wrong type stops the read (`json`).
        ({"purpose": "gossip"}, wijknet.ValidationError, "$.purpose"),
        ({"categories": ["medical", "gossip"]}, wijknet.ValidationError, "$.categories[1]"),
        ({"categories": "medical"}, wijknet.JsonError, "$.categories"),
        ({"recipient": {"organisation": "org-gp-1", "role": "astrologer"}}, wijknet.ValidationError,
         "$.recipient.role"),
        ({"channel": "pigeon"}, wijknet.ValidationError, "$.channel"),
    ],
)
def test_bad_requests(store: wijknet.ConsentStore, change: Dict[str, Any], cls: type, path: str) -> None:
    req = dict(CASE["request"], **change)
    with pytest.raises(cls) as e:
        store.decide(req, AT)
    assert type(e.value) is cls
    assert e.value.problems[0][0] == path
    with pytest.raises(cls):
        wijknet.ConsentRequest.from_dict(req)


def test_unknown_client_missing_key_and_bad_time(store: wijknet.ConsentStore) -> None:
    with pytest.raises(wijknet.NotFoundError):
        store.decide(dict(CASE["request"], client="cl-404"), AT)
    missing = dict(CASE["request"])
    del missing["purpose"]
    with pytest.raises(wijknet.JsonError) as e:
        store.decide(missing, AT)
    assert "purpose" in str(e.value)
    with pytest.raises(wijknet.ValidationError) as naive:
        store.decide(CASE["request"], dt.datetime(2026, 3, 1, 10))
    assert naive.value.problems[0][0] == "$.at"
    with pytest.raises(wijknet.ValidationError):
        store.decide(dict(CASE["request"], categories=[]), AT)
    with pytest.raises(TypeError):
        store.decide(42, AT)  # type: ignore[arg-type]


def test_invalid_store_never_shows_personal_data() -> None:
    bad = json.loads((VECTORS / "consent" / "06_invalid_store_reports_every_problem.json").read_text(encoding="utf-8"))
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.ConsentStore.from_json(bad["store"])
    shown = f"{e.value} {e.value.problems} {e.value!r}"
    for secret in bad["expected_error"]["must_not_contain"]:
        assert secret not in shown


def test_agreements_add_consent_facts(region_agreements: wijknet.Agreements) -> None:
    req = {"client": "client-0001", "discloser": {"organisation": "p1", "role": "home_care_provider"},
           "recipient": {"organisation": "gp", "role": "gp"}, "purpose": "direct_care", "categories": ["medical"]}
    enriched = region_agreements.add_consent_facts(req, "2026-11-22")
    d = enriched.to_dict()
    assert {"p1", "p4", "gp"} <= set(d["treatment_relationships"])
    assert isinstance(region_agreements.sharing_agreements_for("p1"), list)
    ids = [a["id"] for a in region_agreements.sharing_agreements_for("p1")]
    assert all(a["id"] in ids for a in d["agreements"])
    with pytest.raises(wijknet.ValidationError):
        region_agreements.add_consent_facts(req, "yesterday")


def test_decide_under_agreements_is_the_two_steps_in_one(region_agreements: wijknet.Agreements) -> None:
    store = wijknet.ConsentStore.from_json({"schema": "wijknet.consent/v1", "version": "t", "clients": [
        {"id": "client-0001", "date_of_birth": "1950-01-01", "can_decide": True}], "consents": [], "objections": []})
    req = {"client": "client-0001", "discloser": {"organisation": "p1", "role": "home_care_provider"},
           "recipient": {"organisation": "gp", "role": "gp"}, "purpose": "direct_care", "categories": ["medical"]}
    at = "2026-11-22T10:00:00Z"
    two_steps = store.decide(region_agreements.add_consent_facts(req, "2026-11-22"), at)
    one_call = store.decide(req, at, agreements=region_agreements)
    assert one_call.to_dict() == two_steps.to_dict()
    assert one_call.to_dict() != store.decide(req, at).to_dict(), "the agreements change this answer"
    traced, _ = store.decide_with_trace(req, at, agreements=region_agreements)
    assert traced.to_dict() == one_call.to_dict()
    audit = store.audit_record(req, at, agreements=region_agreements)
    assert audit == store.audit_record(region_agreements.add_consent_facts(req, "2026-11-22"), at)
    with pytest.raises(TypeError):
        store.decide(req, at, agreements="p1")  # type: ignore[arg-type]
