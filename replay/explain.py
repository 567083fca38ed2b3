"""``audit explain``: every entry event behind one view value, with its sentence and fate."""

from __future__ import annotations

import re
from typing import Any

from replay.rebuild import Rebuilt
from streams.core.records import EntryFacts
from streams.views.contrib import stamp_of
from streams.views.routing import history_key, state_key

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def sentence_at(text: str, span: list[int] | tuple[int, int] | None) -> str | None:
    """The sentence of ``text`` holding ``span``: from the last stop before it to the next after."""
    if span is None or not text or span[0] > len(text):
        return None
    start, end = int(span[0]), min(int(span[1]), len(text))
    left = 0
    for stop in _SENTENCE_END.finditer(text, 0, start):
        left = stop.end()
    after = _SENTENCE_END.search(text, end)
    right = after.end() if after else len(text)
    return text[left:right].strip()


def _fate(rebuilt: Rebuilt, view: str, key: str, ef: EntryFacts) -> tuple[str, str | None]:
    state = rebuilt.views.state(view, key) or {"entries": {}}
    record = state["entries"].get(ef.entry_key)
    if record is None:
        return "unknown", None
    final = stamp_of(record)
    if final == ef.stamp:
        if record["items"]:
            return "current", None
        return ("removed by retraction" if ef.retracted else "removed by correction"), ef.event_id
    later = next((e for e in rebuilt.entries.get(ef.entry_key, []) if e.stamp == final), None)
    by = later.event_id if later else None
    if later is not None and later.event_type == "entry.retracted":
        return "retracted", by
    if later is not None and later.event_type == "entry.corrected":
        return "superseded by correction", by
    return "superseded", by


def explain(rebuilt: Rebuilt, view: str, key: str) -> dict[str, Any]:
    """The value of ``view``/``key`` and every contribution that ever touched it, oldest first."""
    contributions: list[dict[str, Any]] = []
    if view == "figures":  # a figure history lives in one state per month
        states = sorted(k for v, k in rebuilt.history if v == view and history_key(k) == key)
    else:
        states = [state_key(view, key)]
    applied_all = [a for s in states for a in rebuilt.history.get((view, s), [])]
    for applied in applied_all:
        c, ef = applied.contribution, applied.entry
        status, by = _fate(rebuilt, view, c.key, ef)
        facts = []
        for it in c.items:
            span = it.get("span")
            facts.append(
                {
                    **{
                        k: it.get(k)
                        for k in (
                            "metric",
                            "low",
                            "best",
                            "high",
                            "qualifier",
                            "claimant",
                            "relay",
                            "place",
                            "region_code",
                            "weapon",
                            "target",
                            "extractor_version",
                        )
                    },
                    "span": span,
                    "quote": ef.text[span[0] : span[1]] if span else None,
                    "sentence": sentence_at(ef.text, span),
                }
            )
        contributions.append(
            {
                "entry_id": ef.entry_id,
                "blog_id": ef.blog_id,
                "event_id": ef.event_id,
                "event_type": ef.event_type,
                "published_at": ef.published_at,
                "occurred_at": ef.occurred_at,
                "position": {
                    "topic": ef.position.topic,
                    "partition": ef.position.partition,
                    "offset": ef.position.offset,
                },
                "status": status,
                "changed_by_event": by,
                "facts": facts,
            }
        )
    return {
        "view": view,
        "key": key,
        "value": rebuilt.views.render(view, key),
        "contributions": contributions,
    }
