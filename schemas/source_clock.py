"""The source clock: when the blog itself says an entry was posted or edited.

Three clocks (``docs/counting.md``): *accepted* time (``published_at``) orders the log and never
changes; *source* time (``source_published_at`` / ``source_updated_at`` in an entry's content) is
the blog's own; *occurred* time is when the event happened. This module holds the pure rules of the
second one: which source time an event stands at, and which source times a publisher refuses.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from schemas.errors import SchemaError
from schemas.events import DomainEvent, EntryContent, EntryRetracted

#: How far a source time may lie ahead of the acceptance time: clocks of newsrooms and of this
#: machine drift by seconds, not minutes. Beyond it the time is a mistake (a wrong zone, a typo).
MAX_SOURCE_SKEW = timedelta(minutes=5)


class SourceTimeInFuture(SchemaError):
    """A source time lies after the acceptance time by more than the allowed skew."""


def check_source_times(content: EntryContent, accepted_at: datetime, skew: timedelta = MAX_SOURCE_SKEW) -> None:
    """Raise :class:`SourceTimeInFuture` naming the field when a source time is after ``accepted_at + skew``.

    >>> from datetime import UTC
    >>> at = datetime(2024, 11, 20, 14, 0, tzinfo=UTC)
    >>> check_source_times(EntryContent(body="x", source_published_at=at), at)
    >>> try:
    ...     check_source_times(EntryContent(body="x", source_updated_at=at + timedelta(hours=2)), at)
    ... except SourceTimeInFuture as e:
    ...     print(str(e)[:64])
    source_updated_at 2024-11-20T16:00:00+00:00 is 2:00:00 after the
    """
    limit = accepted_at + skew
    for name in ("source_published_at", "source_updated_at"):
        value: datetime | None = getattr(content, name)
        if value is not None and value > limit:
            raise SourceTimeInFuture(
                f"{name} {value.isoformat()} is {value - accepted_at} after the time it was accepted "
                f"({accepted_at.isoformat()}), more than the allowed skew of {skew}: check the source's "
                "time zone, or leave the field out"
            )


def source_time(event: DomainEvent) -> datetime | None:
    """Where ``event`` stands on the source clock, or None when the source gives no time for it.

    A new entry stands at its ``source_published_at`` (else its ``source_updated_at``: an Atom
    entry may give only ``updated``); a correction at its ``source_updated_at`` only (an edit the
    blog does not date is known only to have happened before it was accepted); a retraction has
    no source time (a blog does not date a removal), and neither has an entry published by hand
    without one. Callers fall back to the acceptance time, the latest the event can have happened.
    """
    if isinstance(event, EntryRetracted):
        return None
    c = event.content
    if event.type == "entry.corrected":
        return c.source_updated_at
    return c.source_published_at or c.source_updated_at
