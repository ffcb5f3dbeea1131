"""Loading, serialising and updating the registry."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any, Dict

import pytest

import wijknet
from conftest import NOW
from support import VECTORS

BASIC = VECTORS / "registries" / "basic.json"


def basic_doc() -> Dict[str, Any]:
    return json.loads(BASIC.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "form",
    ["path", "str_path", "json_text", "bytes", "bytearray", "dict", "indented_text"],
)
def test_from_json_accepts_every_source_form(form: str) -> None:
    text = BASIC.read_text(encoding="utf-8")
    source: Any = {
        "path": BASIC,
        "str_path": str(BASIC),
        "json_text": text,
        "bytes": text.encode(),
        "bytearray": bytearray(text.encode()),
        "dict": json.loads(text),
        "indented_text": "\n  " + text,
    }[form]
    r = wijknet.Registry.from_json(source)
    assert r.version == 1 and len(r) == 6
    assert json.loads(r.to_json()) == json.loads(wijknet.Registry.from_json(BASIC).to_json())


def test_round_trip(basic: wijknet.Registry) -> None:
    again = wijknet.Registry.from_json(basic.to_json())
    assert again.to_json() == basic.to_json()
    assert basic.to_dict() == json.loads(basic.to_json())
    assert basic.to_dict()["schema"] == "wijknet.registry/v1"
    assert "version=1" in repr(basic)


def test_teams_are_the_document_elements(basic: wijknet.Registry) -> None:
    teams = basic.teams()
    assert teams == basic.to_dict()["teams"]
    assert [t["id"] for t in teams] == ["a1", "a2", "b1", "c1", "b2", "b3"]
    a1 = teams[0]
    assert a1["organisation"] == "org-a"
    assert a1["care_types"] == ["personal_care", "nursing"]
    assert a1["capacity"]["earliest_start"] == "2026-11-23"
    assert a1["capacity"]["updated_at"] == "2026-11-21T09:00:00Z"
    assert a1["capacity"]["version"] == 2
    assert "earliest_start" not in teams[1]["capacity"]
    assert json.loads(json.dumps(teams)) == teams  # plain values only


def test_registry_is_immutable(basic: wijknet.Registry) -> None:
    with pytest.raises(AttributeError):
        basic.version = 5  # type: ignore[misc]


UPDATE = {
    "team": "b1",
    "expected_version": 0,
    "status": "accepting",
    "earliest_start": "2026-11-22",
    "updated_at": "2026-11-22T09:30:00Z",
}


@pytest.mark.parametrize("form", ["dict", "text", "bytes"])
def test_update_capacity_returns_a_new_registry(basic: wijknet.Registry, form: str) -> None:
    update: Any = {"dict": UPDATE, "text": json.dumps(UPDATE), "bytes": json.dumps(UPDATE).encode()}[form]
    updated = basic.update_capacities(update)
    assert (basic.version, updated.version) == (1, 2)
    b1_old = next(t for t in basic.teams() if t["id"] == "b1")
    b1_new = next(t for t in updated.teams() if t["id"] == "b1")
    assert (b1_old["capacity"]["status"], b1_new["capacity"]["status"]) == ("waitlist", "accepting")
    assert b1_new["capacity"]["version"] == 1
    # The old value is unchanged and still matches as before.
    req = {"location": "7511AA", "care_types": ["personal_care"], "desired_start": "2026-11-23"}
    assert basic.match(req, NOW).candidates[0].team != "b1"
    assert updated.match(req, NOW).candidates[0].team == "b1"


def test_update_conflict_and_unknown_team(basic: wijknet.Registry) -> None:
    with pytest.raises(wijknet.VersionConflictError) as e:
        basic.update_capacities(dict(UPDATE, expected_version=7))
    assert e.value.code == "version_conflict" and "version conflict on team capacity `b1`" in str(e.value)
    assert "7" not in str(e.value), "the typed version is not echoed"
    with pytest.raises(wijknet.NotFoundError) as nf:
        basic.update_capacities(dict(UPDATE, team="zz"))
    assert nf.value.code == "not_found" and "`zz`" in str(nf.value)
    assert isinstance(nf.value, LookupError)


def test_bad_updates_name_the_field(basic: wijknet.Registry) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        basic.update_capacities(dict(UPDATE, status="open", updated_at="yesterday"))
    assert [p for p, _ in e.value.problems] == ["$.status", "$.updated_at"]
    with pytest.raises(wijknet.JsonError) as j:
        basic.update_capacities(dict(UPDATE, expected_version="zero"))
    assert j.value.problems[0][0] == "$.expected_version"
    with pytest.raises(wijknet.JsonError) as missing:
        basic.update_capacities({"team": "b1"})
    assert "missing field" in str(missing.value)
    with pytest.raises(TypeError):
        basic.update_capacities(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("form", ["list", "text", "bytes"])
def test_update_capacities_applies_a_list_all_or_none(basic: wijknet.Registry, form: str) -> None:
    second = dict(UPDATE, expected_version=1, status="full", updated_at="2026-11-22T09:31:00Z")
    updates: Any = {"list": [UPDATE, second], "text": json.dumps([UPDATE, second]), "bytes": json.dumps([UPDATE, second]).encode()}[form]
    updated = basic.update_capacities(updates)
    b1 = next(t for t in updated.teams() if t["id"] == "b1")
    assert (basic.version, updated.version, b1["capacity"]["version"], b1["capacity"]["status"]) == (1, 3, 2, "full")
    # The same list on the result is stale at its first update: nothing is applied.
    with pytest.raises(wijknet.VersionConflictError):
        updated.update_capacities(updates)
    assert basic.update_capacities([]).version == 1


def test_update_capacities_reports_every_update_at_its_place(basic: wijknet.Registry) -> None:
    with pytest.raises(wijknet.ValidationError) as e:
        basic.update_capacities([dict(UPDATE, updated_at="yesterday"), dict(UPDATE, status="open")])
    assert [p for p, _ in e.value.problems] == ["$[0].updated_at", "$[1].status"]
    with pytest.raises(wijknet.JsonError) as j:
        basic.update_capacities([UPDATE, {"team": "b1"}])
    assert j.value.problems[0][0].startswith("$[1]")
    # One update needs no list; its problems are at `$.`, not `$[0].`.
    assert basic.update_capacities(UPDATE).version == basic.update_capacities([UPDATE]).version == 2
    with pytest.raises(wijknet.ValidationError) as one:
        basic.update_capacities(dict(UPDATE, updated_at="yesterday"))
    assert [p for p, _ in one.value.problems] == ["$.updated_at"]
    with pytest.raises(TypeError):
        basic.update_capacities(42)  # type: ignore[arg-type]


def test_shared_update_capacities_installs_once(basic: wijknet.Registry) -> None:
    shared = wijknet.SharedRegistry(basic)
    second = dict(UPDATE, expected_version=1, status="full")
    installed = shared.update_capacities([UPDATE, second])
    assert installed.version == 3 and shared.current().version == 3
    with pytest.raises(wijknet.VersionConflictError):
        shared.update_capacities([second, UPDATE])
    assert shared.current().version == 3


def test_malformed_json_names_the_place() -> None:
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Registry.from_json("{not json")
    assert e.value.code == "json" and e.value.problems[0][0] == "$"
    doc = basic_doc()
    doc["teams"][2]["care_types"] = "nursing"
    with pytest.raises(wijknet.JsonError) as e2:
        wijknet.Registry.from_json(doc)
    assert e2.value.problems[0][0] == "$.teams[2].care_types"


def test_schema_is_checked() -> None:
    doc = basic_doc()
    doc["schema"] = "wijknet.registry/v2"
    with pytest.raises(wijknet.SchemaError) as e:
        wijknet.Registry.from_json(doc)
    assert e.value.code == "schema" and e.value.problems[0][0] == "$.schema"
    del doc["schema"]
    with pytest.raises(wijknet.SchemaError):
        wijknet.Registry.from_json(json.dumps(doc).encode())


def test_every_rule_problem_is_reported_at_once() -> None:
    doc = basic_doc()
    doc["teams"][0]["area"] = {"pc4": ["751"]}  # invalid postcode
    doc["teams"][1]["care_types"] = ["wound_care", "massage"]  # unknown code
    doc["teams"][2]["organisation"] = "nobody"  # unknown reference
    with pytest.raises(wijknet.ValidationError) as e:
        wijknet.Registry.from_json(doc)
    paths = [p for p, _ in e.value.problems]
    assert "$.teams[0].area.pc4[0]" in paths
    assert "$.teams[1].care_types[1]" in paths
    assert any(p.startswith("$.teams[2].organisation") for p in paths)
    assert len(paths) >= 3 and e.value.code == "invalid"
    assert type(e.value) is wijknet.ValidationError


def test_missing_file_and_wrong_types(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as e:
        wijknet.Registry.from_json(tmp_path / "nope.json")
    assert "nope.json" in str(e.value)
    with pytest.raises(FileNotFoundError):
        wijknet.Registry.from_json(str(tmp_path / "nope.json"))
    with pytest.raises(IsADirectoryError):
        wijknet.Registry.from_json(tmp_path)
    for bad in [42, None, ["a"], 1.5]:
        with pytest.raises(TypeError):
            wijknet.Registry.from_json(bad)  # type: ignore[arg-type]


def test_non_json_python_values_in_a_dict() -> None:
    doc = basic_doc()
    doc["teams"][0]["care_types"] = {"nursing"}  # a set is not a JSON value
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Registry.from_json(doc)
    assert e.value.problems[0][0] == "$.teams[0].care_types"
    doc = basic_doc()
    doc[1] = "x"  # type: ignore[index]
    with pytest.raises(wijknet.JsonError) as e2:
        wijknet.Registry.from_json(doc)
    assert "expected str keys, found a `int` key" in str(e2.value) and e2.value.problems[0][0] == "$"


def test_dates_in_a_dict_may_be_python_dates() -> None:
    doc = copy.deepcopy(basic_doc())
    doc["teams"][0]["capacity"]["earliest_start"] = dt.date(2026, 11, 24)
    doc["teams"][0]["capacity"]["updated_at"] = dt.datetime(2026, 11, 21, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    r = wijknet.Registry.from_json(doc)
    a1 = r.teams()[0]
    assert a1["capacity"]["earliest_start"] == "2026-11-24"
    assert a1["capacity"]["updated_at"] == "2026-11-21T09:00:00Z"
    doc["teams"][0]["capacity"]["updated_at"] = dt.datetime(2026, 11, 21, 10)  # naive
    with pytest.raises(wijknet.JsonError) as e:
        wijknet.Registry.from_json(doc)
    assert e.value.problems[0][0] == "$.teams[0].capacity.updated_at"
    assert "naive datetime" in str(e.value)


def test_organisations_are_the_document_elements_in_order(basic: wijknet.Registry) -> None:
    orgs = basic.organisations()
    assert orgs == basic.to_dict()["organisations"]
    doc = json.loads(BASIC.read_text(encoding="utf-8"))
    assert [o["id"] for o in orgs] == [o["id"] for o in doc["organisations"]]
    by_id = {o["id"]: o for o in orgs}
    a = by_id["org-a"]
    written = next(o for o in doc["organisations"] if o["id"] == "org-a")
    assert (a["name"], a["kind"], a["agb"], a["kvk"], a.get("ura")) == (
        written["name"], "home_care_provider", written["agb"], written["kvk"], None)
    assert a["contracted_insurers"] == written["contracted_insurers"]
    # The contact as its JSON shape, as Contact.to_dict() gives it: the document's own.
    assert a["contact"] == written["contact"]
    assert by_id["org-b"].get("contact") is None and not by_id["org-b"].get("contracted_insurers")
    assert by_id["org-cp"]["kind"] == "coordination_point"
    assert json.loads(json.dumps(orgs)) == orgs  # plain values only


def test_team_by_id(basic: wijknet.Registry) -> None:
    teams = basic.teams()
    for t in teams:
        assert basic.team(t["id"]) == t
    assert basic.team("nope") is None
    assert basic.team("") is None
    updated = basic.update_capacities(UPDATE)
    assert updated.team("b1")["capacity"]["version"] == 1 and basic.team("b1")["capacity"]["version"] == 0


def test_teams_near_are_the_teams_a_match_evaluates(basic: wijknet.Registry) -> None:
    # a1 covers 7511-7513, a2 and b1 7511 (b1 without 7512AB), c1 two streets of 7511, b3 7512-7513.
    assert [t["id"] for t in basic.teams_near("7511AA")] == ["a1", "a2", "b1", "c1"]
    assert basic.teams_near("7511") == basic.teams_near("7511AA")
    # Touching the PC4 is enough: b1 is listed for the street it leaves out.
    assert [t["id"] for t in basic.teams_near("7512AB")] == ["a1", "b1", "b3"]
    assert basic.teams_near("1000AA") == []
    assert basic.teams_near("7511AA")[0] == basic.team("a1")
    for location in ["7511AA", "7512AB", "7513"]:
        r = basic.match({"location": location, "care_types": ["nursing"]}, "2026-11-22T10:00:00Z")
        evaluated = {c.team for c in r.candidates} | {e.team for e in r.excluded}
        assert {t["id"] for t in basic.teams_near(location)} == evaluated, location


def test_teams_near_refuses_what_is_no_postcode(basic: wijknet.Registry) -> None:
    for bad in ["Jantje", "7511 A", "75111AB", "", "0999AB"]:
        with pytest.raises(wijknet.ValidationError) as e:
            basic.teams_near(bad)
        assert e.value.code == "invalid" and [p for p, _ in e.value.problems] == ["$.location"]
        assert not bad or bad not in str(e.value)
    with pytest.raises(wijknet.ValidationError) as e2:
        basic.teams_near(7511)  # type: ignore[arg-type]
    assert e2.value.problems == [("$.location", "expected a postcode as str (PC4 `7511` or PC6 `7511AB`), found a `int`")]


def test_coordination_point_for_a_location(basic: wijknet.Registry) -> None:
    point = basic.coordination_point_for("7512AB")
    assert point is not None and point["id"] == "cp-enschede" and point["organisation"] == "org-cp"
    assert point["area"] == {"municipalities": ["GM0153"]} and point["contact"]["phone"] == "053-2000000"
    assert basic.coordination_point_for("7514") == point
    assert basic.coordination_point_for("9999") is None
    with pytest.raises(wijknet.ValidationError) as e:
        basic.coordination_point_for("Jantje")
    assert [p for p, _ in e.value.problems] == ["$.location"] and "Jantje" not in str(e.value)
