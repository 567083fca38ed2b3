"""Publish input: one JSON object per line, validated with errors that name the line and field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from liveledger.publish.errors import PublishError
from liveledger.publish.jsonlines import StrictJSONError, loads_strict
from schemas.codec import describe_validation_error
from schemas.events import (
    ENTRY_CORRECTED,
    ENTRY_PUBLISHED,
    ENTRY_RETRACTED,
    AwareDatetime,
    CleanText,
    Ident,
    SourceTime,
)
from schemas.facts import Fact


class InputError(PublishError):
    """A line of input is not a valid request; the message names the line and the field."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


#: the request fields that are an entry's content (``schemas.events.EntryContent``'s fields)
_CONTENT_FIELDS: set[str] = {
    "title", "body", "source_url", "author", "figures", "source_published_at", "source_updated_at",
}  # fmt: skip


class _Content(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    entry_id: Ident
    blog_id: Ident
    title: CleanText = Field(default="", max_length=1000)
    body: CleanText
    occurred_at: AwareDatetime | None = None
    source_url: CleanText | None = Field(default=None, max_length=2000)
    author: CleanText | None = Field(default=None, max_length=200)
    figures: tuple[Fact, ...] = ()
    source_published_at: SourceTime | None = None
    source_updated_at: SourceTime | None = None

    def payload(self) -> dict[str, Any]:
        """The stored payload: the content as ``schemas.codec.payload_of`` gives it for the event.

        Serialized from this request, which carries the same fields, types and defaults as
        ``EntryContent`` (a unit test holds the two in step), without building the event first.
        Text alone (no figures, no source times: most entries) is written out by hand, each field
        left out when it holds its default as ``exclude_defaults`` does (a unit test holds the two
        to the same mapping); anything else is pydantic's dump.
        """
        if self.figures or self.source_published_at is not None or self.source_updated_at is not None:
            return self.model_dump(mode="json", exclude_defaults=True, include=_CONTENT_FIELDS)
        out: dict[str, Any] = {"body": self.body}
        if self.title != "":
            out["title"] = self.title
        if self.source_url is not None:
            out["source_url"] = self.source_url
        if self.author is not None:
            out["author"] = self.author
        return out


class NewEntry(_Content):
    """A new entry. ``type`` may be omitted."""

    type: Literal["entry"] = "entry"
    event_type: ClassVar[str] = ENTRY_PUBLISHED


class Correction(_Content):
    """Replaces the text and fields of an entry published earlier."""

    type: Literal["correction"]
    event_type: ClassVar[str] = ENTRY_CORRECTED


class Retraction(BaseModel):
    """Withdraws an entry published earlier."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: Literal["retraction"]
    entry_id: Ident
    blog_id: Ident
    reason: CleanText = Field(min_length=1, max_length=2000)
    occurred_at: AwareDatetime | None = None
    event_type: ClassVar[str] = ENTRY_RETRACTED

    def payload(self) -> dict[str, Any]:
        """The stored payload, as ``schemas.codec.payload_of`` gives it for the event."""
        return {"reason": self.reason}


Request = Annotated[NewEntry | Correction | Retraction, Field(discriminator="type")]
_ADAPTER: TypeAdapter[Request] = TypeAdapter(Request)
_TAGS = frozenset({"entry", "correction", "retraction"})


_OUT_OF_RANGE = "lies outside the years 1 to 9999 in UTC, where every stored time is written"


def _writable(t: datetime) -> bool:
    """Whether ``t`` has a UTC form (the stored one): "0001-01-01T00:00:00+05:00" has none."""
    try:
        t.astimezone(UTC)
    except OverflowError:
        return False
    return True


def parse_request(data: object, line: int, max_body_bytes: int) -> Request:
    """Validate one decoded JSON value as a request."""
    if not isinstance(data, dict):
        raise InputError(line, f"expected a JSON object, got {type(data).__name__}")
    data = dict(data)
    data.setdefault("type", "entry")
    try:
        req = _ADAPTER.validate_python(data)
    except ValidationError as e:
        raise InputError(line, describe_validation_error(e, tags=_TAGS)) from e
    except OverflowError:  # a source time is converted to UTC as it is read (schemas.events.SourceTime)
        raise InputError(line, f"source_published_at or source_updated_at {_OUT_OF_RANGE}") from None
    if req.occurred_at is not None and not _writable(req.occurred_at):
        raise InputError(line, f"occurred_at {req.occurred_at.isoformat()} {_OUT_OF_RANGE}")
    if not isinstance(req, Retraction):
        size = len(req.body.encode())
        if size > max_body_bytes:
            raise InputError(
                line,
                f"body: {size} bytes is over the limit of {max_body_bytes} "
                "(set LIVELEDGER_MAX_BODY_BYTES to change it)",
            )
    return req


def parse_line(raw: bytes | str, line: int, max_body_bytes: int) -> Request | None:
    """One input line to a request; ``None`` for a blank line. Raises InputError."""
    if isinstance(raw, str):
        raw = raw.encode()
    if not raw.strip():
        return None
    try:
        data = loads_strict(raw)
    except orjson.JSONDecodeError as e:
        raise InputError(line, f"not valid JSON ({e})") from e
    except StrictJSONError as e:
        raise InputError(line, str(e)) from e
    return parse_request(data, line, max_body_bytes)
