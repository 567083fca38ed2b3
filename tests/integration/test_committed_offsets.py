"""The worker's committed offsets reach the end of the entries topic after many small transactions.

Every publisher transaction ends with a commit marker on each partition it wrote to. A marker
occupies an offset but is never delivered to a consumer, so faust never acks it. The group's
committed offset must still move over the markers, including the trailing ones after the last
transaction: otherwise its lag never reaches zero, and a restarted worker redoes work.
An aborted transaction in the middle of the log (records that are never delivered) is passed
over the same way. Real broker, real worker process, loopback.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from liveledger.kafka.reader import partitions_of
from liveledger.kafka.topics import admin_client
from liveledger.publish.publisher import Publisher
from liveledger.publish.requests import parse_line
from liveledger.settings import Settings
from tests.support.worker import WorkerProcess

pytestmark = [pytest.mark.kafka]

TRANSACTIONS = 150
PER_TRANSACTION = 2
CATCH_UP_S = 45.0


def line(i: int) -> bytes:
    return orjson.dumps(
        {
            "entry_id": f"small{i:05d}",
            "blog_id": f"small-{i % 5}",
            "title": "Update",
            "body": f"Note {i}: the council gave a short update.",
            "occurred_at": "2024-10-02T08:00:00Z",
            "figures": [{"metric": "injured", "best": 1 + i % 7, "region_code": "UA-63", "country": "UA"}],
        }
    )


async def log_ends(settings: Settings) -> dict[TopicPartition, int]:
    """The committed end (last stable offset) of each entries partition."""
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, isolation_level="read_committed")
    await consumer.start()
    try:
        tps = [TopicPartition(settings.entries_topic, p) for p in await partitions_of(settings, settings.entries_topic)]
        ends = await consumer.end_offsets(tps)
    finally:
        await consumer.stop()
    return dict(ends)


async def committed_and_ends(settings: Settings) -> dict[int, tuple[int | None, int]]:
    """Per entries partition: (the group's committed offset or None, the committed end of the log)."""
    admin = admin_client(settings)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(settings.app_id)
    finally:
        await admin.close()
    ends = await log_ends(settings)
    return {tp.partition: (committed[tp].offset if tp in committed else None, end) for tp, end in ends.items()}


@pytest.mark.timeout(300)
async def test_committed_offsets_reach_the_log_end_after_many_small_transactions(
    settings: Settings, tmp_path: Path
) -> None:
    published = 0

    async def publish(first: int, transactions: int) -> None:
        nonlocal published
        async with Publisher(settings) as pub:
            for t in range(first, first + transactions):  # one transaction per call: one marker per partition
                batch = [line(t * PER_TRANSACTION + k) for k in range(PER_TRANSACTION)]
                reqs = [(i, r) for i, b in enumerate(batch) if (r := parse_line(b, i, settings.max_body_bytes))]
                for _, out in await pub.publish_many(reqs):
                    assert not isinstance(out, Exception), out
                    published += out.status == "published"

    await publish(0, TRANSACTIONS - 10)
    # a transaction aborted in the middle of the log, as a fenced writer's is: records never delivered
    used = [tp.partition for tp, end in (await log_ends(settings)).items() if end > 0]
    aborted = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, transactional_id=f"{settings.app_id}-x")
    await aborted.start()
    try:
        await aborted.begin_transaction()
        for p in used:
            for _ in range(3):
                await aborted.send_and_wait(settings.entries_topic, b"never delivered", key=b"x", partition=p)
        await aborted.abort_transaction()
    finally:
        await aborted.stop()
    await publish(TRANSACTIONS - 10, 10)
    assert published == TRANSACTIONS * PER_TRANSACTION
    assert sum((await log_ends(settings)).values()) > published + 3 * len(used), "no markers on the log"

    with WorkerProcess(settings, tmp_path / "worker.log") as w:
        health = w.wait_processed(published)
        assert health["dead_letters"] == 0, "an aborted record reached the worker"
        deadline = time.monotonic() + CATCH_UP_S
        while time.monotonic() < deadline:
            positions = await committed_and_ends(settings)
            if all(c == end for c, end in positions.values() if end > 0):
                break
            await asyncio.sleep(1.0)
        behind = {p: (c, end) for p, (c, end) in positions.items() if end > 0 and c != end}
        assert not behind, (
            f"{CATCH_UP_S:.0f} s after processing all {published} entries, the committed offsets of these "
            f"partitions (partition: (committed, end)) are not at the log end: {behind}; log:\n{w.log_tail()}"
        )
