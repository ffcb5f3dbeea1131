"""A dict and the same JSON text give the same answer and the same error.

A dict is read by the core's own strict reader, straight from the Python objects (no JSON text in
between); JSON text by the same reader from its bytes. Seeded mutations of the conformance inputs
(values of every JSON kind in the wrong place, missing and extra keys) are handed over both ways,
``json.dumps(value)`` being the text: the outcomes must be equal, down to the exception class, the
message and every ``(path, reason)`` problem.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any, Callable, List, Tuple

import pytest

import wijknet
from support import VECTORS, cases, paths

# Values JSON can hold (what Python holds beyond that is tested in test_robustness.py).
JSON_VALUES: List[Any] = [
    None, True, False, 0, -1, 7, 2**32, 2**63, -(2**63) - 1, 2**64, 2**70, 1.5, -0.0, 1e300, "", " ",
    "x" * 70_000, "\u0000", "é€😀", "7511", "7511AA", "0000", "2026-02-30", "2026-11-22T25:00:00Z",
    "2026-11-22T10:00:00Z", "level_9", "wound_care", "nursing", "Jantje Pietersen", "111222333", [], [1, "a"],
    [None], {}, {"a": {"b": []}}, {"name": 5},
]


def mutate(doc: Any, rng: random.Random) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        candidates = [p for p in paths(doc) if p]
        if not candidates:
            return doc
        p = rng.choice(candidates)
        parent = doc
        for k in p[:-1]:
            parent = parent[k]
        action = rng.random()
        if action < 0.15 and isinstance(parent, dict):
            del parent[p[-1]]
        elif action < 0.25 and isinstance(parent, dict):
            parent[rng.choice(["unexpected", "Jantje Pietersen", "schema", "id"])] = copy.deepcopy(rng.choice(JSON_VALUES))
        else:
            parent[p[-1]] = copy.deepcopy(rng.choice(JSON_VALUES))
    return doc


def outcome(call: Callable[[], Any], answer: Callable[[Any], Any]) -> Tuple[Any, ...]:
    try:
        result = call()
    except wijknet.WijknetError as e:
        return ("error", type(e).__name__, e.code, str(e), list(e.problems))
    return ("ok", answer(result))


def same(read: Callable[[Any], Any], value: Any, answer: Callable[[Any], Any] = lambda r: r) -> Tuple[Any, ...]:
    """The outcome of ``read(value)`` and of ``read(json.dumps(value))``, which must be equal."""
    from_dict = outcome(lambda: read(value), answer)
    from_text = outcome(lambda: read(json.dumps(value)), answer)
    assert from_dict == from_text, f"dict and text differ for {json.dumps(value)[:400]}"
    return from_dict


def load(name: str) -> Any:
    return json.loads((VECTORS / "registries" / name).read_text(encoding="utf-8"))


REQUESTS = [c["request"] for _, c in cases("matching")]
UPDATES = [u for _, c in cases("matching") for u in c.get("capacity_updates", [])]
CONSENT_CASES = [c for _, c in cases("consent") if c.get("request")]
REFERRAL_EVENTS = [c["events"] for _, c in cases("referral")]
NOW = "2026-11-22T10:00:00Z"


def test_the_inputs_themselves_read_alike(basic: wijknet.Registry, region: wijknet.Registry) -> None:
    assert same(wijknet.Registry.from_json, load("region.json"), lambda r: r.to_json())[0] == "ok"
    assert same(lambda a: wijknet.Agreements.from_json(a, region), load("region.agreements.json"),
                lambda a: a.to_json())[0] == "ok"
    for req in REQUESTS:
        same(lambda r: basic.match(r, NOW), req, lambda m: m.to_dict())
    for case in CONSENT_CASES:
        same(wijknet.ConsentStore.from_json, case["store"], lambda s: s.to_json())


@pytest.mark.parametrize("seed", range(6))
def test_mutated_documents(region: wijknet.Registry, seed: int) -> None:
    rng = random.Random(5000 + seed)
    registry, agreements = load("region.json"), load("region.agreements.json")
    outcomes = set()
    for _ in range(40):
        outcomes.add(same(wijknet.Registry.from_json, mutate(registry, rng), lambda r: r.to_json())[0])
        outcomes.add(same(lambda a: wijknet.Agreements.from_json(a, region), mutate(agreements, rng),
                          lambda a: a.to_json())[0])
    assert outcomes == {"ok", "error"}


@pytest.mark.parametrize("seed", range(6))
def test_mutated_requests_and_updates(basic: wijknet.Registry, seed: int) -> None:
    rng = random.Random(6000 + seed)
    for _ in range(120):
        req = mutate(rng.choice(REQUESTS), rng)
        same(lambda r: basic.match(r, NOW), req, lambda m: m.to_dict())
        same(lambda r: wijknet.MatchRequest.from_dict(r) if isinstance(r, dict) else wijknet.MatchRequest.from_json(r),
             req, lambda m: m.to_dict())
        same(basic.update_capacities, mutate(rng.choice(UPDATES), rng), lambda r: r.to_json())


@pytest.mark.parametrize("seed", range(4))
def test_mutated_consent_inputs(seed: int) -> None:
    rng = random.Random(7000 + seed)
    for _ in range(60):
        case = rng.choice(CONSENT_CASES)
        store = wijknet.ConsentStore.from_json(case["store"])
        same(lambda r: store.decide(r, case["at"]), mutate(case["request"], rng), lambda d: d.to_dict())
        same(lambda r: wijknet.ConsentRequest.from_dict(r) if isinstance(r, dict) else wijknet.ConsentRequest.from_json(r),
             mutate(case["request"], rng), lambda r: r.to_dict())
        same(wijknet.ConsentStore.from_json, mutate(case["store"], rng), lambda s: s.to_json())


@pytest.mark.parametrize("seed", range(4))
def test_mutated_referral_events(seed: int) -> None:
    rng = random.Random(8000 + seed)
    for _ in range(60):
        doc = mutate(rng.choice(REFERRAL_EVENTS), rng)
        same(lambda d: wijknet.ReferralHistory.from_json(d).table(), doc)
        events = doc.get("events")
        for event in [e for e in events[:5] if isinstance(e, dict)] if isinstance(events, list) else []:
            def apply(e: Any) -> Any:
                book = wijknet.ReferralBook()
                book.apply(e)
                return [s.to_dict() for s in book.summaries()]
            same(apply, event)


def test_big_whole_numbers_read_as_in_json_text(basic: wijknet.Registry) -> None:
    # serde_json reads digits beyond 64 bits as a number with a fraction; a Python int the same.
    upd = dict(UPDATES[0], expected_version=2**70)
    assert same(basic.update_capacities, upd)[4] == [
        ("$.expected_version", "expected a whole number from 0 to 18,446,744,073,709,551,615, found a number with a fraction")
    ]
