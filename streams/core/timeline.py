"""The timeline view: each live entry with its text and the spans of its figures.

One key per entry (``blog_id/entry_id``); a correction replaces the entry's
record, a retraction leaves a tombstone. Uses the same ``apply`` as every view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from streams.core.records import EntryFacts
from streams.views.contrib import Contribution, State, live_records
from streams.views.rows import Record, RowCodec, layout, pack, unpack

TIMELINE = "timeline"
MAX_TEXT = 4000

#: the fields of a timeline item, and of each of its facts, in :func:`timeline_contribution`'s order
TIMELINE_FIELDS: tuple[str, ...] = (
    "blog_id", "entry_id", "event_type", "published_at", "occurred_at", "source_published_at",
    "source_updated_at", "title", "text", "facts",
)  # fmt: skip
FACT_FIELDS: tuple[str, ...] = (
    "metric", "low", "best", "high", "qualifier", "place", "region_code", "claimant", "span",
)  # fmt: skip
_FACTS_LAYOUT = layout(FACT_FIELDS)


def timeline_contribution(ef: EntryFacts) -> Contribution:
    """The entry's record in the timeline, or a tombstone for a retraction."""
    if ef.retracted:
        return Contribution(TIMELINE, ef.entry_key, ef.entry_key, ef.stamp, ())
    facts = [
        {
            "metric": f.metric,
            "low": f.low,
            "best": f.best,
            "high": f.high,
            "qualifier": f.qualifier,
            "place": f.place,
            "region_code": f.region_code,
            "claimant": f.claimant,
            "span": list(f.span) if f.span is not None and f.span[1] <= MAX_TEXT else None,
        }
        for f in ef.facts
    ]
    item = {
        "blog_id": ef.blog_id,
        "entry_id": ef.entry_id,
        "event_type": ef.event_type,
        "published_at": ef.published_at,
        "occurred_at": ef.occurred_at,
        "source_published_at": ef.source_published_at,
        "source_updated_at": ef.source_updated_at,
        "title": ef.title,
        "text": ef.text[:MAX_TEXT],
        "facts": facts,
    }
    return Contribution(TIMELINE, ef.entry_key, ef.entry_key, ef.stamp, (item,))


def timeline_document(states: Mapping[str, State], blog_id: str | None = None) -> dict[str, Any]:
    """Live entries, newest published first, each with its figures."""
    items: list[dict[str, Any]] = []
    for key in sorted(states):
        for _entry, _stamp, recs in live_records(states[key]):
            items.extend(recs)
    if blog_id is not None:
        items = [it for it in items if it["blog_id"] == blog_id]
    items.sort(key=lambda it: (it["published_at"], it["blog_id"], it["entry_id"]), reverse=True)
    return {"view": TIMELINE, "items": items}


def pack_timeline(record: Record, entry_key: str) -> Record:
    """The stored form of a timeline row: :func:`streams.views.rows.pack`, with each fact a list of
    its values (``"f"``: the fingerprint of ``FACT_FIELDS``) and the title not repeated at the head
    of the text (``"h"``). :func:`unpack_timeline` gives the record back."""
    items = record["items"]
    facts_ok = len(items) == 1 and all(
        isinstance(f, dict) and len(f) == len(FACT_FIELDS) and f.keys() == set(FACT_FIELDS)
        for f in items[0].get("facts") or ()
    )
    if not facts_ok or not isinstance(items[0].get("facts"), list):
        return pack(record, TIMELINE_FIELDS, entry_key)
    item = dict(items[0])
    item["facts"] = [[f[k] for k in FACT_FIELDS] for f in item["facts"]]
    title, text = item.get("title"), item.get("text")
    head = isinstance(title, str) and isinstance(text, str) and bool(title) and text.startswith(title + "\n\n")
    if head:
        item["text"] = text[len(title) + 2 :]  # type: ignore[arg-type,index]
    out = pack({"stamp": record["stamp"], "items": [item]}, TIMELINE_FIELDS, entry_key)
    if "p" not in out:  # not the timeline's fields: stored as it came
        return record
    out["f"] = _FACTS_LAYOUT
    if head:
        out["h"] = 1
    return out


def unpack_timeline(stored: Record, entry_key: str) -> Record:
    """The record a :func:`pack_timeline` result stands for; raises ``ValueError`` on another layout."""
    record = unpack(stored, TIMELINE_FIELDS, entry_key)
    if "f" not in stored:
        return record
    if stored["f"] != _FACTS_LAYOUT:
        raise ValueError(
            f"a timeline row packed with fact layout {stored['f']!r}, not {_FACTS_LAYOUT!r}: the table was "
            "written by another version of liveledger; rebuild it (new app id) from the log"
        )
    [item] = record["items"]
    item["facts"] = [dict(zip(FACT_FIELDS, values, strict=True)) for values in item["facts"]]
    if stored.get("h"):
        item["text"] = f"{item['title']}\n\n{item['text']}"
    return record


#: how the worker stores timeline rows
TIMELINE_CODEC = RowCodec(pack_timeline, unpack_timeline)
