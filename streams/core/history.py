"""Every contribution's validity interval, stored compactly, so any moment's view is read from state.

A view row holds an entry's newest contribution to a key. The history keeps every contribution
an entry event ever made to a key (one *contribution row* each) and what the event itself said
(one *event row* per entry event), both written once and never changed:

- an event row: the event id and the log topic (unless its items hold them), the entry's timeline
  record as of that event (:func:`streams.core.timeline.pack_timeline`: title, text, times; its
  facts left out when the items give them back) or, for a retraction, its head; and the event's
  items by fact index, packed once (:func:`streams.views.rows.pack`). The sentences of the facts
  are cut from the text when they are read; only an entry longer than the timeline keeps
  (``MAX_TEXT``) stores its quotes and sentences;
- a contribution row: ``{"stamp": [published_at, partition, offset], "q": [fact index, ...]}``, the
  event row's items it holds (a tombstone, the entry having left the key by a correction or a
  retraction, is its stamp alone; items that do not cover the event's facts once are kept packed).
  The worker stores an event's contribution rows folded into its event row (:func:`fold`, ``"k"``):
  one write per entry event, not one per view key it touches; :func:`unfold` gives a row back.

**Validity on the accepted clock.** The rows of one (key, entry) sorted by stamp are the intervals:
row *i* counts from its own ``published_at`` until the ``published_at`` of row *i + 1* (the event
that superseded, corrected or retracted it), the last one until now. :func:`pick` finds the row of
a moment; :func:`states_at` gives every key's state at ``T`` from the rows, and the query documents
built from it are the bytes ``liveledger replay --as-of T`` prints, because replay keeps exactly the
events accepted by ``T`` (``published_at <= T``) and folds them with the same step.

**Explain from the same rows.** :func:`lineage_record` rebuilds from a contribution row and its
event row the record :func:`streams.core.lineage.contribution_record` makes, field for field.

>>> stamps = [("2024-11-20T10:00:00Z", 0, 1), ("2024-11-20T11:00:00Z", 0, 9)]
>>> pick(stamps, "2024-11-20T10:30:00Z"), pick(stamps, "2024-11-20T11:00:00Z"), pick(stamps, "2024-11-20T09:00:00Z")
(0, 1, None)
>>> validity(stamps)
[('2024-11-20T10:00:00Z', '2024-11-20T11:00:00Z'), ('2024-11-20T11:00:00Z', None)]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from streams.core.lineage import FACT_FIELDS, MAX_SENTENCE, Record, clipped_sentence
from streams.core.records import EntryFacts
from streams.core.timeline import FACT_FIELDS as TIMELINE_FACT_FIELDS
from streams.core.timeline import MAX_TEXT, TIMELINE, pack_timeline, timeline_contribution, unpack_timeline
from streams.views.contrib import Contribution, Stamp, State
from streams.views.routing import ITEM_FIELDS
from streams.views.rows import pack, unpack

#: the item fields of an entry that carries the blog's own posting time (``fact_item`` adds it)
SOURCE_ITEM_FIELDS: tuple[str, ...] = (*ITEM_FIELDS, "source_published_at")


def stamp_text(stamp: Stamp | Sequence[Any]) -> str:
    """A stamp as the part of a row key that follows the entry key (``\\x1e`` between its parts)."""
    return "\x1e".join(str(part) for part in stamp)


def parse_stamp(text: str) -> Stamp:
    """The inverse of :func:`stamp_text`; raises ``ValueError`` on anything else."""
    published_at, partition, offset = text.split("\x1e")
    return (published_at, int(partition), int(offset))


# -- rows ---------------------------------------------------------------------------------------
def _item_fields(items: Sequence[Mapping[str, Any]]) -> tuple[str, ...] | None:
    if all("source_published_at" in it for it in items):
        return SOURCE_ITEM_FIELDS
    if not any("source_published_at" in it for it in items):
        return ITEM_FIELDS
    return None


def event_items(contributions: Iterable[Contribution]) -> list[dict[str, Any]] | None:
    """The items of one entry event by fact index (``seq``), from its contributions; None when they
    do not cover every index once (then each contribution row keeps its own items)."""
    by_seq: dict[int, dict[str, Any]] = {}
    for c in contributions:
        if c.view == TIMELINE:
            continue
        for it in c.items:
            seq = it.get("seq")
            if not isinstance(seq, int) or by_seq.setdefault(seq, it) != it:
                return None
    if sorted(by_seq) != list(range(len(by_seq))):
        return None
    return [by_seq[i] for i in range(len(by_seq))]


def contribution_row(c: Contribution, shared: bool) -> Record:
    """The stored row of one contribution: its stamp, and the indexes of its items in the event row's
    items (``shared``), else its items packed; a tombstone is its stamp alone."""
    if not c.items:
        return {"stamp": list(c.stamp)}
    if shared:
        return {"stamp": list(c.stamp), "q": [it["seq"] for it in c.items]}
    return {"stamp": list(c.stamp), **_packed(c.items, c.entry_key, c.stamp)}


def fold(contributions: Iterable[Contribution], shared: bool) -> dict[str, dict[str, Any]]:
    """The contribution rows of one entry event, folded into its event row (``"k"``).

    ``view -> view key ->`` what the row holds besides its stamp (which the event row's key holds):
    its item indexes in the event row (``shared``), None for a tombstone, else its items packed.
    One write per entry event instead of one per view key it touches. The timeline is left out
    (the event row holds it).

    >>> c = Contribution("casualties", "UA-63/2024-11-20", "b/e1", ("t", 0, 1), ({"seq": 0},))
    >>> gone = Contribution("strikes", "UA-63/2024-11-20/drone", "b/e1", ("t", 0, 1), ())
    >>> fold([c, gone], shared=True)
    {'casualties': {'UA-63/2024-11-20': [0]}, 'strikes': {'UA-63/2024-11-20/drone': None}}
    >>> unfold(fold([c, gone], True), "strikes\x1eUA-63/2024-11-20/drone", ("t", 0, 1))
    {'stamp': ['t', 0, 1]}
    """
    out: dict[str, dict[str, Any]] = {}
    for c in contributions:
        if c.view == TIMELINE:
            continue
        row = contribution_row(c, shared)
        del row["stamp"]
        out.setdefault(c.view, {})[c.key] = None if not row else row["q"] if row.keys() == {"q"} else row
    return out


def folded_states(folded: Mapping[str, Mapping[str, Any]] | None) -> Iterator[str]:
    """The state parts (``"{view}\x1e{key}"``) of the rows folded into an event row's ``"k"``."""
    for view, keys in (folded or {}).items():
        for key in keys:
            yield f"{view}\x1e{key}"


def unfold(folded: Mapping[str, Mapping[str, Any]] | None, state: str, stamp: Sequence[Any]) -> Record | None:
    """The contribution row of ``state`` folded into an event row's ``"k"``, with ``stamp`` (None: none there)."""
    view, _, key = state.partition("\x1e")
    keys = (folded or {}).get(view)
    if keys is None or key not in keys:
        return None
    value = keys[key]
    if value is None:
        return {"stamp": list(stamp)}
    if isinstance(value, list):
        return {"stamp": list(stamp), "q": value}
    return {"stamp": list(stamp), **value}


def _packed(items: Sequence[dict[str, Any]], entry_key: str, stamp: Sequence[Any]) -> Record:
    fields = _item_fields(items)
    packed = pack({"stamp": list(stamp), "items": list(items)}, fields, entry_key)
    del packed["stamp"]
    if fields is SOURCE_ITEM_FIELDS and "p" in packed:
        packed["sf"] = 1
    return packed


def _unpacked(packed: Record, stamp: Sequence[Any], entry_key: str) -> list[dict[str, Any]]:
    fields = SOURCE_ITEM_FIELDS if packed.get("sf") else ITEM_FIELDS
    items: list[dict[str, Any]] = unpack({**packed, "stamp": list(stamp)}, fields, entry_key)["items"]
    return items


def event_row_items(event: Record, entry_key: str) -> list[dict[str, Any]]:
    """Every item an event row keeps, by fact index (``[]`` when its contribution rows keep their own)."""
    return _unpacked(event["i"], event["stamp"], entry_key) if "i" in event else []


def contribution_items(row: Record, entry_key: str, event: Record | None) -> list[dict[str, Any]]:
    """The items a :func:`contribution_row` stands for (``[]`` for a tombstone); ``event`` is its event row."""
    if "q" in row:
        if event is None or "i" not in event:
            raise ValueError(f"the lineage row of {entry_key} at {row['stamp']} refers to an event row it lacks")
        items = _unpacked(event["i"], event["stamp"], entry_key)
        return [items[seq] for seq in row["q"]]
    if "items" not in row and "p" not in row:
        return []
    if "items" in row and any("facts" in it and "event_type" in it for it in row["items"]):
        raise ValueError(
            f"the lineage row of {entry_key} at {row['stamp']} has the layout of an older liveledger (explain "
            "records, no event rows): rebuild the worker's tables (new LIVELEDGER_APP_ID) from the log"
        )
    return _unpacked(row, row["stamp"], entry_key)


def _timeline_facts(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The timeline's facts of an entry event, from its items (what ``timeline_contribution`` makes)."""
    out = []
    for it in items:
        span = it["span"]
        fact = {k: it[k] for k in TIMELINE_FACT_FIELDS if k != "span"}
        fact["span"] = list(span) if span is not None and span[1] <= MAX_TEXT else None
        out.append({k: fact[k] for k in TIMELINE_FACT_FIELDS})
    return out


def event_row(
    ef: EntryFacts, contributions: Iterable[Contribution] = (), timeline: Contribution | None = None
) -> Record:
    """The stored row of one entry event: its id, its timeline record and its items (by fact index).

    The timeline's facts are left out when the items give them back, and the items are kept here
    once (every view's contribution row refers to them) when they cover every fact. ``timeline`` is
    the event's timeline contribution when the caller has it (else it is made again).
    """
    c = timeline if timeline is not None else timeline_contribution(ef)
    row: Record = {"stamp": list(ef.stamp), "ev": ef.event_id, "tp": ef.position.topic}
    items = event_items(contributions) if ef.facts else None
    if items is not None and len(items) == len(ef.facts):
        row["i"] = _packed(items, ef.entry_key, ef.stamp)
        common = row["i"].get("c", {})
        if row["i"].get("s") and common.get(_EVENT_ID) == ef.event_id and common.get(_TOPIC) == ef.position.topic:
            del row["ev"], row["tp"]  # the items hold them once for all: read back by _event_head
    if c.items:
        item = dict(c.items[0])
        if "i" in row and item["facts"] == _timeline_facts(items or ()):
            item["facts"] = []
            row["fi"] = 1  # the timeline's facts come from the items
        row["t"] = pack_timeline({"stamp": list(c.stamp), "items": [item]}, ef.entry_key)
    else:
        row["hd"] = [ef.blog_id, ef.entry_id, ef.event_type, ef.title, ef.occurred_at, ef.source_published_at]
    if len(ef.text) > MAX_TEXT:  # the timeline keeps a cut text: keep the sentences themselves
        row["z"] = {
            str(seq): [_quote(ef.text, f.span), clipped_sentence(ef.text, f.span)] for seq, f in enumerate(ef.facts)
        }
    return row


#: where packed items keep the event id and the log topic (the same index in both item field lists)
_EVENT_ID, _TOPIC = str(ITEM_FIELDS.index("event_id")), str(ITEM_FIELDS.index("position"))
assert SOURCE_ITEM_FIELDS[: len(ITEM_FIELDS)] == ITEM_FIELDS


def _event_head(event: Record) -> tuple[str, str]:
    """``(event id, log topic)`` of an event row: its own, else its packed items' (see :func:`event_row`)."""
    if "ev" in event:
        return str(event["ev"]), str(event["tp"])
    common = event["i"]["c"]
    return str(common[_EVENT_ID]), str(common[_TOPIC])


def _quote(text: str, span: Sequence[int] | None) -> str | None:
    return text[span[0] : span[1]][:MAX_SENTENCE] if span else None


def timeline_item(row: Record, entry_key: str) -> dict[str, Any] | None:
    """The entry's timeline record as of the event of ``row`` (None for a retraction)."""
    if "t" not in row:
        return None
    [item] = unpack_timeline(row["t"], entry_key)["items"]
    item = dict(item)
    if row.get("fi"):
        item["facts"] = _timeline_facts(_unpacked(row["i"], row["stamp"], entry_key))
    return item


def shares_items(row: Record) -> bool:
    """Whether contribution rows of this event refer to its items instead of keeping their own."""
    return "i" in row


def event_type(row: Record, entry_key: str) -> str:
    """The type of the entry event of ``row`` (``entry.published``, ``entry.corrected``, ``entry.retracted``)."""
    item = timeline_item(row, entry_key)
    return str(item["event_type"] if item is not None else row["hd"][2])


def lineage_record(items: Sequence[Mapping[str, Any]], event: Record, entry_key: str) -> Record:
    """:func:`streams.core.lineage.contribution_record` of a contribution, from its items and its event row."""
    stamp = event["stamp"]
    head = timeline_item(event, entry_key)
    if head is not None:
        blog_id, entry_id, event_type, title = head["blog_id"], head["entry_id"], head["event_type"], head["title"]
        occurred_at, source_published_at, text = head["occurred_at"], head["source_published_at"], head["text"]
    else:
        blog_id, entry_id, event_type, title, occurred_at, source_published_at = event["hd"]
        text = ""
    cut = event.get("z")
    event_id, topic = _event_head(event)
    facts = []
    for it in items:
        span = it.get("span")
        if cut is not None:
            quote, sentence = cut[str(it.get("seq", 0))]
        else:
            quote, sentence = _quote(text, span), clipped_sentence(text, span)
        facts.append({**{k: it.get(k) for k in FACT_FIELDS}, "span": span, "quote": quote, "sentence": sentence})
    return {
        "entry_id": entry_id,
        "blog_id": blog_id,
        "event_id": event_id,
        "event_type": event_type,
        "title": title,
        "published_at": stamp[0],
        "source_published_at": source_published_at,
        "occurred_at": occurred_at,
        "position": {"topic": topic, "partition": stamp[1], "offset": stamp[2]},
        "facts": facts,
    }


# -- moments --------------------------------------------------------------------------------------
def pick(stamps: Sequence[Stamp], as_of: str) -> int | None:
    """The index in ``stamps`` (sorted) of the row that counts at ``as_of``, or None before the first."""
    n = bisect_right([s[0] for s in stamps], as_of)
    return n - 1 if n else None


def validity(stamps: Sequence[Stamp]) -> list[tuple[str, str | None]]:
    """Each row's interval ``(from, until)`` on the accepted clock; ``until`` None for the one counting now."""
    times = [s[0] for s in stamps]
    return [(t, times[i + 1] if i + 1 < len(times) else None) for i, t in enumerate(times)]


#: one key's history: entry key -> its rows, as (stamp, row) sorted by stamp
History = Mapping[str, Sequence[tuple[Stamp, Record]]]
#: the event row of an entry event: (entry key, stamp) -> row, or None
Events = Callable[[str, Stamp], Record | None]


def state_at(history: History, as_of: str, events: Events) -> State | None:
    """The state of one key at ``as_of`` from its history (None when no entry had touched it by then)."""
    entries: dict[str, Any] = {}
    for entry_key, rows in history.items():
        i = pick([s for s, _ in rows], as_of)
        if i is not None:
            stamp, row = rows[i]
            event = events(entry_key, stamp) if "q" in row else None
            entries[entry_key] = {"stamp": list(stamp), "items": contribution_items(row, entry_key, event)}
    return {"entries": entries} if entries else None


def states_at(histories: Iterable[tuple[str, History]], as_of: str, events: Events) -> dict[str, State]:
    """Every key's state at ``as_of`` (keys no entry had touched by then left out)."""
    out: dict[str, State] = {}
    for key, history in histories:
        state = state_at(history, as_of, events)
        if state is not None:
            out[key] = state
    return out


def prunable(stamps: Sequence[Stamp], before: str) -> list[int]:
    """The rows (indexes into sorted ``stamps``) whose interval ended before ``before``: never the last one."""
    return [i for i in range(len(stamps) - 1) if stamps[i + 1][0] < before]
