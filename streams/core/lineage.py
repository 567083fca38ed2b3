"""Lineage of a view value: every contribution behind it, with its sentence and its fate.

One pure core for both answers to "where does this number come from?":

- ``audit explain`` (:mod:`replay.explain`) folds the log and asks :func:`contribution_record`
  for each contribution it applied;
- the worker records the same :func:`contribution_record` per contribution as it plans them
  (``streams.app.lineage_ops.record_batch``), and the API answers from that state, no log scan.

Both then call :func:`explain_document`, so the two documents are equal by construction.

A record is plain JSON: the entry event (ids, type, title, times, log position) and one fact per
item, with the fact's exact span, the quoted figure and the sentence holding it. A tombstone (the
entry left the key by a correction or a retraction) has no facts.

The fate of a record (``status``) compares its stamp with the newest record of the same entry
under the same state key: the newest one counts (``current``) or, with no facts, says how the
entry left (``removed by correction`` / ``removed by retraction``); an older one is
``superseded by correction``, ``retracted`` or ``superseded``, with ``changed_by_event``
naming the event that did it; ``valid`` is its interval on the accepted clock (``from`` its own
acceptance, ``until`` the acceptance of the next record of the entry under the key, or None).

>>> text = "Calm morning. At least 3 people were killed in Kharkiv, the governor said. More later."
>>> sentence_at(text, [14, 31])
'At least 3 people were killed in Kharkiv, the governor said.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from streams.core.records import EntryFacts
from streams.views.contrib import Contribution, Stamp
from streams.views.routing import plan

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")

#: the fields of a fact item that a lineage record keeps, besides its span, quote and sentence
FACT_FIELDS: tuple[str, ...] = (
    "metric", "low", "best", "high", "qualifier", "claimant", "relay", "place", "region_code",
    "weapon", "target", "extractor_version",
)  # fmt: skip

Record = dict[str, Any]

#: the longest sentence a record quotes whole; a longer one is cut to this many characters around
#: the figure, so a record stays small whatever the entry (a body may be one 100 kB "sentence")
MAX_SENTENCE = 600


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


def clipped_sentence(text: str, span: list[int] | tuple[int, int] | None) -> str | None:
    """:func:`sentence_at`, cut to ``MAX_SENTENCE`` characters around the span, with ``…`` where cut."""
    sentence = sentence_at(text, span)
    if sentence is None or len(sentence) <= MAX_SENTENCE or span is None:
        return sentence
    start = max(0, sentence.find(text[span[0] : span[1]]))
    left = max(0, min(start - MAX_SENTENCE // 3, len(sentence) - MAX_SENTENCE))
    right = left + MAX_SENTENCE
    return ("…" if left else "") + sentence[left:right] + ("…" if right < len(sentence) else "")


def contribution_record(c: Contribution, ef: EntryFacts) -> Record:
    """What one contribution of ``ef`` to ``c.key`` says, with the sentences of its facts."""
    facts = []
    for it in c.items:
        span = it.get("span")
        facts.append(
            {
                **{k: it.get(k) for k in FACT_FIELDS},
                "span": span,
                "quote": ef.text[span[0] : span[1]][:MAX_SENTENCE] if span else None,
                "sentence": clipped_sentence(ef.text, span),
            }
        )
    return {
        "entry_id": ef.entry_id,
        "blog_id": ef.blog_id,
        "event_id": ef.event_id,
        "event_type": ef.event_type,
        "title": ef.title,
        "published_at": ef.published_at,
        "source_published_at": ef.source_published_at,
        "occurred_at": ef.occurred_at,
        "position": {"topic": ef.position.topic, "partition": ef.position.partition, "offset": ef.position.offset},
        "facts": facts,
    }


class IndexAhead(ValueError):
    """The entry index names an event of an entry whose lineage event row is not there, and the
    event being planned is newer (or none is): the keys that event left are unknown."""

    def __init__(self, entry_key: str, stamp: Stamp) -> None:
        super().__init__(
            f"the entry index names {entry_key} at {list(stamp)} as its latest event, and the lineage table has "
            "no row of that event: the worker's tables disagree; rebuild them (new LIVELEDGER_APP_ID) from the log"
        )


def index_keys(stamp: Stamp, ef: EntryFacts, recorded: dict[str, list[str]] | None) -> dict[str, list[str]]:
    """The keys per view of the entry event at ``stamp`` (the entry index's record of ``ef``'s entry),
    to plan ``ef`` against; ``recorded`` is what the lineage event row of ``stamp`` holds (None: no row).

    The worker writes an event's lineage row, then its index record, and its facts went out before
    both. A kill -9 that fell between the two writes of an older worker (index first) left a record
    whose row is missing; its event, never committed, comes again:

    - ``ef`` is that very event (``ef.stamp == stamp``): its facts and tombstones went out the first
      time, so the keys of the record are the keys ``ef`` itself gives, and planning it again
      writes the row;
    - ``ef`` is older (a redelivery from before it): it replaces nothing and its contributions are
      older than every row the record's event wrote, so its own keys plan the same effect;
    - ``ef`` is newer: the keys the record's event left are unknown; :class:`IndexAhead`.

    >>> from streams.core.records import Position
    >>> ef = EntryFacts("b", "e1", "ev1", "entry.published", "2024-11-20T10:00:00Z", None,
    ...                 Position("entries", 0, 7), (), "text", "v1")
    >>> index_keys(ef.stamp, ef, {"casualties": ["UA-63/2024-11-20"]})
    {'casualties': ['UA-63/2024-11-20']}
    >>> index_keys(ef.stamp, ef, None)  # the row of this very event is missing: its own keys (none here)
    {}
    """
    if recorded is not None:
        return recorded
    if ef.stamp <= stamp:
        return plan(ef, {})[1]
    raise IndexAhead(ef.entry_key, stamp)


def record_stamp(record: Record) -> tuple[str, int, int]:
    """The stamp of the event a record came from: ``(published_at, partition, offset)``."""
    pos = record["position"]
    return (str(record["published_at"]), int(pos["partition"]), int(pos["offset"]))


def _entry_key(record: Record) -> str:
    return f"{record['blog_id']}/{record['entry_id']}"


def fate(record: Record, final: Record) -> tuple[str, str | None]:
    """``(status, changed_by_event)`` of ``record``, given the entry's newest record under the same key."""
    if record_stamp(final) == record_stamp(record):
        if record["facts"]:
            return "current", None
        removed = "removed by retraction" if record["event_type"] == "entry.retracted" else "removed by correction"
        return removed, record["event_id"]
    if final["event_type"] == "entry.retracted":
        return "retracted", final["event_id"]
    if final["event_type"] == "entry.corrected":
        return "superseded by correction", final["event_id"]
    return "superseded", final["event_id"]


def explain_document(view: str, key: str, value: Any, applied: Iterable[tuple[str, Record]]) -> dict[str, Any]:
    """The explain document of ``view``/``key`` from its ``(state key, record)`` pairs.

    Contributions come out ordered by state key, then by stamp (the order replay folds them in),
    whatever order ``applied`` has.
    """
    pairs = sorted(applied, key=lambda p: (p[0], record_stamp(p[1])))
    final: dict[tuple[str, str], Record] = {}
    until: dict[int, str] = {}  # id of a record -> when the next record of its entry and state began
    for state, record in pairs:  # stamp order: the last one seen is the newest
        prev = final.get((state, _entry_key(record)))
        if prev is not None:
            until[id(prev)] = str(record["published_at"])
        final[(state, _entry_key(record))] = record
    contributions = []
    for state, record in pairs:
        status, by = fate(record, final[(state, _entry_key(record))])
        valid = {"from": record["published_at"], "until": until.get(id(record))}
        contributions.append({**record, "status": status, "changed_by_event": by, "valid": valid})
    return {"view": view, "key": key, "value": value, "contributions": contributions}
