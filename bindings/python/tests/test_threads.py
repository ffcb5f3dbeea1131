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
            r = basic.update_capacity({"team": "a2", "expected_version": 0, "status": "full",
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
    year = wijknet.generate_referral_events(11, 400)
    expected = wijknet.ReferralBook.replay(year).monitoring().to_dict()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for m in pool.map(lambda _: wijknet.ReferralBook.replay(year).monitoring().to_dict(), range(8)):
            assert m == expected
