"""Every contribution's validity interval, stored compactly, so any moment's view is read from state.

A view row holds an entry's newest contribution to a key. The history keeps every contribution
an entry event ever made to a key (one *contribution row* each) and what the event itself said
(one *event row* per entry event), both written once and never changed:

- a contribution row: ``{"stamp": [published_at, partition, offset], ...}`` with the contribution's
  items packed as the view rows pack them (:func:`streams.views.rows.pack`); a tombstone (the entry
  left the key by a correction or a retraction) has no items;
- an event row: the event id, the log topic, and the entry's timeline record as of that event
  (:func:`streams.core.timeline.pack_timeline`: title, text, times), or, for a retraction, its head.
  The sentences of the facts are cut from that text when they are read; only an entry longer than
  the timeline keeps (``MAX_TEXT``) stores its quotes and sentences.

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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from streams.core.lineage import FACT_FIELDS, MAX_SENTENCE, Record, clipped_sentence
from streams.core.records import EntryFacts
from streams.core.timeline import MAX_TEXT, pack_timeline, timeline_contribution, unpack_timeline
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


def contribution_row(c: Contribution) -> Record:
    """The stored row of one contribution (its items packed, a tombstone as its stamp alone)."""
    if not c.items:
        return {"stamp": list(c.stamp)}
    fields = _item_fields(c.items)
    packed = pack({"stamp": list(c.stamp), "items": list(c.items)}, fields, c.entry_key)
    if fields is SOURCE_ITEM_FIELDS and "p" in packed:
        packed["sf"] = 1
    return packed


def contribution_items(row: Record, entry_key: str) -> list[dict[str, Any]]:
    """The items a :func:`contribution_row` holds (``[]`` for a tombstone)."""
    if "items" not in row and "p" not in row:
        return []
    fields = SOURCE_ITEM_FIELDS if row.get("sf") else ITEM_FIELDS
    items: list[dict[str, Any]] = unpack(row, fields, entry_key)["items"]
    return items


def event_row(ef: EntryFacts) -> Record:
    """The stored row of one entry event: what its contributions' records need besides their items."""
    c = timeline_contribution(ef)
    row: Record = {"stamp": list(ef.stamp), "ev": ef.event_id, "tp": ef.position.topic}
    if c.items:
        row["t"] = pack_timeline({"stamp": list(c.stamp), "items": list(c.items)}, ef.entry_key)
    else:
        row["hd"] = [ef.blog_id, ef.entry_id, ef.event_type, ef.title, ef.occurred_at, ef.source_published_at]
    if len(ef.text) > MAX_TEXT:  # the timeline keeps a cut text: keep the sentences themselves
        row["z"] = {
            str(seq): [_quote(ef.text, f.span), clipped_sentence(ef.text, f.span)] for seq, f in enumerate(ef.facts)
        }
    return row


def _quote(text: str, span: Sequence[int] | None) -> str | None:
    return text[span[0] : span[1]][:MAX_SENTENCE] if span else None


def timeline_item(row: Record, entry_key: str) -> dict[str, Any] | None:
    """The entry's timeline record as of the event of ``row`` (None for a retraction)."""
    if "t" not in row:
        return None
    [item] = unpack_timeline(row["t"], entry_key)["items"]
    return dict(item)


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
        "event_id": event["ev"],
        "event_type": event_type,
        "title": title,
        "published_at": stamp[0],
        "source_published_at": source_published_at,
        "occurred_at": occurred_at,
        "position": {"topic": event["tp"], "partition": stamp[1], "offset": stamp[2]},
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


def state_at(history: History, as_of: str) -> State | None:
    """The state of one key at ``as_of`` from its history (None when no entry had touched it by then)."""
    entries: dict[str, Any] = {}
    for entry_key, rows in history.items():
        i = pick([s for s, _ in rows], as_of)
        if i is not None:
            stamp, row = rows[i]
            entries[entry_key] = {"stamp": list(stamp), "items": contribution_items(row, entry_key)}
    return {"entries": entries} if entries else None


def states_at(histories: Iterable[tuple[str, History]], as_of: str) -> dict[str, State]:
    """Every key's state at ``as_of`` (keys no entry had touched by then left out)."""
    out: dict[str, State] = {}
    for key, history in histories:
        state = state_at(history, as_of)
        if state is not None:
            out[key] = state
    return out


def prunable(stamps: Sequence[Stamp], before: str) -> list[int]:
    """The rows (indexes into sorted ``stamps``) whose interval ended before ``before``: never the last one."""
    return [i for i in range(len(stamps) - 1) if stamps[i + 1][0] < before]
