"""The composition root of the worker: ``build_app(settings)`` wires faust to the pure core.

Two agents:

* ``entries``: reads ``liveledger.entries``, decodes each event, extracts its facts
  (``streams.core.pipeline``), plans the contributions to every view key
  (``streams.views.routing.plan``) against the entry's previous keys, and sends
  them to ``liveledger.facts`` keyed by view key. Anything it cannot decode,
  validate or extract goes to ``liveledger.deadletter`` (stage ``decode``,
  ``extract`` or ``plan``, counted in ``WorkerStats``); the agent carries on.
  An extractor that raises is such a failure (``ExtractionError``, stage
  ``extract``): the entry contributes nothing, exactly as in replay.
  A contribution over ``settings.max_record_bytes`` (``RecordTooLarge``) dead-letters the
  entry event at stage ``size`` before anything is sent: a record Kafka would refuse never
  reaches a send, so it cannot crash-loop the worker.
* ``views``: reads ``liveledger.facts`` and folds each contribution into the row of its
  (view key, entry) with the pure ``apply_row`` (idempotent, order-free). One row per entry
  and key (:mod:`streams.app.rowstore`): the cost of a write, and the size of its changelog
  record, do not grow with the key's history.

The facts topic is keyed by the table key, with the same partition count as the
tables, so each key's changelog partition equals its facts partition and faust's
``table_route`` finds the worker that owns a key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import faust
from aiokafka.errors import MessageSizeTooLargeError
from mode import CrashingSupervisor

from liveledger.settings import Settings
from schemas.codec import parse_envelope, to_event
from streams.app.committed import read_committed
from streams.app.deadletter import dead_letter_headers
from streams.app.facts_format import batch, unbatch
from streams.app.rowstore import RowTable
from streams.app.stats import WorkerStats
from streams.core.pipeline import Extractor, default_extractor, entry_facts
from streams.core.records import Position
from streams.core.timeline import TIMELINE, timeline_contribution
from streams.views.limits import check_sizes
from streams.views.routing import ITEM_FIELDS, VIEWS, plan
from streams.views.rows import apply_row

_log = logging.getLogger(__name__)


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

    def changelog_topics(self) -> list[str]:
        """The changelog topic of every table (no I/O: faust only names them here)."""
        tables = [rows.table for rows in self.views.values()] + [self.entry_index]
        return sorted(str(t.changelog_topic.get_topic_name()) for t in tables)


def _rocksdb_options(settings: Settings) -> dict[str, Any]:
    """Memory settings that fit a small machine: the budget is split across the tables."""
    per_table = max(4, settings.rocksdb_memory_mb // (len(VIEWS) + 2)) * 1024 * 1024
    return {
        "driver": "rocksdict",
        "write_buffer_size": per_table // 4,
        "max_write_buffer_number": 2,
        "block_cache_size": per_table // 2,
        "max_open_files": 256,
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
        broker_commit_every=200,
        broker_commit_interval=1.0,
        stream_buffer_maxsize=4096,
        producer_linger_ms=2,
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
    raw_tables = {
        view: app.Table(
            f"view-{view}",
            default=None,
            partitions=settings.topic_partitions,
            key_type=bytes,  # raw UTF-8 keys: the bytes the facts topic is keyed by, so table_route agrees
            **table_opts,
        )
        for view in (*VIEWS, TIMELINE)
    }
    entry_index = app.Table(
        "entry-index",
        default=None,
        partitions=settings.topic_partitions,
        key_type=str,
        **table_opts,
    )

    def generation() -> tuple[frozenset[Any], bool]:
        """Changes when the rows a worker holds may change wholesale: a new assignment, or recovery ending."""
        try:
            assignment = frozenset(app.consumer.assignment())
        except Exception:  # not started yet
            assignment = frozenset()
        try:
            tables: Any = app.tables
            recovered = bool(tables.recovery.completed.is_set())
        except Exception:
            recovered = False
        return assignment, recovered

    tables = {
        view: RowTable(table, generation, ITEM_FIELDS if view in VIEWS else None) for view, table in raw_tables.items()
    }
    ll = LiveLedgerApp(app, settings, entries_topic, facts_topic, deadletter_topic, tables, entry_index)

    async def dead_letter(stage: str, error: BaseException, message: Any) -> None:
        headers = dead_letter_headers(
            stage=stage, error=error, topic=message.topic, partition=message.partition, offset=message.offset
        )
        # Wait until Kafka has it: the offset must never move past an event that was
        # neither processed nor dead-lettered.
        fut = await deadletter_topic.send(key=message.key, value=message.value or b"", headers=headers)
        await fut
        ll.stats.dead_lettered(stage)
        _log.warning(
            "dead-lettered %s:%s:%s at stage %s: %s: %s",
            message.topic,
            message.partition,
            message.offset,
            stage,
            type(error).__name__,
            error,
        )

    async def process_entries(stream: Any) -> None:
        async for event in stream.events():
            msg = event.message
            position = Position(msg.topic, msg.partition, msg.offset)
            stage = "decode"
            try:
                _, env = parse_envelope(msg.value or b"")
                domain_event = to_event(env)
                stage = "extract"
                ef = entry_facts(domain_event, position, extractor, version)
                stage = "plan"
                known = entry_index.get(ef.entry_key)
                contributions, new_keys = plan(ef, known["keys"] if known else {})
                contributions.append(timeline_contribution(ef))
                stage = "size"
                check_sizes(contributions, settings.max_record_bytes)
                records = batch(contributions, settings.topic_partitions, settings.max_record_bytes)
            except Exception as e:  # any failure of the pure core on this event
                await dead_letter(stage, e, msg)
                continue
            try:
                for partition, key, body in records:
                    await facts_topic.send(key=key, value=body, partition=partition)
            except MessageSizeTooLargeError as e:  # the client's or broker's limit is under max_record_bytes
                _log.error("a facts record of %s was refused as too large: lower LIVELEDGER_MAX_RECORD_BYTES", msg.key)
                await dead_letter("size", e, msg)
                continue
            # Like ViewSet: only an event at least as new as the stored one replaces the keys,
            # so a redelivered older event cannot make the next correction miss a tombstone.
            if known is None or list(ef.stamp) >= known["stamp"]:
                entry_index[ef.entry_key] = {"stamp": list(ef.stamp), "keys": new_keys}
            ll.stats.entries_processed += 1
            ll.stats.contributions_emitted += len(contributions)
            ll.stats.last_published_at = ef.published_at

    async def process_facts(stream: Any) -> None:
        async for event in stream.events():
            msg = event.message
            try:
                contributions = unbatch(msg.value or b"")
                targets = [tables[c.view] for c in contributions]  # every view known before any apply
                if len(msg.value or b"") > settings.max_record_bytes:  # not from our entries agent
                    check_sizes(contributions, settings.max_record_bytes)
            except Exception as e:
                await dead_letter("contribution", e, msg)
                continue
            for c, rows in zip(contributions, targets, strict=True):
                record = apply_row(rows.get_row(c.key, c.entry_key), c)
                if record is not None:  # an older or repeated contribution writes nothing
                    rows.put_row(c.key, c.entry_key, record)
                ll.stats.contributions_applied += 1
                for listener in ll.listeners:
                    listener(c.view, c.key)
                if c.view == TIMELINE:  # one per entry event: the moment the entry became visible
                    ll.stats.entry_visible(c.stamp[0])

    ll.agents["entries"] = app.agent(entries_topic, name="liveledger-entries", supervisor_strategy=CrashingSupervisor)(
        process_entries
    )
    ll.agents["views"] = app.agent(facts_topic, name="liveledger-views", supervisor_strategy=CrashingSupervisor)(
        process_facts
    )
    return ll
