"""Does a publisher checkpoint describe this log? Its marks are compared with the records at those offsets.

A checkpoint names, per partition, the offset it read up to and the offset and SHA-256 of the
first and last record it took in. It fits the log when every partition still exists, reaches at
least that far, and holds those very records there (read ``read_committed``). A fresh broker or a
recreated topic fails the check, so does a store copied from elsewhere: the caller rebuilds.
"""

from __future__ import annotations

import asyncio
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from liveledger.kafka.reader import partitions_of
from liveledger.kafka.topics import BrokerUnreachable
from liveledger.publish.store import Saved, record_sha
from liveledger.settings import Settings

#: seconds the records at the marks may take to arrive
FETCH_TIMEOUT_S = 15.0


async def _records_at(
    consumer: AIOKafkaConsumer, wanted: dict[TopicPartition, list[int]]
) -> dict[tuple[int, int], str | None]:
    """SHA-256 of the record at each wanted (partition, offset); None when another offset came first."""
    found: dict[tuple[int, int], str | None] = {}
    deadline = time.monotonic() + FETCH_TIMEOUT_S
    for tp, offsets in wanted.items():
        for offset in sorted(set(offsets)):
            consumer.assign([tp])
            consumer.seek(tp, offset)
            while (tp.partition, offset) not in found:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no record at partition {tp.partition} offset {offset} in {FETCH_TIMEOUT_S}s")
                batch = await consumer.getmany(tp, timeout_ms=int(min(left, 1.0) * 1000), max_records=1)
                for rec in batch.get(tp, []):
                    found[(tp.partition, offset)] = record_sha(rec.value) if rec.offset == offset else None
    return found


async def mismatch(settings: Settings, saved: Saved) -> str | None:
    """Why ``saved`` does not describe the log of ``settings.entries_topic``; None when it does."""
    if not saved.positions:
        return None
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        enable_auto_commit=False,
        isolation_level="read_committed",
        **settings.kafka_client_kwargs(),
    )
    try:
        await consumer.start()
    except KafkaError as e:
        raise BrokerUnreachable(f"no Kafka broker answered at {settings.kafka_bootstrap} ({e})") from e
    try:
        topic = settings.entries_topic
        present = await partitions_of(settings, topic)
        missing = sorted(set(saved.positions) - set(present))
        if missing:
            return f"partitions {missing} of {topic} are not on the broker"
        tps = {p: TopicPartition(topic, p) for p in saved.positions}
        ends = await consumer.end_offsets(list(tps.values()))
        for p, pos in sorted(saved.positions.items()):
            if ends[tps[p]] < pos:
                return f"partition {p} of {topic} ends at offset {ends[tps[p]]}, before the checkpoint's {pos}"
        wanted = {tps[p]: [m.first[0], m.last[0]] for p, m in saved.marks.items()}
        try:
            found = await _records_at(consumer, wanted)
        except TimeoutError as e:
            return str(e)
        for p, m in sorted(saved.marks.items()):
            for offset, sha in (m.first, m.last):
                if found.get((p, offset)) != sha:
                    return f"partition {p} offset {offset} of {topic} holds another record than the checkpoint took in"
        return None
    except KafkaError as e:
        raise BrokerUnreachable(f"Kafka did not answer while checking the publisher checkpoint: {e}") from e
    finally:
        await asyncio.shield(consumer.stop())
