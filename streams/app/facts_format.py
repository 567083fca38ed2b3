"""The records of the facts topic: an entry event's contributions, batched per target partition.

Each record holds a JSON list of contributions whose view keys all hash to the partition it is
sent to (the same murmur2 hash Kafka clients use for keys), so a view key's changelog partition
is the partition its key hashes to, and faust's ``table_route`` finds the worker holding it.
A single JSON object (one contribution) is read as a batch of one.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from aiokafka.partitioner import murmur2

from streams.views.contrib import Contribution

#: a batch's record to one partition is split into records of at most this size (a contribution
#: larger than this still makes a record of its own, up to ``Settings.max_record_bytes``): large
#: enough that a record carries hundreds of contributions, small enough for any broker and consumer
RECORD_BYTES = 64 * 1024


def partition_of(key: bytes, partitions: int) -> int:
    """The partition a key hashes to: what a Kafka client's default partitioner picks."""
    return int(murmur2(key) & 0x7FFFFFFF) % partitions


def batch(
    contributions: Iterable[Contribution], partitions: int, max_bytes: int | None = None
) -> list[tuple[int, bytes, bytes]]:
    """``(partition, record key, record value)`` per target partition, in partition order.

    With ``max_bytes``, a partition's contributions are split over several records so that no
    record value is over ``max_bytes`` (one contribution over it still makes a record of its own:
    the caller checks each contribution's size first, ``streams.views.limits.check_sizes``).
    """
    groups: dict[int, list[Contribution]] = {}
    for c in contributions:
        groups.setdefault(partition_of(c.key.encode(), partitions), []).append(c)
    out: list[tuple[int, bytes, bytes]] = []
    for p, cs in sorted(groups.items()):
        if max_bytes is None:
            out.append((p, cs[0].key.encode(), orjson.dumps([c.to_json() for c in cs])))
            continue
        chunk: list[bytes] = []
        size = 2
        first = cs[0]
        for c in cs:
            body = orjson.dumps(c.to_json())
            if chunk and size + len(body) + 1 > max_bytes:
                out.append((p, first.key.encode(), b"[" + b",".join(chunk) + b"]"))
                chunk, size, first = [], 2, c
            chunk.append(body)
            size += len(body) + 1
        out.append((p, first.key.encode(), b"[" + b",".join(chunk) + b"]"))
    return out


def unbatch(value: bytes) -> list[Contribution]:
    """The contributions of one facts record. Raises on anything that is not one."""
    doc = orjson.loads(value)
    items = doc if isinstance(doc, list) else [doc]
    if not items or not all(isinstance(d, dict) for d in items):
        raise ValueError("a facts record is a contribution object or a non-empty list of them")
    return [Contribution.from_json(d) for d in items]
