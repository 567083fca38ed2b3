"""The worker's lineage table: every contribution with its validity, for explain and as-of, no log scan.

The view tables keep each entry's newest contribution only. The entries agent also records, per
entry event it plans, the rows of :mod:`streams.core.history` in one faust table:

- one event row per entry event (state part ``EVENTS``): the event's id, its timeline record (title,
  text, times; the facts' sentences are cut from that text when they are read) and its items, by
  fact index, packed once (every view gets the same item objects from ``route``);
- one contribution row per (view, view key, entry event): state part ``"{view}\x1e{view key}"``,
  entry part ``"{blog_id}/{entry_id}\x1e{stamp}"``; its value is the indexes of its items in the
  event row (a tombstone: an empty row). Rows are stored without their stamp, which their key holds.

Rows live in the partition of the entry's blog (the entries agent writes them), so a key's rows may
be spread over workers: the API gathers them (``liveledger.api.explain``, ``liveledger.api.asof``).
Redelivered events write the same rows again (same keys, same values).

**Cost per entry event**: one event row (about the entry's timeline row plus its items packed once)
and one row of a few dozen bytes per view key the event touches, key included. ``bench/bench_asof.py``
prints the lineage changelog's bytes per event.

**Horizon** (``LIVELEDGER_ASOF_HORIZON_S``, unset: keep everything). When an entry's event is
recorded, the rows of that entry whose interval ended more than the horizon before the event are
dropped (a key's last row always stays), so the history kept is the current rows plus what changed
within the horizon of each entry's last event. The newest end of a dropped row is kept per
partition (``FLOOR``): a moment before it is no longer answered from state (the API says so, and
``liveledger replay --as-of`` still answers it from the log). Dropped rows are gone from explain too.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from schemas.codec import format_time
from streams.app.rowstore import RowTable
from streams.core.history import (
    History,
    contribution_items,
    contribution_row,
    event_row,
    event_row_items,
    parse_stamp,
    pick,
    prunable,
    shares_items,
    stamp_text,
    timeline_item,
)
from streams.core.lineage import Record
from streams.core.records import EntryFacts
from streams.core.timeline import TIMELINE
from streams.views.contrib import Contribution, Stamp, State

SEP = "\x1e"

#: the faust table's name (its changelog is ``{app_id}-lineage-changelog``)
TABLE_NAME = "lineage"
#: the state part of event rows
EVENTS = "\x1devents"
#: the state part of the horizon rows (entry part: the partition)
FLOOR = "\x1dfloor"
#: decoded rows kept in memory for as-of reads (the oldest go first)
DECODED_ROWS = 20_000


def lineage_table(app: Any, partitions: int, options: dict[str, Any]) -> Any:
    """The faust table of lineage rows (raw byte keys, like the view tables)."""
    return app.Table(TABLE_NAME, default=None, partitions=partitions, key_type=bytes, **options)


def _without_stamp(row: Record) -> Record:
    """``row`` as stored: its stamp, and its timeline record's, left to the row key."""
    out = {k: v for k, v in row.items() if k != "stamp"}
    timeline = out.get("t")
    if isinstance(timeline, dict) and timeline.get("stamp") == row.get("stamp"):
        out["t"] = {k: v for k, v in timeline.items() if k != "stamp"}
    return out


def _split(part: str) -> tuple[str, Stamp]:
    entry_key, _, stamp = part.partition(SEP)
    return entry_key, parse_stamp(stamp)


class LineageRows(RowTable):
    """The lineage table, with an index of each key's rows by entry and stamp (for as-of reads).

    ``horizon_s`` None keeps every row. The index is rebuilt from the table like
    :class:`RowTable`'s (new assignment, end of recovery) and kept up to date by every write.
    """

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
        #: decoded items, by (state part, entry key, stamp): rows never change once written
        self._decoded: dict[tuple[str, str, Stamp], list[dict[str, Any]]] = {}
        #: decoded items of event rows, by (entry key, stamp): shared by every view key's row
        self._event_items: dict[tuple[str, Stamp], list[dict[str, Any]]] = {}
        #: per state: a number that changes whenever its rows change (for caches of renderings)
        self.versions: dict[str, int] = {}
        self._clock = 0

    def get_row(self, state_key: str, entry_key: str) -> Record | None:
        """A stored row, with the stamp its key holds (see :meth:`_put`)."""
        row = super().get_row(state_key, entry_key)
        if row is None or state_key == FLOOR or "stamp" in row:
            return row
        stamp = list(parse_stamp(entry_key.partition(SEP)[2]))
        row = {**row, "stamp": stamp}
        timeline = row.get("t")
        if isinstance(timeline, dict) and "stamp" not in timeline:
            row["t"] = {**timeline, "stamp": stamp}
        return row

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
                by_entry = hist.setdefault(state, {})
                for part in parts:
                    entry_key, stamp = _split(part)
                    by_entry.setdefault(entry_key, []).append(stamp)
                    if state != EVENTS:
                        entry_states.setdefault(entry_key, set()).add(state)
                for stamps in by_entry.values():
                    stamps.sort()
            self._times = {state: sorted(s[0] for ss in by.values() for s in ss) for state, by in hist.items()}
            self._by_view = {}
            for state in hist:
                self._index_view(state)
            self._hist, self._hist_seen, self._entry_states = hist, self._seen, entry_states
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

    def _put(
        self, hist: dict[str, dict[str, list[Stamp]]] | None, state: str, entry_key: str, stamp: Stamp, row: Record
    ) -> None:
        """Write one row, and add it to ``hist`` (what :meth:`write_index` returned for this write;
        None: no index is kept yet, the row is only written).

        The row is stored without its stamp (nor its timeline record's): the row key holds it, and
        :meth:`get_row` puts it back (some 45 bytes a row, three rows an entry event).
        """
        self.put_row(state, f"{entry_key}{SEP}{stamp_text(stamp)}", _without_stamp(row))
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

    def _drop(self, state: str, entry_key: str, stamp: Stamp) -> None:
        key = f"{entry_key}{SEP}{stamp_text(stamp)}"
        raw = bytes(f"{state}\x1f{key}".encode())
        if self.table.get(raw) is not None:
            del self.table[raw]
        members = self._members
        if members is not None and state in members:
            members[state].discard(key)
        hist = self.history_index()
        stamps = hist.get(state, {}).get(entry_key)
        if stamps is not None and stamp in stamps:
            stamps.remove(stamp)
            self._times[state].remove(stamp[0])
        self._touch(state)

    # -- writes (the entries agent) -----------------------------------------------------------
    def record(
        self,
        ef: EntryFacts,
        contributions: Iterable[Contribution],
        hist: dict[str, dict[str, list[Stamp]]] | None = None,
    ) -> None:
        """The rows of one planned entry event (the timeline's contribution is in the event row).

        ``hist`` is :meth:`write_index` taken for the batch (the look-up checks the partition
        assignment, which costs some 300 µs on a loaded worker: once per batch, not per row).
        """
        contributions = list(contributions)
        timeline = next((c for c in reversed(contributions) if c.view == TIMELINE), None)
        event = event_row(ef, contributions, timeline)
        shared = shares_items(event)
        if hist is None:
            hist = self.write_index()
        for c in contributions:
            if c.view != TIMELINE:
                self._put(hist, f"{c.view}{SEP}{c.key}", c.entry_key, c.stamp, contribution_row(c, shared))
        self._put(hist, EVENTS, ef.entry_key, ef.stamp, event)
        if self.horizon_s is not None:
            self.prune(ef)

    def prune(self, ef: EntryFacts) -> None:
        """Drop the rows of ``ef``'s entry that ended more than the horizon before ``ef``."""
        assert self.horizon_s is not None
        at = datetime.fromisoformat(ef.published_at.replace("Z", "+00:00"))
        before = format_time(at - timedelta(seconds=self.horizon_s))
        hist = self.history_index()
        entry_key = ef.entry_key
        floor: str | None = None
        kept: set[Stamp] = set()
        for state in sorted(self._entry_states.get(entry_key, ())):
            stamps = list(hist.get(state, {}).get(entry_key, []))
            for i in prunable(stamps, before):
                self._drop(state, entry_key, stamps[i])
                floor = max(floor or "", stamps[i + 1][0])
            kept.update(hist.get(state, {}).get(entry_key, []))
        events = list(hist.get(EVENTS, {}).get(entry_key, []))
        for i in prunable(events, before):
            if events[i] not in kept:
                self._drop(EVENTS, entry_key, events[i])
                floor = max(floor or "", events[i + 1][0])
        if floor is not None:
            part = str(ef.position.partition)
            old = self.get_row(FLOOR, part)
            if old is None or old["floor"] < floor:
                self.put_row(FLOOR, part, {"floor": floor})

    # -- reads ------------------------------------------------------------------------------------
    def floor(self) -> str | None:
        """The newest end of a dropped row in this worker's partitions: moments before it are not kept."""
        found = [row["floor"] for part in self._index().get(FLOOR, ()) if (row := self.get_row(FLOOR, part))]
        return max(found) if found else None

    def history(self, state: str) -> History:
        """The rows of one state part, by entry, as ``(stamp, row)`` sorted by stamp."""
        out: dict[str, list[tuple[Stamp, Record]]] = {}
        for entry_key, stamps in self.history_index().get(state, {}).items():
            rows = []
            for stamp in stamps:
                row = self.get_row(state, f"{entry_key}{SEP}{stamp_text(stamp)}")
                if row is not None:
                    rows.append((stamp, row))
            if rows:
                out[entry_key] = rows
        return out

    def states_of(self, view: str) -> Iterator[str]:
        """The view keys of ``view`` that have rows here (without the view prefix)."""
        self.history_index()
        yield from sorted(self._by_view.get(view, ()))

    def states_at(self, view: str, as_of: str) -> dict[str, State]:
        """Every key of ``view`` held here, as it stood at ``as_of`` (keys untouched by then left out)."""
        prefix = f"{view}{SEP}"
        out: dict[str, State] = {}
        for key in self.states_of(view):
            state = self.state_at(prefix + key, as_of)
            if state is not None:
                out[key] = state
        return out

    def state_at(self, state: str, as_of: str) -> State | None:
        """One state part as it stood at ``as_of``: per entry, the row of that moment (read, decoded once)."""
        entries: dict[str, Any] = {}
        for entry_key, stamps in self.history_index().get(state, {}).items():
            i = pick(stamps, as_of)
            if i is not None:
                stamp = stamps[i]
                entries[entry_key] = {"stamp": list(stamp), "items": self._items(state, entry_key, stamp)}
        return {"entries": entries} if entries else None

    def _items(self, state: str, entry_key: str, stamp: Stamp) -> list[dict[str, Any]]:
        cached = (state, entry_key, stamp)
        items = self._decoded.get(cached)
        if items is None:
            row = self.get_row(state, f"{entry_key}{SEP}{stamp_text(stamp)}")
            if row is None:
                raise LookupError(
                    f"the lineage index lists {entry_key} at {stamp} under {state!r}, the table has no row"
                )
            if "q" in row:
                full = self._event_items.get((entry_key, stamp))
                if full is None:
                    full = self._event_items[(entry_key, stamp)] = self._decode_event(entry_key, stamp)
                    if len(self._event_items) >= DECODED_ROWS:
                        self._event_items.pop(next(iter(self._event_items)))
                items = [full[i] for i in row["q"]]
            else:
                items = contribution_items(row, entry_key, None)
            if len(self._decoded) >= DECODED_ROWS:
                self._decoded.pop(next(iter(self._decoded)))
            self._decoded[cached] = items
        return items

    def _decode_event(self, entry_key: str, stamp: Stamp) -> list[dict[str, Any]]:
        event = self.event(entry_key, stamp)
        if event is None or "i" not in event:
            raise LookupError(f"the lineage row of {entry_key} at {stamp} refers to an event row the table lacks")
        return event_row_items(event, entry_key)

    def event(self, entry_key: str, stamp: Stamp) -> Record | None:
        """The event row of one entry event."""
        return self.get_row(EVENTS, f"{entry_key}{SEP}{stamp_text(stamp)}")

    def timeline_at(self, as_of: str | None) -> dict[str, State]:
        """The timeline's states (by entry key) at ``as_of``, from the event rows (None: now)."""
        out: dict[str, State] = {}
        for entry_key, stamps in self.history_index().get(EVENTS, {}).items():
            chosen = [s for s in stamps if as_of is None or s[0] <= as_of]
            if not chosen:
                continue
            row = self.event(entry_key, chosen[-1])
            item = timeline_item(row, entry_key) if row is not None else None
            out[entry_key] = {"entries": {entry_key: {"stamp": list(chosen[-1]), "items": [item] if item else []}}}
        return out


def lineage_rows(
    app: Any, partitions: int, options: dict[str, Any], generation: Callable[[], Hashable], horizon_s: float | None
) -> LineageRows:
    """The worker's lineage rows over a new faust table."""
    return LineageRows(lineage_table(app, partitions, options), generation, horizon_s)
