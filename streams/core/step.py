"""One step of the pipeline over a batch of entry events: ``(index, entries) -> (contributions, index')``.

The worker's entries agent, replay (:class:`streams.core.viewset.ViewSet`) and ``audit rederive``
all call :func:`step`, so the planning around the reducers (an entry's previous keys, its tombstones,
the timeline, the record limit) is written once and both paths agree by construction.

``index`` maps an entry key (``blog_id/entry_id``) to what is :class:`Known` of it: the stamp of its
latest event seen and the keys per view that event touched. :func:`step` reads it and never changes
it; ``Step.index`` holds the entries the batch changed (the caller stores them: ``index'`` is
``index`` updated with ``Step.index``). Within a batch an entry's second event plans against its
first, as if they came in two batches.

An entry event is refused whole (``Step.refused``, nothing of it planned, its keys unchanged) when one
of its contributions is over ``max_record_bytes``; the worker dead-letters it at stage ``size`` and
replay leaves it out.

>>> from streams.core.records import EntryFacts, Position
>>> ef = EntryFacts("b", "e1", "ev1", "entry.published", "2024-11-20T10:00:00Z", None,
...                 Position("entries", 0, 7), (), "text", "v1")
>>> s = step({}, [ef])
>>> [(c.view, c.key) for c in s.contributions]
[('timeline', 'b/e1')]
>>> s.index["b/e1"].stamp
('2024-11-20T10:00:00Z', 0, 7)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from streams.core.records import EntryFacts
from streams.core.timeline import timeline_contribution
from streams.views.contrib import Contribution, Stamp
from streams.views.limits import MAX_RECORD_BYTES, RecordTooLarge, check_sizes
from streams.views.routing import plan


@dataclass(frozen=True, slots=True)
class Known:
    """What the index holds of one entry: its latest event's stamp and the keys per view it touched."""

    stamp: Stamp
    keys: dict[str, list[str]]

    def to_json(self, keys: bool = True) -> dict[str, Any]:
        """The stored form (the worker's ``entry-index`` table); ``keys`` False: the stamp alone (the
        worker reads the keys from the lineage event row of that stamp, which holds them)."""
        return {"stamp": list(self.stamp), "keys": self.keys} if keys else {"stamp": list(self.stamp)}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any], keys_at: Callable[[Stamp], dict[str, list[str]]] | None = None) -> Known:
        """The inverse of :meth:`to_json`; a record without its keys takes them from ``keys_at(stamp)``."""
        published_at, partition, offset = doc["stamp"]
        stamp = (str(published_at), int(partition), int(offset))
        if "keys" not in doc and keys_at is not None:
            return cls(stamp, keys_at(stamp))
        keys = doc["keys"]
        if not isinstance(keys, dict):
            raise ValueError(f"an entry-index record's keys are a mapping of view to keys, not {keys!r}")
        return cls(stamp, {str(v): list(k) for v, k in keys.items()})


@dataclass(frozen=True, slots=True)
class Planned:
    """One entry event of the batch and everything it contributes (the timeline's record last)."""

    entry: EntryFacts
    contributions: tuple[Contribution, ...]
    #: whether the event is the newest of its entry seen (it replaced the index record); an older
    #: one (redelivered after a kill) still plans safe contributions, but its tombstones are for
    #: keys a later event touched, so it is no part of the entry's history (the lineage skips it)
    current: bool = True


@dataclass(frozen=True, slots=True)
class Refused:
    """An entry event left out because one of its contributions is too large to store."""

    entry: EntryFacts
    error: RecordTooLarge


@dataclass(frozen=True, slots=True)
class Step:
    """What :func:`step` made of a batch, in the batch's order."""

    planned: tuple[Planned, ...]
    #: the entries whose record in the index changes, with their new record
    index: dict[str, Known]
    refused: tuple[Refused, ...]

    @property
    def contributions(self) -> list[Contribution]:
        """Every contribution of the batch, entry by entry."""
        return [c for p in self.planned for c in p.contributions]


def plan_entry(known: Known | None, ef: EntryFacts) -> tuple[list[Contribution], Known | None]:
    """One entry event's contributions (views, then timeline), and its index record if it replaces ``known``.

    Only an event at least as new as the known one replaces the keys, so a redelivered older event
    cannot make the next correction miss a tombstone; its contributions are safe to apply either way.
    """
    contributions, new_keys = plan(ef, known.keys if known is not None else {})
    contributions.append(timeline_contribution(ef))
    replaces = known is None or ef.stamp >= known.stamp
    return contributions, Known(ef.stamp, new_keys) if replaces else None


def step(index: Mapping[str, Known], entries: Iterable[EntryFacts], max_record_bytes: int = MAX_RECORD_BYTES) -> Step:
    """Plan a batch of entry events against ``index`` (see the module docstring). Pure."""
    changed: dict[str, Known] = {}
    planned: list[Planned] = []
    refused: list[Refused] = []
    for ef in entries:
        key = ef.entry_key
        known = changed.get(key) or index.get(key)
        contributions, record = plan_entry(known, ef)
        try:
            check_sizes(contributions, max_record_bytes)
        except RecordTooLarge as e:
            refused.append(Refused(ef, e))
            continue
        planned.append(Planned(ef, tuple(contributions), record is not None))
        if record is not None:
            changed[key] = record
    return Step(tuple(planned), changed, tuple(refused))
