"""The index of the lineage rows (:mod:`streams.app.lineage`): each state part's rows by entry and stamp.

The index is what as-of and explain read first: which entries have rows under a view key, at which
stamps, and how many were accepted by a moment. It is built from the table when a reader first asks
(new assignment, end of recovery: like :class:`streams.app.rowstore.RowTable`'s) and kept up to date
by every write after that. Contribution rows are folded into their event rows (``"k"``), so the
index of a view key's rows comes from the event rows; rows of the older layout (a row of their own
per contribution) are indexed from their keys, and both may be in one table.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable, Hashable, Iterator
from typing import Any

from streams.app.rowstore import RowTable
from streams.core.history import folded_states, parse_stamp, stamp_text, unfold
from streams.core.lineage import Record
from streams.views.contrib import Stamp, State
from streams.views.rows import row_key

SEP = "\x1e"

#: the faust table's name (its changelog is ``{app_id}-lineage-changelog``)
TABLE_NAME = "lineage"
#: the state part of event rows
EVENTS = "\x1devents"
#: the state part of the horizon rows (entry part: the partition)
FLOOR = "\x1dfloor"
#: decoded rows kept in memory for as-of reads (the oldest go first)
DECODED_ROWS = 20_000
#: the ``"k"`` of an event row not read yet
_UNREAD = object()


def _split(part: str) -> tuple[str, Stamp]:
    entry_key, _, stamp = part.partition(SEP)
    return entry_key, parse_stamp(stamp)


#: lineage rows are stored without the stamp their key holds (``get_row`` puts it back): the row table's
#: whole-state reads would hand out rows without it, so they are refused rather than quietly wrong
_NOT_A_VIEW = "lineage rows are read with get_row, history, state_at or states_at, not as view states"


class LineageIndex(RowTable):
    """Lineage rows with the history index (see the module docstring); ``horizon_s`` None keeps every row."""

    def __init__(self, table: Any, generation: Callable[[], Hashable], horizon_s: float | None = None) -> None:
        super().__init__(table, generation)
        self.horizon_s = horizon_s
        self._hist: dict[str, dict[str, list[Stamp]]] | None = None
        self._hist_seen: Hashable = None
        #: entry key -> the state parts holding a row of it (event rows left out)
        self._entry_states: dict[str, set[str]] = {}
        #: per state part: the acceptance times of its rows, sorted (how many rows count at a moment)
        self._times: dict[str, list[str]] = {}
        #: per view: its keys that have rows
        self._by_view: dict[str, set[str]] = {}
        self._epoch = 0
        #: per state: a number that changes whenever its rows change (for caches of renderings)
        self.versions: dict[str, int] = {}
        self._clock = 0
        #: the folded rows (``"k"``) of event rows read, by (entry key, stamp text): filled by reads only
        self._folds: dict[tuple[str, str], dict[str, Any] | None] = {}

    def get(self, key: bytes | str, default: State | None = None) -> State | None:
        raise TypeError(_NOT_A_VIEW)

    def __getitem__(self, key: bytes | str) -> State:
        raise TypeError(_NOT_A_VIEW)

    def items(self) -> Iterator[tuple[bytes, State]]:
        raise TypeError(_NOT_A_VIEW)

    def get_row(self, state_key: str, entry_key: str) -> Record | None:
        """A stored row, with the stamp its key holds (see :meth:`_put`); a contribution row is read
        from its event row (folded, ``"k"``), else from a row of its own (the older layout)."""
        if state_key != EVENTS and state_key != FLOOR:
            entry, _, stamp_part = entry_key.partition(SEP)
            folded = self._folded(entry, stamp_part)
            if folded is not None:
                found = unfold(folded, state_key, parse_stamp(stamp_part))
                if found is not None:
                    return found
        row = super().get_row(state_key, entry_key)
        if row is None or state_key == FLOOR or "stamp" in row:
            return row
        stamp = list(parse_stamp(entry_key.partition(SEP)[2]))
        row = {**row, "stamp": stamp}
        timeline = row.get("t")
        if isinstance(timeline, dict) and "stamp" not in timeline:
            row["t"] = {**timeline, "stamp": stamp}
        return row

    def _stored_folds(self, part: str) -> dict[str, Any] | None:
        stored = self.table.get(row_key(EVENTS, part))
        folded = stored.get("k") if isinstance(stored, dict) else None
        return folded if isinstance(folded, dict) else None

    def recorded_keys(self, entry_key: str, stamp: Stamp) -> dict[str, list[str]] | None:
        """The view keys the entry event of ``entry_key`` at ``stamp`` contributes to (its tombstones left
        out), per view, sorted: the entry's keys that :func:`streams.views.routing.plan` returned for it;
        None when the table has no event row of that event (see :func:`streams.core.lineage.index_keys`)."""
        stored = self.table.get(row_key(EVENTS, f"{entry_key}{SEP}{stamp_text(stamp)}"))
        if not isinstance(stored, dict):
            return None
        out: dict[str, list[str]] = {}
        for view, keys in (stored.get("k") or {}).items():
            live = sorted(key for key, value in keys.items() if value is not None)
            if live:
                out[view] = live
        return out

    def _folded(self, entry_key: str, stamp: str) -> dict[str, Any] | None:
        """The rows folded into the event row of ``entry_key`` at ``stamp`` (its ``"k"``), cached."""
        folded = self._folds.get((entry_key, stamp), _UNREAD)
        if folded is _UNREAD:
            folded = self._stored_folds(f"{entry_key}{SEP}{stamp}")
            if folded is not None:  # a row not there yet (recovery under way) is asked again next time
                if len(self._folds) >= DECODED_ROWS:
                    self._folds.pop(next(iter(self._folds)))
                self._folds[(entry_key, stamp)] = folded
        return folded  # type: ignore[return-value]

    # -- index ----------------------------------------------------------------------------------
    def history_index(self) -> dict[str, dict[str, list[Stamp]]]:
        """state part -> entry key -> its rows' stamps, sorted."""
        members = self._index()
        if self._hist is None or self._seen != self._hist_seen:
            hist: dict[str, dict[str, list[Stamp]]] = {}
            entry_states: dict[str, set[str]] = {}
            for state, parts in members.items():
                if state == FLOOR:
                    continue
                for part in parts:
                    entry_key, stamp = _split(part)
                    hist.setdefault(state, {}).setdefault(entry_key, []).append(stamp)
                    if state != EVENTS:
                        entry_states.setdefault(entry_key, set()).add(state)
                        continue
                    for folded in folded_states(self._stored_folds(part)):
                        hist.setdefault(folded, {}).setdefault(entry_key, []).append(stamp)
                        entry_states.setdefault(entry_key, set()).add(folded)
            for by_entry in hist.values():
                for stamps in by_entry.values():
                    stamps[:] = sorted(set(stamps))  # a row in both layouts (redelivered after an upgrade): once
            self._times = {state: sorted(s[0] for ss in by.values() for s in ss) for state, by in hist.items()}
            self._by_view = {}
            for state in hist:
                self._index_view(state)
            self._hist, self._hist_seen, self._entry_states = hist, self._seen, entry_states
            self._folds = {}  # rows may have moved in or out with the assignment
            self._clock += 1
            self._epoch, self.versions = self._clock, {}
        return self._hist

    def _index_view(self, state: str) -> None:
        view, sep, key = state.partition(SEP)
        if sep and state != EVENTS:
            self._by_view.setdefault(view, set()).add(key)

    def rows_in(self, state: str) -> int:
        """How many rows ``state`` has."""
        self.history_index()
        return len(self._times.get(state, ()))

    def rows_until(self, state: str, as_of: str) -> int:
        """How many rows of ``state`` were accepted by ``as_of``: the state at ``as_of`` changes only with it."""
        self.history_index()
        return bisect_right(self._times.get(state, ()), as_of)

    def counted(self, view: str, as_of: str) -> list[tuple[str, int, int]]:
        """``(key, rows accepted by as_of, version)`` of every key of ``view`` with a row by then (one index check)."""
        self.history_index()
        prefix, times, versions, epoch = f"{view}{SEP}", self._times, self.versions, self._epoch
        out = []
        for key in self._by_view.get(view, ()):
            state = prefix + key
            n = bisect_right(times.get(state, ()), as_of)
            if n:
                out.append((key, n, versions.get(state, epoch)))
        return out

    def _touch(self, state: str) -> None:
        self._clock += 1
        self.versions[state] = self._clock

    def version(self, state: str) -> int:
        """Changes whenever the state of ``state`` (a ``"{view}\\x1e{key}"`` part) at a moment may have changed.

        A row accepted after every row of the state changes no earlier moment (those count the same
        rows as before), so it leaves the version as it is; a row older than the newest, or a dropped
        one, changes it.
        """
        self.history_index()
        return self.versions.get(state, self._epoch)

    def write_index(self) -> dict[str, dict[str, list[Stamp]]] | None:
        """The history index for a batch of writes, or None while no reader has needed it in this life.

        Without a horizon, writes alone never need the index (about 600 B per row held): it is built
        from the table, every row written so far included, when a reader (as-of, explain) first asks.
        """
        if self._hist is None and self.horizon_s is None:
            return None
        return self.history_index()

    def _indexed(
        self, hist: dict[str, dict[str, list[Stamp]]] | None, state: str, entry_key: str, stamp: Stamp
    ) -> None:
        """Add a row just written to ``hist`` (None: no index kept)."""
        if hist is None:
            return
        stamps = hist.setdefault(state, {}).setdefault(entry_key, [])
        if state != EVENTS:
            self._entry_states.setdefault(entry_key, set()).add(state)
        if stamp not in stamps:  # a row written again (a redelivered event) is the same row
            stamps.append(stamp)
            stamps.sort()
            times = self._times.setdefault(state, [])
            if times and stamp[0] < times[-1]:
                self._touch(state)
            insort(times, stamp[0])
            self._index_view(state)
