"""The raw log, read once into memory with each record's position, bytes and decoding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from liveledger.kafka.reader import Progress, read_topic
from liveledger.settings import Settings
from replay.recorded import Recorded, gather
from schemas.codec import parse_envelope, to_event
from schemas.envelope import Envelope
from schemas.errors import SchemaError
from schemas.events import DomainEvent
from streams.core.records import Position


@dataclass(frozen=True, slots=True)
class LogRecord:
    """One record of the entries topic; ``error`` is set when it does not decode."""

    position: Position
    key: bytes | None
    raw: bytes
    doc: dict[str, Any] | None
    envelope: Envelope | None
    event: DomainEvent | None
    error: str | None


def decode_record(position: Position, key: bytes | None, raw: bytes, *, events: bool = True) -> LogRecord:
    """``raw`` decoded; with ``events=False`` only its envelope (``event`` stays None, ``error`` too when it is
    a valid envelope): what the chain check and a fold of recorded facts need. :func:`with_event` completes it.
    """
    doc: dict[str, Any] | None = None
    env: Envelope | None = None
    try:
        doc, env = parse_envelope(raw)
        event = to_event(env) if events else None
    except SchemaError as e:
        return LogRecord(position, key, raw, doc, env, None, str(e))
    except OverflowError as e:  # a time with no UTC form (schemas.events.SourceTime): unreadable, as in the worker
        return LogRecord(position, key, raw, doc, env, None, f"a time outside the years 1 to 9999 in UTC: {e}")
    return LogRecord(position, key, raw, doc, env, event, None)


def with_event(rec: LogRecord) -> LogRecord:
    """``rec`` with its domain event decoded (itself when it has it, or when it does not decode)."""
    if rec.event is not None or rec.error is not None:
        return rec
    return decode_record(rec.position, rec.key, rec.raw)


async def read_log(
    settings: Settings,
    *,
    until: dict[int, int] | None = None,
    progress: Progress | None = None,
    events: bool = True,
) -> list[LogRecord]:
    """Every record of the entries topic (up to ``until[p]``, exclusive), decoded (see :func:`decode_record`)."""
    out: list[LogRecord] = []
    async for rec in read_topic(settings, settings.entries_topic, until=until, progress=progress):
        pos = Position(rec.topic, rec.partition, rec.offset)
        out.append(decode_record(pos, rec.key, rec.value or b"", events=events))
    return out


async def read_recorded(settings: Settings, *, progress: Progress | None = None) -> Recorded:
    """The facts topic, gathered per entry event (:func:`replay.recorded.gather`)."""
    raw = [
        (rec.partition, rec.offset, rec.value or b"")
        async for rec in read_topic(settings, settings.facts_topic, progress=progress)
    ]
    return gather(settings.facts_topic, raw)
