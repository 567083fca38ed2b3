"""The worker's lineage table: every contribution with its validity, for explain and as-of, no log scan.

The view tables keep each entry's newest contribution only. The entries agent also records, per
entry event it plans, the rows of :mod:`streams.core.history` in one faust table:

- one event row per entry event (state part ``EVENTS``): the event's id, its timeline record (title,
  text, times; the facts' sentences are cut from that text when they are read) and its items, by
  fact index, packed once (every view gets the same item objects from ``route``);
- one contribution row per (view, view key, entry event), read as state part ``"{view}\x1e{view key}"``,
  entry part ``"{blog_id}/{entry_id}\x1e{stamp}"``; its value is the indexes of its items in the
  event row (a tombstone: an empty row). Rows are stored without their stamp, which their key holds.

**Folded rows.** The contribution rows of an entry event are stored inside its event row
(``"k"``, :func:`streams.core.history.fold`): one table write and one changelog record per entry
event, not one per view key it touches. :meth:`LineageRows.get_row` reads a contribution row from
there, and the history index is built from the event rows. A table written by an older worker
(contribution rows of their own, no ``"k"``) reads the same, and the two layouts may be mixed (a
worker upgraded in place keeps its state): no new app id is needed.

Rows live in the partition of the entry's blog (the entries agent writes them), so a key's rows may
be spread over workers: the API gathers them (``liveledger.api.explain``, ``liveledger.api.asof``).
Redelivered events write the same rows again (same keys, same values).

**Cost per entry event**: one event row (about the entry's timeline row plus its items packed once,
and a few bytes per view key the event touches). ``bench/bench_asof.py``
prints the lineage changelog's bytes per event.

**Horizon** (``LIVELEDGER_ASOF_HORIZON_S``, unset: keep everything). When an entry's event is
recorded, the rows of that entry whose interval ended more than the horizon before the event are
dropped (a key's last row always stays), so the history kept is the current rows plus what changed
within the horizon of each entry's last event. The newest end of a dropped row is kept per
partition (``FLOOR``): a moment before it is no longer answered from state (the API says so, and
``liveledger replay --as-of`` still answers it from the log). Dropped rows are gone from explain too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from schemas.codec import format_time
from streams.app.lineage_index import DECODED_ROWS, EVENTS, FLOOR, SEP, LineageIndex
from streams.core.history import (
    History,
    contribution_items,
    event_row,
    event_row_items,
    fold,
    folded_states,
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
from streams.views.rows import row_key

__all__ = ["EVENTS", "FLOOR", "SEP", "TABLE_NAME", "LineageRows", "lineage_rows", "lineage_table"]

#: the faust table's name (its changelog is ``{app_id}-lineage-changelog``)
TABLE_NAME = "lineage"


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


class LineageRows(LineageIndex):
    """The lineage table, with an index of each key's rows by entry and stamp (for as-of reads).

    ``horizon_s`` None keeps every row. The index is rebuilt from the table like
    :class:`RowTable`'s (new assignment, end of recovery) and kept up to date by every write.
    """

    def __init__(self, table: Any, generation: Callable[[], Hashable], horizon_s: float | None = None) -> None:
        super().__init__(table, generation, horizon_s)
        #: decoded items, by (state part, entry key, stamp): rows never change once written
        self._decoded: dict[tuple[str, str, Stamp], list[dict[str, Any]]] = {}
        #: decoded items of event rows, by (entry key, stamp): shared by every view key's row
        self._event_items: dict[tuple[str, Stamp], list[dict[str, Any]]] = {}

    def _put(
        self, hist: dict[str, dict[str, list[Stamp]]] | None, state: str, entry_key: str, stamp: Stamp, row: Record
    ) -> None:
        """Write one row, and add it to ``hist`` (what :meth:`write_index` returned for this write;
        None: no index is kept yet, the row is only written).

        The row is stored without its stamp (nor its timeline record's): the row key holds it, and
        :meth:`get_row` puts it back (some 45 bytes a row, three rows an entry event).
        """
        part = f"{entry_key}{SEP}{stamp_text(stamp)}"
        self.put_row(state, part, _without_stamp(row))
        if state == EVENTS:
            self._folds.pop((entry_key, part.partition(SEP)[2]), None)
        self._indexed(hist, state, entry_key, stamp)

    def _drop(self, state: str, entry_key: str, stamp: Stamp) -> None:
        key = f"{entry_key}{SEP}{stamp_text(stamp)}"
        if state == EVENTS or not self._unfold_one(state, key):
            raw = row_key(state, key)
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

    def _unfold_one(self, state: str, part: str) -> bool:
        """Take the row of ``state`` out of the event row it is folded into; False when it is not folded."""
        raw = row_key(EVENTS, part)
        stored = self.table.get(raw)
        folded = stored.get("k") if isinstance(stored, dict) else None
        view, _, key = state.partition(SEP)
        if not isinstance(folded, dict) or key not in folded.get(view, {}):
            return False
        keys = {k: v for k, v in folded[view].items() if k != key}
        rest = {v: ks for v, ks in folded.items() if v != view} | ({view: keys} if keys else {})
        row = {k: v for k, v in stored.items() if k != "k"} | ({"k": rest} if rest else {})
        self.table[raw] = row
        self._folds.pop(tuple(part.split(SEP, 1)), None)  # type: ignore[arg-type]
        return True

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
        folded = fold(contributions, shares_items(event))
        if folded:
            event["k"] = folded
        if hist is None:
            hist = self.write_index()
        self._put(hist, EVENTS, ef.entry_key, ef.stamp, event)
        for state in folded_states(folded):
            self._indexed(hist, state, ef.entry_key, ef.stamp)
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
