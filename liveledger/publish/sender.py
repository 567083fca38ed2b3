"""The sends of one transaction: records built into one Kafka batch per partition, awaited together.

aiokafka's ``send`` costs, per record, a metadata wait, a partitioner call (murmur2 in pure Python
and a set of the available partitions) and a future. The publisher knows each record's partition
(its blog's, by the same keyed default partitioner, cached per blog) and needs one answer per
transaction, so it fills aiokafka's ``BatchBuilder`` s itself, submits each when full and waits for
all of them once, before the commit. A record's offset is its batch's base offset plus its place in
the batch, so the publisher's checkpoint still learns where each record landed.

Blog ids key the records, as before: every writer (this one, an older one that used ``send``)
puts a blog on the same partition, which the chain needs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner

from liveledger.publish.errors import PublisherBug, RecordTooLarge
from schemas.events import CURRENT_VERSIONS

_PARTITIONER = DefaultPartitioner()
#: the headers of each event type's records
HEADERS: dict[str, list[tuple[str, bytes]]] = {
    t: [("type", t.encode()), ("version", str(v).encode())] for t, v in CURRENT_VERSIONS.items()
}


class Record(NamedTuple):
    """One record to append: an event's canonical bytes, keyed by its blog (a tuple: one is made per entry)."""

    key: bytes
    raw: bytes
    timestamp_ms: int
    headers: list[tuple[str, bytes]]


#: the largest event record the publisher sends: under aiokafka's ``max_request_size`` (1 MiB, what
#: its ``send`` checks) and the broker's default ``max.message.bytes`` (1 MiB and 12 bytes), with room
#: for the batch's framing, key and headers
MAX_EVENT_BYTES = 1_000_000


def check_size(blog_id: str, entry_id: str, raw: bytes) -> None:
    """Raise :class:`RecordTooLarge` when an event's record is over :data:`MAX_EVENT_BYTES`."""
    if len(raw) > MAX_EVENT_BYTES:
        raise RecordTooLarge(
            f"entry {entry_id!r} of blog {blog_id!r}: its event is {len(raw)} bytes, over the {MAX_EVENT_BYTES} "
            "a record of the log may hold: send a shorter text or fewer figures"
        )


class Partitions:
    """Each key's partition of one topic as aiokafka's default partitioner gives it, cached per key."""

    def __init__(self) -> None:
        self._all: list[int] = []
        self._of: dict[bytes, int] = {}

    def refresh(self, partitions: set[int]) -> None:
        """Take the topic's partitions (from metadata); the cache is dropped when they change."""
        now = sorted(partitions)
        if now != self._all:
            self._all = now
            self._of.clear()

    def of(self, key: bytes) -> int:
        p = self._of.get(key)
        if p is None:
            if not self._all:
                raise PublisherBug("a record's partition was asked before the topic's partitions were known")
            p = self._of[key] = int(_PARTITIONER(key, self._all, self._all))
        return p


@dataclass
class _Open:
    builder: Any  # aiokafka's BatchBuilder
    slot: int  # its place in ``TxnSends.futures``


@dataclass
class TxnSends:
    """The record batches of one transaction on ``topic``: ``add`` each record, then ``flush``."""

    producer: AIOKafkaProducer
    topic: str
    #: one per submitted batch, in the order the batches were opened (None until submitted)
    futures: list[asyncio.Future[Any] | None] = field(default_factory=list)
    #: every record added: (partition, batch slot, offset in the batch, value)
    records: list[tuple[int, int, int, bytes]] = field(default_factory=list)
    _open: dict[int, _Open] = field(default_factory=dict)

    def _new(self, partition: int) -> _Open:
        o = self._open[partition] = _Open(self.producer.create_batch(), len(self.futures))
        self.futures.append(None)
        return o

    def append(self, partition: int, rec: Record) -> bool:
        """Add one record to its partition's open batch; False when that batch is full (``add`` it then)."""
        o = self._open.get(partition) or self._new(partition)
        meta = o.builder.append(timestamp=rec.timestamp_ms, key=rec.key, value=rec.raw, headers=rec.headers)
        if meta is None:
            return False
        self.records.append((partition, o.slot, int(meta.offset), rec.raw))
        return True

    async def add(self, partition: int, rec: Record) -> None:
        """Add one record; a batch that is full is submitted (which waits while the partition's queue is full)."""
        if self.append(partition, rec):
            return
        # full: the record opens the next batch (a batch always takes its first record)
        await self._submit(partition)
        if not self.append(partition, rec):
            raise PublisherBug(f"a record of {len(rec.raw)} bytes did not fit an empty batch of partition {partition}")

    async def _submit(self, partition: int) -> None:
        o = self._open.pop(partition)
        o.builder.close()
        fut: asyncio.Future[Any] = await self.producer.send_batch(o.builder, self.topic, partition=partition)
        self.futures[o.slot] = fut
        await asyncio.sleep(0)  # let the sender put the batch on the wire now, not when the publisher next waits

    async def flush(self) -> None:
        """Submit every batch still open."""
        for partition in list(self._open):
            await self._submit(partition)

    def pending(self) -> list[asyncio.Future[Any]]:
        return [f for f in self.futures if f is not None]

    def placed(self) -> Iterator[tuple[int, int, bytes]]:
        """(partition, offset, value) of every record, once every batch is done."""
        for partition, slot, rel, value in self.records:
            yield partition, self._offset(slot, rel), value

    def placed_ends(self) -> Iterator[tuple[int, int, bytes]]:
        """``placed`` of the first and the last record of each partition (one record: once), in that order.

        A partition's records sit at increasing offsets in the order they were added (its batches are
        opened, sent and acknowledged in turn), so its first and last record are where it starts and ends.
        """
        ends: dict[int, tuple[int, int, bytes, int, int, bytes]] = {}
        for partition, slot, rel, value in self.records:
            first = ends.get(partition)
            ends[partition] = (slot, rel, value, slot, rel, value) if first is None else (*first[:3], slot, rel, value)
        for partition, (s1, r1, v1, s2, r2, v2) in ends.items():
            yield partition, self._offset(s1, r1), v1
            if (s1, r1) != (s2, r2):
                yield partition, self._offset(s2, r2), v2

    def _offset(self, slot: int, rel: int) -> int:
        fut = self.futures[slot]
        assert fut is not None, "placed() before flush()"
        return int(fut.result().offset) + rel
