"""Every RocksDB of a worker shares one memory budget: real databases under a temporary directory."""

from __future__ import annotations

from pathlib import Path

from liveledger.settings import Settings
from streams.app.factory import build_app
from streams.app.rocksdb_budget import SharedMemory, SharedOptions, Store


def test_every_table_of_an_app_opens_its_databases_over_one_shared_budget(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, app_id="budget-test", rocksdb_memory_mb=16)
    ll = build_app(settings, extractor=lambda title, body: [], extractor_version="none")
    assert ll.lineage is not None
    tables = [rows.table for rows in ll.views.values()] + [ll.entry_index, ll.lineage.table]
    stores = [t.data for t in tables]
    assert all(isinstance(s, Store) for s in stores), [type(s).__name__ for s in stores]
    options = [s.rocksdb_options for s in stores]
    assert all(isinstance(o, SharedOptions) for o in options)
    memories = {id(o.memory) for o in options if isinstance(o, SharedOptions)}
    assert len(memories) == 1, "one budget for the whole app, not one per table"
    memory = options[0].memory if isinstance(options[0], SharedOptions) else None
    assert isinstance(memory, SharedMemory) and memory.total_bytes == 16 * 1024 * 1024

    # the databases are faust's own, at faust's own paths: what a rocksdb:// worker wrote is read as it is
    store = stores[0]
    assert store.partition_path(3) == Path(settings.data_dir) / "faust" / "v1" / "tables" / f"{tables[0].name}-3.db"
    db = store._db_for_partition(3)
    before = memory.usage()["memtables"]
    for i in range(2000):
        db.put(f"k{i:05d}".encode(), b"x" * 200)
    assert db.get(b"k01999") == b"x" * 200
    assert memory.usage()["memtables"] > before, "the memtables are charged to the shared budget"
    other = stores[1]._db_for_partition(0)
    other.put(b"a", b"b")
    assert other.get(b"a") == b"b"
    for s in stores:
        for open_db in list(s._dbs.values()):
            open_db.close()
