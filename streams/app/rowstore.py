"""A faust table of view rows, read as the states of its view keys.

The views agent writes one row per (state key, entry) (:mod:`streams.views.rows`): a write costs
one small changelog record, whatever the key's history. Readers (the render cache, the query API,
``/metrics``) want each key's state, so :class:`RowTable` assembles it from the key's rows.

Two ways to find a key's rows:

* ``prefix_scan=True`` (the view tables): a RocksDB prefix scan of the key's rows, in each of this
  worker's databases of the table (:func:`prefix_items`; an in-memory store is filtered whole).
  Nothing is kept in memory per key or per row: ``keys()`` reads the table's keys each time, and
  ``len()`` (what ``/metrics`` reads on every scrape) is a count, kept up to date by each write
  that gives a key its first row (one seek in the write's database, :func:`has_rows`). It used to
  be the set of state keys: the timeline has one key per entry, so that set grew by every entry.
* otherwise (the lineage, :mod:`streams.app.lineage`, which indexes its rows further): an
  in-memory index maps each state key to its entries' keys and the rows are read by point lookups.

Either index (and the count) is built from the table when first needed, kept up to date by every write, and built
again whenever the generation changes (a rebalance, or the end of recovery), so it never misses a
row recovered from the changelog.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

from faust.streams import current_event

from streams.views.contrib import State
from streams.views.rows import PLAIN, Record, RowCodec, row_key, split_row_key


class RowTable:
    """View states over a faust table whose keys are row keys and whose values are entry records."""

    def __init__(
        self, table: Any, generation: Callable[[], Hashable], codec: RowCodec = PLAIN, *, prefix_scan: bool = False
    ) -> None:
        self.table = table
        #: how rows are stored (:func:`streams.views.rows.item_codec` for a view's rows, framed as bytes
        #: by :func:`streams.views.rows.framed` in a table of raw values)
        self.codec = codec
        self.name: str = table.name
        self._generation = generation
        self._seen: Hashable = None
        self._members: dict[str, set[str]] | None = None
        #: read a key's rows by a prefix scan, and keep only the state keys in memory
        self.prefix_scan = prefix_scan
        #: how many state keys have rows (``prefix_scan`` tables), None until ``len()`` is first asked
        self._count: int | None = None
        self._count_seen: Hashable = None

    # -- rows (the views agent) -------------------------------------------------------------
    def get_row(self, state_key: str, entry_key: str) -> Record | None:
        """The stored (packed) row, unframed: its ``stamp`` is what :func:`streams.views.rows.apply_row` compares."""
        value = self.table.get(row_key(state_key, entry_key))
        return None if value is None else self.codec.load(value)

    def put_row(self, state_key: str, entry_key: str, record: Record, *, replaces: bool = False) -> None:
        """Write one row; ``replaces``: the caller read this row before, so its key already has rows
        (no seek to tell whether the key count grows)."""
        first = self._count is not None and not replaces and not has_rows(self.table, row_key(state_key, ""))
        self.table[row_key(state_key, entry_key)] = self.codec.dump(self.codec.pack(record, entry_key))
        if self._members is not None:
            self._members.setdefault(state_key, set()).add(entry_key)
        if first and self._count is not None:
            self._count += 1

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

    def _state_keys(self) -> list[str]:
        """The state keys that have rows (``prefix_scan`` tables), sorted, from one pass over the table's keys."""
        return sorted({split_row_key(bytes(row))[0] for row in self.table})

    def _state_count(self) -> int:
        """How many state keys have rows (``prefix_scan`` tables): counted once per generation, then kept."""
        generation = self._generation()
        if self._count is None or generation != self._count_seen:
            self._count, self._count_seen = count_states(self.table), generation
        return self._count

    def get(self, key: bytes | str, default: State | None = None) -> State | None:
        """The state of one view key from its rows, or ``default`` when it has none."""
        state_key = key.decode() if isinstance(key, bytes) else key
        if self.prefix_scan:
            unpack, load = self.codec.unpack, self.codec.load
            found = {
                entry: unpack(load(record), entry)
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
                records[entry] = self.codec.unpack(self.codec.load(record), entry)
        return {"entries": records} if records else default

    def __getitem__(self, key: bytes | str) -> State:
        state = self.get(key)
        if state is None:
            raise KeyError(key)
        return state

    def keys(self) -> list[bytes]:
        """The view keys (as bytes, like the table's keys) that have rows."""
        keys = self._state_keys() if self.prefix_scan else sorted(self._index())
        return [k.encode() for k in keys]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.keys())

    def __len__(self) -> int:
        return self._state_count() if self.prefix_scan else len(self._index())

    def items(self) -> Iterator[tuple[bytes, State]]:
        """Every view key with its state, from one pass over the rows."""
        generation = self._generation()
        unpack, load = self.codec.unpack, self.codec.load
        grouped: dict[str, dict[str, Record]] = {}
        for row, record in self.table.items():
            if record is None:
                continue
            state, entry = split_row_key(bytes(row))
            grouped.setdefault(state, {})[entry] = unpack(load(record), entry)
        if self.prefix_scan:
            self._count, self._count_seen = len(grouped), generation
        else:
            self._members, self._seen = {k: set(records) for k, records in grouped.items()}, generation
        for key in sorted(grouped):
            yield key.encode(), {"entries": grouped[key]}


def _rocksdb(table: Any) -> Any | None:
    """The table's faust RocksDB store (rocksdict driver), or None for any other store."""
    store = table.data
    if getattr(store, "_dbs_for_actives", None) is None or not getattr(store, "use_rocksdict", False):
        return None
    return store


def has_rows(table: Any, prefix: bytes) -> bool:
    """Whether a row of ``table`` has a key starting with ``prefix``.

    Inside a write's event (faust's current event) on a RocksDB store, one seek in the database of
    that event's partition, where the rows of the key written live; otherwise a scan
    (:func:`prefix_items`).
    """
    store = _rocksdb(table)
    event = current_event()
    if store is None or event is None:
        return next(prefix_items(table, prefix), None) is not None
    it = store._db_for_partition(event.message.partition).iter()
    it.seek(prefix)
    return bool(it.valid() and it.key().startswith(prefix))


def count_states(table: Any) -> int:
    """How many state keys have rows in ``table``, with nothing held per key.

    A RocksDB database iterates its keys in order, so the rows of one state key come one after the
    other (the separator sorts below every character of a key): a key is counted where it starts.
    Another store (the in-memory one of the unit tests) is counted through a set.
    """
    if _rocksdb(table) is None:
        return len({split_row_key(bytes(row))[0] for row in table})
    count, previous = 0, None
    for row in table:  # database by database, each in key order
        state = split_row_key(bytes(row))[0]
        if state != previous:
            count, previous = count + 1, state
    return count


def prefix_items(table: Any, prefix: bytes) -> Iterator[tuple[bytes, Any]]:
    """``(key, value)`` of every row of a faust table whose key starts with ``prefix``, values decoded.

    On faust's RocksDB store, a seek to ``prefix`` in each of this worker's databases of the table
    (those of its active partitions, as the table's own iteration reads); on any other store (the
    in-memory one of the unit tests), every key is looked at.
    """
    store = _rocksdb(table)
    if store is None:
        for key, value in table.items():
            raw = bytes(key)
            if raw.startswith(prefix):
                yield raw, value
        return
    decode = store._decode_value
    for db in store._dbs_for_actives():
        it = db.iter()
        it.seek(prefix)
        while it.valid():
            key = it.key()
            if not key.startswith(prefix):
                break
            yield key, decode(it.value())
            it.next()
