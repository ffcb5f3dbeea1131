"""Helpers shared by the test modules: where the conformance vectors are, and the pattern rule.

The pattern rule is the one of tests/vectors/README.md, the same in every binding.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import wijknet

REPO = Path(os.environ.get("WIJKNET_REPO", Path(__file__).resolve().parents[3]))
VECTORS = REPO / "tests" / "vectors"


def cases(folder: str) -> List[Tuple[str, Dict[str, Any]]]:
    """Every ``*.json`` case of a vectors folder, sorted by name (none when the folder is absent)."""
    d = VECTORS / folder
    if not d.is_dir():
        return []
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(d.glob("*.json"))]


def matches(expected: Any, actual: Any, path: str = "$") -> Optional[str]:
    """``None`` when ``actual`` matches the pattern ``expected``, else where and how it does not."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"{path}: expected an object, got {actual!r}"
        for k, ev in expected.items():
            if k not in actual:
                return f"{path}.{k}: missing in actual"
            err = matches(ev, actual[k], f"{path}.{k}")
            if err:
                return err
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            n = len(actual) if isinstance(actual, list) else "no"
            return f"{path}: expected {len(expected)} elements, got {n}: {actual!r}"
        for i, (ev, av) in enumerate(zip(expected, actual)):
            err = matches(ev, av, f"{path}[{i}]")
            if err:
                return err
        return None
    # JSON booleans are not numbers (in Python True == 1): compare kinds first.
    if isinstance(expected, bool) or isinstance(actual, bool):
        ok = isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    elif isinstance(expected, (int, float)):
        ok = isinstance(actual, (int, float)) and float(expected) == float(actual)
    else:
        ok = type(expected) is type(actual) and expected == actual
    return None if ok else f"{path}: expected {expected!r}, got {actual!r}"


def error_json(e: wijknet.WijknetError) -> Dict[str, Any]:
    """The JSON form of an error, as vectors state it."""
    return {
        "code": e.code,
        "message": str(e),
        "problems": [{"path": p, "reason": r} for p, r in e.problems],
    }


def document(v: Any) -> Any:
    """A vector's document reference: a path relative to tests/vectors, or the document inline."""
    if isinstance(v, str):
        return VECTORS / v
    return v


def check_case(name: str, case: Dict[str, Any], run: Any) -> None:
    """Runs one case and asserts its pattern (result or error)."""
    try:
        actual = run(case)
    except wijknet.WijknetError as e:
        assert "expected_error" in case, f"{name}: unexpected error {type(e).__name__}: {e} {e.problems}"
        err = matches(case["expected_error"], error_json(e), "$error")
        assert err is None, f"{name}: {err}"
        return
    assert "expected" in case, f"{name}: expected an error, got {actual}"
    err = matches(case["expected"], actual, "$")
    assert err is None, f"{name}: {err}"


def paths(doc: Any, prefix: tuple = ()) -> List[tuple]:
    """Every path into a JSON-shaped value (the root `()` first), as tuples of keys and indexes:
    where the mutation tests plant their odd values."""
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += paths(v, prefix + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += paths(v, prefix + (i,))
    return out
