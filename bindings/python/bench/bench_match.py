"""Times single calls from Python (median and p99 over many calls, time.perf_counter_ns).

    python bench_match.py [--registry national.json] [--calls 20000]

Without --registry it builds a deterministic national-scale registry itself (every 4-digit
postcode area from 1000 to 9999 that the generator keeps, ~6000 teams of ~1500 organisations,
each team serving a run of neighbouring PC4 areas), so it needs nothing but the wheel. With the
workspace's `gen-national` output, pass --registry. Timings include the conversion of the
Python request and the result object; a second line also converts the whole result to a dict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import time
from typing import Any, Callable, Dict, List

import wijknet

CARE = ["personal_care", "nursing", "wound_care", "medical_technical", "palliative_terminal"]
LEVELS = ["level_3", "level_4", "level_5", "level_6"]
STATUS = ["accepting", "accepting", "accepting", "waitlist", "full", "unknown"]


def synthetic_national(seed: int = 7) -> Dict[str, Any]:
    rng = random.Random(seed)
    pc4s = [p for p in range(1000, 10000) if rng.random() < 0.45]  # ~4000 areas, like the country
    orgs: List[Dict[str, Any]] = [{"id": "ins-1", "name": "Verzekeraar", "kind": "insurer"}]
    teams: List[Dict[str, Any]] = []
    for o in range(1500):
        oid = f"org-{o:04d}"
        orgs.append({"id": oid, "name": f"Aanbieder {o}", "kind": "home_care_provider",
                     "contracted_insurers": ["ins-1"] if rng.random() < 0.8 else []})
        for t in range(rng.choice([1, 2, 4, 6, 8])):
            start = rng.randrange(len(pc4s) - 12)
            run = pc4s[start:start + rng.randint(3, 12)]
            status = rng.choice(STATUS)
            cap: Dict[str, Any] = {"status": status, "updated_at": f"2026-11-{rng.randint(10, 22):02d}T08:00:00Z"}
            if status in ("accepting", "waitlist"):
                cap["earliest_start"] = f"2026-{rng.choice([11, 12])}-{rng.randint(1, 28):02d}"
            teams.append({
                "id": f"{oid}-t{t}", "organisation": oid, "name": f"Team {o}.{t}",
                "area": {"pc4": [str(p) for p in run]},
                "care_types": rng.sample(CARE, rng.randint(2, 5)),
                "max_nurse_level": rng.choice(LEVELS),
                "times_of_day": rng.choice([["day"], ["day", "evening"], ["day", "evening", "night"]]),
                "capacity": cap,
                "contacts": [{"name": f"Contact {o}.{t}", "role": "wijkverpleegkundige", "phone": "06-00000000",
                              "hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "17:00"}]}],
            })
    return {"schema": "wijknet.registry/v1", "version": 1, "municipalities": [], "organisations": orgs,
            "teams": teams, "coordination_points": []}


def timed(label: str, fn: Callable[[], Any], calls: int) -> Dict[str, float]:
    for _ in range(min(2000, calls // 5)):
        fn()
    samples = []
    for _ in range(calls):
        t0 = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t0)
    samples.sort()
    out = {"median_us": statistics.median(samples) / 1000, "p99_us": samples[int(len(samples) * 0.99)] / 1000}
    print(f"{label:<58} median {out['median_us']:7.2f} µs   p99 {out['p99_us']:7.2f} µs")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--registry")
    ap.add_argument("--agreements", help="agreements document (default: REGISTRY.agreements.json when it exists)")
    ap.add_argument("--calls", type=int, default=20000)
    args = ap.parse_args()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?") \
        if os.path.exists("/proc/cpuinfo") else platform.processor()
    print(f"wijknet {wijknet.__version__}, Python {platform.python_version()}, {os.cpu_count()} cpus, {cpu}")

    t0 = time.perf_counter()
    if args.registry:
        registry = wijknet.Registry.from_json(args.registry)
        source = args.registry
    else:
        doc = synthetic_national()
        text = json.dumps(doc)
        t0 = time.perf_counter()
        registry = wijknet.Registry.from_json(text)
        source = f"synthetic national ({len(text) / 1e6:.1f} MB JSON)"
    print(f"registry: {source}: {len(registry)} teams, loaded in {(time.perf_counter() - t0) * 1000:.0f} ms")

    # Requests spread over the country, so the timing is not one hot postcode.
    rng = random.Random(1)
    areas = [tm["area"]["pc4"][0] for tm in registry.to_dict()["teams"] if tm["area"].get("pc4")]
    reqs = [{"location": rng.choice(areas) + "AB", "care_types": rng.sample(CARE[:3], rng.randint(1, 2)),
             "desired_start": "2026-11-24", "latest_start": "2026-12-05"} for _ in range(256)]
    typed = [wijknet.MatchRequest.from_dict(r) for r in reqs]
    now_text = "2026-11-22T10:00:00Z"
    now_dt = dt.datetime(2026, 11, 22, 10, tzinfo=dt.timezone.utc)
    sizes = [len(registry.match(r, now_text).excluded) + len(registry.match(r, now_text).candidates) for r in reqs]
    print(f"teams evaluated per request: median {statistics.median(sizes)}, max {max(sizes)}")

    i = iter(range(10**12))
    pick = lambda seq: seq[next(i) % len(seq)]  # noqa: E731
    timed("match(dict request, now=str) -> MatchResult", lambda: registry.match(pick(reqs), now_text), args.calls)
    timed("match(dict request, now=datetime) -> MatchResult", lambda: registry.match(pick(reqs), now_dt), args.calls)
    timed("match(MatchRequest, now=str) -> MatchResult", lambda: registry.match(pick(typed), now_text), args.calls)
    timed("match(dict) + read every candidate's team/start/flags",
          lambda: [(c.team, c.possible_start, c.flags) for c in registry.match(pick(reqs), now_text).candidates],
          args.calls)
    timed("match(dict) + result.to_dict() (whole result)", lambda: registry.match(pick(reqs), now_text).to_dict(),
          args.calls)
    agreements_path = args.agreements
    if agreements_path is None and args.registry and os.path.exists(args.registry[:-5] + ".agreements.json"):
        agreements_path = args.registry[:-5] + ".agreements.json"
    if agreements_path:
        agreements = wijknet.Agreements.from_json(agreements_path, registry)
        print(f"agreements: {agreements_path}: {len(agreements)} agreements")
        timed("match(dict, agreements=national) -> MatchResult",
              lambda: registry.match(pick(reqs), now_text, agreements=agreements), args.calls)
        timed("on_call(registry, PC6, now=str) -> OnCall",
              lambda: agreements.on_call(registry, pick(reqs)["location"], now_text), args.calls)
    bench_consent(args.calls)


def bench_consent(calls: int) -> None:
    """One consent decision, on every decision case of tests/vectors/consent (dict and typed)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[3] / "tests" / "vectors" / "consent"
    cases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    cases = [c for c in cases if c.get("request")]
    if not cases:
        print("no consent vectors found: consent benchmark skipped")
        return
    jobs = [(wijknet.ConsentStore.from_json(c["store"]), c["request"], c["at"]) for c in cases]
    typed = [(s, wijknet.ConsentRequest.from_dict(r), at) for s, r, at in jobs]
    at_dt = [(s, r, dt.datetime.fromisoformat(at.replace("Z", "+00:00"))) for s, r, at in typed]
    i = iter(range(10**12))
    pick = lambda seq: seq[next(i) % len(seq)]  # noqa: E731

    def run(job: Any) -> Any:
        store, request, at = job
        return store.decide(request, at)

    print(f"consent: {len(jobs)} decision cases from tests/vectors/consent")
    timed("consent decide(dict request, at=str) -> ConsentDecision", lambda: run(pick(jobs)), calls)
    timed("consent decide(ConsentRequest, at=str) -> ConsentDecision", lambda: run(pick(typed)), calls)
    timed("consent decide(ConsentRequest, at=datetime)", lambda: run(pick(at_dt)), calls)
    timed("consent decide(dict) + .permitted", lambda: run(pick(jobs)).permitted, calls)


if __name__ == "__main__":
    main()
