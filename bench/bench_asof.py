"""As-of from state: query latency against a plain query, and the changelog bytes the history costs.

    python bench/bench_asof.py [--entries 3000] [--corrections 0.15] [--retractions 0.03]
                               [--queries 600] [--compare DIR] [--json]

Uses LIVELEDGER_KAFKA_BOOTSTRAP when set, else starts a local broker on free loopback ports.
Publishes ``--entries`` entries (texts cycled from the sample blog, over six blogs), then corrects
a share of them (the figures of the text changed) and retracts a few, in several transactions so
the blog's story changes over time. A real worker catches up; then, on that worker:

  query          ``GET /api/v1/{view}`` (plain) and ``GET /api/v1/{view}?as_of=T`` at ``--queries``
                 moments drawn over the blog's span, alternating, for casualties, strikes,
                 interceptions, figures: first at moments never asked before (each key whose story
                 changed since is rendered), then the same moments again (cached renderings): p50 and
                 p99 of each and the ratio of the p99s to the plain p99 (target <= 3x). The entries'
                 occurred days spread over ``--days`` days (``--days 1``: every key spans the blog)
  slider         as-of at moments stepping through the span in order (what a slider does): p50, p99
  changelog      bytes per entry event read back from each changelog topic (lineage apart), for this
                 tree and, with ``--compare DIR``, for the worker of that tree on the same log

The machine is small and shared: read the ratios, which are measured side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_pipeline import entry_lines  # noqa: E402
from bench.catchup import bench_broker, catch_up, free_port, make_settings, publish_only  # noqa: E402
from liveledger.broker import local  # noqa: E402
from liveledger.kafka.reader import read_topic  # noqa: E402
from liveledger.kafka.topics import existing_changelog_topics  # noqa: E402
from liveledger.settings import Settings  # noqa: E402
from replay.source import read_log  # noqa: E402
from tests.support.worker import WorkerProcess  # noqa: E402

VIEWS = ("casualties", "strikes", "interceptions", "figures")


def corrections(lines: list[bytes], share: float, rng: random.Random) -> list[bytes]:
    """Corrections of ``share`` of the entries: every number in the text moved by a few."""
    out = []
    for raw in rng.sample(lines, int(len(lines) * share)):
        doc = orjson.loads(raw)
        words = [str(int(w) + rng.randint(1, 9)) if w.isdigit() else w for w in doc["body"].split(" ")]
        out.append(orjson.dumps({**doc, "type": "correction", "body": " ".join(words) + " (corrected)"}))
    return out


def retractions(lines: list[bytes], share: float, rng: random.Random) -> list[bytes]:
    out = []
    for raw in rng.sample(lines, int(len(lines) * share)):
        doc = orjson.loads(raw)
        out.append(orjson.dumps({"type": "retraction", "entry_id": doc["entry_id"], "blog_id": doc["blog_id"],
                                 "reason": "withdrawn"}))  # fmt: skip
    return out


async def bytes_by_topic(settings: Settings) -> dict[str, int]:
    out: dict[str, int] = {}
    for topic in await existing_changelog_topics(settings):
        total = 0
        async for rec in read_topic(settings, topic):
            total += len(rec.key or b"") + len(rec.value or b"")
        out[topic] = total
    return out


def changelog(figures: dict[str, Any], prefix: str, by_topic: dict[str, int], events: int) -> None:
    lineage = sum(v for k, v in by_topic.items() if "lineage" in k)
    figures[f"{prefix}changelog.bytes_per_event"] = round(sum(by_topic.values()) / events)
    figures[f"{prefix}changelog.lineage_bytes_per_event"] = round(lineage / events)
    figures[f"{prefix}changelog.views_bytes_per_event"] = round((sum(by_topic.values()) - lineage) / events)
    print(orjson.dumps(figures, option=orjson.OPT_SORT_KEYS).decode(), flush=True)


def timed_get(url: str) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as resp:
        resp.read()
    return (time.perf_counter() - t0) * 1000


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def queries(url: str, times: list[str], n: int, rng: random.Random) -> dict[str, list[float]]:
    """Plain queries interleaved with as-of queries: moments never asked before, the same again, a slider."""
    got: dict[str, list[float]] = {"plain": [], "asof_first": [], "asof_again": [], "slider": []}
    for view in VIEWS:  # warm the plain path once
        timed_get(f"{url}/api/v1/{view}")
    moments = rng.sample(times, min(n, len(times)))
    for kind in ("asof_first", "asof_again"):
        for i, moment in enumerate(moments):
            view = VIEWS[i % len(VIEWS)]
            got["plain"].append(timed_get(f"{url}/api/v1/{view}"))
            got[kind].append(timed_get(f"{url}/api/v1/{view}?as_of={urllib.parse.quote(moment)}"))
    step = max(1, len(times) // 100)
    for moment in times[::step]:  # a slider dragged from the start to the end, every panel per stop
        for view in VIEWS:
            got["slider"].append(timed_get(f"{url}/api/v1/{view}?as_of={urllib.parse.quote(moment)}"))
    return got


def spread(lines: list[bytes], days: int) -> list[bytes]:
    """The entries' occurred days spread over ``days`` days in publishing order (a blog that goes on)."""
    out = []
    for i, raw in enumerate(lines):
        day = date(2024, 11, 1) + timedelta(days=i * days // len(lines))
        out.append(orjson.dumps({**orjson.loads(raw), "occurred_at": f"{day.isoformat()}T12:00:00Z"}))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, default=3000)
    ap.add_argument("--corrections", type=float, default=0.15, help="share of entries corrected")
    ap.add_argument("--retractions", type=float, default=0.03, help="share of entries retracted")
    ap.add_argument("--queries", type=int, default=400, help="moments asked (each twice), with as many plain queries")
    ap.add_argument("--days", type=int, default=10, help="days the blog's entries occur over (1: every key spans it)")
    ap.add_argument("--compare", type=Path, help="a source tree whose worker's changelog bytes are measured too")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rng = random.Random(12)
    tmp = Path(tempfile.mkdtemp(prefix="liveledger-bench-asof-"))
    bootstrap, cfg = bench_broker(tmp)
    figures: dict[str, Any] = {}
    try:
        tag = uuid.uuid4().hex[:8]
        log = make_settings(bootstrap, tag + "p", tmp / "sp", free_port())
        lines = spread(entry_lines(args.entries, "a"), args.days)
        fixes, gone = corrections(lines, args.corrections, rng), retractions(lines, args.retractions, rng)
        print(f"publishing {len(lines)} entries, {len(fixes)} corrections, {len(gone)} retractions", flush=True)
        for i in range(0, len(lines), 500):  # the story changes while the blog goes on
            asyncio.run(publish_only(log, lines[i : i + 500] + fixes[i // 10 : (i + 500) // 10]))
        asyncio.run(publish_only(log, fixes[len(lines) // 10 :] + gone))
        records = asyncio.run(read_log(log))
        events = len(records)
        times = sorted(r.envelope.published_at for r in records if r.envelope)
        figures["events"] = events

        trees: list[tuple[str, Path | None]] = [("", None)]
        if args.compare is not None:
            trees.insert(0, ("before.", args.compare.resolve()))
        for prefix, tree in trees:  # catch-up and bytes, measured alike for both trees
            s = make_settings(bootstrap, f"{tag}{prefix[:1] or 'n'}", tmp / f"w{prefix}", free_port())
            s = s.model_copy(update={"entries_topic": log.entries_topic})
            print(f"catch-up {prefix or 'this tree'}: {events} events", flush=True)
            r = catch_up(s, events, tmp / f"w{prefix}.log", tree, args.timeout)
            changelog(figures, prefix, asyncio.run(bytes_by_topic(s)), events)
            figures[f"{prefix}catchup.events_per_s"] = round(r["rate"], 1)
        # the queries ask a worker of their own (a restarted one may redo a tail whose commit lagged)
        s = make_settings(bootstrap, f"{tag}q", tmp / "wq", free_port())
        s = s.model_copy(update={"entries_topic": log.entries_topic})
        print("queries: a worker of this tree catches up again", flush=True)
        with WorkerProcess(s, tmp / "query.log") as worker:
            worker.wait_processed(events, timeout=args.timeout)
            got = queries(worker.url, times, args.queries, rng)
        for name, values in got.items():
            figures[f"query.{name}.p50_ms"] = round(statistics.median(values), 2)
            figures[f"query.{name}.p99_ms"] = round(p(values, 0.99), 2)
        for kind in ("asof_first", "asof_again", "slider"):
            figures[f"query.{kind}_over_plain_p99"] = round(p(got[kind], 0.99) / p(got["plain"], 0.99), 2)
    finally:
        if cfg is not None:
            local.stop(cfg)
    if args.json:
        print(orjson.dumps(figures, option=orjson.OPT_SORT_KEYS).decode())
    width = max(len(k) for k in figures)
    for k, v in sorted(figures.items()):
        print(f"{k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
