"""How long the gazetteer takes to load in a cold process, and a first look-up of one country's towns.

Usage::

    python bench/bench_gazetteer.py [--runs 5] [--countries NG,FR,MX] [--tree DIR] [--json]

Each run is a fresh ``python`` process (nothing cached in memory): it imports
``streams.extract.gazetteer``, calls ``gazetteer()`` and then ``towns(cc)`` for
each country named. The figures printed are the median and the worst over the runs.
``--tree`` measures another checkout instead (e.g. ``git worktree add /tmp/old HEAD~3``), for a
before/after figure taken on the same machine. Issue 10 item 4 asks that the gazetteer load in well under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys, time
t0 = time.perf_counter()
from streams.extract.gazetteer import gazetteer
t1 = time.perf_counter()
g = gazetteer()
t2 = time.perf_counter()
towns = {}
for cc in sys.argv[1].split(","):
    if cc:
        s = time.perf_counter()
        g.towns(cc)
        towns[cc] = time.perf_counter() - s
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "towns": towns, "names": len(g.names)}))
"""


def one_run(countries: str, tree: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, countries], cwd=tree, env=env, capture_output=True, text=True, check=True
    )
    got: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--countries", default="NG,FR,MX", help="comma-separated alpha-2 codes whose towns to load")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    runs = [one_run(args.countries, args.tree.resolve()) for _ in range(max(1, args.runs))]
    loads = [float(r["load"]) for r in runs]  # type: ignore[arg-type]
    imports = [float(r["import"]) for r in runs]  # type: ignore[arg-type]
    towns: dict[str, list[float]] = {}
    for r in runs:
        for cc, s in r["towns"].items():  # type: ignore[attr-defined]
            towns.setdefault(cc, []).append(float(s))
    summary = {
        "runs": len(runs),
        "import_s": statistics.median(imports),
        "load_median_s": statistics.median(loads),
        "load_max_s": max(loads),
        "towns_median_s": {cc: statistics.median(v) for cc, v in towns.items()},
        "names": runs[0]["names"],
    }
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"gazetteer of {args.tree.resolve()}, {len(runs)} cold processes ({summary['names']} name keys)")
    print(f"  import of streams.extract.gazetteer: {summary['import_s']:.3f} s (median)")
    print(f"  gazetteer() load: {summary['load_median_s']:.3f} s median, {summary['load_max_s']:.3f} s worst")
    for cc, s in summary["towns_median_s"].items():  # type: ignore[attr-defined]
        print(f"  first towns({cc}): {s:.3f} s (median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
