"""What if the four providers had not started their shared night team? A what-if over a year of
the demo region (Twente), the way a regional analyst asks it.

    pip install target/wheels/wijknet-*.whl        # plus, optionally: matplotlib tqdm
    python examples/python/what_if_shared_night_team.py [--referrals 20000] [--out DIR/what_if.png]

It generates a seeded year of referrals for the demo region's registry and agreements (every
team in it exists in the registry), then replays that year twice: under the agreements without
the night rotation ("nacht-twente", the baseline) and with it (the proposal), re-running matching
at each referral's moment. It prints what the rotation changes (referrals with no eligible team,
candidates, estimated placements) per municipality and part of the day, and draws the difference
per municipality as PNG and SVG (skipped without matplotlib). Output goes into a new temporary
directory unless --out is given. The data are fictional; the after-figures of referrals that gain
their first team are estimates (the median time to placement of comparable referrals).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from typing import Any, Dict, List, Optional

import wijknet

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
ROTATION = "nacht-twente"


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--referrals", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", help="PNG file for the picture (default: in a new temporary directory)")
    args = ap.parse_args(argv)
    if args.out is None:
        args.out = os.path.join(tempfile.mkdtemp(prefix="wijknet-what-if-"), "what_if_shared_night_team.png")

    registry = wijknet.Registry.from_json(os.path.join(DATA, "twente.json"))
    with open(os.path.join(DATA, "twente.agreements.json"), encoding="utf-8") as f:
        doc = json.load(f)
    with_rotation = wijknet.Agreements.from_json(doc, registry)
    doc["agreements"] = [a for a in doc["agreements"] if a["id"] != ROTATION]
    without_rotation = wijknet.Agreements.from_json(doc, registry)

    t0 = time.perf_counter()
    year = wijknet.ReferralHistory.generate(args.seed, args.referrals, registry=registry, agreements=with_rotation)
    book = wijknet.ReferralBook.replay(year)
    print(f"a year of {len(book)} referrals in the demo region, generated and replayed in {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    try:
        from tqdm import tqdm
    except ImportError:
        result = book.what_if(registry, agreements=without_rotation, proposed_agreements=with_rotation)
    else:
        with tqdm(unit=" referrals", leave=False) as bar:
            result = book.what_if(registry, agreements=without_rotation, proposed_agreements=with_rotation,
                                  progress=bar)
    print(f"what-if (without vs with the night rotation) in {time.perf_counter() - t0:.2f} s")

    t = result.total
    print(f"\nreferrals with no eligible team: {t['no_eligible_team_before']} without the rotation, "
          f"{t['no_eligible_team_after']} with it ({t['now_eligible']} now have a team, "
          f"{t['estimated_after']} of them with estimated placement)")
    print(f"candidates per referral: {t['candidates_before'] / max(t['referrals'], 1):.2f} -> "
          f"{t['candidates_after'] / max(t['referrals'], 1):.2f}")
    print("\nper part of the day (referrals, no eligible team before -> after):")
    for part, row in result.by_time_of_day.items():
        print(f"  {wijknet.label('time_of_day', part):<8} {row['referrals']:>6}  "
              f"{row['no_eligible_team_before']:>5} -> {row['no_eligible_team_after']}")
    names = municipality_names(registry)
    changed = sorted(((m, r) for m, r in result.by_municipality.items() if r["changed"]),
                     key=lambda kv: -kv[1]["changed"])
    print("\nmunicipalities where the rotation changes something:")
    for m, r in changed:
        print(f"  {names.get(m, m):<14} changed {r['changed']:>5}, no eligible team "
              f"{r['no_eligible_team_before']} -> {r['no_eligible_team_after']}")
    plot(args.out, result.by_municipality, names)
    return 0


def municipality_names(registry: wijknet.Registry) -> Dict[str, str]:
    doc = json.loads(registry.to_json())
    return {m["code"]: m["name"] for m in doc.get("municipalities", [])}


def plot(out: str, by_municipality: Dict[str, Dict[str, Any]], names: Dict[str, str]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print(f"\nmatplotlib is not installed: picture skipped (pip install matplotlib to get {out})")
        return
    rows = sorted(by_municipality.items(), key=lambda kv: names.get(kv[0], kv[0]))
    labels = [names.get(m, m) for m, _ in rows]
    before = [r["no_eligible_team_before"] for _, r in rows]
    after = [r["no_eligible_team_after"] for _, r in rows]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(rows) + 1.5))
    y = range(len(rows))
    ax.barh([i + 0.2 for i in y], before, height=0.4, color="#c44e52", label="without the night rotation")
    ax.barh([i - 0.2 for i in y], after, height=0.4, color="#4c72b0", label="with the night rotation")
    ax.set_yticks(list(y), labels)
    ax.invert_yaxis()
    ax.set_xlabel("referrals with no eligible team (a year)")
    ax.set_title("What if the four providers share a night team? (fictional year, Twente)")
    ax.legend()
    fig.tight_layout()
    base = os.path.splitext(out)[0]
    for ext in ("png", "svg"):
        fig.savefig(f"{base}.{ext}", dpi=100)
    plt.close(fig)
    print(f"\npicture saved to {base}.png and {base}.svg")


if __name__ == "__main__":
    sys.exit(main())
