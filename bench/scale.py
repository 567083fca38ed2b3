"""The scale run of ``bench_pipeline.py --scale``: the same backlog measured on a fresh state and on a
state with history.

One worker gets a warm-up, then backlogs of ``--scale-window`` entries copied raw into its entries topic,
each caught up in full before the next: the rate, CPU ms per entry and RocksDB-thread CPU of the first
backlog beside the last show whether a write costs more as the history grows.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaProducer

from bench.catchup import (
    STALL_S,
    WINDOW,
    Row,
    changelog_bytes,
    counters,
    cpu_s,
    free_port,
    health,
    make_settings,
    rocksdb_cpu_s,
    rss_mb,
    start_profiles,
    stop_profiles,
    wait_ready,
)
from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import KEEP_FOREVER, admin_client, ensure_changelog_topics, ensure_topic
from liveledger.settings import Settings
from streams.app.factory import build_app
from tests.support.worker import WorkerProcess


def scale_rows(label: str, r: dict[str, Any], first: float, last: float) -> list[Row]:
    n = r["n"]
    return [
        (f"scale{label} rate at {n:,}", f"{last:,.0f}/s", f"at 10k {first:,.0f}/s", f"{last / first:.2f}x", ">= 0.9x"),
        (
            f"scale{label} RSS at {n:,}",
            f"{r['rss_mb']:.0f} MB",
            f"{r['bytes_per_entry']:,.0f} B/entry",
            "",
            "<= 300 MB",
        ),
    ]


#: entries caught up before the first measured backlog of a scale run (at most a tenth of a backlog)
WARM_UP = 500


async def read_log(settings: Settings, topic: str) -> list[tuple[int, bytes | None, bytes | None, list[Any]]]:
    """Every record of ``topic`` as ``(partition, key, value, headers)``, in the order published."""
    records = []
    latest: dict[int, int] = {}
    async for rec in read_topic(settings, topic):  # partition by partition, in offset order
        at = latest[rec.partition] = max(rec.timestamp, latest.get(rec.partition, rec.timestamp))
        records.append((at, rec.partition, rec.offset, rec.key, rec.value, list(rec.headers or ())))
    records.sort(key=lambda r: (r[0], r[1], r[2]))  # times made monotonic: each partition keeps its order
    return [(p, k, v, h) for _, p, _, k, v, h in records]


async def copy_records(
    settings: Settings, topic: str, records: list[tuple[int, bytes | None, bytes | None, list[Any]]]
) -> None:
    """Append ``records`` to ``topic`` as they are (same partition, key, value, headers), raw and fast."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap, acks="all", linger_ms=5, max_batch_size=256 * 1024
    )
    await producer.start()
    try:
        futures = [await producer.send(topic, value=v, key=k, partition=p, headers=h) for p, k, v, h in records]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


def wait_visible(worker: WorkerProcess, entries: int, timeout: float) -> float:
    """Wait until ``entries`` entry events are processed and every contribution emitted is applied.

    Returns the moment (``time.perf_counter``) of the last apply seen (the views were complete then).
    The views' counters (/metrics) are asked only once the entries are done, as in :func:`catch_up`.
    """
    deadline = time.perf_counter() + timeout
    applied, changed = -1, time.perf_counter()
    while time.perf_counter() < deadline:
        h = health(worker)
        if h is None:
            continue
        now = time.perf_counter()
        if h["contributions_applied"] != applied:
            applied, changed = h["contributions_applied"], now
        if h["entries_processed"] + h["dead_letters"] >= entries:
            c = counters(worker)
            if c is not None and c[1] >= c[0]:
                return changed
            if now - changed >= STALL_S:
                raise TimeoutError(f"views applied {applied} contributions, none for {STALL_S} s; the run is void")
        time.sleep(0.2)
    raise TimeoutError(f"{entries} entries not visible within {timeout}s; log:\n{worker.log_tail()}")


def scale_run(
    bootstrap: str, tag: str, tmp: Path, staging: str, n: int, tree: Path | None, timeout: float, window: int = WINDOW
) -> dict[str, Any]:
    """One worker fed ``n`` entries of the log of ``staging`` in three backlogs, each caught up in full.

    After a warm-up of a few hundred entries (what loads on first use), ``window`` entries land on
    a state with next to no history, the next ones build history,
    and the last ``window`` land on a state with ``n - window`` entries: the first and the last
    backlog are the same kind of work, measured the same way (copy, then entries to all views
    visible), so their rates and CPU per entry differ only by what the history costs. (A single
    catch-up of ``n`` cannot show that: its entries agent runs ahead of the views in the first
    window, and the last window pays the views' backlog.) The entries are copied raw to the
    worker's own entries topic (the publisher's start-up reads the whole log, which would count).
    """
    s = make_settings(bootstrap, tag, tmp / tag, free_port())
    log = asyncio.run(read_log(s, staging))
    if len(log) < n or n < 3 * window + WARM_UP:
        raise ValueError(f"the scale run needs {3 * window + WARM_UP} entries at least; the log has {len(log)} of {n}")
    asyncio.run(_ensure_entries_topic(s))
    names = build_app(s, extractor=lambda title, body: [], extractor_version="none").changelog_topics()
    asyncio.run(ensure_changelog_topics(s, names))
    warm = min(WARM_UP, window // 10)  # the gazetteer and the tables' first databases load on first use
    # the backlogs between the first and the last are as long as they are (a trend), the one before the last shorter
    edges = [0, warm, *range(warm + window, n - window, window), n - window, n]
    labels = ["", "first"] + [""] * (len(edges) - 4) + ["last"]
    bounds = list(zip(edges[:-1], edges[1:], labels, strict=True))
    worker = WorkerProcess(s, tmp / f"{tag}.log")
    cwd = os.getcwd()
    if tree is not None:
        os.chdir(tree)
    try:
        worker.start()
    finally:
        os.chdir(cwd)
    phases: list[dict[str, Any]] = []
    try:
        wait_ready(worker, timeout)
        assert worker.proc is not None
        pid = worker.proc.pid
        for lo, hi, name in bounds:
            profilers = start_profiles(s.app_id, [worker], f".{name}") if name else []
            cpu0, rocks0, t0 = cpu_s(pid), rocksdb_cpu_s(pid), time.perf_counter()
            asyncio.run(copy_records(s, s.entries_topic, log[lo:hi]))
            done = wait_visible(worker, hi, timeout)
            cpu1, rocks1 = cpu_s(pid), rocksdb_cpu_s(pid)
            stop_profiles(profilers)
            phases.append(
                {
                    "entries": hi - lo,
                    "history": lo,
                    "seconds": done - t0,
                    "rate": (hi - lo) / (done - t0),
                    "cpu_ms_per_entry": (cpu1 - cpu0) * 1000 / (hi - lo),
                    # of which RocksDB's own threads (flushes and compactions, which grow with the store)
                    "rocksdb_cpu_ms_per_entry": (rocks1 - rocks0) * 1000 / (hi - lo),
                    "rss_mb": rss_mb(pid),
                }
            )
            print(f"  {hi - lo} entries on a history of {lo}: {phases[-1]}", flush=True)
    finally:
        worker.stop()
    first, last = phases[1], phases[-1]
    changelog = asyncio.run(changelog_bytes(s))
    return {
        "n": n,
        "phases": phases,
        "first": first,
        "last": last,
        "rss_mb": last["rss_mb"],
        "bytes_per_entry": sum(size for _, size in changelog.values()) / n,
    }


async def _ensure_entries_topic(settings: Settings) -> None:
    admin = admin_client(settings)
    await admin.start()
    try:
        await ensure_topic(admin, settings.entries_topic, settings.topic_partitions, 1, KEEP_FOREVER)
    finally:
        await admin.close()
