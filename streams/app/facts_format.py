"""The records of the facts topic: a batch of entry events' contributions, per target partition.

Each record holds contributions whose view keys all hash to the partition it is sent to (the same
murmur2 hash Kafka clients use for keys), so a view key's changelog partition is the partition its
key hashes to, and faust's ``table_route`` finds the worker holding it.

A record (format 2) also says which entry events its contributions come from, so that replay can
fold the recorded facts instead of extracting again, and prove what it folds::

    {"format": 2, "batch": "<id of the worker's batch>", "extractor": "<EXTRACTOR_VERSION>",
     "events": [[partition, offset, digest, total], ...], "contributions": [...]}

* ``partition``/``offset``: the entry event's position on the entries topic (its contributions'
  stamps carry it too);
* ``digest``: the event's envelope ``hash`` (sha256 over its previous event's hash and its
  canonical bytes, :func:`schemas.envelope.chain_hash`): the facts were derived from exactly that
  content, at that place in the blog's chain;
* ``total``: how many contributions the event has in the whole batch, over every record of the
  batch (same ``batch``), so that a reader can tell that none of them is missing.

Records of format 1 (a JSON list of contributions, or one contribution object) are still read:
they carry no digest, so replay cannot check them and extracts their entries again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from aiokafka.partitioner import murmur2

from streams.core.step import Planned
from streams.views.contrib import Contribution

#: a batch's record to one partition is split into records of at most this size (a contribution
#: larger than this still makes a record of its own, up to ``Settings.max_record_bytes``): large
#: enough that a record carries hundreds of contributions, small enough for any broker and consumer
RECORD_BYTES = 64 * 1024

FORMAT = 2


class FactsRecordError(ValueError):
    """A facts record that is not one: the message says what is wrong with it."""


@dataclass(frozen=True, slots=True)
class EventMark:
    """One entry event a facts record carries contributions of."""

    partition: int
    offset: int
    #: the entry event's envelope hash
    digest: str
    #: the event's contributions in the whole batch (every record with the same ``batch_id``)
    total: int

    def to_json(self) -> list[Any]:
        return [self.partition, self.offset, self.digest, self.total]


@dataclass(frozen=True, slots=True)
class FactsRecord:
    """One decoded facts record. ``events`` is empty (and the ids None) for a record of format 1."""

    contributions: tuple[Contribution, ...]
    events: tuple[EventMark, ...] = ()
    batch_id: str | None = None
    extractor_version: str | None = None

    @property
    def checkable(self) -> bool:
        """Whether the record names the events (and digests) its contributions come from."""
        return self.batch_id is not None


def partition_of(key: bytes, partitions: int) -> int:
    """The partition a key hashes to: what a Kafka client's default partitioner picks."""
    return int(murmur2(key) & 0x7FFFFFFF) % partitions


def new_batch_id() -> str:
    """An id shared by the records of one batch (a redelivered batch gets another)."""
    return secrets.token_hex(8)


def _mark(p: Planned) -> EventMark:
    ef = p.entry
    if not ef.digest:
        raise FactsRecordError(
            f"the entry event at {ef.position.topic}:{ef.position.partition}:{ef.position.offset} has no digest: "
            "set EntryFacts.digest to its envelope hash before sending its facts"
        )
    return EventMark(ef.position.partition, ef.position.offset, ef.digest, len(p.contributions))


def _record(batch_id: str, version: str, marks: Iterable[EventMark], bodies: list[bytes]) -> bytes:
    events = [m.to_json() for m in marks]
    head = orjson.dumps({"format": FORMAT, "batch": batch_id, "extractor": version, "events": events})
    return head[:-1] + b',"contributions":[' + b",".join(bodies) + b"]}"


def batch(
    planned: Sequence[Planned],
    partitions: int,
    max_bytes: int | None = None,
    *,
    extractor_version: str,
    batch_id: str | None = None,
) -> list[tuple[int, bytes, bytes]]:
    """``(partition, record key, record value)`` per target partition, in partition order.

    With ``max_bytes``, a partition's contributions are split over several records so that no
    record value is over ``max_bytes`` (one contribution over it still makes a record of its own:
    the caller checks each contribution's size first, ``streams.views.limits.check_sizes``).
    """
    bid = batch_id or new_batch_id()
    groups: dict[int, list[tuple[Contribution, EventMark]]] = {}
    for p in planned:
        mark = _mark(p)
        for c in p.contributions:
            groups.setdefault(partition_of(c.key.encode(), partitions), []).append((c, mark))
    fixed = len(_record(bid, extractor_version, [], []))
    out: list[tuple[int, bytes, bytes]] = []
    for part, items in sorted(groups.items()):
        bodies: list[bytes] = []
        marks: dict[tuple[int, int], EventMark] = {}
        size = fixed
        first = items[0][0]
        for c, mark in items:
            body = orjson.dumps(c.to_json())
            extra = len(body) + 1
            new_mark = (mark.partition, mark.offset) not in marks
            if new_mark:
                extra += len(orjson.dumps(mark.to_json())) + 1
            if bodies and max_bytes is not None and size + extra > max_bytes:
                out.append((part, first.key.encode(), _record(bid, extractor_version, marks.values(), bodies)))
                bodies, marks, size, first = [], {}, fixed, c
                extra = len(body) + 1 + len(orjson.dumps(mark.to_json())) + 1
            bodies.append(body)
            marks.setdefault((mark.partition, mark.offset), mark)
            size += extra
        out.append((part, first.key.encode(), _record(bid, extractor_version, marks.values(), bodies)))
    return out


def _contributions(items: Any) -> tuple[Contribution, ...]:
    if not isinstance(items, list) or not items or not all(isinstance(d, dict) for d in items):
        raise FactsRecordError("a facts record holds a non-empty list of contribution objects")
    try:
        return tuple(Contribution.from_json(d) for d in items)
    except (KeyError, TypeError, ValueError) as e:
        raise FactsRecordError(f"a contribution is malformed ({type(e).__name__}: {e})") from e


def _marks(items: Any) -> tuple[EventMark, ...]:
    if not isinstance(items, list) or not items:
        raise FactsRecordError("'events' is a non-empty list of [partition, offset, digest, total]")
    out = []
    for m in items:
        if not (isinstance(m, list) and len(m) == 4 and isinstance(m[2], str)):
            raise FactsRecordError(f"an event mark is [partition, offset, digest, total], not {m!r:.200}")
        try:
            out.append(EventMark(int(m[0]), int(m[1]), m[2], int(m[3])))
        except (TypeError, ValueError) as e:
            raise FactsRecordError(f"an event mark is [partition, offset, digest, total], not {m!r:.200}") from e
    return tuple(out)


def read_record(value: bytes) -> FactsRecord:
    """One facts record, of format 2 or 1. Raises :class:`FactsRecordError` on anything that is not one."""
    try:
        doc = orjson.loads(value)
    except orjson.JSONDecodeError as e:
        raise FactsRecordError(f"not JSON: {e}") from e
    if isinstance(doc, dict) and "format" in doc:
        if doc["format"] != FORMAT:
            raise FactsRecordError(f"facts record format {doc['format']!r}; this reader knows 1 and {FORMAT}")
        batch_id, version = doc.get("batch"), doc.get("extractor")
        if not isinstance(batch_id, str) or not isinstance(version, str):
            raise FactsRecordError("a facts record of format 2 names its 'batch' and 'extractor' as strings")
        contributions, marks = _contributions(doc.get("contributions")), _marks(doc.get("events"))
        named = {(m.partition, m.offset) for m in marks}
        for c in contributions:
            if (c.stamp[1], c.stamp[2]) not in named:
                raise FactsRecordError(
                    f"a contribution of {c.entry_key} comes from the entry event at {c.stamp[1]}:{c.stamp[2]}, "
                    "which the record's events do not name"
                )
        return FactsRecord(contributions, marks, batch_id, version)
    return FactsRecord(_contributions(doc if isinstance(doc, list) else [doc]))


def unbatch(value: bytes) -> list[Contribution]:
    """The contributions of one facts record. Raises :class:`FactsRecordError` on anything that is not one."""
    return list(read_record(value).contributions)
