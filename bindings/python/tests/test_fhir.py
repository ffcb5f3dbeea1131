"""FHIR R4 through the front door: FhirDirectory (merged, shared), Registry.from_fhir/to_fhir, consent stores as
FHIR Consents, audit records as AuditEvents, referral events as ServiceRequest/Task history.

Real data: the demo region (examples/data/twente.json), the public IG examples of
fhir/tests/data, the consent and referral conformance vectors. Round trips give equal documents.
"""

from __future__ import annotations

import copy
import json
import threading
from typing import Any, Dict, Tuple

import pytest

import wijknet
from support import REPO, VECTORS

FHIR_DATA = REPO / "fhir" / "tests" / "data"
TWENTE = REPO / "examples" / "data" / "twente.json"


@pytest.fixture(scope="module")
def twente() -> wijknet.Registry:
    return wijknet.Registry.from_json(TWENTE)


@pytest.mark.parametrize("bundle_type", [None, "collection", "transaction", "searchset"])
def test_registry_round_trips_through_fhir(twente: wijknet.Registry, bundle_type: Any) -> None:
    fhir = twente.to_fhir() if bundle_type is None else twente.to_fhir(bundle_type)
    assert json.loads(fhir)["type"] == (bundle_type or "collection")
    if bundle_type == "searchset":
        entries = json.loads(fhir)["entry"]
        assert json.loads(fhir)["total"] == len(entries)
        assert all(e["search"] == {"mode": "match"} for e in entries)
    back = wijknet.Registry.from_fhir(fhir)
    assert back.to_json() == twente.to_json()
    # as bytes and as a dict too, and through a directory
    assert wijknet.Registry.from_fhir(fhir.encode()).to_json() == twente.to_json()
    assert wijknet.Registry.from_fhir(json.loads(fhir)).to_json() == twente.to_json()
    directory = wijknet.FhirDirectory.from_json(fhir)
    assert directory.registry().to_json() == twente.to_json()
    assert directory.resource_count > len(twente)
    assert "FhirDirectory" in repr(directory)


def test_unknown_bundle_type(twente: wijknet.Registry) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        twente.to_fhir("history")
    assert e.value.problems[0][0] == "$.bundle_type"
    assert "searchset" in e.value.problems[0][1] and "history" not in e.value.problems[0][1]


def test_ig_examples() -> None:
    r = wijknet.Registry.from_fhir(FHIR_DATA / "nl-gf-admin-directory-org1.json")
    orgs = r.organisations()
    assert [(o["id"], o["kind"]) for o in orgs] == [("4cb35b96-f021-4e15-bf71-d67a6d4bebec", "gp_practice")]
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.FhirDirectory.from_json(FHIR_DATA / "ihe-mcsd-examples.json")
    paths = [p for p, _ in e.value.problems]
    assert "Bundle.entry[0].resource.type" in paths
    assert all(p.startswith("Bundle") for p in paths)
    assert e.value.code == "invalid"
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.Registry.from_fhir(str(FHIR_DATA / "nl-gf-admin-directory-org3.json"))
    assert "Bundle.entry[5].resource.type" in [p for p, _ in e.value.problems]


def test_structural_errors() -> None:
    with pytest.raises(wijknet.JsonError):
        wijknet.FhirDirectory.from_json('{"resourceType": "Bundle", "type": "collection", "type": "history"}')
    with pytest.raises(wijknet.JsonError):
        wijknet.FhirDirectory.from_json(b"{")
    with pytest.raises(TypeError):
        wijknet.FhirDirectory.from_json(42)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        wijknet.Registry.from_fhir("no-such-bundle.json")


def _capacity_history(svc: Dict[str, Any], status: str, version: int) -> Dict[str, Any]:
    svc = copy.deepcopy(svc)
    for ext in svc["extension"]:
        if ext["url"].endswith("/capacity"):
            for sub in ext["extension"]:
                if sub["url"] == "status":
                    sub["valueCode"] = status
                elif sub["url"] == "version":
                    sub["valueString"] = str(version)
                elif sub["url"] == "updatedAt":
                    sub["valueInstant"] = "2026-11-22T13:00:00Z"
    entry = {"resource": svc, "request": {"method": "PUT", "url": f"HealthcareService/{svc['id']}"}}
    return {"resourceType": "Bundle", "type": "history", "entry": [entry]}


def _first_service(twente: wijknet.Registry) -> Tuple[Dict[str, Any], Dict[str, Any], Dict[str, Any]]:
    bundle = json.loads(twente.to_fhir())
    team = twente.teams()[0]
    svc = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "HealthcareService" and e["resource"]["id"] == team["id"]
    )
    return bundle, team, svc


def test_apply_history(twente: wijknet.Registry) -> None:
    bundle, team, svc = _first_service(twente)
    directory = wijknet.FhirDirectory.from_json(bundle)
    history = _capacity_history(svc, "full", team["capacity"]["version"] + 1)
    nxt = directory.apply_history(history)
    after = nxt.registry()
    assert after.version == twente.version + 1
    assert after.team(team["id"])["capacity"]["status"] == "full"
    assert directory.registry().team(team["id"])["capacity"]["status"] == team["capacity"]["status"]
    # the same change again is no change (the stored resource is identical)
    assert nxt.apply_history(json.dumps(history)).registry().version == after.version
    # another change based on the version before it: a conflict
    with pytest.raises(wijknet.VersionConflictError):
        nxt.apply_history(_capacity_history(svc, "waitlist", team["capacity"]["version"] + 1))
    with pytest.raises(wijknet.NotFoundError):
        directory.apply_history(
            {"resourceType": "Bundle", "type": "history",
             "entry": [{"request": {"method": "DELETE", "url": "Organization/not-there"}}]}
        )
    with pytest.raises(wijknet.ValidationError) as e:
        directory.apply_history(
            {"resourceType": "Bundle", "type": "history",
             "entry": [{"resource": {"resourceType": "Patient", "id": "p"},
                        "request": {"method": "PUT", "url": "Patient/p"}}]}
        )
    assert all(p.startswith("Bundle.entry[0]") for p, _ in e.value.problems)


def test_merge(twente: wijknet.Registry) -> None:
    bundle, team, svc = _first_service(twente)
    directory = wijknet.FhirDirectory.from_json(bundle)
    assert wijknet.FhirDirectory.merge([directory, directory]).registry().to_json() == twente.to_json()
    assert len(wijknet.FhirDirectory.merge([]).registry()) == 0
    changed = directory.apply_history(_capacity_history(svc, "full", team["capacity"]["version"] + 1))
    # the same resource, different, and neither dated later: nothing is guessed
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.FhirDirectory.merge([directory, changed])
    assert e.value.problems and all(p.startswith("source[") for p, _ in e.value.problems)
    # dated: the later wins, whatever the order of the sources (an undated one is never later)
    for e in bundle["entry"]:
        if e["resource"] is svc:
            e["resource"]["meta"] = {"lastUpdated": "2026-11-21T13:00:00Z"}
    earlier = wijknet.FhirDirectory.from_json(bundle)
    later = copy.deepcopy(svc)
    later["meta"] = {"lastUpdated": "2026-11-22T13:00:00Z"}
    dated = earlier.apply_history(_capacity_history(later, "full", team["capacity"]["version"] + 1))
    for order in ([earlier, dated], [dated, earlier]):
        merged = wijknet.FhirDirectory.merge(order).registry()
        assert merged.team(team["id"])["capacity"]["status"] == "full"
    with pytest.raises(TypeError):
        wijknet.FhirDirectory.merge([directory, twente])  # type: ignore[list-item]


def test_shared_directory_installs_one_of_two_racing_changes(twente: wijknet.Registry) -> None:
    bundle, team, svc = _first_service(twente)
    directory = wijknet.FhirDirectory.from_json(bundle)
    shared = wijknet.SharedFhirDirectory(directory)
    assert shared.current().registry().version == twente.version
    full = _capacity_history(svc, "full", team["capacity"]["version"] + 1)
    waitlist = _capacity_history(svc, "waitlist", team["capacity"]["version"] + 1)
    installed = shared.apply_history(full)
    assert installed.registry().team(team["id"])["capacity"]["status"] == "full"
    with pytest.raises(wijknet.VersionConflictError):
        shared.apply_history(waitlist)
    assert shared.current().registry().team(team["id"])["capacity"]["status"] == "full"
    shared.replace(directory)
    assert shared.current().registry().version == twente.version
    assert "SharedFhirDirectory" in repr(shared)
    for _ in range(10):
        shared.replace(directory)
        outcomes: list = []
        barrier = threading.Barrier(2)

        def write(history: Dict[str, Any]) -> None:
            barrier.wait()
            try:
                shared.apply_history(history)
                outcomes.append("ok")
            except wijknet.VersionConflictError:
                outcomes.append("conflict")

        threads = [threading.Thread(target=write, args=(h,)) for h in (full, waitlist)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["conflict", "ok"]


def _consent_case() -> Dict[str, Any]:
    return json.loads((VECTORS / "consent" / "01_social_worker_informs_gp.json").read_text())


def test_consent_store_round_trips_through_fhir() -> None:
    case = _consent_case()
    store = wijknet.ConsentStore.from_json(case["store"])
    fhir = store.to_fhir()
    assert {e["resource"]["resourceType"] for e in json.loads(fhir)["entry"]} == {"Consent"}
    back = wijknet.ConsentStore.from_fhir(fhir, store)
    assert back.to_json() == store.to_json()
    assert back.decide(case["request"], case["at"]) == store.decide(case["request"], case["at"])
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.ConsentStore.from_fhir(
            {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": {"resourceType": "Task"}}]}, store
        )
    assert e.value.problems[0][0] == "Bundle.entry[0].resource.resourceType"
    with pytest.raises(TypeError):
        wijknet.ConsentStore.from_fhir(fhir, "not a store")  # type: ignore[arg-type]


def test_audit_event() -> None:
    case = _consent_case()
    store = wijknet.ConsentStore.from_json(case["store"])
    record = store.audit_record(case["request"], case["at"])
    event = json.loads(wijknet.audit_event_to_fhir(record))
    assert event["resourceType"] == "AuditEvent"
    assert json.loads(wijknet.audit_event_to_fhir(json.dumps(record))) == event
    with_bsn = wijknet.audit_event_to_fhir(record, bsn="111222333")
    assert with_bsn.count("111222333") == 1
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.audit_event_to_fhir(record, bsn="123456789")
    assert e.value.problems == [("bsn", e.value.problems[0][1])]
    assert "123456789" not in str(e.value) and "123456789" not in repr(e.value.problems)
    with pytest.raises(wijknet.JsonError):
        wijknet.audit_event_to_fhir({**record, "extra": 1})
    with pytest.raises(TypeError):
        wijknet.audit_event_to_fhir(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["joint_intake.json", "escalation_and_outcomes.json"])
def test_referral_events_round_trip_through_fhir(name: str) -> None:
    case = json.loads((VECTORS / "referral" / name).read_text())
    events = case["events"]
    fhir = wijknet.referral_events_to_fhir(events)
    bundle = json.loads(fhir)
    assert bundle["type"] == "history"
    back = wijknet.referral_events_from_fhir(fhir)
    assert len(back) == len(events["events"])
    a = wijknet.ReferralBook.replay(events)
    b = wijknet.ReferralBook.replay(back)
    assert [s.to_dict() for s in a.summaries()] == [s.to_dict() for s in b.summaries()]
    assert wijknet.referral_events_to_fhir(events["events"]) == fhir


def test_referral_history_problems() -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.referral_events_from_fhir(
            {"resourceType": "Bundle", "type": "history", "entry": [{"resource": {"resourceType": "Patient"}}]}
        )
    assert all(p.startswith("Bundle") for p, _ in e.value.problems)
