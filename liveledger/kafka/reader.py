"""Read a whole topic from the beginning to its end offsets, without a consumer group.

Shared by the publisher (to rebuild its index) and by replay (to rebuild views).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError

from liveledger.kafka.security import connect_failure
from liveledger.kafka.topics import describe_topic
from liveledger.settings import Settings

Progress = Callable[[int, int], None]


async def partitions_of(settings: Settings, topic: str) -> list[int]:
    """The partition numbers of ``topic``; empty when it does not exist."""
    for t in await describe_topic(settings, topic):
        if t["error_code"] == 0:
            return sorted(p["partition"] for p in t["partitions"])
    return []


async def end_offsets(settings: Settings, consumer: AIOKafkaConsumer, topic: str) -> dict[TopicPartition, int]:
    tps = [TopicPartition(topic, p) for p in await partitions_of(settings, topic)]
    if not tps:
        return {}
    return dict(await consumer.end_offsets(tps))


async def read_topic(
    settings: Settings,
    topic: str,
    *,
    until: Mapping[int, int] | None = None,
    since: Mapping[int, int] | None = None,
    progress: Progress | None = None,
    batch_records: int = 5000,
) -> AsyncIterator[ConsumerRecord[bytes, bytes]]:
    """Yield every record of ``topic`` from ``since[p]`` (default: the start) up to its current end
    (or ``until[p]``, exclusive). Only committed records: aborted transactions are never seen.

    Records come partition by partition in offset order within each partition.
    ``progress(done, total)`` is called after each batch.
    """
    consumer: AIOKafkaConsumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_partition_fetch_bytes=4 * 1024 * 1024,
        fetch_max_bytes=16 * 1024 * 1024,
        isolation_level="read_committed",
        **settings.kafka_client_kwargs(),
    )
    try:
        await consumer.start()
    except KafkaError as e:
        await consumer.stop()
        raise await connect_failure(settings, e, f"no Kafka broker answered at {settings.kafka_bootstrap}") from e
    try:
        ends = await end_offsets(settings, consumer, topic)
        if until is not None:
            ends = {tp: min(end, until.get(tp.partition, 0)) for tp, end in ends.items()}
        start = {tp: (since or {}).get(tp.partition, 0) for tp in ends}
        todo = {tp: end for tp, end in ends.items() if end > start[tp]}
        total = sum(end - start[tp] for tp, end in todo.items())
        done = 0
        if progress:
            progress(0, total)
        if not todo:
            return
        consumer.assign(list(todo))
        for tp in todo:
            if start[tp] > 0:
                consumer.seek(tp, start[tp])
            else:
                await consumer.seek_to_beginning(tp)
        while todo:
            batches = await consumer.getmany(*todo, timeout_ms=1000, max_records=batch_records)
            for tp, records in batches.items():
                end = todo.get(tp)
                if end is None:
                    continue
                for rec in records:
                    if rec.offset >= end:
                        break
                    done += 1
                    yield rec
            # A partition whose rest is aborted records and transaction markers returns no records,
            # yet its position moves past them: check every partition, not only those that returned some.
            for tp, end in list(todo.items()):
                if await consumer.position(tp) >= end:
                    todo.pop(tp, None)
                    consumer.pause(tp)
            if progress:
                progress(done, total)
    finally:
        await consumer.stop()
