"""The facts the worker recorded on ``liveledger.facts``, gathered per entry event and checked.

Every facts record (format 3, or 2 from before; :mod:`streams.app.facts_format`) names the entry events its
contributions come from, with each event's envelope hash (the digest) and its number of
contributions in the whole batch. :func:`gather` reads the records into :class:`Recorded`:

* per entry event (its position on the entries topic): the digest, the contributions, and whether
  a batch holds all of them (a batch's records are spread over the partitions; a redelivered batch
  is sent again under a new batch id, so an event may have several);
* a :class:`FactsProblem` per record that cannot be decoded (a digest that is not the log's
  event's is found by the check against the log). These are never skipped:
  :func:`replay.from_facts.fold` raises :class:`FactsMismatch` on them.

Records of format 1 carry no digest: their events are counted under ``unchecked``, and replay
extracts them again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from replay.errors import ReplayError
from streams.app.facts_format import FactsRecordError, read_record
from streams.views.contrib import Contribution

#: ``(partition, offset)`` of an entry event on the entries topic
At = tuple[int, int]


@dataclass(frozen=True, slots=True)
class FactsProblem:
    """A facts record that replay cannot use: where it is, and what is wrong."""

    topic: str
    partition: int
    offset: int
    detail: str

    def describe(self) -> str:
        return f"{self.topic}:{self.partition}:{self.offset}: {self.detail}"


class FactsMismatch(ReplayError):
    """Recorded facts that do not decode or do not match the log: replay refuses to fold them."""

    def __init__(self, problems: list[FactsProblem]) -> None:
        self.problems = problems
        shown = "; ".join(p.describe() for p in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(
            f"{len(problems)} facts record(s) cannot be trusted: {shown}{more}. The facts topic was altered or "
            "written by something else than the worker: `liveledger replay --rederive` rebuilds the views from "
            "the entries alone"
        )


@dataclass
class EventFacts:
    """What the facts topic holds of one entry event."""

    #: each digest the event is named with, and the first record naming it: (facts partition, offset);
    #: more than one is a forgery (the log's event has one hash), told apart by the check against the log
    digests: dict[str, tuple[int, int]]
    #: per batch id: the contributions by (view, key), and how many the batch says there are
    batches: dict[str, dict[tuple[str, str], Contribution]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    extractor_version: str = ""

    @property
    def complete(self) -> bool:
        """Whether some batch holds every contribution it says the event has."""
        return any(len(self.batches[b]) >= t for b, t in self.totals.items())

    def contributions(self) -> list[Contribution]:
        """The contributions of every complete batch (equal stamps: a redelivery changes nothing)."""
        return [c for b, t in self.totals.items() if len(self.batches[b]) >= t for c in self.batches[b].values()]


@dataclass
class Recorded:
    """The facts topic, gathered per entry event."""

    events: dict[At, EventFacts] = field(default_factory=dict)
    #: entry events named only by records of format 1 (no digest): replay extracts them again
    unchecked: set[At] = field(default_factory=set)
    #: the contributions of those records
    unchecked_contributions: list[Contribution] = field(default_factory=list)
    problems: list[FactsProblem] = field(default_factory=list)
    records: int = 0
    #: entry events per extractor version recorded
    versions: Counter[str] = field(default_factory=Counter)


def gather(topic: str, records: Iterable[tuple[int, int, bytes]]) -> Recorded:
    """Read ``(partition, offset, value)`` facts records into :class:`Recorded` (see the module docstring)."""
    out = Recorded()
    for partition, offset, value in records:
        out.records += 1
        try:
            rec = read_record(value)
        except FactsRecordError as e:
            out.problems.append(FactsProblem(topic, partition, offset, f"undecodable facts record: {e}"))
            continue
        if not rec.checkable:
            out.unchecked.update((c.stamp[1], c.stamp[2]) for c in rec.contributions)
            out.unchecked_contributions += rec.contributions
            continue
        assert rec.batch_id is not None and rec.extractor_version is not None
        for mark in rec.events:
            at = (mark.partition, mark.offset)
            ev = out.events.get(at)
            if ev is None:
                ev = EventFacts({mark.digest: (partition, offset)}, extractor_version=rec.extractor_version)
                out.events[at] = ev
                out.versions[rec.extractor_version] += 1
            else:
                ev.digests.setdefault(mark.digest, (partition, offset))
            ev.batches.setdefault(rec.batch_id, {})
            ev.totals[rec.batch_id] = mark.total
        for c in rec.contributions:
            out.events[(c.stamp[1], c.stamp[2])].batches[rec.batch_id][(c.view, c.key)] = c
    return out


def all_contributions(recorded: Recorded) -> list[Contribution]:
    """Every contribution recorded (of complete batches or not, checked or not), for ``audit rederive``."""
    out = [c for ev in recorded.events.values() for batch in ev.batches.values() for c in batch.values()]
    return out + recorded.unchecked_contributions
