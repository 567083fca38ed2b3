"""The replay measurements of ``bench_pipeline.py``: raw consume, replay from facts, ``--rederive``, another tree.

With another tree (``--compare``), that tree's worker records its own facts of the same entries too
(a facts topic of its own: format 2 for a tree of before format 3), and both replays run on that
log beside this tree's replay of its own facts: the same entries, read back to back. Each replay's
stages are timed apart as CPU time per event (:func:`stages`): reading both topics (wall), decoding
the envelopes, the hash chain, decoding and gathering the facts, the fold.
"""

from __future__ import annotations

import asyncio
import gc
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from bench.catchup import catch_up, free_port
from liveledger.kafka.reader import partitions_of, read_topic
from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.from_facts import fold
from replay.rebuild import Cutoff
from replay.recorded import gather
from replay.run import replay_from_facts, replay_rederived
from replay.source import decode_record, read_log
from streams.core.pipeline import default_extractor
from streams.core.records import Position
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


#: the replay of a source tree, timed as this benchmark times it: from the facts its worker recorded
#: (``replay.run``), or for a tree of before that, extracting every entry again; run with that tree first
#: on ``sys.path``
TREE_REPLAY = """
import asyncio, time
from liveledger.settings import Settings
from streams.core.pipeline import default_extractor
settings = Settings()
extractor, version = default_extractor()
try:
    from replay.run import replay_from_facts
except ImportError:
    from replay.rebuild import rebuild
    from replay.source import read_log
    t0 = time.perf_counter()
    rebuilt = rebuild(asyncio.run(read_log(settings)), extractor=extractor, extractor_version=version)
else:
    from replay.rebuild import Cutoff
    t0 = time.perf_counter()
    rebuilt = replay_from_facts(settings, Cutoff(), extractor, version)
    assert rebuilt.from_facts == rebuilt.events and rebuilt.chain is not None and rebuilt.chain.ok
print(rebuilt.events, time.perf_counter() - t0)
"""


def tree_replay_s(tree: Path, settings: Settings, n: int) -> float:
    """Seconds the replay of the source tree ``tree`` takes on ``settings``' log (it must fold ``n`` events)."""
    done = subprocess.run(
        [sys.executable, "-c", TREE_REPLAY], cwd=tree, env=settings_env(settings), capture_output=True, text=True,
        timeout=3600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    events, seconds = done.stdout.split()[-2:]
    assert int(events) == n, done.stdout + done.stderr
    return float(seconds)


def stages(settings: Settings) -> dict[str, float]:
    """Microseconds per entry event of each stage of a replay from facts of ``settings``' log.

    ``read``: wall time to read both topics (as replay does, at once); the others are CPU time of this
    process, which the other work on a shared machine disturbs less: ``decode`` (envelopes), ``chain``
    (the whole hash chain), ``facts`` (decode and gather the facts records), ``fold`` (check them
    against the log, fold into the views).
    """

    async def both() -> tuple[list[Any], list[Any]]:
        async def one(topic: str) -> list[Any]:
            return [(r.partition, r.offset, r.key, r.value or b"") async for r in read_topic(settings, topic)]

        return await asyncio.gather(one(settings.entries_topic), one(settings.facts_topic))

    extractor, version = default_extractor()
    was = gc.isenabled()
    gc.disable()
    try:
        t0 = time.perf_counter()
        entries, facts = asyncio.run(both())
        out = {"read": time.perf_counter() - t0}
        t = time.process_time()

        def lap(name: str) -> None:
            nonlocal t
            now = time.process_time()
            out[name], t = now - t, now

        topic = settings.entries_topic
        records = [decode_record(Position(topic, p, o), k, v, events=False) for p, o, k, v in entries]
        lap("decode")
        verify_chain(records)
        lap("chain")
        recorded = gather(settings.facts_topic, [(p, o, v) for p, o, _, v in facts])
        lap("facts")
        fold(records, recorded, facts_topic=settings.facts_topic, extractor=extractor, extractor_version=version)
        lap("fold")
    finally:
        if was:
            gc.enable()
    n = max(1, len(entries))
    return {k: round(v * 1e6 / n, 1) for k, v in out.items()}


def tree_extractor_version(tree: Path) -> str:
    """The EXTRACTOR_VERSION of the source tree ``tree`` (read, not imported)."""
    text = (tree / "streams" / "extract" / "version.py").read_text()
    found = re.search(r'EXTRACTOR_VERSION = "([^"]+)"', text)
    if found is None:
        raise SystemExit(f"{tree}: no EXTRACTOR_VERSION in streams/extract/version.py")
    return found.group(1)


def tree_facts(settings: Settings, n: int, tmp: Path, tree: Path) -> Settings:
    """The settings of the same entries with facts recorded by ``tree``'s worker, on a facts topic of its own."""
    tag = f"{settings.app_id}t"
    other = settings.model_copy(
        update={"app_id": tag, "facts_topic": f"{tag}.facts", "deadletter_topic": f"{tag}.dl",
                "data_dir": tmp / tag, "web_port": free_port()}
    )  # fmt: skip
    catch_up(other, n, tmp / f"{tag}.log", tree, 1800)
    return other


def replays(settings: Settings, n: int, tmp: Path, tree: Path | None) -> dict[str, Any]:
    """A worker records the facts of the ``n`` entries on ``settings``' log; then, with the worker
    stopped, back to back: raw consume, replay from facts (the default), ``--rederive``, read+decode
    alone, the stages of the replay; with ``tree``, the same for the facts ``tree``'s worker records
    (:func:`tree_facts`): this tree's replay and ``tree``'s replay of them."""
    with WorkerProcess(settings, tmp / "replay-worker.log") as worker:
        worker.wait_ready()
        worker.wait_processed(n, timeout=1800)
    before = tree_facts(settings, n, tmp, tree) if tree is not None else None
    extractor, version = default_extractor()
    out: dict[str, Any] = {"consume_s": asyncio.run(raw_consume(settings, settings.entries_topic, n))}
    out["facts_bytes"] = asyncio.run(_topic_bytes(settings, settings.facts_topic))
    out["facts_consume_s"] = asyncio.run(raw_consume(settings, settings.facts_topic, out["facts_bytes"][0]))
    t0 = time.perf_counter()
    rebuilt = replay_from_facts(settings, Cutoff(), extractor, version)
    out["replay_s"] = time.perf_counter() - t0
    assert rebuilt.events == rebuilt.from_facts == n and rebuilt.chain is not None and rebuilt.chain.ok
    if before is not None:
        out["tree_replay_s"] = tree_replay_s(tree, before, n)  # type: ignore[arg-type]
        t0 = time.perf_counter()
        old = replay_from_facts(before, Cutoff(), extractor, version)
        out["replay_tree_facts_s"] = time.perf_counter() - t0  # this replay, of the tree's facts
        assert old.events == old.from_facts == n and old.chain is not None and old.chain.ok
        out["tree_facts_bytes"] = asyncio.run(_topic_bytes(before, before.facts_topic))
        out["tree_stages_us"] = stages(before)
        # The same views from either tree's facts, when both trees extract alike; another extractor
        # version records other facts, and its views rightly differ (they are then only counted).
        differ = [v for v in PARAMS if build(v, rebuilt.views.states(v)) != build(v, old.views.states(v))]
        out["tree_views_differ"] = differ
        assert not differ or tree_extractor_version(tree) != version, f"views differ from the tree's facts: {differ}"
    out["stages_us"] = stages(settings)
    t0 = time.perf_counter()
    again = replay_rederived(settings, Cutoff(), extractor, version)
    out["rederive_s"] = time.perf_counter() - t0
    assert again.events == n
    for view in PARAMS:  # the two paths give the same bytes
        assert build(view, rebuilt.views.states(view)) == build(view, again.views.states(view)), view
    t0 = time.perf_counter()
    asyncio.run(read_log(settings))
    out["replay_read_s"] = time.perf_counter() - t0
    return out


async def _topic_bytes(settings: Settings, topic: str) -> tuple[int, int]:
    """(records, bytes of their values) of ``topic``."""
    records = size = 0
    async for rec in read_topic(settings, topic):
        records += 1
        size += len(rec.value or b"")
    return records, size
