"""A faust table of view rows, read as the states of its view keys.

The views agent writes one row per (state key, entry) (:mod:`streams.views.rows`): a write costs
one small changelog record, whatever the key's history. Readers (the render cache, the query API,
``/metrics``) want each key's state, so :class:`RowTable` assembles it from the key's rows, like a
prefix scan: an in-memory index maps each state key to its entries' keys and the rows are read by
point lookups. The index is built from the table when first needed, kept up to date by every write,
and built again whenever the partition assignment or the recovery state changes (a rebalance, or
the end of recovery at start), so it never misses a row recovered from the changelog.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

from streams.views.contrib import State
from streams.views.rows import PLAIN, Record, RowCodec, row_key, split_row_key


class RowTable:
    """View states over a faust table whose keys are row keys and whose values are entry records."""

    def __init__(self, table: Any, generation: Callable[[], Hashable], codec: RowCodec = PLAIN) -> None:
        self.table = table
        #: how rows are stored (:func:`streams.views.rows.item_codec` for a view's rows)
        self.codec = codec
        self.name: str = table.name
        self._generation = generation
        self._seen: Hashable = None
        self._members: dict[str, set[str]] | None = None

    # -- rows (the views agent) -------------------------------------------------------------
    def get_row(self, state_key: str, entry_key: str) -> Record | None:
        """The stored (packed) row: its ``stamp`` is what :func:`streams.views.rows.apply_row` compares."""
        record: Record | None = self.table.get(row_key(state_key, entry_key))
        return record

    def put_row(self, state_key: str, entry_key: str, record: Record) -> None:
        self.table[row_key(state_key, entry_key)] = self.codec.pack(record, entry_key)
        if self._members is not None:
            self._members.setdefault(state_key, set()).add(entry_key)

    # -- states (readers) -------------------------------------------------------------------
    def _index(self) -> dict[str, set[str]]:
        generation = self._generation()
        if self._members is None or generation != self._seen:
            members: dict[str, set[str]] = {}
            for row in self.table:
                state, entry = split_row_key(bytes(row))
                members.setdefault(state, set()).add(entry)
            self._members, self._seen = members, generation
        return self._members

    def get(self, key: bytes | str, default: State | None = None) -> State | None:
        """The state of one view key from its rows, or ``default`` when it has none."""
        state_key = key.decode() if isinstance(key, bytes) else key
        entries = self._index().get(state_key)
        if not entries:
            return default
        records: dict[str, Record] = {}
        for entry in entries:
            record = self.table.get(row_key(state_key, entry))
            if record is not None:
                records[entry] = self.codec.unpack(record, entry)
        return {"entries": records} if records else default

    def __getitem__(self, key: bytes | str) -> State:
        state = self.get(key)
        if state is None:
            raise KeyError(key)
        return state

    def keys(self) -> list[bytes]:
        """The view keys (as bytes, like the table's keys) that have rows."""
        return [k.encode() for k in sorted(self._index())]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._index())

    def items(self) -> Iterator[tuple[bytes, State]]:
        """Every view key with its state, from one pass over the rows."""
        generation = self._generation()
        unpack = self.codec.unpack
        grouped: dict[str, dict[str, Record]] = {}
        for row, record in self.table.items():
            if record is None:
                continue
            state, entry = split_row_key(bytes(row))
            grouped.setdefault(state, {})[entry] = unpack(record, entry)
        self._members, self._seen = {k: set(records) for k, records in grouped.items()}, generation
        for key in sorted(grouped):
            yield key.encode(), {"entries": grouped[key]}
