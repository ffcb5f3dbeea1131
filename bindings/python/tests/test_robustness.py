"""Bad input of every kind ends in a documented exception, never in a panic or a crash.

Seeded random mutations of the conformance documents (values of the wrong type, unknown codes,
odd postcodes, huge numbers, missing and extra keys) are fed to every entry point. A panic arrives
as ``InternalError`` (a WijknetError, so callers' ``except Exception`` holds), or, were the guard
missing, as pyo3's PanicException, a BaseException: the test catches BaseException and fails on
both, and on anything else but the documented classes.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from typing import Any, Callable, List

import pytest

import wijknet
from support import VECTORS, cases, paths

# OSError: `Registry.from_json` reads a str that is not JSON text as a path (documented).
ALLOWED = (wijknet.WijknetError, TypeError, OSError)

ODD_VALUES: List[Any] = [
    None, True, 0, -1, 2**63, -(2**63) - 1, 2**70, 1.5, float("inf"), "", " ", "x" * 10_000, "\u0000", "é€😀",
    "7511", "7511AA", "0000", "9999ZZ", "2026-02-30", "2026-11-22T25:00:00Z", "level_9", "wound_care", [], [1, "a"],
    {}, {"a": {"b": []}}, dt.date(2026, 1, 1), dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
    {1, 2}, b"bytes", object(),
]


def odd(rng: random.Random) -> Any:
    v = rng.choice(ODD_VALUES)
    return v if isinstance(v, (bytes, str, int, float, dt.date, type(None))) or type(v) is object else copy.deepcopy(v)


def mutate(doc: Any, rng: random.Random) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        candidates = [p for p in paths(doc) if p]
        if not candidates:
            return odd(rng)
        p = rng.choice(candidates)
        parent = doc
        for k in p[:-1]:
            parent = parent[k]
        action = rng.random()
        if action < 0.15 and isinstance(parent, dict):
            del parent[p[-1]]
        elif action < 0.25 and isinstance(parent, dict):
            parent["unexpected_" + str(rng.randint(0, 9))] = odd(rng)
        else:
            parent[p[-1]] = odd(rng)
    return doc


def survive(call: Callable[[], Any]) -> None:
    try:
        call()
    except BaseException as e:  # noqa: B036 - a panic is a BaseException: that is what is tested
        # Caught by the panic guard, but still a bug in wijknet.
        if isinstance(e, wijknet.InternalError):
            raise AssertionError(f"panic inside wijknet: {e}") from e
        if not isinstance(e, ALLOWED):
            raise AssertionError(f"undocumented exception {type(e).__module__}.{type(e).__name__}: {e}") from e
        if isinstance(e, wijknet.WijknetError):
            assert e.code and str(e)
            for p, r in e.problems:
                assert isinstance(p, str) and isinstance(r, str)


REQUESTS = [c["request"] for _, c in cases("matching")] + [
    c["input"]["request"] for _, c in cases("agreements") if c["operation"] == "match"
]
UPDATES = [u for _, c in cases("matching") for u in c.get("capacity_updates", [])]


@pytest.mark.parametrize("seed", range(8))
def test_mutated_requests_and_updates(basic: wijknet.Registry, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(150):
        req = mutate(rng.choice(REQUESTS), rng)
        survive(lambda: basic.match(req, "2026-11-22T10:00:00Z"))
        survive(lambda: wijknet.MatchRequest.from_dict(req) if isinstance(req, dict) else None)
        survive(lambda: basic.match(json.dumps(req, default=str), "2026-11-22T10:00:00Z"))
        upd = mutate(rng.choice(UPDATES), rng)
        survive(lambda: basic.update_capacities(upd))


@pytest.mark.parametrize("seed", range(4))
def test_mutated_documents(region: wijknet.Registry, seed: int) -> None:
    rng = random.Random(1000 + seed)
    registry = json.loads((VECTORS / "registries" / "region.json").read_text(encoding="utf-8"))
    agreements = json.loads((VECTORS / "registries" / "region.agreements.json").read_text(encoding="utf-8"))
    for _ in range(60):
        survive(lambda: wijknet.Registry.from_json(mutate(registry, rng)))
        survive(lambda: wijknet.Agreements.from_json(mutate(agreements, rng), region))


@pytest.mark.parametrize("seed", range(4))
def test_odd_arguments_everywhere(region: wijknet.Registry, region_agreements: wijknet.Agreements, seed: int) -> None:
    rng = random.Random(2000 + seed)
    a = region_agreements
    calls: List[Callable[[Any], Any]] = [
        lambda v: a.on_call(region, v, "2026-03-29T04:30:00Z"),
        lambda v: a.on_call(region, "7514AB", v),
        lambda v: a.check(region, v, 30),
        lambda v: a.check(region, "2026-11-22", v),
        lambda v: a.may_assess("p1", v, "2026-03-01"),
        lambda v: a.may_assess("p1", "wmo_support", v),
        lambda v: a.may_assess(v, "wmo_support", "2026-03-01"),
        lambda v: a.case_team(v, "2026-03-01"),
        lambda v: region.match({"location": "7511AA", "care_types": ["nursing"]}, v),
        lambda v: region.match({"location": "7511AA", "care_types": ["nursing"]}, "2026-11-22T10:00:00Z", v),
        lambda v: wijknet.label(v, "nursing"),
        lambda v: wijknet.label("care_type", v),
        lambda v: wijknet.codes(v),
        lambda v: wijknet.MatchRequest(v, ["nursing"]),
        lambda v: wijknet.MatchRequest("7511AA", v),
        lambda v: wijknet.MatchRequest("7511AA", ["nursing"], urgency=v, desired_start=v),
        lambda v: wijknet.Registry.from_json(v),
        lambda v: wijknet.MatchRequest.from_json(v),
    ]
    for _ in range(300):
        call, value = rng.choice(calls), rng.choice(ODD_VALUES)
        survive(lambda: call(value))


def test_self_containing_values_are_refused_not_recursed(basic: wijknet.Registry, region: wijknet.Registry) -> None:
    # Found by the mutation tests above: a dict that contains itself overflowed the stack. Where a
    # code is expected it is refused at once, as the same place holding an object in JSON text.
    req: dict = {"location": "7511AA", "care_types": ["nursing"]}
    req["care_types"].append(req)
    with pytest.raises(wijknet.JsonError) as e:
        basic.match(req, "2026-11-22T10:00:00Z")
    assert e.value.problems == [("$.care_types[1]", "expected a string, found an object")]
    # Where any JSON value may stand (an agreement's terms are read as one before they are
    # checked), it is read until the nesting limit, and refused there.
    doc = json.loads((VECTORS / "registries" / "region.agreements.json").read_text(encoding="utf-8"))
    terms = doc["agreements"][0]["terms"]
    terms["overrides"] = [terms]
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Agreements.from_json(doc, region)
    assert "nested more than 128 levels deep (or contains itself)" in str(e.value)
    assert e.value.problems[0][0].startswith("$.agreements[0].terms.overrides[0].overrides[0]")
    deep: Any = "nursing"
    for _ in range(500):
        deep = [deep]
    with pytest.raises(wijknet.JsonError):
        basic.match({"location": "7511AA", "care_types": deep}, "2026-11-22T10:00:00Z")


CONSENT_CASES = [c for _, c in cases("consent") if c.get("request")]
REFERRAL_EVENTS = [c["events"] for _, c in cases("referral")]


@pytest.mark.parametrize("seed", range(4))
def test_mutated_consent_inputs(seed: int) -> None:
    rng = random.Random(3000 + seed)
    stores = [wijknet.ConsentStore.from_json(c["store"]) for c in CONSENT_CASES]
    for _ in range(150):
        k = rng.randrange(len(CONSENT_CASES))
        case = CONSENT_CASES[k]
        req = mutate(case["request"], rng)
        survive(lambda: stores[k].decide(req, case["at"]))
        survive(lambda: stores[k].decide_with_trace(req, case["at"]))
        survive(lambda: wijknet.ConsentRequest.from_dict(req) if isinstance(req, dict) else None)
        survive(lambda: wijknet.ConsentStore.from_json(mutate(case["store"], rng)))


@pytest.mark.parametrize("seed", range(4))
def test_mutated_referral_events(seed: int) -> None:
    rng = random.Random(4000 + seed)
    for _ in range(100):
        doc = mutate(rng.choice(REFERRAL_EVENTS), rng)
        survive(lambda: wijknet.ReferralBook.replay(doc))
        survive(lambda: wijknet.ReferralHistory.from_json(doc).table())
        book = wijknet.ReferralBook()
        events = doc.get("events") if isinstance(doc, dict) else None
        for event in events if isinstance(events, list) else []:
            survive(lambda: book.apply(event))
        survive(lambda: book.check_escalation("r1", mutate({"accountable": "cp", "max_declines": 2,
                                                             "max_unplaced_acute_secs": 60,
                                                             "max_unplaced_non_acute_secs": 60}, rng),
                                              "2026-03-02T10:00:00Z"))
        survive(lambda: book.monitoring().table().to_pylist())


class _Meddling(dt.tzinfo):
    """A time zone whose ``utcoffset`` empties a dict or list of the document being read."""

    def __init__(self, victim: Any) -> None:
        self.victim = victim

    def utcoffset(self, d: Any) -> dt.timedelta:
        self.victim.clear()
        return dt.timedelta(0)

    def dst(self, d: Any) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, d: Any) -> str:
        return "UTC"


def test_values_changed_while_they_are_read() -> None:
    # Python code can run while a dict is read (a datetime's tzinfo): what it changes is read as a
    # snapshot (a dict) or as it then is (a list), never an internal error.
    doc = json.loads((VECTORS / "registries" / "basic.json").read_text(encoding="utf-8"))
    capacity = doc["teams"][0]["capacity"]
    capacity["updated_at"] = dt.datetime(2026, 11, 21, 9, tzinfo=_Meddling(capacity))
    survive(lambda: wijknet.Registry.from_json(doc))
    assert capacity == {}
    doc = json.loads((VECTORS / "registries" / "basic.json").read_text(encoding="utf-8"))
    doc["teams"][0]["capacity"]["updated_at"] = dt.datetime(2026, 11, 21, 9, tzinfo=_Meddling(doc["teams"]))
    survive(lambda: wijknet.Registry.from_json(doc))
    assert doc["teams"] == []
