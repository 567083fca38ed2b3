"""The replay measurements of ``bench_pipeline.py``: raw consume, replay from facts, ``--rederive``, another tree."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from liveledger.kafka.reader import partitions_of, read_topic
from liveledger.settings import Settings
from replay.rebuild import Cutoff
from replay.run import replay_from_facts, replay_rederived
from replay.source import read_log
from streams.core.pipeline import default_extractor
from streams.query.documents import PARAMS, build
from tests.support.worker import WorkerProcess, settings_env


async def raw_consume(settings: Settings, topic: str, expected: int) -> float:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        enable_auto_commit=False,
        max_partition_fetch_bytes=4 * 1024 * 1024,
        fetch_max_bytes=16 * 1024 * 1024,
    )
    await consumer.start()
    tps = [TopicPartition(topic, p) for p in await partitions_of(settings, topic)]
    consumer.assign(tps)
    await consumer.seek_to_beginning(*tps)
    t0 = time.perf_counter()
    got = 0
    while got < expected:
        batches = await consumer.getmany(timeout_ms=1000, max_records=5000)
        got += sum(len(b) for b in batches.values())
    elapsed = time.perf_counter() - t0
    await consumer.stop()
    return elapsed


#: the replay of a source tree without ``replay.run`` (before facts were folded): read, decode,
#: extract, fold, timed as this benchmark timed it then; run with that tree first on ``sys.path``
TREE_REPLAY = """
import asyncio, time
from liveledger.settings import Settings
from replay.rebuild import rebuild
from replay.source import read_log
from streams.core.pipeline import default_extractor
settings = Settings()
extractor, version = default_extractor()
t0 = time.perf_counter()
rebuilt = rebuild(asyncio.run(read_log(settings)), extractor=extractor, extractor_version=version)
print(rebuilt.events, time.perf_counter() - t0)
"""


def tree_replay_s(tree: Path, settings: Settings, n: int) -> float:
    """Seconds the replay of the source tree ``tree`` takes on ``settings``' log (it must fold ``n`` events)."""
    done = subprocess.run(
        [sys.executable, "-c", TREE_REPLAY], cwd=tree, env=settings_env(settings), capture_output=True, text=True,
        timeout=3600, check=True,
    )  # fmt: skip
    events, seconds = done.stdout.split()[-2:]
    assert int(events) == n, done.stdout + done.stderr
    return float(seconds)


def replays(settings: Settings, n: int, tmp: Path, tree: Path | None) -> dict[str, Any]:
    """A worker records the facts of the ``n`` entries on ``settings``' log; then, with the worker
    stopped, back to back: raw consume, replay from facts (the default), ``--rederive``, read+decode
    alone, and the replay of ``tree`` (when given)."""
    with WorkerProcess(settings, tmp / "replay-worker.log") as worker:
        worker.wait_ready()
        worker.wait_processed(n, timeout=1800)
    extractor, version = default_extractor()
    out: dict[str, Any] = {"consume_s": asyncio.run(raw_consume(settings, settings.entries_topic, n))}
    out["facts_bytes"] = asyncio.run(_topic_bytes(settings, settings.facts_topic))
    out["facts_consume_s"] = asyncio.run(raw_consume(settings, settings.facts_topic, out["facts_bytes"][0]))
    t0 = time.perf_counter()
    rebuilt = replay_from_facts(settings, Cutoff(), extractor, version)
    out["replay_s"] = time.perf_counter() - t0
    assert rebuilt.events == rebuilt.from_facts == n and rebuilt.chain is not None and rebuilt.chain.ok
    t0 = time.perf_counter()
    again = replay_rederived(settings, Cutoff(), extractor, version)
    out["rederive_s"] = time.perf_counter() - t0
    assert again.events == n
    for view in PARAMS:  # the two paths give the same bytes
        assert build(view, rebuilt.views.states(view)) == build(view, again.views.states(view)), view
    t0 = time.perf_counter()
    asyncio.run(read_log(settings))
    out["replay_read_s"] = time.perf_counter() - t0
    if tree is not None:
        out["tree_replay_s"] = tree_replay_s(tree, settings, n)
    return out


async def _topic_bytes(settings: Settings, topic: str) -> tuple[int, int]:
    """(records, bytes of their values) of ``topic``."""
    records = size = 0
    async for rec in read_topic(settings, topic):
        records += 1
        size += len(rec.value or b"")
    return records, size
