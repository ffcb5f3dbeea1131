"""Times the analyst's national-scale calls from Python (median and p99 of repeated runs, with
the load average), for issue 15's targets:

    python bench_history.py [--referrals 216000] [--runs 7]

- a national year (about 216,000 referrals, 1.5 million events) replayed into monitoring
  (`ReferralBook.replay(history)` + `monitoring()`; target <= 1 s);
- the events of that year into a polars DataFrame (`polars.DataFrame(history.table())`;
  target <= 0.5 s; skipped without polars);
- the same events as a list of dicts (`table.to_pylist()`), the form `events_table` had before,
  for comparison (one run: it is slow).

The history is generated in wijknet (`ReferralHistory.generate`), never as one JSON document (a
national year is larger than the 256 MiB a document may be).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from typing import Callable, List

import wijknet


def runs(f: Callable[[], object], n: int) -> List[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        out.append(time.perf_counter() - t)
    return sorted(out)


def show(what: str, secs: List[float]) -> None:
    p99 = secs[min(len(secs) - 1, int(0.99 * len(secs)))]
    print(f"{what:<48} median {statistics.median(secs):7.3f} s   p99 {p99:7.3f} s   ({len(secs)} runs)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--referrals", type=int, default=216_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    print(f"wijknet {wijknet.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    t = time.perf_counter()
    history = wijknet.ReferralHistory.generate(2025, args.referrals)
    print(f"generated {args.referrals} referrals, {len(history)} events in {time.perf_counter() - t:.2f} s")
    show("replay into monitoring", runs(lambda: wijknet.ReferralBook.replay(history).monitoring(), args.runs))
    show("events table (Arrow)", runs(history.table, args.runs))
    try:
        import polars as pl
    except ImportError:
        print("polars not installed: DataFrame timing skipped")
    else:
        show("events into a polars DataFrame", runs(lambda: pl.DataFrame(history.table()), args.runs))
    table = history.table()
    show("events as dicts (to_pylist, before)", runs(table.to_pylist, 1))
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
