"""The consent and referral conformance vectors, through the Python API.

Both folders' READMEs compare answers as whole JSON values (exact equality, which implies the
pattern rule of tests/vectors/README.md). Each case runs in several input forms."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any, Dict

import pytest

import wijknet
from support import cases

CONSENT = cases("consent")
REFERRAL = cases("referral")


def test_the_vectors_are_there() -> None:
    assert len(CONSENT) >= 13
    assert len(REFERRAL) >= 7


def instant(text: str, form: str) -> Any:
    return text if form != "typed" else dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("form", ["dict", "typed", "json"])
@pytest.mark.parametrize("name,case", CONSENT, ids=[n for n, _ in CONSENT])
def test_consent_vector(name: str, case: Dict[str, Any], form: str) -> None:
    store_source: Any = case["store"] if form != "json" else json.dumps(case["store"])
    if "expected_error" in case:
        exp = case["expected_error"]
        with pytest.raises(wijknet.WijknetError) as e:
            wijknet.ConsentStore.from_json(store_source)
        assert e.value.code == exp["code"]
        assert {p for p, _ in e.value.problems} == set(exp["paths"])
        shown = f"{e.value} {e.value.problems!r}"
        for secret in exp.get("must_not_contain", []):
            assert secret not in shown
        return
    store = wijknet.ConsentStore.from_json(store_source)
    request: Any = {
        "dict": case["request"],
        "json": json.dumps(case["request"]),
        "typed": wijknet.ConsentRequest.from_dict(case["request"]),
    }[form]
    at = instant(case["at"], form)
    decision = store.decide(request, at)
    traced, trace = store.decide_with_trace(request, at)
    assert traced == decision
    assert decision.to_dict() == case["expected"]
    assert json.loads(decision.to_json()) == case["expected"]
    assert [c.to_dict() for c in decision.categories] == case["expected"]["categories"]
    assert trace.to_dict()["who_decides"] == case["expected"]["who_decides"]
    assert decision.redact == case["expected"].get("redact", [])
    if "expected_trace" in case:
        assert {r["id"]: r["reason"] for r in trace.records} == case["expected_trace"]
    if "expected_audit" in case:
        audit = store.audit_record(request, at)
        for key in ["decision_id", "inputs_hash", "data_version"]:
            assert audit[key] == case["expected_audit"][key], key


def referral_answer(case: Dict[str, Any], form: str) -> Dict[str, Any]:
    events = case["events"]
    if form == "step":
        # Parse the whole document first (problems carry document paths), then apply one by one.
        try:
            wijknet.ReferralHistory.from_json(events).table()
        except wijknet.WijknetError as e:
            return {"error": error_value(e, None)}
        book = wijknet.ReferralBook()
        for i, event in enumerate(events["events"]):
            try:
                book.apply(event)
            except wijknet.WijknetError as e:
                return {"error": error_value(e, i)}
    else:
        source: Any = events if form == "dict" else json.dumps(events)
        try:
            book = wijknet.ReferralBook.replay(source)
        except wijknet.WijknetError as e:
            return {"error": error_value(e, e.event_index)}
    summaries = book.summaries()
    # Summaries pickle (as their JSON) and come back equal.
    assert pickle.loads(pickle.dumps(summaries)) == summaries
    out: Dict[str, Any] = {
        "referrals": [s.to_dict() for s in summaries],
        "monitoring": book.monitoring().to_dict(),
    }
    if "checks" in case:
        out["checks"] = [book.check_escalation(c["referral"], c["policy"], c["now"]) for c in case["checks"]]
    return out


def error_value(e: wijknet.WijknetError, index: Any) -> Dict[str, Any]:
    v: Dict[str, Any] = {"code": e.code}
    if e.code in ("invalid", "json", "schema"):
        v["paths"] = [p for p, _ in e.problems]
    if index is not None:
        v["event_index"] = index
    return v


@pytest.mark.parametrize("form", ["dict", "json", "step"])
@pytest.mark.parametrize("name,case", REFERRAL, ids=[n for n, _ in REFERRAL])
def test_referral_vector(name: str, case: Dict[str, Any], form: str) -> None:
    assert referral_answer(case, form) == case["expect"]
