"""The count of a view table's keys: kept up to date by writes, with nothing held per key."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from liveledger.settings import Settings
from streams.app.current import for_event
from streams.app.factory import build_app
from streams.app.rowstore import RowTable, count_states, has_rows
from streams.views.rows import row_key


class DictTable(dict[bytes, Any]):
    """A table as the row table uses it: a mapping of row keys, with a name and a (non-RocksDB) store."""

    name = "view-test"

    @property
    def data(self) -> DictTable:
        return self


def timeline_row(n: int) -> dict[str, Any]:
    return {"stamp": [f"2024-11-20T10:00:{n:02d}Z", 0, n], "items": []}


def test_len_counts_the_first_row_of_each_key_and_keeps_no_key_in_memory() -> None:
    generation = [0]
    rows = RowTable(DictTable(), lambda: generation[0], prefix_scan=True)
    rows.put_row("b/e1", "b/e1", timeline_row(1))
    assert len(rows) == 1
    rows.put_row("b/e2", "b/e2", timeline_row(2))
    rows.put_row("b/e2", "b/e2", timeline_row(3))  # a correction: the same key, the same row
    rows.put_row("UA-63/2024-11-20", "b/e1", timeline_row(1))
    rows.put_row("UA-63/2024-11-20", "b/e2", timeline_row(2))  # a second row of a key that has one
    assert len(rows) == 3
    assert rows.keys() == [b"UA-63/2024-11-20", b"b/e1", b"b/e2"]
    held = [v for k, v in vars(rows).items() if k != "table" and isinstance(v, set | dict | list) and v]
    assert held == [], f"nothing per key is kept: {held}"


def test_a_write_over_a_row_read_before_looks_nothing_up_and_keeps_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    generation = [0]
    rows = RowTable(DictTable(), lambda: generation[0], prefix_scan=True)
    rows.put_row("b/e1", "b/e1", timeline_row(1))
    assert len(rows) == 1
    seeks: list[bytes] = []
    monkeypatch.setattr("streams.app.rowstore.has_rows", lambda table, prefix: seeks.append(prefix) or True)
    rows.put_row("b/e1", "b/e1", timeline_row(2), replaces=True)  # the views agent read this row first
    assert seeks == [] and len(rows) == 1
    rows.put_row("b/e2", "b/e2", timeline_row(3))
    assert len(seeks) == 1, "a write of a row not read before asks whether its key has rows"


def test_rows_written_behind_the_tables_back_count_after_a_new_generation() -> None:
    generation = [0]
    table = DictTable()
    rows = RowTable(table, lambda: generation[0], prefix_scan=True)
    table[row_key("UA-59/2024-11-20", "b/e1")] = timeline_row(1)  # as recovery fills the store
    assert len(rows) == 1
    table[row_key("UA-48/2024-11-20", "b/e2")] = timeline_row(2)
    assert len(rows) == 1, "the count is kept between reads of one generation"
    assert rows.keys() == [b"UA-48/2024-11-20", b"UA-59/2024-11-20"], "the key list reads the table each time"
    generation[0] += 1
    assert len(rows) == 2


@dataclass
class Message:
    partition: int


@dataclass
class Event:
    message: Message


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    settings = Settings(data_dir=tmp_path, app_id="count-test", rocksdb_memory_mb=16)
    ll = build_app(settings, extractor=lambda title, body: [], extractor_version="none")
    table = ll.views["timeline"].table
    store = table.data
    store._dbs_for_actives = lambda: iter(store._dbs.values())  # every database opened here is active
    yield table
    for db in list(store._dbs.values()):
        db.close()


def test_on_rocksdb_each_key_counts_once_across_its_rows_and_databases(store: Any) -> None:
    dbs = store.data
    rows = {
        0: [("UA-63/2024-11-2", "b/e3"), ("UA-63/2024-11-20", "b/e1"), ("UA-63/2024-11-20", "b/e2")],
        1: [("UA-59/2024-11-20", "b/e4"), ("b/e5", "b/e5"), ("b/e6", "b/e6"), ("b/e6!", "b/e7")],
    }
    for partition, keys in rows.items():
        db = dbs._db_for_partition(partition)
        for state, entry in keys:
            db.put(row_key(state, entry), b'{"stamp": []}')
    assert count_states(store) == 6
    with for_event(Event(Message(0))):  # one seek in the database of the event's partition
        assert has_rows(store, row_key("UA-63/2024-11-2", ""))
        assert has_rows(store, row_key("UA-63/2024-11-20", ""))
        assert not has_rows(store, row_key("UA-63/2024-11-21", ""))
        assert not has_rows(store, row_key("b/e5", "")), "a key of another partition is not in this one's database"
    with for_event(Event(Message(1))):
        assert has_rows(store, row_key("b/e6", "")) and has_rows(store, row_key("b/e6!", ""))
        assert not has_rows(store, row_key("b/e", ""))
