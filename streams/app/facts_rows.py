"""A contribution's items in a facts record of format 3, without what their entry event already says.

Every fact item repeats its entry event's provenance (entry and blog ids, event id, times, log
position) under 27 field names, and the timeline's item repeats the title at the
head of its text. A record of format 3 names each event once, with that provenance (its
:class:`Context`, in the record's event mark), and carries each item as a list of its other values:

* a fact item (fields :data:`streams.views.routing.ITEM_FIELDS`, or with ``source_published_at``
  after them): ``[day, span, seq, metric, ..., actor, extractor_version]`` (and ``source_published_at``);
* the timeline's item: ``[event_type, source_published_at, source_updated_at, title, text, head,
  facts]``, each fact a list of its :data:`streams.core.timeline.FACT_FIELDS` values, and ``head`` 1
  when the text is the title, a blank line and the stored text;
* any other item (other fields, or provenance that is not its event's) as the object it is.

:func:`unpack_item` gives back exactly the item :func:`pack_item` was given, fields in their order.
Both are written for speed (no per-field Python loop): the worker packs every contribution it
records, and a replay unpacks every one.

>>> from streams.views.routing import ITEM_FIELDS
>>> ctx = Context("e1", "b", "ev1", "2024-11-20T10:00:00Z", None, "entries", 0, 7)
>>> item = dict.fromkeys(ITEM_FIELDS) | {"entry_id": "e1", "blog_id": "b", "event_id": "ev1",
...     "published_at": "2024-11-20T10:00:00Z", "position": {"topic": "entries", "partition": 0, "offset": 7},
...     "extractor_version": "v1", "metric": "killed", "best": 3}
>>> packed = pack_item("casualties", ctx, item)
>>> packed[:6]
[None, None, None, 'killed', None, 3]
>>> unpack_item("casualties", ctx, packed) == item
True
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from streams.core.history import SOURCE_ITEM_FIELDS
from streams.core.timeline import FACT_FIELDS, TIMELINE, TIMELINE_FIELDS
from streams.views.routing import ITEM_FIELDS

Item = dict[str, Any]

#: the fields of a fact item its event's context gives
_FROM_EVENT = ("entry_id", "blog_id", "event_id", "published_at", "occurred_at", "position")
#: the others, in their order: what a packed fact item holds
_OWN = tuple(f for f in ITEM_FIELDS if f not in _FROM_EVENT)
_OWN_VALUES = itemgetter(*_OWN)
_SOURCE_OWN_VALUES = itemgetter(*_OWN, "source_published_at")
_FACT_VALUES = itemgetter(*FACT_FIELDS)
_TIMELINE_FROM_EVENT = ("blog_id", "entry_id", "published_at", "occurred_at")
_TIMELINE_OWN = itemgetter("event_type", "source_published_at", "source_updated_at", "title", "text", "facts")
_FACT_KEYS = set(FACT_FIELDS)
_FROM_EVENT_VALUES = itemgetter(*_FROM_EVENT)


@dataclass(frozen=True, slots=True)
class Context:
    """What an entry event says of every item it contributes: its provenance."""

    entry_id: str
    blog_id: str
    event_id: str
    published_at: str
    occurred_at: str | None
    topic: str
    partition: int
    offset: int

    def position(self) -> dict[str, Any]:
        return {"topic": self.topic, "partition": self.partition, "offset": self.offset}

    def fact_values(self) -> tuple[Any, ...]:
        """The values of :data:`_FROM_EVENT`, as a fact item of this event holds them."""
        return (self.entry_id, self.blog_id, self.event_id, self.published_at, self.occurred_at, self.position())


def pack_item(view: str, ctx: Context, item: Item) -> list[Any] | Item:
    """The form of ``item`` in a facts record of format 3 (see the module docstring)."""
    keys = tuple(item)
    if view == TIMELINE:
        return _pack_timeline(ctx, item, keys)
    if keys != ITEM_FIELDS and keys != SOURCE_ITEM_FIELDS:
        return item
    if _FROM_EVENT_VALUES(item) != ctx.fact_values():
        return item
    own = _OWN_VALUES(item) if len(keys) == len(ITEM_FIELDS) else _SOURCE_OWN_VALUES(item)
    return list(own)


def _pack_timeline(ctx: Context, item: Item, keys: tuple[str, ...]) -> list[Any] | Item:
    facts = item.get("facts")
    if keys != TIMELINE_FIELDS or not isinstance(facts, list):
        return item
    if itemgetter(*_TIMELINE_FROM_EVENT)(item) != (ctx.blog_id, ctx.entry_id, ctx.published_at, ctx.occurred_at):
        return item
    if not all(isinstance(f, dict) and tuple(f) == FACT_FIELDS for f in facts):
        return item
    event_type, spa, sua, title, text, _ = _TIMELINE_OWN(item)
    head = 0
    if isinstance(title, str) and title and isinstance(text, str) and text.startswith(title + "\n\n"):
        text, head = text[len(title) + 2 :], 1
    return [event_type, spa, sua, title, text, head, [list(_FACT_VALUES(f)) for f in facts]]


def unpack_item(view: str, ctx: Context, packed: Any) -> Item:
    """The item :func:`pack_item` made ``packed`` of. Raises ``ValueError`` on anything else."""
    if isinstance(packed, dict):
        return packed
    if not isinstance(packed, list):
        raise ValueError(f"an item is a list of values or an object, not {packed!r:.200}")
    if view == TIMELINE:
        return _unpack_timeline(ctx, packed)
    n = len(packed)
    if n == len(_OWN):
        fields = ITEM_FIELDS
    elif n == len(_OWN) + 1:
        fields = SOURCE_ITEM_FIELDS
    else:
        raise ValueError(f"a packed fact item holds {len(_OWN)} or {len(_OWN) + 1} values, not {n}")
    # ITEM_FIELDS: the event's five, day, the event's position, the rest (tests/unit/app/test_facts_rows.py)
    values = (ctx.entry_id, ctx.blog_id, ctx.event_id, ctx.published_at, ctx.occurred_at, packed[0], ctx.position(),
              *packed[1:])  # fmt: skip
    return dict(zip(fields, values, strict=True))


def _unpack_timeline(ctx: Context, packed: list[Any]) -> Item:
    if len(packed) != 7 or not isinstance(packed[6], list):
        raise ValueError(f"a packed timeline item is [event_type, .., text, head, facts], not {packed!r:.200}")
    event_type, spa, sua, title, text, head, facts = packed
    if head:
        text = f"{title}\n\n{text}"
    return {
        "blog_id": ctx.blog_id,
        "entry_id": ctx.entry_id,
        "event_type": event_type,
        "published_at": ctx.published_at,
        "occurred_at": ctx.occurred_at,
        "source_published_at": spa,
        "source_updated_at": sua,
        "title": title,
        "text": text,
        "facts": [dict(zip(FACT_FIELDS, f, strict=True)) for f in facts],
    }


_N_OWN = len(_OWN)


def unpack_items(view: str, ctx: Context, packed: Any) -> tuple[Item, ...]:
    """:func:`unpack_item` of each of a contribution's packed items (a list), in one pass: what replay
    runs on every contribution, so the common case (fact items of their event) takes no call per item."""
    if not isinstance(packed, list):
        raise ValueError(f"a contribution's items are a list, not {packed!r:.200}")
    if view == TIMELINE or not all(type(p) is list and len(p) == _N_OWN for p in packed):
        return tuple([unpack_item(view, ctx, p) for p in packed])
    head = (ctx.entry_id, ctx.blog_id, ctx.event_id, ctx.published_at, ctx.occurred_at)
    position = ctx.position()  # shared by the event's items: items are never mutated
    return tuple([dict(zip(ITEM_FIELDS, (*head, p[0], position, *p[1:]), strict=True)) for p in packed])
