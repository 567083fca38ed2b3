"""The publisher's checkpoint: its dedupe index and chain heads in a local RocksDB, and where on the log they end.

Why a local store and not a compacted topic: a compacted topic has to be read whole at start-up
to be of any use, which is the cost (O(entries)) the checkpoint is there to remove. A local
RocksDB (``rocksdict``, already the worker's table store) is read lazily: start-up reads only
the meta record and the chain heads; an entry is looked up when a request names it.

The checkpoint is never trusted on its own word. Next to the index it records, per partition of
the entries topic, the offset after the last record it took in and a SHA-256 of the first and last
record it took in. The publisher checks these against the log before it uses the checkpoint
(``liveledger.publish.tail_check``); on any mismatch it wipes the store and rebuilds it from the log.

Every change is written in one RocksDB write batch together with the positions it stands for, so
a kill -9 leaves a checkpoint that is consistent, only behind; the log tail brings it up to date.

One store per publisher at a time: a process holds a slot (``slot-N``, under an ``flock``) while
it runs. A second publisher on the same data dir takes the next free slot, up to ``SLOTS``; with
none free it keeps its index in memory and reads the whole log, as before.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import orjson
from rocksdict import Options, Rdict, WriteBatch

from liveledger.publish.errors import PublisherBug
from liveledger.publish.index import BlogHead, EntryState
from liveledger.settings import Settings

log = logging.getLogger(__name__)

#: bumped when what is stored (or how content digests are made) changes: an older store is rebuilt
FORMAT = 1
#: publishers that may keep a checkpoint in one data dir at once
SLOTS = 4

_META = b"m"
_ENTRY = b"e"
_HEAD = b"h"


def record_sha(value: bytes | None) -> str:
    return hashlib.sha256(value or b"").hexdigest()


@dataclass
class Mark:
    """The first and last record a checkpoint took in from one partition: (offset, SHA-256 of the value)."""

    first: tuple[int, str]
    last: tuple[int, str]


@dataclass
class Saved:
    """What a checkpoint says about the log: read up to ``positions``, with these records at the marks."""

    topic: str
    positions: dict[int, int] = field(default_factory=dict)
    marks: dict[int, Mark] = field(default_factory=dict)
    events: int = 0
    unreadable: int = 0
    heads: dict[str, BlogHead] = field(default_factory=dict)


def _entry_key(blog_id: str, entry_id: str) -> bytes:
    return _ENTRY + blog_id.encode() + b"\x00" + entry_id.encode()


def _encode_entry(st: EntryState) -> bytes:
    return orjson.dumps([st.published_digest, sorted(st.correction_digests), st.retracted])


def _decode_entry(raw: bytes) -> EntryState:
    digest, corrections, retracted = orjson.loads(raw)
    return EntryState(digest, set(corrections), bool(retracted))


def _encode_head(h: BlogHead) -> bytes:
    return orjson.dumps([h.hash, h.published_at, h.events])


def _decode_head(raw: bytes) -> BlogHead:
    chain_hash, published_at, events = orjson.loads(raw)
    at = datetime.fromisoformat(published_at) if published_at else None
    return BlogHead(chain_hash, published_at, at, int(events))


class IndexStore:
    """One slot's RocksDB: open with ``claim``, read ``load``/``get``, write ``save``, ``close`` at the end."""

    def __init__(self, path: Path, lock: IO[bytes], topic: str) -> None:
        self.path = path
        self.topic = topic
        self._lock = lock
        self._db: Rdict | None = self._open()

    @classmethod
    def claim(cls, settings: Settings) -> IndexStore | None:
        """The first free slot for ``settings.entries_topic``, locked for this process; None when all are taken."""
        base = settings.data_dir / "publisher-index" / settings.entries_topic
        base.mkdir(parents=True, exist_ok=True)
        for n in range(SLOTS):
            lock = (base / f"slot-{n}.lock").open("ab")
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.close()
                continue
            try:
                return cls(base / f"slot-{n}", lock, settings.entries_topic)
            except BaseException:
                lock.close()
                raise
        log.warning(
            "all %d publisher checkpoint slots in %s are in use: this publisher reads the whole log", SLOTS, base
        )
        return None

    def _open(self) -> Rdict:
        opts = Options(raw_mode=True)
        opts.create_if_missing(True)
        try:
            return Rdict(str(self.path), opts)
        except Exception as e:  # rocksdict raises plain exceptions; a store that does not open is rebuilt
            log.warning("publisher checkpoint %s does not open (%s): wiping it to rebuild from the log", self.path, e)
            shutil.rmtree(self.path, ignore_errors=True)
            return Rdict(str(self.path), opts)

    @property
    def db(self) -> Rdict:
        if self._db is None:
            raise PublisherBug(f"the publisher checkpoint {self.path} was used after it was closed (after stop)")
        return self._db

    def load(self) -> Saved | None:
        """What the checkpoint holds, or None when it is empty, of another format or of another topic."""
        raw = self.db.get(_META)
        if raw is None:
            return None
        try:
            meta: dict[str, Any] = orjson.loads(raw)
        except orjson.JSONDecodeError:
            log.warning("publisher checkpoint %s has an unreadable meta record: rebuilding it", self.path)
            return None
        if meta.get("format") != FORMAT or meta.get("topic") != self.topic:
            log.info(
                "publisher checkpoint %s is of format %s for %s: rebuilding it",
                self.path,
                meta.get("format"),
                meta.get("topic"),
            )
            return None
        heads = {}
        for key, value in self.db.items(from_key=_HEAD):
            if not isinstance(key, bytes) or not key.startswith(_HEAD):
                break
            heads[key[1:].decode()] = _decode_head(bytes(value))
        return Saved(
            topic=self.topic,
            positions={int(p): int(o) for p, o in meta["positions"].items()},
            marks={
                int(p): Mark((int(m[0][0]), str(m[0][1])), (int(m[1][0]), str(m[1][1])))
                for p, m in meta["marks"].items()
            },
            events=int(meta["events"]),
            unreadable=int(meta["unreadable"]),
            heads=heads,
        )

    def get(self, blog_id: str, entry_id: str) -> EntryState | None:
        raw = self.db.get(_entry_key(blog_id, entry_id))
        return None if raw is None else _decode_entry(raw)

    def save(
        self,
        entries: dict[tuple[str, str], EntryState],
        heads: dict[str, BlogHead],
        saved: Saved,
    ) -> None:
        """Write changed entries and heads with the positions and marks they stand for, in one batch."""
        wb = WriteBatch(raw_mode=True)
        for (blog, entry), st in entries.items():
            wb.put(_entry_key(blog, entry), _encode_entry(st))
        for blog, head in heads.items():
            wb.put(_HEAD + blog.encode(), _encode_head(head))
        meta = {
            "format": FORMAT,
            "topic": self.topic,
            "positions": {str(p): o for p, o in saved.positions.items()},
            "marks": {str(p): [list(m.first), list(m.last)] for p, m in saved.marks.items()},
            "events": saved.events,
            "unreadable": saved.unreadable,
        }
        wb.put(_META, orjson.dumps(meta))
        self.db.write(wb)

    def wipe(self) -> None:
        """Empty the store (a stale or foreign checkpoint): it is rebuilt from the log."""
        self.db.close()
        self._db = None
        Rdict.destroy(str(self.path))
        shutil.rmtree(self.path, ignore_errors=True)
        self._db = self._open()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if not self._lock.closed:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_UN)
            self._lock.close()


__all__ = ["FORMAT", "SLOTS", "IndexStore", "Mark", "Saved", "record_sha"]
