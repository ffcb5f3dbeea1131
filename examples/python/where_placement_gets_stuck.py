"""Where does placement get stuck? A year of referral events, the way a regional analyst reads it.

    pip install target/wheels/wijknet-*.whl        # plus, optionally: pandas matplotlib
    python examples/python/where_placement_gets_stuck.py [--events year.json] [--referrals 20000]
                                                         [--out DIR/where_placement_gets_stuck.png]

Without --events it generates a deterministic national year of referral events (fictional, no
personal data), writes it to a JSON file next to the plot and loads it back from that file, as
an analyst would load an export. Without --out both go into a new temporary directory (printed),
never into the working directory. It then prints where referrals wait longest, which teams
decline and why, how many teams were contacted, what escalated and what was never placed, and
saves a plot (skipped, with a note, when matplotlib is not installed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from typing import Any, Dict, List, Optional, Tuple

import wijknet


def hours(secs: Optional[int]) -> str:
    return "-" if secs is None else f"{secs / 3600:6.1f} h"


def table(title: str, header: Tuple[str, ...], rows: List[Tuple[Any, ...]]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)] if rows else [len(h) for h in header]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print("  " + line.format(*header))
    for r in rows:
        print("  " + line.format(*[str(x) for x in r]))


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", help="a wijknet.referral-events/v1 file (default: generate a year)")
    ap.add_argument("--referrals", type=int, default=20000, help="referrals to generate (default 20000)")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--out", help="PNG file for the plot (default: in a new temporary directory)")
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = os.path.join(tempfile.mkdtemp(prefix="wijknet-example-"), "where_placement_gets_stuck.png")

    path = args.events
    if path is None:
        path = os.path.join(os.path.dirname(os.path.abspath(args.out)), "referral-year.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(wijknet.ReferralHistory.generate(args.seed, args.referrals).to_json())
        print(f"generated {args.referrals} referrals of a fictional year into {path}")

    t0 = time.perf_counter()
    try:  # a progress bar when tqdm is installed; the replay itself runs with the GIL released
        from tqdm import tqdm
    except ImportError:
        book = wijknet.ReferralBook.replay(path)
    else:
        with tqdm(unit=" items", leave=False) as bar:
            book = wijknet.ReferralBook.replay(path, progress=bar)
    m = book.monitoring()
    print(f"replayed {len(book)} referrals in {time.perf_counter() - t0:.2f} s")

    ttp = m.time_to_placement
    print(f"\nplaced {m.placed} of {m.referrals} referrals ({100 * m.placed / max(m.referrals, 1):.1f}%); "
          f"time from submission to care: median {hours(ttp['median_secs'])}, p90 {hours(ttp['p90_secs'])}")

    by_care = sorted(m.time_to_placement_by_care_type.items(), key=lambda kv: -(kv[1]["p90_secs"] or 0))
    table("slowest care types (p90 time to placement)", ("care type", "placed", "median", "p90"),
          [(wijknet.label("care_type", c), s["count"], hours(s["median_secs"]), hours(s["p90_secs"]))
           for c, s in by_care])

    slow_areas = sorted(
        ((pc4, s) for pc4, s in m.time_to_placement_by_pc4.items() if s["count"] >= 5),
        key=lambda kv: -(kv[1]["median_secs"] or 0),
    )[:10]
    table("postcode areas where clients wait longest (at least 5 placements)", ("PC4", "placed", "median", "p90"),
          [(pc4, s["count"], hours(s["median_secs"]), hours(s["p90_secs"])) for pc4, s in slow_areas])

    declines = sorted(m.declines.items(), key=lambda kv: -kv[1])
    table("why teams decline", ("reason", "declines"), [(wijknet.label("referral_reason", r), n) for r, n in declines])

    worst_care = sorted(m.declines_by_care_type.items(), key=lambda kv: -sum(kv[1].values()))
    table("declines per care type", ("care type", "declines", "most common reason"),
          [(wijknet.label("care_type", c), sum(r.values()), wijknet.label("referral_reason", max(r, key=r.get)))
           for c, r in worst_care])

    tc = m.teams_contacted
    table("teams contacted per referral", ("offers", "referrals"), sorted(tc["histogram"].items(), key=lambda kv: int(kv[0])))

    table("escalated to the accountable party", ("trigger", "referrals"),
          [(wijknet.label("escalation_trigger", t), n) for t, n in m.escalated_by_trigger.items()])
    table("never placed", ("status now", "referrals"),
          [(wijknet.label("referral_status", s), n) for s, n in m.never_placed.items()])

    # Per-referral records: the analyst's own cut. pandas when installed, plain Python otherwise.
    rows = book.referral_table().to_pylist()
    try:
        import pandas as pd
    except ImportError:
        stuck = Counter(r["status"] for r in rows if not r["placed"])
        print(f"\n(pandas not installed) unplaced referrals by status: {dict(stuck)}")
    else:
        df = pd.DataFrame(rows)
        df["month"] = df["created_at"].dt.strftime("%Y-%m")
        monthly = df.groupby("month").agg(referrals=("referral", "size"), placed=("placed", "mean"),
                                          median_hours=("time_to_placement_secs", lambda s: s.median() / 3600))
        print("\nper month (pandas):")
        print(monthly.round(2).to_string())

    plot(args.out, by_care, declines)
    plot_map(args.out, m.time_to_placement_by_pc4, m.declines_by_pc4)
    return 0


def pc4_centroids() -> Dict[str, Tuple[float, float]]:
    """PC4 area -> (longitude, latitude) from the PC4 table next to the examples."""
    import csv

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "nl-pc4.csv")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return {r["pc4"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)}


def plot_map(out: str, placement_by_pc4: Dict[str, Dict[str, Any]], declines_by_pc4: Dict[str, Dict[str, int]]) -> None:
    """Where placement gets stuck, on a map of PC4 centroids: colour = median hours from
    submission to care, size = declines in the area. Saved as PNG and SVG next to ``out``."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    where = pc4_centroids()
    if not where:
        print("\nno PC4 table next to the examples: map skipped")
        return
    areas = [pc4 for pc4, s in placement_by_pc4.items() if pc4 in where and s["median_secs"] is not None]
    fig, ax = plt.subplots(figsize=(7, 8))
    ax.scatter([where[p][0] for p in where], [where[p][1] for p in where], s=1, color="#dddddd", zorder=1)
    hours = [placement_by_pc4[p]["median_secs"] / 3600 for p in areas]
    sizes = [4 + 3 * sum(declines_by_pc4.get(p, {}).values()) for p in areas]
    dots = ax.scatter([where[p][0] for p in areas], [where[p][1] for p in areas], c=hours, s=sizes,
                      cmap="magma_r", vmin=0, vmax=max(hours, default=1), alpha=0.85, zorder=2)
    fig.colorbar(dots, ax=ax, shrink=0.6, label="median hours from submission to start of care")
    ax.set_aspect(1.6)  # degrees of longitude are shorter than degrees of latitude at 52°N
    ax.set_axis_off()
    ax.set_title("Where does placement get stuck?\nPC4 areas; dot size: declines in the area", fontsize=11)
    base = os.path.splitext(out)[0] + "-map"
    for ext in ("png", "svg"):
        fig.savefig(f"{base}.{ext}", dpi=90, bbox_inches="tight")
    plt.close(fig)
    print(f"map saved to {base}.png and {base}.svg ({len(areas)} PC4 areas with placements)")


def plot(out: str, by_care: List[Tuple[str, Dict[str, Any]]], declines: List[Tuple[str, int]]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"\nmatplotlib is not installed: plot skipped (pip install matplotlib to get {out})")
        return
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
    names = [wijknet.label("care_type", c) for c, _ in by_care]
    left.barh(names, [(s["p90_secs"] or 0) / 3600 for _, s in by_care], color="#c44e52", label="p90")
    left.barh(names, [(s["median_secs"] or 0) / 3600 for _, s in by_care], color="#4c72b0", label="median")
    left.set_xlabel("hours from submission to start of care")
    left.set_title("Time to placement per care type")
    left.invert_yaxis()
    left.legend()
    right.barh([wijknet.label("referral_reason", r) for r, _ in declines], [n for _, n in declines], color="#55a868")
    right.set_xlabel("declines")
    right.set_title("Why teams decline")
    right.invert_yaxis()
    fig.suptitle("Where does placement get stuck?")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    fig.savefig(os.path.splitext(out)[0] + ".svg")
    plt.close(fig)
    print(f"\nplot saved to {out} (and .svg)")


if __name__ == "__main__":
    sys.exit(main())
