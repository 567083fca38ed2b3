"""Domain events: what happened to a live-blog entry.

These are the current versions, after upcasting. They know nothing of Kafka or
bytes; ``schemas.codec`` maps them to and from the stored envelope.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from schemas.facts import Fact

ENTRY_PUBLISHED = "entry.published"
ENTRY_CORRECTED = "entry.corrected"
ENTRY_RETRACTED = "entry.retracted"

#: Current stored version of each event type. Bump with an upcaster.
CURRENT_VERSIONS: dict[str, int] = {
    ENTRY_PUBLISHED: 3,
    ENTRY_CORRECTED: 2,
    ENTRY_RETRACTED: 1,
}

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}$"
Ident = Annotated[str, Field(pattern=_ID_PATTERN)]


#: C0 controls except tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control_chars(v: str) -> str:
    m = _CONTROL.search(v)
    if m is not None:
        raise ValueError(f"control character U+{ord(m.group()):04X} at position {m.start()}")
    return v


CleanText = Annotated[str, AfterValidator(_no_control_chars)]


def _aware(v: datetime) -> datetime:
    if v.tzinfo is None or v.utcoffset() is None:
        raise ValueError("datetime must carry a timezone, e.g. 2024-11-20T14:05:00Z")
    try:
        v.astimezone(UTC)
    except OverflowError:
        raise ValueError(
            f"{v.isoformat()} lies outside the years 1 to 9999 in UTC, where every stored time is written"
        ) from None
    return v


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


def _utc(v: datetime) -> datetime:
    return v.astimezone(UTC)


#: A time the source (the blog itself) gives, kept in UTC so that the stored bytes are canonical.
SourceTime = Annotated[datetime, AfterValidator(_aware), AfterValidator(_utc)]


class EntryContent(BaseModel):
    """The editable content of an entry: replaced as a whole by a correction.

    ``source_published_at`` and ``source_updated_at`` are the source clock: when the blog itself
    says the entry was posted and last edited (``datePublished`` / ``dateModified``, a feed's
    ``published`` / ``updated``). They never order the log; ``published_at`` (acceptance) does.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: CleanText = Field(default="", max_length=1000)
    body: CleanText
    source_url: CleanText | None = Field(default=None, max_length=2000)
    author: CleanText | None = Field(default=None, max_length=200)
    figures: tuple[Fact, ...] = ()
    source_published_at: SourceTime | None = None
    source_updated_at: SourceTime | None = None


class _EventBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: Ident
    blog_id: Ident
    entry_id: Ident
    published_at: AwareDatetime
    occurred_at: AwareDatetime | None = None


class EntryPublished(_EventBase):
    type: Literal["entry.published"] = "entry.published"
    content: EntryContent


class EntryCorrected(_EventBase):
    """Replaces the text and fields of ``entry_id``, an entry published earlier."""

    type: Literal["entry.corrected"] = "entry.corrected"
    content: EntryContent


class EntryRetracted(_EventBase):
    """Withdraws ``entry_id``: its facts leave every view."""

    type: Literal["entry.retracted"] = "entry.retracted"
    reason: CleanText = Field(min_length=1, max_length=2000)


DomainEvent = Annotated[EntryPublished | EntryCorrected | EntryRetracted, Field(discriminator="type")]
EVENT_MODELS: dict[str, type[_EventBase]] = {
    ENTRY_PUBLISHED: EntryPublished,
    ENTRY_CORRECTED: EntryCorrected,
    ENTRY_RETRACTED: EntryRetracted,
}
