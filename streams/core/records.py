"""The input every view reducer takes: what one entry event contributes.

Both the live faust agents and replay build ``EntryFacts`` from a decoded event
and its log position, then hand it to the same pure reducers.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.facts import Fact


@dataclass(frozen=True, slots=True)
class Position:
    """Where an event sits in the log."""

    topic: str
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """The facts of one entry as of one event (publish, correction or retraction).

    ``facts`` is empty for a retraction. ``text`` is the entry text the facts'
    spans index into (``schemas.facts.entry_text``); empty for a retraction.
    ``published_at`` is this event's acceptance time (the log clock), an ISO
    string with a trailing ``Z``; ``occurred_at`` is the editor's occurred time.
    """

    blog_id: str
    entry_id: str
    event_id: str
    event_type: str
    published_at: str
    occurred_at: str | None
    position: Position
    facts: tuple[Fact, ...]
    text: str
    extractor_version: str
    retracted: bool = False
    title: str = ""
    #: the source clock (the blog's own posting and edit times), when the entry carries it
    source_published_at: str | None = None
    source_updated_at: str | None = None
    #: the event's envelope hash (its content and place in the blog's chain), when the caller knows it:
    #: the worker records it with the event's facts, so that replay can check them against the log
    digest: str | None = None

    @property
    def display_time(self) -> str:
        """The entry's own time for days and charts: the blog's posting time, else acceptance."""
        return self.source_published_at or self.published_at

    @property
    def entry_key(self) -> str:
        """The identity of the entry across its events: ``blog_id/entry_id``."""
        return f"{self.blog_id}/{self.entry_id}"

    @property
    def stamp(self) -> tuple[str, int, int]:
        """Total order of events of one entry: later events supersede earlier ones."""
        return (self.published_at, self.position.partition, self.position.offset)
