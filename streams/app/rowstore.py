"""A faust table of view rows, read as the states of its view keys.

The views agent writes one row per (state key, entry) (:mod:`streams.views.rows`): a write costs
one small changelog record, whatever the key's history. Readers (the render cache, the query API,
``/metrics``) want each key's state, so :class:`RowTable` assembles it from the key's rows.

Two ways to find a key's rows:

* ``prefix_scan=True`` (the view tables): a RocksDB prefix scan of the key's rows, in each of this
  worker's databases of the table (:func:`prefix_items`; an in-memory store is filtered whole). In
  memory there is only the set of state keys, for ``keys()`` and ``len()``: nothing per row.
* otherwise (the lineage, :mod:`streams.app.lineage`, which indexes its rows further): an
  in-memory index maps each state key to its entries' keys and the rows are read by point lookups.

Either index is built from the table when first needed, kept up to date by every write, and built
again whenever the generation changes (a rebalance, or the end of recovery), so it never misses a
row recovered from the changelog.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterator
from typing import Any

from streams.views.contrib import State
from streams.views.rows import PLAIN, Record, RowCodec, row_key, split_row_key


class RowTable:
    """View states over a faust table whose keys are row keys and whose values are entry records."""

    def __init__(
        self, table: Any, generation: Callable[[], Hashable], codec: RowCodec = PLAIN, *, prefix_scan: bool = False
    ) -> None:
        self.table = table
        #: how rows are stored (:func:`streams.views.rows.item_codec` for a view's rows)
        self.codec = codec
        self.name: str = table.name
        self._generation = generation
        self._seen: Hashable = None
        self._members: dict[str, set[str]] | None = None
        #: read a key's rows by a prefix scan, and keep only the state keys in memory
        self.prefix_scan = prefix_scan
        self._states: set[str] | None = None
        self._states_seen: Hashable = None

    # -- rows (the views agent) -------------------------------------------------------------
    def get_row(self, state_key: str, entry_key: str) -> Record | None:
        """The stored (packed) row: its ``stamp`` is what :func:`streams.views.rows.apply_row` compares."""
        record: Record | None = self.table.get(row_key(state_key, entry_key))
        return record

    def put_row(self, state_key: str, entry_key: str, record: Record) -> None:
        self.table[row_key(state_key, entry_key)] = self.codec.pack(record, entry_key)
        if self._members is not None:
            self._members.setdefault(state_key, set()).add(entry_key)
        if self._states is not None:
            self._states.add(state_key)

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

    def _state_keys(self) -> set[str]:
        """The state keys that have rows (``prefix_scan`` tables), from one pass over the table's keys."""
        generation = self._generation()
        if self._states is None or generation != self._states_seen:
            self._states = {split_row_key(bytes(row))[0] for row in self.table}
            self._states_seen = generation
        return self._states

    def _keys(self) -> Collection[str]:
        return self._state_keys() if self.prefix_scan else self._index().keys()

    def get(self, key: bytes | str, default: State | None = None) -> State | None:
        """The state of one view key from its rows, or ``default`` when it has none."""
        state_key = key.decode() if isinstance(key, bytes) else key
        if self.prefix_scan:
            unpack = self.codec.unpack
            found = {
                entry: unpack(record, entry)
                for row, record in prefix_items(self.table, row_key(state_key, ""))
                if record is not None
                for entry in (split_row_key(row)[1],)
            }
            return {"entries": found} if found else default
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
        return [k.encode() for k in sorted(self._keys())]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self._keys())

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
        if self.prefix_scan:
            self._states, self._states_seen = set(grouped), generation
        else:
            self._members, self._seen = {k: set(records) for k, records in grouped.items()}, generation
        for key in sorted(grouped):
            yield key.encode(), {"entries": grouped[key]}


def prefix_items(table: Any, prefix: bytes) -> Iterator[tuple[bytes, Any]]:
    """``(key, value)`` of every row of a faust table whose key starts with ``prefix``, values decoded.

    On faust's RocksDB store, a seek to ``prefix`` in each of this worker's databases of the table
    (those of its active partitions, as the table's own iteration reads); on any other store (the
    in-memory one of the unit tests), every key is looked at.
    """
    store = table.data
    dbs = getattr(store, "_dbs_for_actives", None)
    if dbs is None or not getattr(store, "use_rocksdict", False):
        for key, value in table.items():
            raw = bytes(key)
            if raw.startswith(prefix):
                yield raw, value
        return
    decode = store._decode_value
    for db in dbs():
        it = db.iter()
        it.seek(prefix)
        while it.valid():
            key = it.key()
            if not key.startswith(prefix):
                break
            yield key, decode(it.value())
            it.next()
