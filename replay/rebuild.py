"""Rebuild every view from the log with the same pure core as the worker.

Two clocks:
* ``as_of`` (published time) keeps only events liveledger had accepted by then:
  what we showed at that moment, later corrections and retractions excluded.
  With ``clock="source"`` the moment is on the blog's own clock instead
  (``schemas.source_clock.source_time``; an event with no source time stands at
  its acceptance time, the latest it can have happened): what the blog showed then.
* ``occurred_from``/``occurred_to`` (occurred time) keep only entries whose
  incident day falls in the period, as the entry stands after its corrections:
  what we now know happened then. An entry whose correction moves it out of the
  period leaves the views, exactly as a retraction would.

An event the extractor fails on contributes nothing, as in the worker (which
dead-letters it at stage ``extract``): the fold carries on without it and lists
it in ``Rebuilt.failed``, so the shells can report it. So does an event whose
contribution to a view key is over the record limit (``RecordTooLarge``; the
worker dead-letters it at stage ``size``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from replay.chain import ChainReport
from replay.errors import BadCutoff
from replay.pool import Outcome, extract_all
from replay.source import LogRecord
from schemas.codec import format_time
from schemas.source_clock import source_time
from streams.core.pipeline import Extractor, entry_facts
from streams.core.records import EntryFacts, Position
from streams.core.timeline import TIMELINE
from streams.core.viewset import ViewSet
from streams.extract import ExtractionError
from streams.views.contrib import Contribution, State
from streams.views.keys import entry_day
from streams.views.limits import MAX_RECORD_BYTES


@dataclass(frozen=True)
class Cutoff:
    as_of: str | None = None
    until: dict[int, int] | None = None
    occurred_from: str | None = None
    occurred_to: str | None = None
    clock: str = "accepted"  # what ``as_of`` is measured on: "accepted" or "source"

    def admits(self, rec: LogRecord) -> bool:
        """Whether the event at ``rec`` had been accepted (or, on the source clock, posted) by the cutoff."""
        if rec.envelope is None:
            return False
        if self.as_of is not None and self._time(rec) > self.as_of:
            return False
        if self.until is not None:
            end = self.until.get(rec.position.partition)
            if end is None or rec.position.offset >= end:
                return False
        return True

    def _time(self, rec: LogRecord) -> str:
        assert rec.envelope is not None
        if self.clock == "source" and rec.event is not None:
            at = source_time(rec.event)
            if at is not None:
                return format_time(at)
        return rec.envelope.published_at

    def in_period(self, ef: EntryFacts) -> bool:
        day = entry_day(ef.occurred_at, ef.display_time)
        if self.occurred_from is not None and day < self.occurred_from:
            return False
        return not (self.occurred_to is not None and day > self.occurred_to)


def parse_as_of(text: str) -> str:
    """An ISO date or datetime (with a timezone) as a stored time string."""
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
            return f"{d.isoformat()}T23:59:59.999999Z"
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BadCutoff(f"--as-of: {text!r} is not an ISO date or datetime (e.g. 2024-11-20T14:05:00Z)") from None
    if dt.tzinfo is None:
        raise BadCutoff(f"--as-of: {text!r} needs a timezone, e.g. 2024-11-20T14:05:00Z")
    try:
        return format_time(dt)
    except OverflowError:  # "9999-12-31T23:59:59-05:00" is after the last moment UTC can write
        raise BadCutoff(f"--as-of: {text!r} lies outside the years 1 to 9999 in UTC") from None


CLOCKS = ("accepted", "source")


def parse_clock(text: str) -> str:
    if text not in CLOCKS:
        raise BadCutoff(f"--clock: {text!r} is not a clock; expected accepted or source")
    return text


def parse_until(text: str) -> dict[int, int]:
    """``P:O,P:O`` -> {partition: offset}; events at offsets >= O are left out."""
    out: dict[int, int] = {}
    for part in text.split(","):
        try:
            p, o = part.split(":")
            out[int(p)] = int(o)
        except ValueError:
            raise BadCutoff(f"--until-offset: {part!r} is not PARTITION:OFFSET (e.g. 0:120,1:98)") from None
    return out


def parse_day(name: str, text: str) -> str:
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise BadCutoff(f"{name}: {text!r} is not a date in the form YYYY-MM-DD") from None


@dataclass(frozen=True, slots=True)
class Applied:
    """One contribution folded into a view key, and the entry event it came from."""

    contribution: Contribution
    entry: EntryFacts


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """An entry event the extractor raised on, or too large to store: left out, as the worker leaves it out."""

    blog_id: str
    entry_id: str
    event_type: str
    position: Position
    error: str

    def describe(self) -> str:
        """One line naming the entry, its log position and the error."""
        return describe_failure(self.to_json())

    def to_json(self) -> dict[str, object]:
        p = self.position
        return {
            "blog_id": self.blog_id,
            "entry_id": self.entry_id,
            "event_type": self.event_type,
            "source": f"{p.topic}:{p.partition}:{p.offset}",
            "error": self.error,
        }


def describe_failure(doc: Mapping[str, object]) -> str:
    """One line for an :meth:`ExtractionFailure.to_json` mapping: entry, event, log position, error."""
    return f"{doc['blog_id']}/{doc['entry_id']} ({doc['event_type']} at {doc['source']}): {doc['error']}"


@dataclass
class Rebuilt:
    views: ViewSet = field(default_factory=ViewSet)
    history: dict[tuple[str, str], list[Applied]] = field(default_factory=dict)
    entries: dict[str, list[EntryFacts]] = field(default_factory=dict)
    #: events folded (after the cutoff's exclusions, without ``failed``)
    events: int = 0
    undecodable: int = 0
    excluded: int = 0
    #: events the extractor failed on, in fold order; they contribute nothing
    failed: list[ExtractionFailure] = field(default_factory=list)
    #: events folded from the facts the worker recorded (not extracted again)
    from_facts: int = 0
    #: events extracted again, by the reason they were (``replay.from_facts``)
    rederived: Counter[str] = field(default_factory=Counter)
    #: events folded from recorded facts, by the extractor version that recorded them
    recorded_versions: Counter[str] = field(default_factory=Counter)
    #: the hash chain of the records folded, when the replay checked it
    chain: ChainReport | None = None

    @property
    def timeline(self) -> dict[str, State]:
        """The timeline's states, by entry key (folded with the views, by the same step)."""
        return dict(self.views.states(TIMELINE))


def log_order(records: Iterable[LogRecord]) -> list[LogRecord]:
    """Decodable records in published order (ties by position): a deterministic fold order."""
    good = [r for r in records if r.envelope is not None and r.event is not None]
    return sorted(
        good,
        key=lambda r: (r.envelope.published_at if r.envelope else "", r.position.partition, r.position.offset),
    )


def rebuild(
    records: Iterable[LogRecord],
    *,
    extractor: Extractor,
    extractor_version: str,
    cutoff: Cutoff | None = None,
    keep_history: bool = False,
    max_record_bytes: int = MAX_RECORD_BYTES,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Rebuilt:
    """Fold the log into views as of ``cutoff``; events the extractor fails on go to ``failed``.

    With ``processes`` (0: every core), the extraction runs in a process pool (``replay.pool``;
    ``extractor`` must then pickle) and ``progress(done, total)`` is told as it goes.

    ``max_record_bytes`` must be the worker's limit (``Settings.max_record_bytes``) for replay to
    leave out the same over-large entries the worker dead-letters.
    """
    cutoff = cutoff or Cutoff()
    records = list(records)
    out = Rebuilt(views=ViewSet(max_record_bytes), undecodable=sum(1 for r in records if r.event is None))
    admitted = []
    for rec in log_order(records):
        if cutoff.admits(rec):
            admitted.append(rec)
        else:
            out.excluded += 1
    if processes is not None:  # extraction on every core, the fold in log order here
        outcomes = extract_all(admitted, extractor, extractor_version, processes=processes, progress=progress)
        fold_outcomes(out, admitted, outcomes, cutoff, keep_history)
        return out
    for rec in admitted:
        ef = extracted(out, rec, extractor, extractor_version)
        if ef is not None:
            fold_extracted(out, rec, in_cutoff_period(ef, cutoff), keep_history)
    return out


def extracted(out: Rebuilt, rec: LogRecord, extractor: Extractor, extractor_version: str) -> EntryFacts | None:
    """The entry facts of a decoded event, or None (and the failure in ``out.failed``) when extraction fails."""
    event = rec.event
    assert event is not None
    try:
        return entry_facts(event, rec.position, extractor, extractor_version)
    except (ExtractionError, OverflowError) as e:  # the worker dead-letters it: it contributes nothing here either
        # (OverflowError: a time with no UTC form, "0001-01-01T00:00:00+05:00", which the schema lets through)
        out.failed.append(ExtractionFailure(event.blog_id, event.entry_id, event.type, rec.position, str(e)))
        return None


def in_cutoff_period(ef: EntryFacts, cutoff: Cutoff) -> EntryFacts:
    """``ef``, or a retraction of the entry when its occurred day is outside the cutoff's period."""
    if not ef.retracted and not cutoff.in_period(ef):
        return dataclasses.replace(ef, facts=(), retracted=True)
    return ef


def fold_extracted(out: Rebuilt, rec: LogRecord, ef: EntryFacts, keep_history: bool = False) -> None:
    """Fold one extracted entry event with the worker's step; too large a contribution goes to ``out.failed``."""
    result = out.views.apply_batch([ef])  # the worker's step, one entry at a time
    if result.refused:  # the worker dead-letters it at stage ``size``
        err = str(result.refused[0].error)
        out.failed.append(ExtractionFailure(ef.blog_id, ef.entry_id, ef.event_type, rec.position, err))
        return
    out.events += 1
    if keep_history:
        out.entries.setdefault(ef.entry_key, []).append(ef)
        for c in result.contributions:
            if c.view != TIMELINE:
                out.history.setdefault((c.view, c.key), []).append(Applied(c, ef))


def fold_outcomes(
    out: Rebuilt, records: list[LogRecord], outcomes: Iterable[Outcome], cutoff: Cutoff, keep_history: bool = False
) -> None:
    """Fold each record's extraction outcome (``replay.pool``), in the order given."""
    for rec, outcome in zip(records, outcomes, strict=True):
        if isinstance(outcome, str):
            event = rec.event
            assert event is not None
            out.failed.append(ExtractionFailure(event.blog_id, event.entry_id, event.type, rec.position, outcome))
        else:
            fold_extracted(out, rec, in_cutoff_period(outcome, cutoff), keep_history)
