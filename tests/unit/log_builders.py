"""Builders for tests that need entry events as the log holds them: encoded, chained, positioned."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from replay.source import LogRecord, decode_record
from schemas.codec import encode
from schemas.envelope import GENESIS_HASH
from schemas.events import DomainEvent, EntryContent, EntryCorrected, EntryPublished, EntryRetracted
from schemas.facts import Fact
from streams.core.records import Position

TOPIC = "liveledger.entries"
BLOG = "blog-ua"
START = datetime(2024, 11, 20, 10, 0, tzinfo=UTC)
OCCURRED = datetime(2024, 11, 20, 8, 0, tzinfo=UTC)
KHARKIV: dict[str, Any] = {"place": "Kharkiv", "region_code": "UA-63", "country": "UA", "weapon": "guided bomb"}


def killed(best: int, claimant: str = "regional governor", **where: Any) -> Fact:
    """An editor's figure of people killed (in Kharkiv unless told otherwise)."""
    return Fact(metric="killed", best=best, claimant=claimant, **(where or KHARKIV))


def published(
    entry_id: str, body: str, figures: Sequence[Fact] = (), *, n: int, corrected: bool = False
) -> DomainEvent:
    """The ``n``-th event of the log (one second apart): a publication, or a correction."""
    fields: dict[str, Any] = {
        "event_id": f"ev-{entry_id}-{n}",
        "blog_id": BLOG,
        "entry_id": entry_id,
        "published_at": START + timedelta(seconds=n),
        "occurred_at": OCCURRED,
        "content": EntryContent(title=f"Update {entry_id}", body=body, figures=tuple(figures)),
    }
    return EntryCorrected(**fields) if corrected else EntryPublished(**fields)


def retracted(entry_id: str, *, n: int) -> DomainEvent:
    return EntryRetracted(
        event_id=f"ev-{entry_id}-{n}",
        blog_id=BLOG,
        entry_id=entry_id,
        published_at=START + timedelta(seconds=n),
        occurred_at=OCCURRED,
        reason="withdrawn",
    )


def encoded(events: Sequence[DomainEvent]) -> list[bytes]:
    """The stored bytes of ``events``, chained in order as the publisher chains one blog's events."""
    out: list[bytes] = []
    prev = GENESIS_HASH
    for ev in events:
        raw, prev = encode(ev, prev)
        out.append(raw)
    return out


def log_records(events: Sequence[DomainEvent]) -> list[LogRecord]:
    """``events`` as replay reads them: partition 0, offsets 0, 1, 2, ..."""
    return [decode_record(Position(TOPIC, 0, offset), BLOG.encode(), raw) for offset, raw in enumerate(encoded(events))]
