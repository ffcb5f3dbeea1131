"""Objects are shared between threads; answers do not depend on who asks at the same time."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import wijknet
from support import cases, document

MATCHING = [c for _, c in cases("matching") if "expected" in c and not c.get("capacity_updates")]


def test_concurrent_matches_agree_with_serial(basic: wijknet.Registry) -> None:
    jobs: List[Dict[str, Any]] = [c for c in MATCHING if str(document(c["registry"])).endswith("basic.json")]
    assert jobs
    serial = [basic.match(c["request"], c["options"]["now"]).to_dict() for c in jobs]

    def run(i: int) -> List[Dict[str, Any]]:
        out = []
        for _ in range(50):
            out = [basic.match(c["request"], c["options"]["now"]).to_dict() for c in jobs]
        return out

    with ThreadPoolExecutor(max_workers=6) as pool:
        for result in pool.map(run, range(12)):
            assert result == serial


def test_updates_in_threads_do_not_touch_the_shared_value(basic: wijknet.Registry) -> None:
    before = basic.to_json()
    errors: List[BaseException] = []

    def update(i: int) -> None:
        try:
            r = basic.update_capacities({"team": "a2", "expected_version": 0, "status": "full",
                                       "updated_at": f"2026-11-22T{i % 24:02d}:00:00Z"})
            assert r.version == basic.version + 1
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=update, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert basic.to_json() == before


def test_concurrent_consent_decisions_agree() -> None:
    from support import cases as all_cases

    jobs = [(wijknet.ConsentStore.from_json(c["store"]), c["request"], c["at"], c["expected"])
            for _, c in all_cases("consent") if c.get("request")]
    assert jobs

    def run(i: int) -> bool:
        return all(s.decide(r, at).to_dict() == exp for _ in range(100) for s, r, at, exp in jobs)

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(run, range(12)))


def test_books_replayed_in_threads_agree() -> None:
    year = wijknet.ReferralHistory.generate(11, 400).to_json()
    expected = wijknet.ReferralBook.replay(year).monitoring().to_dict()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for m in pool.map(lambda _: wijknet.ReferralBook.replay(year).monitoring().to_dict(), range(8)):
            assert m == expected


def test_long_calls_release_the_gil() -> None:
    # While another thread replays a large year (native work of a few hundred ms per call), this
    # thread keeps running Python. Were the GIL held, this loop would stall for a whole call: the
    # longest pause between two of its iterations would be at least one call's duration.
    import time

    year = wijknet.ReferralHistory.generate(5, 20000).to_json()
    durations: List[float] = []
    done = threading.Event()

    def replay() -> None:
        for _ in range(3):
            t0 = time.perf_counter()
            wijknet.ReferralBook.replay(year)
            durations.append(time.perf_counter() - t0)
        done.set()

    t = threading.Thread(target=replay)
    last = time.perf_counter()
    longest_pause = 0.0
    t.start()
    while not done.is_set():
        now = time.perf_counter()
        longest_pause = max(longest_pause, now - last)
        last = now
    t.join()
    assert longest_pause < min(durations) / 2, (longest_pause, durations)
