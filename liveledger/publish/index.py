"""The publisher's memory of the log: what each entry holds and where each blog's chain ends.

The durable dedupe state is the entries topic itself. The publisher keeps a checkpoint of this
index (``liveledger.publish.store``) and reads the log from where it ends; without one it reads the
log from the beginning. Either way an identical entry published again after a restart is recognised.

With a checkpoint, ``entries`` is an overlay: what changed since the last ``take_changes`` and what
was looked up; anything else is looked up in the checkpoint (``lookup``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import orjson

from liveledger.publish.errors import PublisherBug
from schemas.codec import ContentBytes, content_fields
from schemas.envelope import GENESIS_HASH, Envelope
from schemas.events import DomainEvent


def fields_digest(fields: dict[str, Any]) -> str:
    """The content digest of an event's ``schemas.codec.content_fields``."""
    return hashlib.sha256(orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)).hexdigest()


def bytes_digest(content: ContentBytes) -> str:
    """``fields_digest`` of content fields already serialized (``schemas.codec.content_bytes``)."""
    return hashlib.sha256(content.digest_input()).hexdigest()


def content_digest(event: DomainEvent) -> str:
    """What makes two events of one entry the same, ignoring ids and acceptance time."""
    return fields_digest(content_fields(event))


def event_id_for(blog_id: str, entry_id: str, digest: str) -> str:
    """Deterministic event id: the same content always gets the same id."""
    h = hashlib.sha256(f"{blog_id}\x00{entry_id}\x00{digest}".encode()).hexdigest()
    return f"ev-{h[:32]}"


class EntryLookup(Protocol):
    def get(self, blog_id: str, entry_id: str) -> EntryState | None: ...


@dataclass(slots=True)
class EntryState:
    published_digest: str | None = None
    correction_digests: set[str] = field(default_factory=set)
    retracted: bool = False


@dataclass(slots=True)
class BlogHead:
    hash: str = GENESIS_HASH
    published_at: str = ""
    at: datetime | None = None  # published_at as a time, for the next acceptance time
    events: int = 0  # how many events of the blog the log holds up to this head


@dataclass
class _Journal:
    """The state before a transaction of every entry and head it touched (None: absent)."""

    events: int
    entries: dict[tuple[str, str], EntryState | None] = field(default_factory=dict)
    heads: dict[str, BlogHead | None] = field(default_factory=dict)

    def keep(self, index: LogIndex, key: tuple[str, str], blog: str, old: EntryState | None) -> None:
        """Keep the entry's state ``old`` (what ``index.load(key)`` gives) and the blog's head, if first touched."""
        if key not in self.entries:
            self.entries[key] = (
                None if old is None else EntryState(old.published_digest, set(old.correction_digests), old.retracted)
            )
        if blog not in self.heads:
            self.heads[blog] = index.heads.get(blog)  # BlogHead values are replaced, never changed in place


@dataclass
class LogIndex:
    """Entries by (blog_id, entry_id) and each blog's chain head."""

    entries: dict[tuple[str, str], EntryState] = field(default_factory=dict)
    heads: dict[str, BlogHead] = field(default_factory=dict)
    events: int = 0
    unreadable: int = 0
    #: where entries not in ``entries`` are looked up (the checkpoint); None: ``entries`` holds all
    lookup: EntryLookup | None = None
    #: what a transaction changed, to undo it when the transaction does not commit
    _undo: _Journal | None = None
    #: entries and heads changed since the last ``take_changes``
    _dirty_entries: set[tuple[str, str]] = field(default_factory=set)
    _dirty_heads: set[str] = field(default_factory=set)
    #: keys the checkpoint was asked for and does not hold (until the next ``take_changes``)
    _absent: set[tuple[str, str]] = field(default_factory=set)

    def begin(self) -> None:
        """Start journalling: ``rollback`` then undoes every ``note`` until ``commit``."""
        self._undo = _Journal(events=self.events)

    def commit(self) -> None:
        self._undo = None

    def rollback(self) -> None:
        j, self._undo = self._undo, None
        if j is None:
            return
        for key, old in j.entries.items():
            if old is None:
                self.entries.pop(key, None)
                self._dirty_entries.discard(key)  # the checkpoint never had it: it was looked up absent
            else:
                self.entries[key] = old
        for blog, old_head in j.heads.items():
            if old_head is None:
                self.heads.pop(blog, None)
                self._dirty_heads.discard(blog)
            else:
                self.heads[blog] = old_head
        self.events = j.events

    def load(self, key: tuple[str, str]) -> EntryState | None:
        """The entry's state, from the overlay or else the checkpoint (then kept in the overlay)."""
        st = self.entries.get(key)
        if st is None and self.lookup is not None and key not in self._absent:
            st = self.lookup.get(*key)
            if st is None:
                self._absent.add(key)  # asked again (a retried transaction, a repeat in the batch): no second get
            else:
                self.entries[key] = st
        return st

    def entry(self, blog_id: str, entry_id: str) -> EntryState | None:
        return self.load((blog_id, entry_id))

    def take_changes(self) -> tuple[dict[tuple[str, str], EntryState], dict[str, BlogHead]]:
        """Entries and heads changed since the last call; with a checkpoint, the overlay is emptied."""
        if self._undo is not None:
            raise PublisherBug("the index's changes were taken while a transaction was open")
        entries = {k: self.entries[k] for k in self._dirty_entries if k in self.entries}
        heads = {b: self.heads[b] for b in self._dirty_heads if b in self.heads}
        self._dirty_entries.clear()
        self._dirty_heads.clear()
        if self.lookup is not None:
            self.entries.clear()
            self._absent.clear()  # what was absent is now in the checkpoint, or still absent there
        return entries, heads

    def head(self, blog_id: str) -> BlogHead:
        return self.heads.get(blog_id, BlogHead())

    def record(self, env: Envelope, event: DomainEvent) -> None:
        """Take in one event read from the log."""
        self.note(event, content_digest(event), env.hash, env.published_at)

    def note(self, event: DomainEvent, digest: str, chain_hash: str, published_at: str) -> None:
        """Take in one event whose digest and chain hash are known (just written, or read back)."""
        self.take(event.type, event.blog_id, event.entry_id, event.published_at, digest, chain_hash, published_at)

    def take(
        self,
        event_type: str,
        blog_id: str,
        entry_id: str,
        at: datetime,
        digest: str,
        chain_hash: str,
        published_at: str,
    ) -> None:
        """``note`` from the event's parts: ``at`` is its acceptance time, ``published_at`` the same formatted."""
        key = (blog_id, entry_id)
        self.advance(event_type, key, self.load(key), self.head(blog_id), at, digest, chain_hash, published_at)

    def advance(
        self,
        event_type: str,
        key: tuple[str, str],
        st: EntryState | None,
        head: BlogHead,
        at: datetime,
        digest: str,
        chain_hash: str,
        published_at: str,
    ) -> None:
        """``take`` of the entry ``key`` whose state ``st`` (``load(key)``) and blog head ``head``
        (``head(key[0])``) the caller has just looked up, and not changed since."""
        self.events += 1
        blog_id = key[0]
        if self._undo is not None:
            self._undo.keep(self, key, blog_id, st)
        if st is None:
            st = self.entries[key] = EntryState()
        self._dirty_entries.add(key)
        self._dirty_heads.add(blog_id)
        if event_type == "entry.published":
            st.published_digest = digest
        elif event_type == "entry.corrected":
            st.correction_digests.add(digest)
        else:
            st.retracted = True
        self.heads[blog_id] = BlogHead(chain_hash, published_at, at, head.events + 1)
