"""The publisher's memory of the log: what each entry holds and where each blog's chain ends.

The durable dedupe state is the entries topic itself: at start-up the
publisher reads it from the beginning and rebuilds this index, so an
identical entry published again after a restart is still recognised.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from schemas.codec import format_time, payload_of
from schemas.envelope import GENESIS_HASH, Envelope
from schemas.events import DomainEvent


def content_digest(event: DomainEvent) -> str:
    """What makes two events of one entry the same, ignoring ids and acceptance time."""
    doc: dict[str, Any] = {
        "type": event.type,
        "blog_id": event.blog_id,
        "entry_id": event.entry_id,
        "occurred_at": format_time(event.occurred_at) if event.occurred_at else None,
        "payload": payload_of(event),
    }
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


def event_id_for(blog_id: str, entry_id: str, digest: str) -> str:
    """Deterministic event id: the same content always gets the same id."""
    h = hashlib.sha256(f"{blog_id}\x00{entry_id}\x00{digest}".encode()).hexdigest()
    return f"ev-{h[:32]}"


@dataclass
class EntryState:
    published_digest: str | None = None
    correction_digests: set[str] = field(default_factory=set)
    retracted: bool = False


@dataclass
class BlogHead:
    hash: str = GENESIS_HASH
    published_at: str = ""
    at: datetime | None = None  # published_at as a time, for the next acceptance time
    events: int = 0  # how many events of the blog the log holds up to this head


@dataclass
class LogIndex:
    """Entries by (blog_id, entry_id) and each blog's chain head."""

    entries: dict[tuple[str, str], EntryState] = field(default_factory=dict)
    heads: dict[str, BlogHead] = field(default_factory=dict)
    events: int = 0
    unreadable: int = 0

    def entry(self, blog_id: str, entry_id: str) -> EntryState | None:
        return self.entries.get((blog_id, entry_id))

    def head(self, blog_id: str) -> BlogHead:
        return self.heads.get(blog_id, BlogHead())

    def record(self, env: Envelope, event: DomainEvent) -> None:
        """Take in one event read from the log."""
        self.note(event, content_digest(event), env.hash, env.published_at)

    def note(self, event: DomainEvent, digest: str, chain_hash: str, published_at: str) -> None:
        """Take in one event whose digest and chain hash are known (just written, or read back)."""
        self.events += 1
        st = self.entries.setdefault((event.blog_id, event.entry_id), EntryState())
        if event.type == "entry.published":
            st.published_digest = digest
        elif event.type == "entry.corrected":
            st.correction_digests.add(digest)
        else:
            st.retracted = True
        count = self.head(event.blog_id).events + 1
        self.heads[event.blog_id] = BlogHead(chain_hash, published_at, event.published_at, count)
