"""SharedRegistry: one current registry for many threads; no capacity update is ever lost."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Union

import pytest

import wijknet
from support import VECTORS

BASIC = VECTORS / "registries" / "basic.json"


def update(team: str, expected_version: int, nursing: int = 1) -> Dict[str, Any]:
    return {"team": team, "expected_version": expected_version, "status": "accepting",
            "free_places": {"nursing": nursing}, "updated_at": "2026-11-22T09:00:00Z"}


def team(registry: wijknet.Registry, team_id: str) -> Dict[str, Any]:
    return next(t for t in registry.teams() if t["id"] == team_id)


def free_nursing(registry: wijknet.Registry, team_id: str) -> int:
    doc = registry.to_dict()
    t = next(t for t in doc["teams"] if t["id"] == team_id)
    places: int = t["capacity"]["free_places"]["nursing"]
    return places


def registry_with(version: int, b1_version: int) -> wijknet.Registry:
    doc = json.loads(BASIC.read_text(encoding="utf-8"))
    doc["version"] = version
    next(t for t in doc["teams"] if t["id"] == "b1")["capacity"]["version"] = b1_version
    return wijknet.Registry.from_json(doc)


def test_current_is_the_registry_it_was_made_with(basic: wijknet.Registry) -> None:
    shared = wijknet.SharedRegistry(basic)
    assert shared.current().to_json() == basic.to_json()
    assert "version=1" in repr(shared)
    with pytest.raises(TypeError):
        wijknet.SharedRegistry(basic.to_json())  # type: ignore[arg-type]


@pytest.mark.parametrize("form", ["dict", "text", "bytes"])
def test_update_installs_and_returns_the_new_value(basic: wijknet.Registry, form: str) -> None:
    shared = wijknet.SharedRegistry(basic)
    before = shared.current()
    u = update("b1", 0, 4)
    arg: Union[Dict[str, Any], str, bytes] = {"dict": u, "text": json.dumps(u), "bytes": json.dumps(u).encode()}[form]
    installed = shared.update_capacities(arg)
    assert installed.version == 2 and team(installed, "b1")["capacity"]["version"] == 1
    assert shared.current().to_json() == installed.to_json()
    # Snapshots never change; the registry it started from neither.
    assert before.version == 1 and team(before, "b1")["capacity"]["version"] == 0
    assert basic.version == 1


def test_second_writer_with_the_same_expected_version_conflicts(basic: wijknet.Registry) -> None:
    shared = wijknet.SharedRegistry(basic)
    shared.update_capacities(update("b1", 0, 4))
    with pytest.raises(wijknet.VersionConflictError) as e:
        shared.update_capacities(update("b1", 0, 9))
    assert e.value.code == "version_conflict" and "read the current version and retry" in str(e.value)
    assert free_nursing(shared.current(), "b1") == 4
    # Another team's update still goes through on top.
    assert shared.update_capacities(update("a2", 0)).version == 3


def test_errors_install_nothing(basic: wijknet.Registry) -> None:
    shared = wijknet.SharedRegistry(basic)
    with pytest.raises(wijknet.NotFoundError):
        shared.update_capacities(update("zz", 0))
    with pytest.raises(wijknet.ValidationError) as v:
        shared.update_capacities(dict(update("b1", 0), status="open", updated_at="yesterday"))
    assert [p for p, _ in v.value.problems] == ["$.status", "$.updated_at"]
    with pytest.raises(wijknet.JsonError):
        shared.update_capacities("{not json")
    with pytest.raises(TypeError):
        shared.update_capacities(42)  # type: ignore[arg-type]
    assert shared.current().to_json() == basic.to_json()


def test_replace_installs_a_new_document(basic: wijknet.Registry) -> None:
    shared = wijknet.SharedRegistry(basic)
    shared.update_capacities(update("b1", 0))
    shared.replace(registry_with(20, 10))
    assert shared.current().version == 20
    with pytest.raises(wijknet.VersionConflictError):
        shared.update_capacities(update("b1", 1))
    assert shared.update_capacities(update("b1", 10)).version == 21
    with pytest.raises(TypeError):
        shared.replace("registry.json")  # type: ignore[arg-type]


def test_versions_at_their_maximum_are_refused_not_wrapped() -> None:
    top = 2**64 - 1
    shared = wijknet.SharedRegistry(registry_with(1, top))
    with pytest.raises(wijknet.ValidationError) as e:
        shared.update_capacities(update("b1", top))
    assert e.value.code == "invalid" and e.value.problems[0][0] == "$.expected_version"
    # Wrapping to 0 would have let this stale update through.
    with pytest.raises(wijknet.VersionConflictError):
        shared.update_capacities(update("b1", 0))
    shared.replace(registry_with(top, 0))
    with pytest.raises(wijknet.ValidationError) as r:
        shared.update_capacities(update("b1", 0))
    assert r.value.problems[0][0] == "$.version"
    assert shared.current().version == top


def test_racing_threads_with_the_same_expected_version_exactly_one_wins(basic: wijknet.Registry) -> None:
    writers, rounds = 8, 50
    shared = wijknet.SharedRegistry(basic)
    for rnd in range(rounds):
        start = threading.Barrier(writers)

        def write(w: int) -> Union[wijknet.Registry, wijknet.VersionConflictError]:
            start.wait()
            try:
                return shared.update_capacities(update("b1", rnd, 100 + w))
            except wijknet.VersionConflictError as e:
                return e

        with ThreadPoolExecutor(max_workers=writers) as pool:
            results = list(pool.map(write, range(writers)))
        winners = [w for w, r in enumerate(results) if isinstance(r, wijknet.Registry)]
        assert len(winners) == 1, f"round {rnd}: {len(winners)} winners"
        for r in results:
            if isinstance(r, wijknet.VersionConflictError):
                assert r.code == "version_conflict" and "b1" in str(r)
        current = shared.current()
        assert team(current, "b1")["capacity"]["version"] == rnd + 1
        assert free_nursing(current, "b1") == 100 + winners[0]
    assert shared.current().version == 1 + rounds


def test_increments_retried_on_conflict_are_never_lost(basic: wijknet.Registry) -> None:
    threads, increments = 4, 50
    shared = wijknet.SharedRegistry(basic.update_capacities(update("b1", 0, 0)))

    def increment(_: int) -> int:
        conflicts = 0
        for _ in range(increments):
            while True:
                seen = shared.current()
                version = team(seen, "b1")["capacity"]["version"]
                try:
                    shared.update_capacities(update("b1", version, free_nursing(seen, "b1") + 1))
                    break
                except wijknet.VersionConflictError:
                    conflicts += 1
        return conflicts

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(increment, range(threads)))
    current = shared.current()
    assert free_nursing(current, "b1") == threads * increments
    assert team(current, "b1")["capacity"]["version"] == 1 + threads * increments


def test_readers_match_on_snapshots_while_writers_update(basic: wijknet.Registry) -> None:
    shared = wijknet.SharedRegistry(basic)
    request = {"location": "7511AA", "care_types": ["personal_care"], "desired_start": "2026-11-23"}
    errors: List[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            while not done.is_set():
                snap = shared.current()
                # A snapshot's data version always counts exactly the updates its teams show.
                assert snap.version == 1 + team(snap, "b1")["capacity"]["version"]
                snap.match(request, "2026-11-22T10:00:00Z")
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for k in range(200):
            shared.update_capacities(update("b1", k, k))
    finally:
        done.set()
        reader.join()
    assert not errors, errors
    assert shared.current().version == 201
