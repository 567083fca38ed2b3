"""Publisher start-up at several log lengths, with and without its checkpoint, side by side.

    python bench/bench_startup.py [--sizes 10000,100000,1000000] [--blogs 20] [--repeat 3] [--json]

Uses LIVELEDGER_KAFKA_BOOTSTRAP when set, else starts a local broker on free loopback ports.
For each size, a log of that many valid, hash-chained events is written with a raw aiokafka
producer (the same bytes the publisher writes, without its transactions; bounded by --produce-timeout),
then ``Publisher.start`` is timed (to the moment it can publish):
  no checkpoint       the old path: the whole log is read and digested (``checkpoint=False``)
  first, building     no checkpoint yet: the whole log is read and the checkpoint written
  restart             the checkpoint fits the log: only its marks are checked, nothing is read (median)
  restart +1,000      another writer appended 1,000 events since: the checkpoint catches up on them
The target is a restart under 1 s at any length. The machine is small and shared: read the figures
of one run side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.catchup import bench_broker  # noqa: E402
from liveledger.broker import local  # noqa: E402
from liveledger.kafka.topics import ensure_log_topics  # noqa: E402
from liveledger.publish.index import content_digest, event_id_for  # noqa: E402
from liveledger.publish.publisher import Publisher  # noqa: E402
from liveledger.publish.requests import parse_line  # noqa: E402
from liveledger.settings import Settings  # noqa: E402
from schemas.codec import encode  # noqa: E402
from schemas.envelope import GENESIS_HASH  # noqa: E402
from schemas.events import EntryContent, EntryPublished  # noqa: E402


def events(n: int, blogs: int, tag: str) -> Any:
    """``(blog, raw, timestamp_ms)`` of ``n`` published entries over ``blogs`` chains, each linked to its head."""
    heads = [GENESIS_HASH] * blogs
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(n):
        b = i % blogs
        blog = f"{tag}-blog-{b}"
        at = t0 + timedelta(milliseconds=i)
        content = EntryContent.model_construct(
            title=f"Update {i}", body=f"Update {i}: officials said {i % 97} people were hurt in the town.", figures=()
        )
        ev = EntryPublished.model_construct(
            event_id="ev-pending",
            blog_id=blog,
            entry_id=f"e{i:07d}",
            published_at=at,
            occurred_at=None,
            content=content,
        )
        ev = ev.model_copy(update={"event_id": event_id_for(blog, ev.entry_id, content_digest(ev))})
        raw, heads[b] = encode(ev, heads[b])
        yield blog, raw, int(at.timestamp() * 1000)


async def produce(settings: Settings, n: int, blogs: int, limit_s: float) -> float:
    """Write the log with a raw idempotent producer; seconds taken (bounded by ``limit_s``)."""
    await ensure_log_topics(settings, include_derived=False)
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=20,
        max_batch_size=1024 * 1024,
    )
    await producer.start()
    t0 = time.perf_counter()
    try:
        pending: list[asyncio.Future[Any]] = []
        for blog, raw, ts in events(n, blogs, settings.app_id):
            pending.append(await producer.send(settings.entries_topic, raw, key=blog.encode(), timestamp_ms=ts))
            if len(pending) >= 20_000:
                await asyncio.wait_for(asyncio.gather(*pending), limit_s)
                pending.clear()
                if time.perf_counter() - t0 > limit_s:
                    raise TimeoutError(f"producing {n} events took over {limit_s} s")
        await asyncio.wait_for(asyncio.gather(*pending), limit_s)
    finally:
        await producer.stop()
    return time.perf_counter() - t0


async def timed_start(settings: Settings, *, checkpoint: bool) -> tuple[float, Publisher]:
    pub = Publisher(settings, checkpoint=checkpoint)
    t0 = time.perf_counter()
    await pub.start()
    return time.perf_counter() - t0, pub


async def measure(settings: Settings, n: int, repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {"events": n}
    secs, pub = await timed_start(settings, checkpoint=False)
    assert pub.index.events == n, (pub.index.events, n)
    await pub.stop()
    out["no_checkpoint_s"] = secs
    del pub

    secs, pub = await timed_start(settings, checkpoint=True)
    assert pub.resume.rebuilt_because == "no checkpoint" and pub.read_at_start == n
    await pub.stop()
    out["first_build_s"] = secs

    restarts = []
    for _ in range(repeat):
        secs, pub = await timed_start(settings, checkpoint=True)
        assert pub.resume.rebuilt_because is None and pub.read_at_start == 0 and pub.index.events == n
        await pub.stop()
        restarts.append(secs)
    out["restart_s"] = statistics.median(restarts)
    out["restart_all_s"] = restarts

    # another writer (no checkpoint of its own to keep) appends 1,000 new entries
    lines = [orjson.dumps({"entry_id": f"x{i}", "blog_id": "other-blog", "body": f"Later {i}."}) for i in range(1000)]
    other = Publisher(settings, checkpoint=False)
    await other.start()
    reqs = [(i, r) for i, b in enumerate(lines) if (r := parse_line(b, i, settings.max_body_bytes)) is not None]
    await other.publish_many(reqs)
    await other.stop()
    secs, pub = await timed_start(settings, checkpoint=True)
    assert pub.resume.rebuilt_because is None and pub.read_at_start == 1000 and pub.index.events == n + 1000
    await pub.stop()
    out["restart_after_1000_s"] = secs
    return out


async def warm_up(bootstrap: str, tmp: Path) -> None:
    """One start on a topic of its own first: a fresh broker creates its transaction-state topic then."""
    s = Settings(kafka_bootstrap=bootstrap, entries_topic="bs-warm.entries", app_id="bs-warm", data_dir=tmp / "warm")
    await ensure_log_topics(s, include_derived=False)
    async with Publisher(s, checkpoint=False):
        pass


def table(rows: list[dict[str, Any]]) -> str:
    head = f"{'events':>10} {'no checkpoint':>14} {'first, building':>16} {'restart':>9} {'restart +1,000':>15}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['events']:>10,} {r['no_checkpoint_s']:>12.2f} s {r['first_build_s']:>14.2f} s "
            f"{r['restart_s']:>7.2f} s {r['restart_after_1000_s']:>13.2f} s"
        )
    lines.append("target: restart < 1 s at any length")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="log lengths, comma-separated")
    ap.add_argument("--blogs", type=int, default=20, help="blogs (chains) the events are spread over")
    ap.add_argument("--repeat", type=int, default=3, help="restarts timed per size (the median is shown)")
    ap.add_argument("--produce-timeout", type=float, default=900.0, help="seconds writing one log may take")
    ap.add_argument("--json", action="store_true", help="print one JSON object with the figures")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as d:
        tmp = Path(d)
        bootstrap, cfg = bench_broker(tmp)
        try:
            asyncio.run(warm_up(bootstrap, tmp))
            rows = []
            for n in sizes:
                tag = f"bs{n}-{int(time.time())}"
                s = Settings(
                    kafka_bootstrap=bootstrap,
                    entries_topic=f"{tag}.entries",
                    facts_topic=f"{tag}.facts",
                    deadletter_topic=f"{tag}.dl",
                    app_id=tag,
                    data_dir=tmp / tag,
                )
                took = asyncio.run(produce(s, n, args.blogs, args.produce_timeout))
                print(f"wrote {n:,} events in {took:.1f} s ({n / took:,.0f}/s)", file=sys.stderr)
                row = asyncio.run(measure(s, n, args.repeat))
                row["produce_s"] = took
                rows.append(row)
                print(table([row]).splitlines()[-2], file=sys.stderr)
        finally:
            if cfg is not None:
                local.stop(cfg)
    print(table(rows))
    if args.json:
        print(orjson.dumps(rows).decode())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
