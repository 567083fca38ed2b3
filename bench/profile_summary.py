"""Where a profiled catch-up's time went: py-spy's collapsed stacks as µs per entry.

    python bench/profile_summary.py FILE.txt --entries 5000 [--rate 200] [--top 40] [--match TEXT]

``FILE.txt`` is what ``LIVELEDGER_BENCH_PROFILE=DIR bench/bench_pipeline.py`` leaves in DIR (py-spy
``record --format raw``: one stack per line, frames by ``;``, then its sample count). Prints, per
function, its inclusive time (any frame of the stack) and its own time (the innermost frame), as
µs per entry: ``samples / rate / entries``. py-spy counts only threads that are running, so the
total is the worker's busy time, over every thread (faust's consumer runs in a thread of its own).
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--entries", type=int, required=True)
    ap.add_argument("--rate", type=float, default=200.0, help="py-spy's samples per second")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--match", default="", help="only functions whose name contains this")
    args = ap.parse_args()

    stacks = read_stacks(args.file)
    total = sum(n for _, n in stacks)
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for frames, n in stacks:
        for f in set(frames):
            inclusive[f] += n
        own[frames[-1]] += n

    def us(samples: int) -> float:
        return samples / args.rate / args.entries * 1e6

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
