"""One RocksDB memory budget for every table partition of a worker, whatever their number.

faust opens one RocksDB per table partition (7 tables over 12 partitions: 84 databases), each with
its own block cache and its own memtables. Split per database, a budget of 64 MB gave each 1 MB
at least (two 512 kB memtables and a 512 kB cache): about 126 MB once every memtable had filled,
which takes tens of thousands of entries, so a worker's RSS grew with the history it had written
before it levelled off.

Here every database of one app shares one LRU block cache of ``Settings.rocksdb_memory_mb``, and
their memtables are charged to that cache by one RocksDB write buffer manager (half of the
budget), which flushes the largest memtable when they pass it: RocksDB's memory stays under one
bound (https://github.com/facebook/rocksdb/wiki/Write-Buffer-Manager).

faust builds a table's store from its URL scheme (``faust.stores.by_url``); :func:`store_url`
registers this store under :data:`SCHEME` and gives the URL for a table. The databases' paths
are faust's own (the URL has no path), so a state directory written with ``rocksdb://`` is read
as it is.
"""

from __future__ import annotations

from typing import Any

import rocksdict
from faust.stores import STORES
from faust.stores import rocksdb as faust_rocksdb

SCHEME = "liveledger-rocksdb"

#: the unit in which a memtable takes memory, and so what each of the 84 costs the budget at least
ARENA_BLOCK_BYTES = 64 * 1024

#: the key of a table's ``options`` that carries its app's :class:`SharedMemory`
MEMORY_OPTION = "liveledger_shared_memory"


class SharedMemory:
    """The block cache and write buffer manager every database of one app uses."""

    def __init__(self, total_bytes: int) -> None:
        self.total_bytes = total_bytes
        self.cache = rocksdict.Cache(total_bytes)
        # memtables count against the cache: together they stay within total_bytes
        self.write_buffers = rocksdict.WriteBufferManager.new_write_buffer_manager_with_cache(
            total_bytes // 2, False, self.cache
        )

    def usage(self) -> dict[str, int]:
        """Bytes in use now: the cache (memtables charged to it included) and the memtables alone."""
        return {"cache": self.cache.get_usage(), "memtables": self.write_buffers.get_usage()}


class SharedOptions(faust_rocksdb.RocksDBOptions):
    """faust's options for one database, with the app's shared cache and write buffer manager."""

    def __init__(self, memory: SharedMemory, **options: Any) -> None:
        super().__init__(**options)
        self.memory = memory

    def as_options(self) -> Any:
        opts = super().as_options()
        table = rocksdict.BlockBasedOptions()
        table.set_bloom_filter(self.bloom_filter_size, True)
        table.set_block_cache(self.memory.cache)
        table.set_index_type(rocksdict.BlockBasedIndexType.binary_search())
        opts.set_block_based_table_factory(table)
        opts.set_write_buffer_manager(self.memory.write_buffers)
        opts.set_arena_block_size(ARENA_BLOCK_BYTES)  # what the manager counts per memtable at least
        return opts


class Store(faust_rocksdb.Store):
    """faust's RocksDB store whose databases share their app's memory budget."""

    def __init__(self, url: Any, app: Any, table: Any, **kwargs: Any) -> None:
        super().__init__(url, app, table, **kwargs)
        if not self.use_rocksdict:
            raise TypeError(f"the {SCHEME} store needs the rocksdict driver, not python-rocksdb")
        base = self.rocksdb_options
        memory = base.extra_options.get(MEMORY_OPTION)
        if not isinstance(memory, SharedMemory):
            raise TypeError(f"a {SCHEME} table needs options[{MEMORY_OPTION!r}], its app's SharedMemory")
        self.rocksdb_options = SharedOptions(
            memory,
            max_open_files=base.max_open_files,
            write_buffer_size=base.write_buffer_size,
            max_write_buffer_number=base.max_write_buffer_number,
            target_file_size_base=base.target_file_size_base,
            block_cache_size=base.block_cache_size,
            bloom_filter_size=base.bloom_filter_size,
            use_rocksdict=True,
            ttl=base.ttl,
        )


def store_url() -> str:
    """The store URL of a table with the shared budget (registers the store with faust, once)."""
    STORES.aliases.setdefault(SCHEME, f"{__name__}:Store")
    return f"{SCHEME}://?budget=shared"  # a query, no path: yarl takes an empty URL as false (faust would
    # fall back to the app's store), and a path would move the databases
