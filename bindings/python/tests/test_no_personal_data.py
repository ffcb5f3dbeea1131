"""No error repeats personal data (issue 10): over more than 10,000 generated inputs, no message,
problem path or reason contains a planted citizen service number, date of birth or name.

As ``core/tests/no_personal_data.rs``: every value of the region registry, its agreements and the
request and capacity update of matching vector 010 is replaced in turn (and an unknown key
inserted into every object) by each planted value, as a number and as text and as a wrong-typed
list or object. Each variant goes through the Python API as JSON text and as a dict of Python
values; the dict variants also plant a naive ``datetime`` of the birth date, which only Python can
hand over (and the binding refuses itself). The typed calls (``MatchRequest(...)`` keywords,
``now``, ``stale_after_hours``, the agreements' query arguments) get every planted value, and a
``datetime.date`` of the birth date, as an argument.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable, Iterator, List, Tuple

import pytest

import wijknet
from support import VECTORS

MARKERS = ("111222333", "20110901", "2011-09-01", "Jantje", "Pietersen")
NAME = "Jantje Pietersen"

# The JSON values of the core's test, and (for dicts and arguments only) what Python adds.
PLANTED_JSON: List[Any] = [
    111222333,
    "111222333",
    20110901,
    "2011-09-01T00:00:00Z",
    "2011-09-01",
    NAME,
    [NAME, 111222333],
    {NAME: "111222333"},
    -111222333.5,
]
PLANTED_PY: List[Any] = PLANTED_JSON + [dt.datetime(2011, 9, 1)]
PLANTED_ARGS: List[Any] = PLANTED_PY + [dt.date(2011, 9, 1)]

NOW = "2026-11-22T10:00:00Z"
REGION = json.loads((VECTORS / "registries" / "region.json").read_text(encoding="utf-8"))
AGREEMENTS = json.loads((VECTORS / "registries" / "region.agreements.json").read_text(encoding="utf-8"))
VECTOR = json.loads((VECTORS / "matching" / "010-capacity-update-then-match.json").read_text(encoding="utf-8"))


def texts(e: BaseException) -> Iterator[str]:
    """Everything of an exception (and of its cause and context) a log could show."""
    seen = set()
    todo: List[BaseException] = [e]
    while todo:
        x = todo.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        yield str(x)
        yield repr(x)
        yield repr(x.args)
        for p, r in getattr(x, "problems", []):
            yield p
            yield r
        todo += [c for c in (x.__cause__, x.__context__) if c is not None]


def check(call: Callable[[], Any], where: str) -> None:
    try:
        call()
    except (wijknet.WijknetError, TypeError, ValueError, OSError) as e:
        if isinstance(e, wijknet.InternalError):
            raise AssertionError(f"panic inside wijknet for a value planted at {where}: {e}") from e
        for text in texts(e):
            for m in MARKERS:
                assert m not in text, f"`{m}` echoed for a value planted at {where}: {text}"


Place = Tuple[Any, Any, bool]  # (container, key or index, whether the key is inserted)


def places(doc: Any) -> List[Place]:
    """Every member of every object, every item of every array, and an unknown key per object."""
    out: List[Place] = []
    if isinstance(doc, dict):
        out.append((doc, NAME, True))
        for k, v in doc.items():
            out.append((doc, k, False))
            out += places(v)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out.append((doc, i, False))
            out += places(v)
    return out


def sweep(base: Any, planted: List[Any], load: Callable[[Any], Any]) -> int:
    """Plants every value at every place of ``base`` (changed in place and restored), calls
    ``load`` on the document, and returns how many inputs were tried."""
    tried = 0
    for container, key, inserted in places(base):
        old = None if inserted else container[key]
        for value in planted:
            container[key] = value
            tried += 1
            check(lambda: load(base), f"{key!r} of {type(container).__name__}")
        if inserted:
            del container[key]
        else:
            container[key] = old
    return tried


def as_text(load: Callable[[str], Any]) -> Callable[[Any], Any]:
    return lambda doc: load(json.dumps(doc))


def test_no_error_repeats_planted_personal_data(
    region: wijknet.Registry, region_agreements: wijknet.Agreements, capsys: pytest.CaptureFixture[str],
) -> None:
    before = json.dumps([REGION, AGREEMENTS, VECTOR])
    tried = 0

    # Documents: JSON text and dicts.
    tried += sweep(REGION, PLANTED_JSON, as_text(wijknet.Registry.from_json))
    tried += sweep(REGION, PLANTED_PY, wijknet.Registry.from_json)
    tried += sweep(AGREEMENTS, PLANTED_JSON, as_text(lambda t: wijknet.Agreements.from_json(t, region)))
    tried += sweep(AGREEMENTS, PLANTED_PY, lambda d: wijknet.Agreements.from_json(d, region))

    # The request and capacity update of vector 010, against the region registry (as the core's
    # test: there the update's team is unknown).
    request, update = VECTOR["request"], VECTOR["capacity_updates"][0]
    tried += sweep(request, PLANTED_JSON, as_text(lambda t: region.match(t, NOW)))
    tried += sweep(request, PLANTED_PY, lambda d: region.match(d, NOW))
    tried += sweep(request, PLANTED_PY, wijknet.MatchRequest.from_dict)
    tried += sweep(request, PLANTED_JSON, as_text(wijknet.MatchRequest.from_json))
    tried += sweep(update, PLANTED_JSON, as_text(region.update_capacities))
    tried += sweep(update, PLANTED_PY, region.update_capacities)

    # Typed calls: every keyword of MatchRequest, the options, the agreements' queries.
    keywords = ["id", "urgency", "desired_start", "latest_start", "times_of_day", "insurer", "policy",
                "contracted_only", "min_nurse_level", "preferred_providers", "refused_providers"]
    a = region_agreements
    calls: List[Tuple[str, Callable[[Any], Any]]] = [
        ("location", lambda v: wijknet.MatchRequest(v, ["nursing"])),
        ("care_types", lambda v: wijknet.MatchRequest("7511AA", v)),
        ("care_types[0]", lambda v: wijknet.MatchRequest("7511AA", [v])),
        *[(k, lambda v, k=k: wijknet.MatchRequest("7511AA", ["nursing"], **{k: v})) for k in keywords],
        *[(k + "[0]", lambda v, k=k: wijknet.MatchRequest("7511AA", ["nursing"], **{k: [v]}))
          for k in ["times_of_day", "preferred_providers", "refused_providers"]],
        ("now", lambda v: region.match(request, v)),
        ("stale_after_hours", lambda v: region.match(request, NOW, v)),
        ("on_call location", lambda v: a.on_call(region, v, NOW)),
        ("on_call at", lambda v: a.on_call(region, "7514AB", v)),
        ("check today", lambda v: a.check(region, v, 30)),
        ("check horizon_days", lambda v: a.check(region, "2026-11-22", v)),
        ("may_assess provider", lambda v: a.may_assess(v, "wmo_support", "2026-03-01")),
        ("may_assess care_type", lambda v: a.may_assess("p1", v, "2026-03-01")),
        ("may_assess date", lambda v: a.may_assess("p1", "wmo_support", v)),
        ("case_team client", lambda v: a.case_team(v, "2026-03-01")),
        ("case_team date", lambda v: a.case_team("client-0001", v)),
        ("escalation_policy location", lambda v: a.escalation_policy(v, "2026-11-22")),
        ("escalation_policy date", lambda v: a.escalation_policy("7511AA", v)),
        ("label kind", lambda v: wijknet.label(v, "nursing")),
        ("label code", lambda v: wijknet.label("care_type", v)),
        ("label lang", lambda v: wijknet.label("care_type", "nursing", v)),
        ("codes kind", lambda v: wijknet.codes(v)),
    ]
    for where, call in calls:
        for value in PLANTED_ARGS:
            tried += 1
            check(lambda: call(value), where)

    assert json.dumps([REGION, AGREEMENTS, VECTOR]) == before, "the sweep restores every document"
    assert tried >= 10_000, f"only {tried} inputs"
    with capsys.disabled():
        print(f"\n{tried} planted inputs, no personal data in any error")


def test_the_bindings_own_checks_say_what_was_expected(region: wijknet.Registry) -> None:
    """What the binding checks itself (Python values that JSON cannot hold, arguments, files)
    is reported at a ``$``-rooted path, without the value."""
    # A value JSON cannot hold, under a key that is no field name: the key is not shown either.
    doc = json.loads(json.dumps(REGION))
    doc["teams"][0]["capacity"]["free_places"] = {NAME: {1, 2}}
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Registry.from_json(doc)
    assert e.value.problems == [("$.teams[0].capacity.free_places[(not shown)]", "expected a JSON-like value (dict, "
                                 "list, str, int, float, bool, None, date, datetime), found a `set`")]
    # Where a team has no such field, the key is refused first, as in JSON text, and not shown.
    doc = json.loads(json.dumps(REGION))
    doc["teams"][0][NAME] = {1, 2}
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Registry.from_json(doc)
    assert e.value.problems[0][0] == "$.teams[0]" and NAME not in str(e.value)
    assert e.value.problems[0][1].startswith("unknown field (not shown): expected one of `id`")
    # A str that UTF-8 cannot encode: a JsonError, not Python's UnicodeEncodeError (whose repr
    # holds the whole text).
    with pytest.raises(wijknet.JsonError) as bad_text:
        region.match({"location": "7511AA", "care_types": ["nursing"], "id": "Jantje\udc80"}, NOW)
    assert bad_text.value.problems[0][0] == "$.id" and "Jantje" not in repr(bad_text.value)
    with pytest.raises(wijknet.ValidationError) as bad_date:
        wijknet.MatchRequest("7511AA", ["nursing"], desired_start="01-09-2011")
    assert bad_date.value.problems[0][0] == "$.desired_start"
    with pytest.raises(wijknet.ValidationError) as bad_now:
        region.match({"location": "7511AA", "care_types": ["nursing"]}, "2011-09-01 00:00")
    assert bad_now.value.problems == [("$.now", "expected an RFC 3339 instant such as `2026-11-20T08:00:00Z`, "
                                       "found other text")]
    # Text that is neither JSON nor a file name one would write is not repeated as a file name.
    with pytest.raises(FileNotFoundError) as missing:
        wijknet.Registry.from_json("bsn 111222333")
    assert "111222333" not in str(missing.value) and missing.value.filename is None
    with pytest.raises(wijknet.ValidationError) as array:  # read as JSON text, not as a file name
        wijknet.Registry.from_json(' [{"bsn": 111222333}]')
    assert "111222333" not in str(array.value)


def test_a_single_event_is_read_strictly() -> None:
    """One referral event as JSON text goes through the core's strict reader: a key given twice is
    refused (a plain parse would keep the last), and paths are those of the event."""
    event = ('{"id": "r1.1", "referral": "r1", "seq": 1, "at": "2026-03-01T09:00:00Z", '
             '"actor": {"role": "referrer", "id": "gp-1"}, "type": "created", "type": "created"}')
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.ReferralBook().apply(event)
    assert e.value.problems[0][0].startswith("$") and "type" in e.value.problems[0][1]
    with pytest.raises(wijknet.JsonError) as two:
        wijknet.ReferralBook().apply('{"id": "a"}, {"id": "b"}')
    assert two.value.problems[0][0] == "$"
    with pytest.raises(wijknet.JsonError) as number:
        wijknet.ReferralBook().apply('{"id": 111222333}')
    assert "111222333" not in str(number.value) and number.value.problems[0][0] == "$.id"
