"""A 3-broker KRaft cluster on loopback: durable topics, and kill -9 of a partition leader loses nothing.

Each fault test ends with every acknowledged entry on the log exactly once and the live views equal
to a replay of the log. The cluster is the session fixture ``cluster`` (tests/conftest.py), started
by the same code as ``liveledger broker start --nodes 3``; every test restarts what it kills.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiokafka.admin import NewTopic

from liveledger.broker import local
from liveledger.kafka.durability import WeakTopic, replica_configs
from liveledger.kafka.topics import (
    KEEP_FOREVER,
    admin_client,
    describe_topic,
    ensure_changelog_topics,
    ensure_log_topics,
    existing_changelog_topics,
    topic_config,
)
from liveledger.publish.checkpoints import ensure_checkpoint_topic
from liveledger.publish.publisher import Publisher
from liveledger.publish.requests import Request, parse_line
from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.source import read_log
from tests.conftest import Broker, Cluster, isolated_settings
from tests.fault.test_faults import figure_lines, wait_views_equal_replay
from tests.support.worker import WorkerProcess


def requests_of(lines: list[bytes], max_body_bytes: int) -> list[tuple[int, Request]]:
    out = []
    for n, line in enumerate(lines, 1):
        req = parse_line(line, n, max_body_bytes)
        assert req is not None
        out.append((n, req))
    return out


pytestmark = [pytest.mark.kafka, pytest.mark.slow]

ENTRIES = 20_000
CHUNK = 1_000


async def leaders(settings: Settings, topic: str) -> dict[int, int]:
    """partition -> node id of its leader (-1 while it has none)."""
    return {p["partition"]: p["leader"] for t in await describe_topic(settings, topic) for p in t["partitions"]}


async def wait_leaders_move(settings: Settings, topic: str, victim: int, within_s: float = 60.0) -> dict[int, int]:
    """Wait until no partition of ``topic`` is led by ``victim`` or leaderless (the controller noticed the kill)."""
    deadline = time.monotonic() + within_s
    while True:
        now = await leaders(settings, topic)
        if now and not set(now.values()) & {victim, -1}:
            return now
        assert time.monotonic() < deadline, f"{topic} leaders still {now} {within_s:.0f}s after node {victim} died"
        await asyncio.sleep(0.5)


async def replicas(settings: Settings, topic: str, wait_s: float = 30.0) -> dict[int, list[int]]:
    """Each partition's replicas. A broker other than the one that created ``topic`` a moment ago may
    not have its metadata yet (it then describes no partitions), so ask again for up to ``wait_s``."""
    deadline = time.monotonic() + wait_s
    while True:
        found = {
            p["partition"]: list(p["replicas"]) for t in await describe_topic(settings, topic) for p in t["partitions"]
        }
        if found or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.2)


async def create_led_by(settings: Settings, topic: str, node: int, others: list[int]) -> None:
    """Create ``topic`` (as ensure_log_topics would) with ``node`` the preferred leader of every partition."""
    admin = admin_client(settings)
    await admin.start()
    try:
        assignment = {p: [node, *(others if p % 2 == 0 else others[::-1])] for p in range(settings.topic_partitions)}
        configs = {**replica_configs(3), **KEEP_FOREVER}
        await admin.create_topics([NewTopic(topic, -1, -1, replica_assignments=assignment, topic_configs=configs)])
        await topic_config(admin, topic)
    finally:
        await admin.close()


def short_lines(n: int) -> list[bytes]:
    """``n`` short entries over five blogs; every tenth carries an editor figure (cheap for the worker)."""
    out = []
    for i in range(n):
        entry: dict[str, Any] = {"entry_id": f"c{i:05d}", "blog_id": f"cluster-{i % 5}", "body": f"Update {i}."}
        if i % 10 == 0:
            entry["figures"] = [{"metric": "drones_downed", "best": 1 + i % 9, "claimant": "air force"}]
        out.append(orjson.dumps(entry))
    return out


async def test_topics_on_three_brokers_have_three_replicas_two_in_sync(cluster: Cluster, tmp_path: Path) -> None:
    settings = isolated_settings(cluster.bootstrap, tmp_path / "state", profile="production")
    await ensure_log_topics(settings)  # the production guard passes on 3 brokers
    changelog = f"{settings.app_id}-view-casualties-changelog"
    await ensure_changelog_topics(settings, [changelog])
    admin = admin_client(settings)
    await admin.start()
    try:
        leader_topic = f"{settings.app_id}-__assignor-__leader"
        for topic in (settings.entries_topic, settings.facts_topic, changelog, leader_topic):
            config = await topic_config(admin, topic)
            assert config["min.insync.replicas"] == "2", topic
            assert config["unclean.leader.election.enable"] == "false", topic
            assert {len(r) for r in (await replicas(settings, topic)).values()} == {3}, topic
    finally:
        await admin.close()


async def test_production_refuses_the_topics_one_broker_keeps(broker: Broker, tmp_path: Path) -> None:
    settings = isolated_settings(broker.bootstrap, tmp_path / "state", profile="production")
    with pytest.raises(WeakTopic) as refused:
        await ensure_log_topics(settings)
    message = str(refused.value)
    assert f"topic {settings.entries_topic!r} is refused under LIVELEDGER_PROFILE=production" in message
    assert "replication factor 1 (needs >= 3)" in message and "min.insync.replicas=1 (needs >= 2)" in message
    await ensure_log_topics(isolated_settings(broker.bootstrap, tmp_path / "dev"))  # development: accepted


async def test_production_refuses_a_topic_with_one_replica_in_sync(cluster: Cluster, tmp_path: Path) -> None:
    settings = isolated_settings(cluster.bootstrap, tmp_path / "state", profile="production")
    admin = admin_client(settings)
    await admin.start()
    try:
        configs = {**KEEP_FOREVER, "min.insync.replicas": "1"}
        await admin.create_topics([NewTopic(settings.entries_topic, 3, 3, topic_configs=configs)])
    finally:
        await admin.close()
    with pytest.raises(WeakTopic, match=r"'.*\.entries' is refused .*: min\.insync\.replicas=1 \(needs >= 2\)\."):
        await ensure_log_topics(settings)


async def test_production_refuses_a_checkpoint_topic_one_broker_keeps(broker: Broker, tmp_path: Path) -> None:
    settings = isolated_settings(broker.bootstrap, tmp_path / "state", profile="production")
    settings = settings.model_copy(update={"checkpoint_topic": f"{settings.app_id}.checkpoints"})
    with pytest.raises(WeakTopic) as refused:
        await ensure_checkpoint_topic(settings)
    message = str(refused.value)
    assert f"topic {settings.checkpoint_topic!r} is refused under LIVELEDGER_PROFILE=production" in message
    assert "replication factor 1 (needs >= 3)" in message
    await ensure_checkpoint_topic(settings.model_copy(update={"profile": "development"}))  # development: accepted


async def test_production_checkpoint_topic_on_three_brokers(cluster: Cluster, tmp_path: Path) -> None:
    settings = isolated_settings(cluster.bootstrap, tmp_path / "state", profile="production")
    durable = settings.model_copy(update={"checkpoint_topic": f"{settings.app_id}.checkpoints"})
    await ensure_checkpoint_topic(durable)  # created with 3 replicas, 2 in sync: accepted
    assert {len(r) for r in (await replicas(durable, durable.checkpoint_topic)).values()} == {3}
    weak = settings.model_copy(update={"checkpoint_topic": f"{settings.app_id}.weak-checkpoints"})
    admin = admin_client(settings)
    await admin.start()
    try:
        configs = {**KEEP_FOREVER, "min.insync.replicas": "1"}
        await admin.create_topics([NewTopic(weak.checkpoint_topic, 1, 3, topic_configs=configs)])
    finally:
        await admin.close()
    with pytest.raises(WeakTopic, match=r"'.*\.weak-checkpoints' is refused .*: min\.insync\.replicas=1 \(needs >= 2"):
        await ensure_checkpoint_topic(weak)


async def publish_with_retries(settings: Settings, lines: list[bytes], acked: set[str]) -> int:
    """Publish ``lines`` in chunks as a client would: a chunk that fails is sent again (at most 3 times,
    each time by a new publisher). Adds each acknowledged entry id to ``acked``; returns the failures."""
    failures = 0
    reqs = requests_of(lines, settings.max_body_bytes)
    pub: Publisher | None = None
    try:
        for start in range(0, len(reqs), CHUNK):
            chunk = reqs[start : start + CHUNK]
            for _attempt in range(3):
                try:
                    if pub is None:
                        pub = await Publisher(settings).__aenter__()
                    results = await pub.publish_many(chunk)
                except Exception:
                    failures += 1
                    if pub is not None:
                        await pub.__aexit__(None, None, None)
                    pub = None
                    continue
                errors = [r for _, r in results if isinstance(r, Exception)]
                assert not errors, errors[:3]
                acked.update(req.entry_id for _, req in chunk)
                break
            else:
                raise AssertionError(f"chunk at {start} failed 3 times")
    finally:
        if pub is not None:
            await pub.__aexit__(None, None, None)
    return failures


@pytest.mark.timeout(900)  # its own waits are bounded: 240 s to the kill, 300 s publishing, 420 + 60 s for the views
async def test_kill_9_of_the_entries_leader_while_publishing(cluster: Cluster, tmp_path: Path) -> None:
    settings = isolated_settings(cluster.bootstrap, tmp_path / "state")
    victim = 1
    await create_led_by(settings, settings.entries_topic, victim, [2, 3])
    await ensure_log_topics(settings)
    assert set((await leaders(settings, settings.entries_topic)).values()) == {victim}

    lines = short_lines(ENTRIES)
    acked: set[str] = set()
    async with Publisher(settings) as probe:  # the publisher's producer waits for every in-sync replica
        assert probe._producer is not None and probe._producer._sender._acks == -1
    with WorkerProcess(settings, tmp_path / "worker.log") as w:  # the worker reads the entries meanwhile
        started = time.monotonic()
        task = asyncio.create_task(publish_with_retries(settings, lines, acked))
        deadline = time.monotonic() + 240
        while len(acked) < ENTRIES // 4:
            assert not task.done(), task.exception() if task.done() else None
            assert time.monotonic() < deadline, f"only {len(acked)} acknowledged"
            await asyncio.sleep(0.05)
        at_kill = len(acked)
        await asyncio.to_thread(local.kill, cluster.node(victim))
        try:
            while len(acked) < at_kill + 2 * CHUNK and not task.done():  # publishing goes on without it
                assert time.monotonic() < deadline, f"publishing stalled at {len(acked)} after the kill"
                await asyncio.sleep(0.05)
            await wait_leaders_move(settings, settings.entries_topic, victim)
        finally:
            await asyncio.to_thread(cluster.restart, victim)
        failures = await asyncio.wait_for(task, 300)
        published_s = time.monotonic() - started

        assert acked == {orjson.loads(line)["entry_id"] for line in lines}
        records = await read_log(settings)
        per_entry = Counter(r.envelope.entry_id for r in records if r.envelope is not None)
        assert len(per_entry) == ENTRIES, len(per_entry)
        assert set(per_entry.values()) == {1}, [e for e, n in per_entry.items() if n > 1][:5]
        report = verify_chain(records)
        assert report.ok, report.problems[:5]
        caught_up = await asyncio.to_thread(w.wait_processed, ENTRIES, timeout=420)
        caught_up_s = time.monotonic() - started
        await wait_views_equal_replay(w, settings, within_s=60)
    print(
        f"\n{ENTRIES} published in {published_s:.1f}s (killed at {at_kill}, {failures} chunk(s) sent again); "
        f"worker caught up after {caught_up_s:.1f}s ({caught_up['entries_processed']} entries), "
        f"views equal replay after {time.monotonic() - started:.1f}s"
    )


@pytest.mark.timeout(600)
async def test_kill_9_of_a_changelog_leader_while_the_worker_runs(cluster: Cluster, tmp_path: Path) -> None:
    settings = isolated_settings(cluster.bootstrap, tmp_path / "state")
    lines = figure_lines(3000, prefix="g")
    async with Publisher(settings) as pub:
        results = await pub.publish_many(requests_of(lines, settings.max_body_bytes))
    assert all(not isinstance(r, Exception) for _, r in results)

    with WorkerProcess(settings, tmp_path / "worker.log") as w:
        w.wait_ready()
        deadline = time.monotonic() + 180
        while w.health()["entries_processed"] < 600:
            assert time.monotonic() < deadline, w.log_tail()
            await asyncio.sleep(0.1)
        changelogs = await existing_changelog_topics(settings)
        view_changelog = next(t for t in changelogs if "view-casualties" in t)
        victim = (await leaders(settings, view_changelog))[0]
        processed = w.health()["entries_processed"]
        await asyncio.to_thread(local.kill, cluster.node(victim))
        try:
            while w.health()["entries_processed"] < min(len(lines), processed + 600):  # it goes on without it
                assert time.monotonic() < deadline, w.log_tail()
                await asyncio.sleep(0.1)
            await wait_leaders_move(settings, view_changelog, victim)
        finally:
            await asyncio.to_thread(cluster.restart, victim)
        await wait_views_equal_replay(w, settings, within_s=300)
    counts: Counter[Any] = Counter(r.envelope.entry_id for r in await read_log(settings) if r.envelope is not None)
    assert len(counts) == 3000 and set(counts.values()) == {1}
