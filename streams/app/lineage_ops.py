"""What the rest of the worker calls on the lineage rows (:mod:`streams.app.lineage`): the entries
agent's batch writes, and the explain API's reads of a view key's contributions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from streams.app.current import for_event
from streams.app.lineage import SEP, LineageRows
from streams.app.lineage_index import LineageIndex
from streams.app.rowstore import RowTable
from streams.core.history import contribution_items, lineage_record
from streams.core.lineage import IndexAhead, Record, index_keys
from streams.core.records import EntryFacts
from streams.core.step import Known
from streams.views.contrib import Contribution, Stamp
from streams.views.routing import history_key, state_key


def record_batch(rows: RowTable, events: Iterable[tuple[EntryFacts, Iterable[Contribution], Any]]) -> None:
    """Record each ``(entry facts, planned contributions, faust event)`` of a batch (what the entries
    agent calls): each event's rows are written for its faust event (None: the current one), and
    the row index is looked up once for the batch."""
    if not isinstance(rows, LineageRows):
        raise TypeError(f"lineage rows must be a LineageRows table, not {type(rows).__name__}")
    hist = rows.write_index()
    for ef, contributions, source in events:
        if source is None:
            rows.record(ef, contributions, hist)
        else:
            with for_event(source):
                rows.record(ef, contributions, hist)


def known_of(
    doc: Mapping[str, Any], rows: RowTable | None, entry_key: str, planning: EntryFacts | None = None
) -> Known:
    """The entry-index record of ``entry_key`` as :class:`Known`. A record of its stamp alone (what the
    entries agent writes after the lineage rows, :func:`store_known`) takes its keys from the lineage
    event row of that stamp; when that row is missing, :func:`streams.core.lineage.index_keys` says
    what the record stands for to plan ``planning`` against (None: nothing is planned, so it is an
    error). A record with its keys (an older worker's, or one without lineage) is read as it is."""
    if rows is None or "keys" in doc:
        return Known.from_json(doc)
    if not isinstance(rows, LineageIndex):
        raise TypeError(f"lineage rows must be a LineageRows table, not {type(rows).__name__}")

    def keys_at(stamp: Stamp) -> dict[str, list[str]]:
        recorded = rows.recorded_keys(entry_key, stamp)
        if planning is not None:
            return index_keys(stamp, planning, recorded)
        if recorded is None:
            raise IndexAhead(entry_key, stamp)
        return recorded

    return Known.from_json(doc, keys_at)


def store_known(known: Known, rows: RowTable | None) -> dict[str, Any]:
    """The entry-index record of ``known``: its stamp alone when the lineage rows hold its keys."""
    return known.to_json(keys=rows is None)


def lineage_of(rows: RowTable, view: str, states: Iterable[str]) -> list[tuple[str, Record]]:
    """The ``(state key, record)`` pairs this worker holds for the given state keys of ``view``."""
    assert isinstance(rows, LineageRows)
    out: list[tuple[str, Record]] = []
    for state in states:
        for entry_key, history in rows.history(f"{view}{SEP}{state}").items():
            for stamp, row in history:
                event = rows.event(entry_key, stamp)
                if event is None:  # dropped beyond the horizon with its contribution kept: not explained
                    continue
                out.append((state, lineage_record(contribution_items(row, entry_key, event), event, entry_key)))
    return out


def lineage_states(rows: RowTable, view: str, key: str) -> list[str]:
    """The state keys of ``view`` this worker holds lineage for that make up ``key``.

    One state for most views (a casualty incident's is its ``area/day``); for figures, every
    month and area state whose history key is ``key``.
    """
    if view != "figures":
        return [state_key(view, key)]
    assert isinstance(rows, LineageRows)
    return sorted(s for s in rows.states_of(view) if history_key(s) == key)
