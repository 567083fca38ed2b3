"""Throughput of the figure extractor on one core.

Usage: ``python bench/bench_extract.py [--seconds 5] [--entries 3000] [--profile]``

The workload mixes the sample live blog shipped with liveledger (when
present) with generated entries: news sentences with figures, places and
attribution, interleaved with boilerplate (newsletter prompts, recaps without
figures). Prints the one-off gazetteer build time, then MB/s of text and
entries/s over repeated passes. ``--profile`` prints the top functions of a
cProfile run over the sample blog and the dense workload instead.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from streams.extract import EXTRACTOR_VERSION, extract
from streams.extract.gazetteer import gazetteer

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "liveledger" / "data" / "sample_liveblog.jsonl"

_PLACES = ["Kharkiv", "Sumy", "Odesa", "the Kursk region", "Zaporizhzhia", "Pokrovsk", "Belgorod",
           "Dnipro", "Kherson", "the Donetsk region", "Bryansk", "Kyiv"]  # fmt: skip
_CLAIMANTS = ["the regional governor", "the air force", "officials", "the defence ministry", "police",
              "the mayor", "emergency services"]  # fmt: skip
_NEWS = [
    "At least {n} people were killed and {m} injured in a {w} strike on {p}, {c} said.",
    "Air defences shot down {n} of {m} drones launched overnight, {c} said.",
    "A {w} hit a residential building in {p}, injuring {n} people, according to {c}.",
    "Russia is losing some {n} soldiers a day, {c} said.",
    "The death toll from the attack on {p} has risen to {n}.",
    "More than {n} residents have been evacuated from {p} since the start of the month.",
    "{c} said there were no casualties after a {w} fell on an oil depot near {p}.",
    "Some {n} North Korean troops are now in {p}, Reuters quoted an unnamed official as saying.",
]
_BOILER = [
    "Sign up for our newsletter to get the day's top stories.",
    "We will bring you more on this as we get it.",
    "Here is a recap of the main developments so far today.",
    "Thank you for following our live coverage; my colleague will take over from here.",
    "Leaders met in Brussels to discuss the next package of support for Kyiv.",
    "The president is expected to speak later this evening in a televised address.",
    "Analysts say the talks have stalled, with both sides blaming each other for the delay.",
]
_WEAPONS = ["drone", "missile", "guided bomb", "rocket"]


def generated(n: int, news_share: float, seed: int = 7) -> list[tuple[str, str]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(3, 9)):
            if rnd.random() < news_share:
                t = rnd.choice(_NEWS)
                parts.append(
                    t.format(
                        n=f"{rnd.randint(1, 2000):,}",
                        m=rnd.randint(1, 300),
                        w=rnd.choice(_WEAPONS),
                        p=rnd.choice(_PLACES),
                        c=rnd.choice(_CLAIMANTS),
                    )
                )
            else:
                parts.append(rnd.choice(_BOILER))
        body = " ".join(parts[1:])
        out.append((parts[0][:90], body))
    return out


def sample_entries() -> list[tuple[str, str]]:
    if not SAMPLE.exists():
        return []
    out = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append((d.get("title") or "", d.get("body") or ""))
    return out


def measure(name: str, work: list[tuple[str, str]], seconds: float) -> None:
    chars = sum(len(a) + len(b) + 2 for a, b in work)
    facts = 0
    passes = 0
    t = time.perf_counter()
    while True:
        for title, body in work:
            facts += len(extract(title, body))
        passes += 1
        elapsed = time.perf_counter() - t
        if elapsed >= seconds:
            break
    mb = chars * passes / 1e6
    print(
        f"{name}: {len(work)} entries, {chars / 1e6:.2f} MB, {passes} pass(es): "
        f"{mb / elapsed:.2f} MB/s, {len(work) * passes / elapsed:,.0f} entries/s, "
        f"{facts / (len(work) * passes):.2f} facts/entry"
    )


def profile(work: list[tuple[str, str]]) -> None:
    import cProfile
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for title, body in work:
        extract(title, body)
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--seconds", type=float, default=4.0, help="minimum time to measure each workload")
    ap.add_argument("--entries", type=int, default=3000, help="generated entries per workload")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the sample and dense workloads")
    args = ap.parse_args()

    t = time.perf_counter()
    gazetteer()
    print(f"extractor {EXTRACTOR_VERSION}; gazetteer build (one-off): {time.perf_counter() - t:.2f} s")
    if args.profile:
        profile(sample_entries() * 10 + generated(min(args.entries, 500), 0.45))
        return
    sample = sample_entries()
    if sample:
        measure("sample live blog", sample, args.seconds)
    measure("dense (45% figure sentences)", generated(args.entries, 0.45), args.seconds)
    measure("light (10% figure sentences)", generated(args.entries, 0.10), args.seconds)
    measure("boilerplate only", generated(args.entries, 0.0), args.seconds)


if __name__ == "__main__":
    main()
