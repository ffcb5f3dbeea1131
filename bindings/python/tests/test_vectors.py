"""Every conformance vector of tests/vectors, run through the Python API (same pattern rule as
every other binding). Each case runs in several input forms: a dict, a typed ``MatchRequest`` and
JSON text for requests; RFC 3339 text and an aware ``datetime`` for instants."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict

import pytest

import wijknet
from support import cases, check_case, document

MATCHING = cases("matching")
AGREEMENTS = cases("agreements")


def instant(text: str, form: str) -> Any:
    if form == "text":
        return text
    # fromisoformat before Python 3.11 does not take `Z`.
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def request_in(form: str, request: Dict[str, Any]) -> Any:
    if form == "dict":
        return request
    if form == "json":
        return json.dumps(request)
    return wijknet.MatchRequest.from_dict(request)


def run_matching(case: Dict[str, Any], form: str) -> Dict[str, Any]:
    registry = wijknet.Registry.from_json(document(case["registry"]))
    for update in case.get("capacity_updates", []):
        registry = registry.update_capacities(update if form != "json" else json.dumps(update))
    options = case["options"]
    result = registry.match(
        request_in(form, case["request"]),
        now=instant(options["now"], "text" if form != "typed" else "datetime"),
        stale_after_hours=options.get("stale_after_hours", 72),
    )
    out = result.to_dict()
    assert out == json.loads(result.to_json())
    return out


def test_the_vectors_are_there() -> None:
    # A suite that silently found no vectors would pass without testing anything.
    assert len(MATCHING) >= 15
    assert len(AGREEMENTS) >= 14


@pytest.mark.parametrize("form", ["dict", "typed", "json"])
@pytest.mark.parametrize("name,case", MATCHING, ids=[n for n, _ in MATCHING])
def test_matching_vector(name: str, case: Dict[str, Any], form: str) -> None:
    check_case(name, case, lambda c: run_matching(c, form))


def run_agreements(case: Dict[str, Any], form: str) -> Dict[str, Any]:
    registry = wijknet.Registry.from_json(document(case["registry"]))
    source = document(case["agreements"])
    if form == "json" and not isinstance(source, dict):
        source = source.read_text(encoding="utf-8")
    agreements = wijknet.Agreements.from_json(source, registry)
    op, inp = case["operation"], case["input"]
    if op == "load":
        return {}
    if op == "match":
        opts = inp["options"]
        return registry.match(
            request_in(form, inp["request"]),
            now=instant(opts["now"], "text" if form != "typed" else "datetime"),
            stale_after_hours=opts.get("stale_after_hours", 72),
            agreements=agreements,
        ).to_dict()
    if op == "on_call":
        if "at_local" in inp:
            # A Dutch wall-clock time: the host turns it into the instant first.
            local = inp["at_local"]
            date, time = local["date"], local["time"]
            if form == "typed":
                date, time = dt.date.fromisoformat(date), dt.time.fromisoformat(time)
            at = wijknet.local_instant(date, time, local.get("occurrence"))
        else:
            at = instant(inp["at"], "text" if form != "typed" else "datetime")
        return agreements.on_call(registry, inp["location"], at).to_dict()
    if op == "check":
        today = inp["today"] if form != "typed" else dt.date.fromisoformat(inp["today"])
        return {"findings": [f.to_dict() for f in agreements.check(registry, today, inp["horizon_days"])]}
    if op == "may_assess":
        date = inp["date"] if form != "typed" else dt.date.fromisoformat(inp["date"])
        return agreements.may_assess(inp["provider"], inp["care_type"], date).to_dict()
    raise AssertionError(f"unknown operation {op}")


@pytest.mark.parametrize("form", ["dict", "typed", "json"])
@pytest.mark.parametrize("name,case", AGREEMENTS, ids=[n for n, _ in AGREEMENTS])
def test_agreements_vector(name: str, case: Dict[str, Any], form: str) -> None:
    check_case(name, case, lambda c: run_agreements(c, form))
