"""The timeline view: each live entry with its text and the spans of its figures.

One key per entry (``blog_id/entry_id``); a correction replaces the entry's
record, a retraction leaves a tombstone. Uses the same ``apply`` as every view.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from streams.core.records import EntryFacts
from streams.views.contrib import Contribution, State, live_records

TIMELINE = "timeline"
MAX_TEXT = 4000


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
