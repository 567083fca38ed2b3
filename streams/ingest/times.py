"""Source times from markup: ISO 8601 (JSON-LD, Atom) or RFC 822 (RSS), always with an offset."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class BadTime(ValueError):
    """A source time that is malformed, or has no UTC offset; the message names the field."""


def parse_time(value: object, name: str) -> datetime | None:
    """``value`` as an aware UTC datetime; None when absent. Raises BadTime naming ``name``.

    A time without an offset is refused, not guessed: "14:05" on a blog's own clock may be
    any of two dozen instants, and the source clock is worth nothing if it is guessed.

    >>> parse_time("2024-11-20T16:05:00+02:00", "datePublished").isoformat()
    '2024-11-20T14:05:00+00:00'
    >>> parse_time("Wed, 20 Nov 2024 14:05:00 GMT", "pubDate").isoformat()
    '2024-11-20T14:05:00+00:00'
    """
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadTime(f"{name}: expected a date string, got {type(value).__name__} {value!r}")
    text = value.strip()
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            dt = None
        if dt is not None and dt.tzinfo is None and text.endswith("-0000"):
            dt = dt.replace(tzinfo=UTC)  # RFC 5322: "-0000" is UTC, the sender's own zone unknown
    if dt is None:
        raise BadTime(f"{name}: {value!r} is not a date (expected ISO 8601 such as 2024-11-20T14:05:00Z or RFC 822)")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise BadTime(f"{name}: {value!r} has no UTC offset, so the instant is unknown (e.g. 2024-11-20T14:05:00Z)")
    return dt.astimezone(UTC)
