"""liveledger against raw aiokafka on one broker, side by side in one run.

    python bench/bench_pipeline.py [--entries 20000] [--rate 1000] [--seconds 10] [--queries 1000]
                                   [--process-entries 5000] [--scale [--scale-entries 100000]]
                                   [--compare DIR] [--two-workers] [--json] [--publish-only [--rounds 5]]

Uses LIVELEDGER_KAFKA_BOOTSTRAP when set, else starts a local broker on free loopback ports.
Prints, with the targets:
  publish        liveledger Publisher vs raw idempotent acks=all produce of the same bytes (>= 0.5x)
  replay         from the facts a worker recorded, chain verified, vs raw consume of the entries (>= 0.5x);
                 also --rederive (every entry extracted again, on every core) and read+decode alone;
                 with --compare, the replay of that tree too (it re-extracts every entry)
  visible p99    acceptance -> in a view table, at a steady publish rate, via a worker (<= 200 ms)
  query p99      GET /api/v1/casualties?region=... and friends on that worker          (<= 10 ms)
  process        a worker catching up on --process-entries entries already in the log: entries to all
                 views visible per second (>= 1,500/s), changelog bytes written per entry (<= 2 kB, read
                 back from the real changelog topics) and the worker's RSS at the end
                 and, with --catchup-queries, the query p99 on the caught-up views (every tree alike)
  --scale        one worker fed --scale-entries entries in three backlogs, each caught up in full: 10,000
                 on an empty state, the middle ones, and the last 10,000 on a state of all the others;
                 the rates of the first and last backlog side by side (ratio >= 0.9x: the cost of a write
                 does not grow), with the worker's CPU ms per entry in each (what load on the machine
                 does not change)
  --two-workers  the process measurement again with two workers (one consumer group) sharing the partitions
  --compare DIR  runs the process (and scale) measurement also with the worker of the source tree DIR
                 (e.g. an export of an older commit), on the same log, one after the other; given more
                 than once, every tree runs (the first one's figures are ``before.*``, the others'
                 ``tree.<folder name>.*``)
  --json         prints one JSON object with the figures before the table (also when a later run fails)
  --publish-only the publish row alone, on a broker of its own: this tree's publisher and every --compare
                 tree's, each in a process of its own, in --rounds alternating rounds, each run beside raw
                 produce of the bytes it wrote (medians; the trees' rates compared round by round)
With LIVELEDGER_BENCH_PROFILE=DIR (and py-spy installed), each catch-up worker is sampled from ready to
the end into DIR; ``bench/profile_summary.py FILE --entries N`` prints where its time went per entry.
The machine is small and shared: read the ratios, which are measured back to back.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.catchup import (  # noqa: E402
    WINDOW,
    Row,
    bench_broker,
    free_port,
    make_settings,
    process_rows,
    process_run,
    publish_only,
    query_latencies,
)
from bench.publish_compare import raw_produce, rounds, summary  # noqa: E402
from bench.replay_runs import replays  # noqa: E402
from bench.scale import scale_rows, scale_run  # noqa: E402
from liveledger.broker import local  # noqa: E402
from liveledger.kafka.reader import read_topic  # noqa: E402
from liveledger.publish.batch import read_requests  # noqa: E402
from liveledger.publish.publisher import Publisher  # noqa: E402
from liveledger.settings import Settings  # noqa: E402
from tests.support.worker import WorkerProcess  # noqa: E402

SAMPLE = REPO / "liveledger" / "data" / "sample_liveblog.jsonl"


def entry_lines(n: int, prefix: str) -> list[bytes]:
    """``n`` new entries, texts cycled from the sample blog, spread over six blogs."""
    bodies = [d for d in (orjson.loads(x) for x in SAMPLE.read_bytes().splitlines()) if "body" in d]
    out = []
    for i in range(n):
        src = bodies[i % len(bodies)]
        out.append(
            orjson.dumps(
                {
                    "entry_id": f"{prefix}{i:07d}",
                    "blog_id": f"bench-{i % 6}",
                    "title": src.get("title", ""),
                    "body": src["body"],
                    "occurred_at": src.get("occurred_at"),
                }
            )
        )
    return out


async def publish_and_replay(settings: Settings, lines: list[bytes]) -> dict[str, Any]:
    good, _ = read_requests(lines, settings.max_body_bytes)
    async with Publisher(settings) as pub:
        t0 = time.perf_counter()
        results = await pub.publish_many(good)
        publish_s = time.perf_counter() - t0
    assert sum(1 for _, r in results if getattr(r, "status", None) == "published") == len(good)
    # the same bytes, produced raw to a topic of their own
    raw_values = []
    async for rec in _records(settings):
        raw_values.append((rec[0], rec[1]))
    produce_s, _ = await raw_produce(settings.kafka_bootstrap, f"{settings.entries_topic}.raw", raw_values)
    return {"n": len(good), "publish_s": publish_s, "produce_s": produce_s}


async def _records(settings: Settings) -> Any:

    async for rec in read_topic(settings, settings.entries_topic):
        yield (rec.key or b"", rec.value or b"")


async def paced_publish(settings: Settings, lines: list[bytes], rate: float) -> float:
    """Publish at ``rate`` entries per second in 10 ms ticks; returns the achieved rate."""
    good, _ = read_requests(lines, settings.max_body_bytes)
    per_tick = max(1, round(rate / 100))
    async with Publisher(settings) as pub:
        t0 = time.perf_counter()
        for i in range(0, len(good), per_tick):
            await pub.publish_many(good[i : i + per_tick])
            target = t0 + (i + per_tick) / rate
            delay = target - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        return len(good) / (time.perf_counter() - t0)


def pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(q * len(s)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, default=20000, help="entries for the publish/replay comparison")
    ap.add_argument("--rate", type=float, default=1000.0, help="steady publish rate for the latency run")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of the latency run")
    ap.add_argument("--queries", type=int, default=1000, help="queries for the query-latency run")
    ap.add_argument("--process-entries", type=int, default=5000, help="entries for the catch-up run")
    ap.add_argument("--catchup-queries", type=int, default=400,
                    help="queries on each caught-up worker (every tree on the same views; 0: none)")  # fmt: skip
    ap.add_argument("--scale", action="store_true", help="also measure the worker rate at 10k and at the end")
    ap.add_argument("--scale-entries", type=int, default=100_000, help="entries for the --scale run")
    ap.add_argument("--scale-window", type=int, default=WINDOW, help="entries of the first and last backlog")
    ap.add_argument("--compare", type=Path, action="append", default=[],
                    help="a source tree whose worker is measured beside this one (repeatable)")  # fmt: skip
    ap.add_argument("--scale-compare", action="store_true", help="run --scale with the --compare tree too")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds a catch-up may take")
    ap.add_argument("--skip-live", action="store_true", help="only the catch-up runs (process, scale)")
    ap.add_argument("--two-workers", action="store_true", help="also catch up with two workers sharing the work")
    ap.add_argument("--json", action="store_true", help="print one JSON object with the figures")
    ap.add_argument("--publish-only", action="store_true", help="only the publish measurement (--entries entries)")
    ap.add_argument("--rounds", type=int, default=5, help="--publish-only: alternating rounds of every tree")
    args = ap.parse_args()
    if args.publish_only:
        return publish_figures(args)

    tmp = Path(tempfile.mkdtemp(prefix="liveledger-bench-"))
    bootstrap, cfg = bench_broker(tmp)
    figures: dict[str, Any] = {}
    rows: list[Row] = []
    try:
        tag = uuid.uuid4().hex[:8]
        if not args.skip_live:
            rows += live_rows(args, bootstrap, tag, tmp, figures)

        trees: list[tuple[str, Path | None]] = [("", None)]
        trees[:0] = [(f" [{tree.name}]", tree.resolve()) for tree in args.compare]
        prefixes = {tree: ("before." if i == 0 else f"tree.{tree.name}.") for i, (_, tree) in enumerate(trees[:-1])}
        log = make_settings(bootstrap, tag + "p", tmp / "sp", free_port())
        print(f"publishing {args.process_entries} entries for the catch-up runs", flush=True)
        asyncio.run(publish_only(log, entry_lines(args.process_entries, "c")))
        for label, tree in trees:
            print(f"catch-up{label}: {args.process_entries} entries", flush=True)
            r = process_run(bootstrap, tag + "w" + str(len(figures)), tmp, args.process_entries, tree,
                            args.timeout, log.entries_topic, queries=args.catchup_queries)  # fmt: skip
            prefix = prefixes.get(tree, "")
            figures[f"{prefix}process.entries_per_s"] = round(r["rate"], 1)
            figures[f"{prefix}changelog.bytes_per_entry"] = round(r["bytes_per_entry"])
            figures[f"{prefix}worker.rss_mb"] = round(r["rss_mb"], 1)
            figures[f"{prefix}process.entries_agent_per_s"] = round(r["n"] / r["entries_seconds"], 1)
            figures[f"{prefix}process.views_complete"] = r["views_complete"]
            if r.get("query_ms"):  # the same queries on the same caught-up views, tree by tree
                figures[f"{prefix}process.query_p99_ms"] = round(pct(r["query_ms"], 0.99), 2)
                figures[f"{prefix}process.query_p50_ms"] = round(statistics.median(r["query_ms"]), 2)
                figures[f"{prefix}process.query_server_p99_ms"] = round(pct(r["query_server_ms"], 0.99), 2)
            figures[f"{prefix}changelog.by_table"] = {t: {"records": n, "bytes": b}
                                                      for t, (n, b) in r["changelog_by_table"].items()}  # fmt: skip
            rows += process_rows(label, r)
        if args.two_workers:
            one = figures["process.entries_per_s"]
            print(f"catch-up with two workers: {args.process_entries} entries", flush=True)
            r = process_run(bootstrap, tag + "t", tmp, args.process_entries, None, args.timeout, log.entries_topic, 2)
            figures["two_workers.entries_per_s"] = round(r["rate"], 1)
            figures["two_workers.ratio"] = round(r["rate"] / one, 3)
            rows.append(("process, two workers", f"{r['rate']:,.0f}", f"one worker {one:,.0f}/s",
                         f"{r['rate'] / one:.2f}x", ">= 1.4x"))  # fmt: skip
        if args.scale:
            n = args.scale_entries
            print(f"publishing {n} entries for the scale run", flush=True)
            big = make_settings(bootstrap, tag + "s", tmp / "ss", free_port())
            asyncio.run(publish_only(big, entry_lines(n, "s")))
            for label, tree in trees if args.scale_compare else trees[-1:]:
                w = args.scale_window
                print(f"scale{label}: {w} entries on an empty state, {n - 2 * w} more, {w} on the rest", flush=True)
                run_tag = tag + "x" + str(len(figures))
                r = scale_run(bootstrap, run_tag, tmp, big.entries_topic, n, tree, args.timeout, w)
                first, last = r["first"], r["last"]
                prefix = prefixes.get(tree, "")
                figures[f"{prefix}scale.entries"] = n
                figures[f"{prefix}scale.rate_first_10k"] = round(first["rate"], 1)
                figures[f"{prefix}scale.rate_last_10k"] = round(last["rate"], 1)
                figures[f"{prefix}scale.ratio"] = round(last["rate"] / first["rate"], 3)
                figures[f"{prefix}scale.cpu_ms_per_entry_first_10k"] = round(first["cpu_ms_per_entry"], 2)
                figures[f"{prefix}scale.cpu_ms_per_entry_last_10k"] = round(last["cpu_ms_per_entry"], 2)
                figures[f"{prefix}scale.cpu_ratio"] = round(first["cpu_ms_per_entry"] / last["cpu_ms_per_entry"], 3)
                figures[f"{prefix}scale.changelog.bytes_per_entry"] = round(r["bytes_per_entry"])
                figures[f"{prefix}scale.worker.rss_mb"] = round(r["rss_mb"], 1)
                figures[f"{prefix}scale.phases"] = [{k: round(v, 2) for k, v in ph.items()} for ph in r["phases"]]
                rows += scale_rows(label, r, first["rate"], last["rate"])

    finally:
        if cfg is not None:
            local.stop(cfg)
        if args.json:  # what was measured, even when a later run failed
            print(orjson.dumps(figures, option=orjson.OPT_SORT_KEYS).decode(), flush=True)
    width = [max(len(str(row[i])) for row in rows) for i in range(5)]
    print()
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, width, strict=True)))
    return 0


def publish_figures(args: argparse.Namespace) -> int:
    """The publish row alone, on a broker of its own: each tree's Publisher (this one, then every
    ``--compare`` tree) against raw produce of the same bytes, in ``--rounds`` alternating rounds."""
    tmp = Path(tempfile.mkdtemp(prefix="liveledger-bench-"))
    bootstrap, cfg = bench_broker(tmp)
    trees = [(REPO.name, REPO)] + [(tree.resolve().name, tree.resolve()) for tree in args.compare]
    names = [name for name, _ in trees]
    if len(set(names)) != len(names):
        raise SystemExit(f"trees need distinct folder names to be told apart: {names}")
    try:
        print(f"broker {bootstrap}; {args.entries} entries from the sample blog's texts; trees {names}", flush=True)
        runs = rounds(trees, bootstrap, tmp, entry_lines(args.entries, "p"), args.rounds, asyncio.run)
    finally:
        if cfg is not None:
            local.stop(cfg)
    s = summary(runs, names)
    if args.json:
        print(orjson.dumps({"publish.ratio": s[REPO.name]["ratio"], "publish": s}).decode(), flush=True)
    for name in names:
        t = s[name]
        print(f"publish [{name}] (entries/s)  {t['rate']:,.0f}  raw produce {t['raw_rate']:,.0f}/s  {t['ratio']:.2f}x "
              f"({t['ratio_min']:.2f}-{t['ratio_max']:.2f}x; {t['ratio_round_raw']:.2f}x of the rounds' raw rate; "
              f"CPU {t['cpu_us']:.0f} us/entry, raw {t['raw_cpu_us']:.0f})"
              "  >= 0.5x")  # fmt: skip
    for name in names[1:]:
        pair = s[f"{names[0]}/{name}"]
        print(f"publish [{names[0]}] / [{name}]: {pair['median']:.2f}x (median of rounds {pair['per_round']})")
    return 0


def live_rows(args: argparse.Namespace, bootstrap: str, tag: str, tmp: Path, figures: dict[str, Any]) -> list[Row]:
    """publish, replay, visible latency and query latency (the figures go into ``figures`` too)."""
    s1 = make_settings(bootstrap, tag + "a", tmp / "s1", free_port())
    print(f"broker {bootstrap}; {args.entries} entries from the sample blog's texts", flush=True)
    r = asyncio.run(publish_and_replay(s1, entry_lines(args.entries, "p")))
    pub_rate, raw_rate = r["n"] / r["publish_s"], r["n"] / r["produce_s"]
    print(f"replay: a worker records the facts of {r['n']} entries, then the replays", flush=True)
    r.update(replays(s1, r["n"], tmp, args.compare[0].resolve() if args.compare else None))
    rep_rate, con_rate = r["n"] / r["replay_s"], r["n"] / r["consume_s"]
    red_rate = r["n"] / r["rederive_s"]
    facts_records, facts_bytes = r["facts_bytes"]

    s2 = make_settings(bootstrap, tag + "b", tmp / "s2", free_port())
    n_live = int(args.rate * args.seconds)
    with WorkerProcess(s2, tmp / "worker.log") as worker:
        worker.wait_ready()
        achieved = asyncio.run(paced_publish(s2, entry_lines(n_live, "l"), args.rate))
        health = worker.wait_processed(n_live, timeout=600)
        visible = health["visible_ms"]
        q = query_latencies(worker.url, args.queries)
    figures["publish.ratio"] = round(pub_rate / raw_rate, 3)
    figures["replay.ratio"] = round(rep_rate / con_rate, 3)
    figures["replay.rederive_ratio"] = round(red_rate / con_rate, 3)
    figures["replay.read_decode_ratio"] = round((r["n"] / r["replay_read_s"]) / con_rate, 3)
    figures["replay.facts_bytes_per_entry"] = round(facts_bytes / r["n"])
    figures["replay.facts_consume_ratio"] = round(r["consume_s"] / r["facts_consume_s"], 3)
    figures["replay.stages_us"] = r["stages_us"]
    if "tree_replay_s" in r:
        figures["before.replay.ratio"] = round((r["n"] / r["tree_replay_s"]) / con_rate, 3)
        figures["replay.tree_facts_ratio"] = round((r["n"] / r["replay_tree_facts_s"]) / con_rate, 3)
        figures["before.replay.facts_bytes_per_entry"] = round(r["tree_facts_bytes"][1] / r["n"])
        figures["before.replay.stages_us"] = r["tree_stages_us"]
        figures["before.replay.views_differ"] = r["tree_views_differ"]  # another extractor version: expected
    figures["latency.p99_ms"] = visible["p99"]
    figures["latency.rate"] = round(achieved, 1)
    figures["query.p99_ms"] = round(pct(q, 0.99), 2)

    rows = [
        (
            "publish (entries/s)",
            f"{pub_rate:,.0f}",
            f"raw produce {raw_rate:,.0f}/s",
            f"{pub_rate / raw_rate:.2f}x",
            ">= 0.5x",
        ),
        (
            "replay (events/s)",
            f"{rep_rate:,.0f}",
            f"raw consume {con_rate:,.0f}/s",
            f"{rep_rate / con_rate:.2f}x",
            ">= 0.5x",
        ),
        (
            "replay --rederive (events/s)",
            f"{red_rate:,.0f}",
            f"raw consume {con_rate:,.0f}/s",
            f"{red_rate / con_rate:.2f}x",
            "",
        ),
        (
            "raw consume of the facts",
            f"{facts_records / r['facts_consume_s']:,.0f} rec/s",
            f"{facts_records} records, {facts_bytes / r['n']:,.0f} B per entry",
            f"{r['consume_s'] / r['facts_consume_s']:.2f}x the entries' time",
            "",
        ),
        (
            "replay read+decode only",
            f"{r['n'] / r['replay_read_s']:,.0f}",
            "",
            f"{(r['n'] / r['replay_read_s']) / con_rate:.2f}x",
            "",
        ),
        (
            f"visible p99 at {achieved:,.0f}/s",
            f"{visible['p99']} ms",
            f"p50 {visible['p50']} ms",
            f"n={visible['count']}",
            "<= 200 ms",
        ),
        ("query p99", f"{pct(q, 0.99):.2f} ms", f"p50 {statistics.median(q):.2f} ms", f"n={len(q)}", "<= 10 ms"),
    ]
    if "tree_replay_s" in r:
        rate = r["n"] / r["tree_replay_s"]
        name = args.compare[0].name if args.compare else "tree"
        rows.insert(
            2, (f"replay [{name}]", f"{rate:,.0f}", f"raw consume {con_rate:,.0f}/s", f"{rate / con_rate:.2f}x", "")
        )
        mine = r["n"] / r["replay_tree_facts_s"]
        per_entry = r["tree_facts_bytes"][1] / r["n"]
        rows.insert(3, (f"replay of [{name}]'s facts", f"{mine:,.0f}", f"{per_entry:,.0f} B/entry",
                        f"{mine / con_rate:.2f}x", ""))  # fmt: skip
    return rows


if __name__ == "__main__":
    sys.exit(main())
