"""What-if replay through the Python API: the conformance vectors of tests/vectors/what_if (same
pattern rule as every other binding), the typed result, and a generated year of the demo region
whose teams all exist in its registry."""

from __future__ import annotations

import json
import pathlib
import pickle
from typing import Any, Dict, Optional

import pytest

import wijknet
from support import cases, check_case, document

WHAT_IF = cases("what_if")
DATA = pathlib.Path(__file__).resolve().parents[3] / "examples" / "data"


def agreements(doc: Any, registry: wijknet.Registry) -> Optional[wijknet.Agreements]:
    return None if doc is None else wijknet.Agreements.from_json(document(doc), registry)


def run(case: Dict[str, Any]) -> Dict[str, Any]:
    registry = wijknet.Registry.from_json(document(case["registry"]))
    proposed_registry = (
        wijknet.Registry.from_json(document(case["proposed_registry"])) if "proposed_registry" in case else None
    )
    book = wijknet.ReferralBook.replay(case["events"])
    result = book.what_if(
        registry,
        agreements=agreements(case.get("agreements"), registry),
        proposed_agreements=agreements(case.get("proposed_agreements"), proposed_registry or registry),
        proposed_registry=proposed_registry,
        max_referrals=case.get("max_referrals", 1000),
    )
    out = result.to_dict()
    assert out == json.loads(result.to_json())
    back = pickle.loads(pickle.dumps(result))
    assert back == result and back.to_json() == result.to_json()
    # The typed getters give the document's parts.
    assert result.total == out["total"]
    assert result.referrals == out["referrals"]
    assert result.by_pc4 == out["by_pc4"]
    assert result.referrals_omitted == out["referrals_omitted"]
    return out


def test_the_vectors_are_there() -> None:
    assert len(WHAT_IF) >= 7


@pytest.mark.parametrize("name,case", WHAT_IF, ids=[n for n, _ in WHAT_IF])
def test_what_if_vector(name: str, case: Dict[str, Any]) -> None:
    check_case(name, case, run)


def demo() -> tuple[wijknet.Registry, wijknet.Agreements]:
    registry = wijknet.Registry.from_json(str(DATA / "twente.json"))
    return registry, wijknet.Agreements.from_json(str(DATA / "twente.agreements.json"), registry)


def test_a_generated_year_of_the_demo_region_names_only_its_teams() -> None:
    registry, agreements = demo()
    text = wijknet.ReferralHistory.generate(3, 2_000, registry=registry, agreements=agreements).to_json()
    assert text == wijknet.ReferralHistory.generate(3, 2_000, registry=registry, agreements=agreements).to_json()
    events = json.loads(text)["events"]
    teams = {e["team"] for e in events if "team" in e}
    known = {t["id"] for t in registry.teams()}
    assert teams and teams <= known
    book = wijknet.ReferralBook.replay(text)
    assert len(book) == 2_000
    same = book.what_if(registry, agreements=agreements, proposed_agreements=agreements)
    assert same.total["changed"] == 0 and same.referrals == []
    bare = book.what_if(registry, agreements=agreements)
    assert bare.total["candidates_after"] < bare.total["candidates_before"]
    assert "WhatIf(" in repr(bare)


def test_agreements_need_a_registry() -> None:
    registry, agreements = demo()
    with pytest.raises(wijknet.ValidationError):
        wijknet.ReferralHistory.generate(1, 10, agreements=agreements).to_json()


def test_what_if_reports_progress_cancels_and_gives_a_table() -> None:
    registry, agreements = demo()
    book = wijknet.ReferralBook.replay(
        wijknet.ReferralHistory.generate(4, 1_500, registry=registry, agreements=agreements).to_json()
    )
    seen = []
    bare = book.what_if(registry, agreements=agreements, progress=lambda s, d, t: seen.append((s, d, t)))
    assert bare == book.what_if(registry, agreements=agreements)
    assert {s for s, _, _ in seen} == {"what_if"} and seen[0][1] == 0 and seen[-1][1] == seen[-1][2] == len(book)
    with pytest.raises(wijknet.CancelledError):
        book.what_if(registry, agreements=agreements, progress=lambda s, d, t: d < len(book) // 2)
    table = bare.table()
    assert table.name == "what_if" and table.column_names[:3] == ["dimension", "key", "referrals"]
    rows = table.to_pylist()
    assert rows[0]["dimension"] == "all" and rows[0]["referrals"] == bare.total["referrals"]
    by_municipality = {r["key"]: r for r in rows if r["dimension"] == "municipality"}
    assert set(by_municipality) == set(bare.by_municipality)
    for key, row in bare.by_municipality.items():
        assert by_municipality[key]["candidates_after"] == row["candidates_after"]
        assert by_municipality[key]["time_to_placement_after_median_secs"] == row["time_to_placement_after"]["median_secs"]
