"""The records of the facts topic: a batch of entry events' contributions, per target partition.

Each record holds contributions whose view keys all hash to the partition it is sent to (the same
murmur2 hash Kafka clients use for keys), so a view key's changelog partition is the partition its
key hashes to, and faust's ``table_route`` finds the worker holding it.

A record (format 3) also says which entry events its contributions come from, so that replay can
fold the recorded facts instead of extracting again, and prove what it folds::

    {"format": 3, "batch": "<id of the worker's batch>", "extractor": "<EXTRACTOR_VERSION>",
     "topic": "<the entries topic>",
     "events": [[partition, offset, digest, total, blog_id, entry_id, event_id, published_at,
                 occurred_at], ...],
     "contributions": [[event, view, key, [item, ...]], ...]}

* ``partition``/``offset``: the entry event's position on the entries topic;
* ``digest``: the event's envelope ``hash`` (sha256 over its previous event's hash and its
  canonical bytes, :func:`schemas.envelope.chain_hash`): the facts were derived from exactly that
  content, at that place in the blog's chain;
* ``total``: how many contributions the event has in the whole batch, over every record of the
  batch (same ``batch``), so that a reader can tell that none of them is missing;
* the rest: the event's provenance (:class:`streams.app.facts_rows.Context`, with the record's
  topic), which every item of its contributions would otherwise repeat;
  with the position it makes their entry key and stamp.

A contribution names its event by its index in ``events`` (its entry key and stamp are that
event's), and carries its items without that provenance (:mod:`streams.app.facts_rows`).

Older records are still read (:func:`read_record` upcasts them):

* format 2: ``events`` are ``[partition, offset, digest, total]`` and each contribution is a
  whole contribution object (``Contribution.to_json``);
* format 1 (a JSON list of contributions, or one contribution object): no digest, so replay
  cannot check them and extracts their entries again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from aiokafka.partitioner import murmur2

from streams.app.facts_rows import Context, pack_item, unpack_items
from streams.core.step import Planned
from streams.views.contrib import Contribution

#: a batch's record to one partition is split into records of at most this size (a contribution
#: larger than this still makes a record of its own, up to ``Settings.max_record_bytes``): large
#: enough that a record carries hundreds of contributions, small enough for any broker and consumer
RECORD_BYTES = 64 * 1024

FORMAT = 3
#: the formats :func:`read_record` reads
FORMATS = (1, 2, 3)


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
    #: the event's provenance (format 3; None in a mark read from format 2)
    context: Context | None = None

    def to_json(self) -> list[Any]:
        head = [self.partition, self.offset, self.digest, self.total]
        ctx = self.context
        if ctx is None:
            return head
        return [*head, ctx.blog_id, ctx.entry_id, ctx.event_id, ctx.published_at, ctx.occurred_at]


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


@lru_cache(maxsize=16384)
def partition_of(key: bytes, partitions: int) -> int:
    """The partition a key hashes to: what a Kafka client's default partitioner picks.

    Cached: aiokafka's murmur2 is pure Python (about 5 us a key, the larger part of making a batch's
    records), and a blog's view keys come back batch after batch.
    """
    return int(murmur2(key) & 0x7FFFFFFF) % partitions


def new_batch_id() -> str:
    """An id shared by the records of one batch (a redelivered batch gets another)."""
    return secrets.token_hex(8)


def _mark(p: Planned, topic: str) -> EventMark:
    ef = p.entry
    where = f"{ef.position.topic}:{ef.position.partition}:{ef.position.offset}"
    if not ef.digest:
        raise FactsRecordError(
            f"the entry event at {where} has no digest: set EntryFacts.digest to its envelope hash before "
            "sending its facts"
        )
    for c in p.contributions:
        if c.entry_key != ef.entry_key or c.stamp != ef.stamp:
            raise FactsRecordError(
                f"a contribution of {c.entry_key} at {c.stamp} planned for the entry event at {where}, which is "
                f"{ef.entry_key} at {ef.stamp}: a facts record names each contribution by its event"
            )
    pos = ef.position
    ctx = Context(
        ef.entry_id, ef.blog_id, ef.event_id, ef.published_at, ef.occurred_at, topic, pos.partition, pos.offset
    )  # an item whose position is on another topic than the record's is sent whole (pack_item)
    return EventMark(pos.partition, pos.offset, ef.digest, len(p.contributions), ctx)


def _record(batch_id: str, version: str, topic: str, marks: Iterable[EventMark], bodies: list[bytes]) -> bytes:
    events = [m.to_json() for m in marks]
    head = orjson.dumps({"format": FORMAT, "batch": batch_id, "extractor": version, "topic": topic, "events": events})
    return head[:-1] + b',"contributions":[' + b",".join(bodies) + b"]}"


def _body(c: Contribution, ctx: Context) -> bytes:
    """A contribution as JSON ``[view, key, items]`` without its opening bracket (:func:`_numbered` adds it)."""
    return orjson.dumps([c.view, c.key, [pack_item(c.view, ctx, it) for it in c.items]])[1:]


def _numbered(index: int, body: bytes) -> bytes:
    return b"[%d,%s" % (index, body)


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
    topic = planned[0].entry.position.topic if planned else ""
    for p in planned:
        mark = _mark(p, topic)
        for c in p.contributions:
            groups.setdefault(partition_of(c.key.encode(), partitions), []).append((c, mark))
    fixed = len(_record(bid, extractor_version, topic, [], []))
    out: list[tuple[int, bytes, bytes]] = []
    for part, items in sorted(groups.items()):
        bodies: list[bytes] = []
        marks: dict[tuple[int, int], int] = {}
        order: list[EventMark] = []
        size = fixed
        first = items[0][0]
        for c, mark in items:
            assert mark.context is not None
            body = _body(c, mark.context)
            at = (mark.partition, mark.offset)
            extra = len(body) + 8
            if at not in marks:
                extra += len(orjson.dumps(mark.to_json())) + 1
            if bodies and max_bytes is not None and size + extra > max_bytes:
                out.append((part, first.key.encode(), _record(bid, extractor_version, topic, order, bodies)))
                bodies, marks, order, size, first = [], {}, [], fixed, c
                extra = len(body) + 8 + len(orjson.dumps(mark.to_json())) + 1
            if at not in marks:
                marks[at] = len(order)
                order.append(mark)
            bodies.append(_numbered(marks[at], body))
            size += extra
        out.append((part, first.key.encode(), _record(bid, extractor_version, topic, order, bodies)))
    return out


def _contributions(items: Any) -> tuple[Contribution, ...]:
    if not isinstance(items, list) or not items or not all(isinstance(d, dict) for d in items):
        raise FactsRecordError("a facts record holds a non-empty list of contribution objects")
    try:
        return tuple(Contribution.from_json(d) for d in items)
    except (KeyError, TypeError, ValueError) as e:
        raise FactsRecordError(f"a contribution is malformed ({type(e).__name__}: {e})") from e


_SHAPE2 = "[partition, offset, digest, total]"
_SHAPE3 = "[partition, offset, digest, total, blog_id, entry_id, event_id, published_at, occurred_at]"


def _marks(items: Any, width: int, topic: str = "") -> tuple[EventMark, ...]:
    shape = _SHAPE3 if width == 9 else _SHAPE2
    if not isinstance(items, list) or not items:
        raise FactsRecordError(f"'events' is a non-empty list of {shape}")
    if width == 9:
        return tuple([_mark3(m, topic) for m in items])
    out = []
    for m in items:
        if not (isinstance(m, list) and len(m) == width and isinstance(m[2], str)):
            raise FactsRecordError(f"an event mark is {shape}, not {m!r:.200}")
        try:
            out.append(EventMark(int(m[0]), int(m[1]), m[2], int(m[3])))
        except (TypeError, ValueError) as e:
            raise FactsRecordError(f"an event mark is {shape}, not {m!r:.200} ({e})") from e
    return tuple(out)


def _mark3(m: Any, topic: str) -> EventMark:
    """One event mark of format 3 (type checks written out: replay reads one per event and record)."""
    if type(m) is list and len(m) == 9:
        p, o, digest, total, blog, entry, event, published, occurred = m
        if (
            type(p) is int and type(o) is int and type(total) is int and type(digest) is str and type(blog) is str
            and type(entry) is str and type(event) is str and type(published) is str
            and (occurred is None or type(occurred) is str)
        ):  # fmt: skip
            return EventMark(p, o, digest, total, Context(entry, blog, event, published, occurred, topic, p, o))
    raise FactsRecordError(f"an event mark is {_SHAPE3}, not {m!r:.200}")


def _compact(items: Any, marks: tuple[EventMark, ...]) -> tuple[Contribution, ...]:
    """The contributions of a format-3 record: ``[event, view, key, [item, ...]]`` each."""
    if not isinstance(items, list) or not items:
        raise FactsRecordError("a facts record holds a non-empty list of [event, view, key, items]")
    out = []
    for c in items:
        try:
            i, view, key, packed = c
            if type(i) is not int or not 0 <= i < len(marks) or not isinstance(view, str) or not isinstance(key, str):
                raise ValueError("not [index of its event in 'events', view, key, items]")
            ctx = marks[i].context
            assert ctx is not None
            contribution = Contribution(
                view, key, f"{ctx.blog_id}/{ctx.entry_id}", (ctx.published_at, ctx.partition, ctx.offset),
                unpack_items(view, ctx, packed),
            )  # fmt: skip
        except (TypeError, ValueError) as e:
            raise FactsRecordError(f"a contribution is [event, view, key, items], not {c!r:.200} ({e})") from e
        out.append(contribution)
    return tuple(out)


def read_record(value: bytes) -> FactsRecord:
    """One facts record, of format 3, 2 or 1. Raises :class:`FactsRecordError` on anything that is not one."""
    try:
        doc = orjson.loads(value)
    except orjson.JSONDecodeError as e:
        raise FactsRecordError(f"not JSON: {e}") from e
    if not (isinstance(doc, dict) and "format" in doc):
        return FactsRecord(_contributions(doc if isinstance(doc, list) else [doc]))
    if doc["format"] not in (2, 3):
        raise FactsRecordError(f"facts record format {doc['format']!r}; this reader knows {FORMATS}")
    batch_id, version = doc.get("batch"), doc.get("extractor")
    if not isinstance(batch_id, str) or not isinstance(version, str):
        raise FactsRecordError(f"a facts record of format {doc['format']} names its 'batch' and 'extractor' as strings")
    if doc["format"] == 3:
        topic = doc.get("topic")
        if not isinstance(topic, str):
            raise FactsRecordError("a facts record of format 3 names its entries 'topic' as a string")
        marks = _marks(doc.get("events"), 9, topic)
        return FactsRecord(_compact(doc.get("contributions"), marks), marks, batch_id, version)
    contributions, marks = _contributions(doc.get("contributions")), _marks(doc.get("events"), 4)
    named = {(m.partition, m.offset) for m in marks}
    for c in contributions:
        if (c.stamp[1], c.stamp[2]) not in named:
            raise FactsRecordError(
                f"a contribution of {c.entry_key} comes from the entry event at {c.stamp[1]}:{c.stamp[2]}, "
                "which the record's events do not name"
            )
    return FactsRecord(contributions, marks, batch_id, version)


def unbatch(value: bytes) -> list[Contribution]:
    """The contributions of one facts record. Raises :class:`FactsRecordError` on anything that is not one."""
    return list(read_record(value).contributions)
