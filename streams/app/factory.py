"""The composition root of the worker: ``build_app(settings)`` wires faust to the pure core.

Two agents, both micro-batched (their bodies are :mod:`streams.app.agents`):

* ``entries``: reads ``liveledger.entries`` in batches, decodes each event, extracts its facts
  (``streams.core.pipeline``), runs the pure batch step (``streams.core.step``: each entry's
  contributions planned against its previous keys, and the record limit) and sends one record
  per target partition per batch to ``liveledger.facts``. Anything it cannot decode, validate or
  extract goes to ``liveledger.deadletter`` (stage ``decode``, ``extract``, ``plan`` or ``size``,
  counted in ``WorkerStats``); the agent carries on. An extractor that raises is such a failure
  (``ExtractionError``, stage ``extract``): the entry contributes nothing, exactly as in replay.
  A contribution over ``settings.max_record_bytes`` (``RecordTooLarge``) dead-letters the entry
  event at stage ``size`` before anything is sent: a record Kafka would refuse never reaches a
  send, so it cannot crash-loop the worker.
* ``views``: reads ``liveledger.facts`` in batches, keeps the newest contribution per row of the
  batch and writes each row once, with the pure ``apply_row`` (idempotent, order-free). One row
  per entry and key (:mod:`streams.app.rowstore`): the cost of a write, and the size of its
  changelog record, do not grow with the key's history.

The facts topic is keyed by the table key, with the same partition count as the
tables, so each key's changelog partition equals its facts partition and faust's
``table_route`` finds the worker that owns a key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import faust
from mode import CrashingSupervisor

from liveledger.settings import Settings
from streams.app.agents import Agents
from streams.app.committed import read_committed
from streams.app.lineage import lineage_rows
from streams.app.malloc import TRIM_EVERY_S, trim
from streams.app.rocksdb_budget import MEMORY_OPTION, SharedMemory, store_url
from streams.app.rowstore import RowTable
from streams.app.stats import WorkerStats
from streams.core.chain_watch import ChainWatch
from streams.core.pipeline import Extractor, default_extractor
from streams.core.timeline import TIMELINE, TIMELINE_CODEC
from streams.views.routing import ITEM_FIELDS, VIEWS
from streams.views.rows import framed, item_codec


def faust_broker_credentials(settings: Settings) -> Any:
    """SASL/SSL settings for faust, from the same settings as the aiokafka clients."""
    if settings.kafka_security_protocol == "PLAINTEXT":
        return None
    kw = settings.kafka_client_kwargs()
    ssl_context = kw.get("ssl_context")
    if "sasl_mechanism" in kw:
        return faust.SASLCredentials(
            username=kw["sasl_plain_username"] or "",
            password=kw["sasl_plain_password"] or "",
            mechanism=kw["sasl_mechanism"],
            ssl_context=ssl_context,
        )
    return ssl_context


@dataclass
class LiveLedgerApp:
    """The faust app and the handles tests, the API and the CLI need."""

    app: faust.App
    settings: Settings
    entries_topic: Any
    facts_topic: Any
    deadletter_topic: Any
    #: per view, its states over the table of rows (what readers use; ``.table`` is the faust table)
    views: dict[str, RowTable]
    entry_index: Any
    stats: WorkerStats = field(default_factory=WorkerStats)
    agents: dict[str, Any] = field(default_factory=dict)
    #: called with (view, key) after every apply, e.g. to invalidate cached renderings
    listeners: list[Callable[[str, str], None]] = field(default_factory=list)
    #: every contribution planned, with its sentences, for the explain API (streams.app.lineage)
    lineage: RowTable | None = None
    #: the hash chain of each blog, checked as the entries agent consumes (streams.core.chain_watch)
    chain: ChainWatch = field(default_factory=ChainWatch)
    #: changes whenever the rows this worker holds may change wholesale (rebalance, end of recovery);
    #: O(1) to read (:class:`Generation`); ``build_app`` sets it
    generation: Callable[[], Hashable] = field(default=lambda: None)

    def changelog_topics(self) -> list[str]:
        """The changelog topic of every table (no I/O: faust only names them here)."""
        tables = [rows.table for rows in self.views.values()] + [self.entry_index]
        if self.lineage is not None:
            tables.append(self.lineage.table)
        return sorted(str(t.changelog_topic.get_topic_name()) for t in tables)


ENTRY_INDEX_TABLE = "entry-index"


class Generation:
    """A value that changes whenever the rows a worker holds may change wholesale; O(1) to read.

    Partitions revoked or assigned, and every end of recovery (faust's ``on_rebalance_complete``,
    sent once the changelogs are read), each bump a counter; the value is that counter and whether
    recovery has completed. Row indexes (:class:`streams.app.rowstore.RowTable`) read it on every
    read and are rebuilt when it changes. It used to be the consumer's assignment, read on every
    read: some 300 µs each on a loaded worker.
    """

    def __init__(self, app: faust.App) -> None:
        self.app = app
        self.changes = 0
        for signal in (app.on_partitions_revoked, app.on_partitions_assigned, app.on_rebalance_complete):
            signal.connect(self.bump)

    def bump(self, sender: Any, /, *args: Any, signal: Any = None, **kwargs: Any) -> None:
        self.changes += 1

    def __call__(self) -> tuple[int, bool]:
        try:
            tables: Any = self.app.tables
            recovered = bool(tables.recovery.completed.is_set())
        except Exception:  # not started yet
            recovered = False
        return self.changes, recovered


def _rocksdb_options(settings: Settings) -> dict[str, Any]:
    """One memory budget, ``rocksdb_memory_mb``, for every database of the worker (:mod:`streams.app.rocksdb_budget`).

    faust opens one RocksDB per table partition: the views, the timeline, the entry index and the
    lineage make 7 tables, so with 12 partitions a worker holding them all runs 84 databases. They
    share one block cache of the budget, their memtables charged to it (at most half of it): the
    total does not grow with the number of databases nor with the rows written. Each memtable is
    1 MB at most; the write buffer manager flushes the largest when together they reach their half.
    """
    total = settings.rocksdb_memory_mb * 1024 * 1024
    return {
        "driver": "rocksdict",
        # small memtables: the write buffer manager counts each memtable's arena blocks (an eighth of
        # its size by default, 64 kB here), so 84 memtables of 16 MB passed half of 64 MB on their
        # first rows and flushed all the time (twice the CPU per row); 1 MB costs what faust's own did
        "write_buffer_size": 1024 * 1024,
        "max_write_buffer_number": 2,
        "block_cache_size": 1024 * 1024,  # unused: the shared cache replaces faust's own per database
        "max_open_files": 64,
        MEMORY_OPTION: SharedMemory(total),
    }


def build_app(
    settings: Settings,
    *,
    extractor: Extractor | None = None,
    extractor_version: str | None = None,
) -> LiveLedgerApp:
    """Build a fresh faust app from ``settings``. No I/O happens until the worker starts."""
    if extractor is None:
        extractor, default_version = default_extractor()
        extractor_version = extractor_version or default_version
    version = extractor_version or "custom"

    app = faust.App(
        settings.app_id,
        broker=[f"kafka://{h.strip()}" for h in settings.kafka_bootstrap.split(",")],
        broker_credentials=faust_broker_credentials(settings),
        store=settings.store,
        datadir=str(settings.data_dir / "faust"),
        topic_partitions=settings.topic_partitions,
        # only for a topic faust would create itself; liveledger.kafka.topics makes them all first,
        # with the cluster's replication (3 on a 3-broker cluster)
        topic_replication_factor=settings.replication_factor or 1,
        processing_guarantee="at_least_once",
        consumer_auto_offset_reset="earliest",
        web_enabled=True,
        web_bind=settings.web_host,
        web_host=settings.web_host,
        web_port=settings.web_port,
        canonical_url=settings.canonical_url or f"http://{settings.web_host}:{settings.web_port}",
        autodiscover=False,
        table_standby_replicas=0,
        # A worker killed with -9 never leaves its group: its successor waits until the broker
        # drops the dead member's session: up to faust's default 60 s of no work after every crash
        # (in bench/worker_memory.py each restarted life did next to nothing for a minute). Heartbeats go every 3 s from
        # faust's consumer thread, so 20 s leaves six missed ones before a live worker is dropped.
        broker_session_timeout=20.0,
        broker_heartbeat_interval=3.0,
        broker_commit_every=200,
        broker_commit_interval=1.0,
        stream_buffer_maxsize=4096,
        # every send wakes the broker: on a busy machine each produce request costs the worker its
        # time slice (a catch-up spent ~18% in the socket write). Batches of up to 256 kB that wait
        # up to 10 ms make one request of many changelog rows and facts records
        producer_linger_ms=10,
        producer_max_batch_size=256 * 1024,
        web_in_thread=False,
        # aiohttp's default (1 MiB) cut a POST of a few thousand entries short with a bare 413;
        # above the API's own limit (5 MiB, liveledger.api.routes) it answers with its own message.
        value_serializer="json",
    )
    read_committed(app)  # appends by a fenced publisher are aborted; the views never see them
    raw: dict[str, Any] = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw", "value_serializer": "raw"}
    entries_topic = app.topic(settings.entries_topic, partitions=settings.topic_partitions, **raw)
    facts_topic = app.topic(settings.facts_topic, partitions=settings.topic_partitions, **raw)
    deadletter_topic = app.topic(settings.deadletter_topic, partitions=settings.topic_partitions, **raw)

    table_opts: dict[str, Any] = {}
    if settings.store.startswith("rocksdb"):
        table_opts["options"] = _rocksdb_options(settings)
        table_opts["store"] = store_url()  # faust's RocksDB store over the shared budget
    raw_tables = {
        view: app.Table(
            f"view-{view}",
            default=None,
            partitions=settings.topic_partitions,
            key_type=bytes,  # raw UTF-8 keys: the bytes the facts topic is keyed by, so table_route agrees
            value_type=bytes,  # rows framed by their codec (streams.views.rowbytes: deflated JSON)
            **table_opts,
        )
        for view in (*VIEWS, TIMELINE)
    }
    entry_index = app.Table(
        ENTRY_INDEX_TABLE,
        default=None,
        partitions=settings.topic_partitions,
        key_type=str,
        **table_opts,
    )

    generation = Generation(app)
    tables = {
        # a key's rows by a prefix scan: nothing in memory per row, however long the history
        view: RowTable(
            table, generation, framed(item_codec(ITEM_FIELDS) if view in VIEWS else TIMELINE_CODEC), prefix_scan=True
        )
        for view, table in raw_tables.items()
    }
    lineage = lineage_rows(app, settings.topic_partitions, table_opts, generation, settings.asof_horizon_s)
    ll = LiveLedgerApp(app, settings, entries_topic, facts_topic, deadletter_topic, tables, entry_index)
    ll.lineage = lineage
    ll.generation = generation

    def forget_revoked_chains(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
        """A revoked entries partition's chain heads go stale while another worker consumes it."""
        revoked = args[0] if args else kwargs.get("revoked", ())
        ll.chain.forget(tp.partition for tp in revoked if tp.topic == settings.entries_topic)

    app.on_partitions_revoked.connect(forget_revoked_chains)

    async def release_freed_memory() -> None:
        """What the worker has freed goes back to the system, not kept by malloc (streams.app.malloc)."""
        await asyncio.to_thread(trim)  # the C call releases the GIL: the loop goes on meanwhile

    app.timer(TRIM_EVERY_S, name="liveledger-malloc-trim")(release_freed_memory)

    agents = Agents(ll, extractor, version)
    ll.agents["entries"] = app.agent(entries_topic, name="liveledger-entries", supervisor_strategy=CrashingSupervisor)(
        agents.process_entries
    )
    ll.agents["views"] = app.agent(facts_topic, name="liveledger-views", supervisor_strategy=CrashingSupervisor)(
        agents.process_facts
    )
    return ll
