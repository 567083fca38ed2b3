"""Where the publisher's index stands on the log, and the checkpoint that lets a restart resume there.

``open`` claims a checkpoint slot (``liveledger.publish.store``), checks it against the log
(``liveledger.publish.tail_check``) and gives the index to start from: the checkpoint's, or an
empty one after logging why it was rebuilt. ``take`` notes each record the index takes in (read
back, or written by this publisher and committed); ``save`` writes the changes with the positions
they stand for. Without a checkpoint the positions live in memory only.
"""

from __future__ import annotations

import logging

from liveledger.publish.index import LogIndex
from liveledger.publish.store import IndexStore, Mark, Saved, record_sha
from liveledger.publish.tail_check import mismatch
from liveledger.settings import Settings

log = logging.getLogger(__name__)


class Resume:
    def __init__(self, settings: Settings, *, use_checkpoint: bool = True) -> None:
        self.settings = settings
        self.use_checkpoint = use_checkpoint
        self.store: IndexStore | None = None
        self.positions: dict[int, int] = {}  # next offset to read per partition of the entries topic
        self.marks: dict[int, Mark] = {}  # first and last record taken in, per partition
        self._last_raw: dict[int, tuple[int, bytes]] = {}  # last record taken in since the last save
        #: why the checkpoint was rebuilt at start (None: used as it was, or none is kept)
        self.rebuilt_because: str | None = None

    async def open(self) -> LogIndex:
        """Claim a checkpoint slot, check it against the log; the index it holds, or an empty one."""
        store = IndexStore.claim(self.settings) if self.use_checkpoint else None
        if store is None:
            return LogIndex()
        self.store = store
        try:
            saved = store.load()
            if saved is None:
                self.rebuilt_because = "no checkpoint"
            else:
                why = await mismatch(self.settings, saved)
                if why is not None:
                    log.warning("publisher checkpoint %s does not match the log (%s): rebuilding it", store.path, why)
                    self.rebuilt_because, saved = why, None
            if saved is None:
                store.wipe()
                saved = Saved(self.settings.entries_topic)
        except BaseException:
            self.close()
            raise
        self.positions = dict(saved.positions)
        self.marks = dict(saved.marks)
        return LogIndex(heads=saved.heads, events=saved.events, unreadable=saved.unreadable, lookup=store)

    def take(self, partition: int, offset: int, raw: bytes) -> None:
        """Note that the index now holds the record at ``offset`` of ``partition``."""
        self.positions[partition] = max(self.positions.get(partition, 0), offset + 1)
        if partition not in self.marks:
            sha = record_sha(raw)
            self.marks[partition] = Mark((offset, sha), (offset, sha))
        self._last_raw[partition] = (offset, raw)

    def save(self, index: LogIndex) -> None:
        """Write what changed in ``index`` to the checkpoint, with the positions it stands for (one batch)."""
        if self.store is None:
            return
        for p, (offset, raw) in self._last_raw.items():
            self.marks[p].last = (offset, record_sha(raw))
        self._last_raw.clear()
        entries, heads = index.take_changes()
        saved = Saved(self.settings.entries_topic, self.positions, self.marks, index.events, index.unreadable)
        self.store.save(entries, heads, saved)

    def close(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            store.close()
