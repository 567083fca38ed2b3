"""The lineage's history index is built by the first reader, not by writes, and reads the same either way.

A worker that only writes (catching up, or under a steady load with nobody asking for as-of or
explain) must not hold the index: about 600 B per row, so it grew with every entry the worker
holds (``bench/worker_memory.py``). Rows written before the first read must be in that read.
"""

from __future__ import annotations

from collections.abc import Hashable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.app.lineage import LineageRows
from streams.core.records import EntryFacts
from streams.core.step import Known, step
from tests.unit.api.test_asof_cache import MemTable, partitions


def _record(rows: LineageRows, index: dict[str, Known], events: list[EntryFacts], read_each: bool) -> None:
    for ef in events:
        result = step(index, [ef])
        index.update(result.index)
        for planned in result.planned:
            rows.record(planned.entry, planned.contributions)
        if read_each:
            rows.history_index()


def _view(rows: LineageRows, moments: list[str]) -> object:
    views = ("casualties", "figures", "strikes")
    return (
        {v: {k: rows.history(f"{v}\x1e{k}") for k in rows.states_of(v)} for v in views},
        {(v, m): rows.states_at(v, m) for v in views for m in moments},
        {m: rows.timeline_at(m) for m in moments},
        rows.timeline_at(None),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partitions(), st.integers(0, 12))
def test_rows_written_before_the_first_read_are_read_like_rows_written_after(
    events: list[EntryFacts], first_read: int
) -> None:
    generation: Hashable = 1
    eager = LineageRows(MemTable(), lambda: generation)
    _record(eager, {}, events, read_each=True)

    lazy = LineageRows(MemTable(), lambda: generation)
    index: dict[str, Known] = {}
    _record(lazy, index, events[:first_read], read_each=False)
    assert lazy._hist is None, "writes alone built the history index"
    lazy.history_index()  # the first reader
    _record(lazy, index, events[first_read:], read_each=False)  # kept up to date from here on, as before

    moments = [*sorted({ef.published_at for ef in events}), "2024-11-20T09:00:00Z", "2024-11-21T00:00:00Z"]
    assert dict(lazy.table) == dict(eager.table)
    assert _view(lazy, moments) == _view(eager, moments)
