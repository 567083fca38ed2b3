"""The raw log, read once into memory with each record's position, bytes and decoding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from liveledger.kafka.reader import Progress, read_topic
from liveledger.settings import Settings
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


def decode_record(position: Position, key: bytes | None, raw: bytes) -> LogRecord:
    doc: dict[str, Any] | None = None
    env: Envelope | None = None
    try:
        doc, env = parse_envelope(raw)
        event = to_event(env)
    except SchemaError as e:
        return LogRecord(position, key, raw, doc, env, None, str(e))
    return LogRecord(position, key, raw, doc, env, event, None)


async def read_log(
    settings: Settings, *, until: dict[int, int] | None = None, progress: Progress | None = None
) -> list[LogRecord]:
    """Every record of the entries topic (up to ``until[p]``, exclusive), decoded."""
    out: list[LogRecord] = []
    async for rec in read_topic(settings, settings.entries_topic, until=until, progress=progress):
        pos = Position(rec.topic, rec.partition, rec.offset)
        out.append(decode_record(pos, rec.key, rec.value or b""))
    return out
