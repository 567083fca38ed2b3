"""Replay from the recorded facts: fold what the worker derived, after proving it matches the log.

What a replay from facts proves, and how:

1. Every entry event is intact and chained: the caller checks the whole log with
   :func:`replay.chain.verify_chain` (the result goes into ``Rebuilt.chain``).
2. The recorded facts of an event were derived from exactly its content: each facts record names
   its events with their envelope hash (:mod:`streams.app.facts_format`), and :func:`fold` checks
   that hash against the event at that position of the log, and that every contribution is of that
   entry at that time. A record that does not decode or does not match raises
   :class:`replay.recorded.FactsMismatch`, naming the record's position: nothing is skipped.
3. Every entry event has its facts: an event without a complete batch of facts was never processed
   by the worker (or only by a worker of before format 2). Its entry is extracted again, with the
   worker's own step, and ``Rebuilt.rederived`` says how many events were, and why.

An entry is folded from facts or extracted again as a whole, because an event's contributions are
planned against the entry's previous event (its tombstones). So an entry is also extracted again
when the cutoff leaves out an event of it that comes before one it keeps (possible on the source
clock), or when an event of it falls outside the cutoff's occurred period (it then counts as
retracted, which no recorded batch says). Facts recorded by an older extractor are folded as
recorded (that is what the views were built from); ``Rebuilt.recorded_versions`` counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from replay.pool import extract_all
from replay.rebuild import Cutoff, Rebuilt, extracted, fold_extracted, fold_outcomes, in_cutoff_period, log_order
from replay.recorded import EventFacts, FactsMismatch, FactsProblem, Recorded
from replay.source import LogRecord, with_event
from schemas.codec import format_time
from schemas.facts import Fact
from streams.core.pipeline import Extractor, entry_facts
from streams.core.timeline import TIMELINE
from streams.core.viewset import ViewSet
from streams.views.limits import MAX_RECORD_BYTES
from streams.views.routing import VIEWS

#: entries to extract again before a process pool pays for its start (each process loads the gazetteer)
POOL_FROM = 500

NO_FACTS = "no facts recorded (the worker never processed it)"
UNCHECKED = "facts of format 1 (no digest to check them by)"
INCOMPLETE = "facts incomplete (no batch holds all its contributions)"
CUT = "the cutoff leaves out an earlier event of its entry"
PERIOD = "its entry has an event outside the occurred period"


#: the views a recorded contribution may be to
_FOLDED = frozenset((*VIEWS, TIMELINE))


def _no_facts(_title: str, _body: str) -> list[Fact]:
    return []


def _check(rec: LogRecord, ev: EventFacts, topic: str) -> list[FactsProblem]:
    """The problems of one event's recorded facts against the event at its position of the log."""
    env = rec.envelope
    assert env is not None
    at = f"{rec.position.partition}:{rec.position.offset}"
    problems = [
        FactsProblem(
            topic, p, o,
            f"names the entry event at {at} with digest {digest[:16]}..., but the log's event there has hash "
            f"{env.hash[:16]}...: these facts were not derived from that event",
        )
        for digest, (p, o) in ev.digests.items()
        if digest != env.hash
    ]  # fmt: skip
    if problems:
        return problems
    entry_key = f"{env.blog_id}/{env.entry_id}"
    published = env.published_at
    if all(
        c.view in _FOLDED and c.entry_key == entry_key and c.stamp[0] == published
        for batch in ev.batches.values()
        for c in batch.values()
    ):
        return []  # the common case, checked without a call per contribution
    p, o = ev.digests[env.hash]
    for batch in ev.batches.values():
        for c in batch.values():
            if c.view not in _FOLDED:
                return [FactsProblem(topic, p, o, f"holds a contribution to {c.view!r}, which is not a view")]
            if c.entry_key != entry_key or not _same_time(c.stamp[0], env.published_at):
                detail = (
                    f"holds a contribution of {c.entry_key} at {c.stamp[0]} for the entry event at {at}, "
                    f"which is {entry_key} at {env.published_at}"
                )
                return [FactsProblem(topic, p, o, detail)]
    return []


def _same_time(stamped: str, stored: str) -> bool:
    """Whether a contribution's time is the envelope's (the worker stamps the canonical form of it)."""
    if stamped == stored:
        return True
    try:
        return stamped == format_time(datetime.fromisoformat(stored.replace("Z", "+00:00")))
    except ValueError:
        return False


def fold(
    records: Iterable[LogRecord],
    recorded: Recorded,
    *,
    facts_topic: str,
    extractor: Extractor,
    extractor_version: str,
    cutoff: Cutoff | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
    processes: int | None = None,
) -> Rebuilt:
    """The views of ``records`` as of ``cutoff``, from ``recorded`` where it holds an entry's facts.

    The entries extracted again are extracted here, or with ``processes`` (0: every core) in a
    process pool when there are many (``extractor`` must then pickle).

    ``records`` may be decoded without their events (``read_log(events=False)``); events are decoded
    where a cutoff needs them and for the entries extracted again. Raises :class:`FactsMismatch`.
    """
    cutoff = cutoff or Cutoff()
    needs_event = cutoff.clock == "source" or cutoff.occurred_from is not None or cutoff.occurred_to is not None
    records = [with_event(r) if needs_event else r for r in records]
    out = Rebuilt(views=ViewSet(max_record_bytes))
    good = [r for r in records if r.envelope is not None and r.error is None]
    out.undecodable = len(records) - len(good)
    by_position = {(r.position.partition, r.position.offset): r for r in good}
    problems: list[FactsProblem] = []
    for at, ev in recorded.events.items():
        rec = by_position.get(at)
        if rec is None:
            problems += [
                FactsProblem(facts_topic, p, o, f"names an entry event at {at[0]}:{at[1]}, which the log does not hold")
                for p, o in ev.digests.values()
            ]
        else:
            problems += _check(rec, ev, facts_topic)
    problems = [*recorded.problems, *problems]
    if problems:
        raise FactsMismatch(problems)

    entries: dict[str, list[LogRecord]] = {}
    for rec in log_order_envelopes(good):
        assert rec.envelope is not None
        entries.setdefault(f"{rec.envelope.blog_id}/{rec.envelope.entry_id}", []).append(rec)
    again: list[LogRecord] = []
    for events in entries.values():
        admitted = [r for r in events if cutoff.admits(r)]
        out.excluded += len(events) - len(admitted)
        reason = _reason(events, admitted, recorded, cutoff)
        if reason is not None:
            out.rederived[reason] += len(admitted)
            again += admitted
            continue
        for rec in admitted:
            ev = recorded.events[(rec.position.partition, rec.position.offset)]
            for c in ev.contributions():
                out.views.apply(c)
            out.events += 1
            out.from_facts += 1
            out.recorded_versions[ev.extractor_version] += 1
    ordered = log_order([with_event(r) for r in again])
    if processes is None or len(ordered) < POOL_FROM:
        for rec in ordered:
            ef = extracted(out, rec, extractor, extractor_version)
            if ef is not None:
                fold_extracted(out, rec, in_cutoff_period(ef, cutoff))
    else:
        fold_outcomes(out, ordered, extract_all(ordered, extractor, extractor_version, processes=processes), cutoff)
    out.undecodable += sum(1 for r in again if with_event(r).event is None)
    return out


def log_order_envelopes(records: Iterable[LogRecord]) -> list[LogRecord]:
    """Records in published order (ties by position), as :func:`replay.rebuild.log_order`, by envelope alone."""
    return sorted(
        records,
        key=lambda r: (r.envelope.published_at if r.envelope else "", r.position.partition, r.position.offset),
    )


def _reason(events: list[LogRecord], admitted: list[LogRecord], recorded: Recorded, cutoff: Cutoff) -> str | None:
    """Why an entry must be extracted again, or None when its recorded facts are folded."""
    for rec in admitted:
        at = (rec.position.partition, rec.position.offset)
        ev = recorded.events.get(at)
        if ev is None:
            return UNCHECKED if at in recorded.unchecked else NO_FACTS
        if not ev.complete:
            return INCOMPLETE
    if any(a is not e for a, e in zip(admitted, events, strict=False)):
        return CUT
    if cutoff.occurred_from is not None or cutoff.occurred_to is not None:
        for rec in admitted:
            if rec.event is None:
                continue  # undecodable: left out, with or without facts
            ef = entry_facts(rec.event, rec.position, _no_facts, "")
            if not ef.retracted and not cutoff.in_period(ef):
                return PERIOD
    return None
