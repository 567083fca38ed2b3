"""Where a profiled catch-up's time went: py-spy's collapsed stacks as µs per entry.

    python bench/profile_summary.py FILE.txt --entries 5000 [--rate 200] [--top 40] [--match TEXT]
    python bench/profile_summary.py LAST.txt --entries 10000 --against FIRST.txt [--against-entries 10000]

``FILE.txt`` is what ``LIVELEDGER_BENCH_PROFILE=DIR bench/bench_pipeline.py`` leaves in DIR (py-spy
``record --format raw``: one stack per line, frames by ``;``, then its sample count). Prints, per
function, its inclusive time (any frame of the stack) and its own time (the innermost frame), as
µs per entry: ``samples / rate / entries``. py-spy counts only threads that are running, so the
total is the worker's busy time, over every thread (faust's consumer runs in a thread of its own).

With ``--against`` (an earlier window of the same run, e.g. ``.first.txt`` beside ``.last.txt`` from
``LIVELEDGER_BENCH_PROFILE_WINDOW``), prints per function its µs per entry in both and the growth,
largest first: what costs more per entry as the states grow.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<name>.*?) \((?P<file>[^():]*)(?::\d+)?\)$")


def frame_name(frame: str) -> str:
    """``function (file)`` without the line number and the site-packages prefix."""
    m = _FRAME.match(frame.strip())
    if m is None:
        return frame.strip()
    path = m["file"]
    for marker in ("site-packages/", "python3.11/", "s5perf/", "base_perf/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{m['name']} ({path})"


def read_stacks(path: Path) -> list[tuple[list[str], int]]:
    out = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        out.append(([frame_name(f) for f in stack.split(";")], int(count)))
    return out


def per_function(stacks: list[tuple[list[str], int]]) -> tuple[Counter[str], Counter[str]]:
    """Samples per function: inclusive (any frame of the stack) and own (the innermost frame)."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for frames, n in stacks:
        for f in set(frames):
            inclusive[f] += n
        own[frames[-1]] += n
    return inclusive, own


def growth(
    now: Counter[str], before: Counter[str], scale_now: float, scale_before: float
) -> list[tuple[str, float, float]]:
    """``(function, µs per entry before, µs per entry now)``, the largest growth first."""
    rows = [(f, before[f] * scale_before, now[f] * scale_now) for f in set(now) | set(before)]
    return sorted(rows, key=lambda r: r[2] - r[1], reverse=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--entries", type=int, required=True)
    ap.add_argument("--rate", type=float, default=200.0, help="py-spy's samples per second")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--match", default="", help="only functions whose name contains this")
    ap.add_argument("--against", type=Path, help="an earlier profile: print each function's growth per entry")
    ap.add_argument("--against-entries", type=int, help="entries of the --against profile (default --entries)")
    args = ap.parse_args()

    stacks = read_stacks(args.file)
    total = sum(n for _, n in stacks)
    inclusive, own = per_function(stacks)

    def us(samples: int) -> float:
        return samples / args.rate / args.entries * 1e6

    if args.against is not None:
        earlier = read_stacks(args.against)
        before_inclusive, before_own = per_function(earlier)
        scale_now = 1e6 / args.rate / args.entries
        scale_before = 1e6 / args.rate / (args.against_entries or args.entries)
        before_total = sum(n for _, n in earlier) * scale_before
        print(f"busy µs per entry: {before_total:,.0f} in {args.against.name}, {us(total):,.0f} in {args.file.name}")
        for title, now_c, before_c in (("inclusive", inclusive, before_inclusive), ("own", own, before_own)):
            print(f"\n-- {title}: µs per entry before, now, growth (largest growth first)")
            shown = 0
            for name, b, a in growth(now_c, before_c, scale_now, scale_before):
                if args.match and args.match not in name:
                    continue
                print(f"{b:9,.0f} {a:9,.0f} {a - b:+9,.0f}  {name}")
                shown += 1
                if shown >= args.top:
                    break
        return 0

    print(f"{total} samples = {total / args.rate:.1f} s busy = {us(total):,.0f} µs per entry")
    for title, counter in (("inclusive", inclusive), ("own", own)):
        print(f"\n-- {title} (µs per entry, share of busy time)")
        shown = 0
        for name, n in counter.most_common():
            if args.match and args.match not in name:
                continue
            print(f"{us(n):9,.0f}  {n / total:6.1%}  {name}")
            shown += 1
            if shown >= args.top:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
