"""Detect a local table store that does not belong to the cluster it is about to join.

Kafka Streams wipes a state store whose checkpoint is ahead of its changelog and restores it.
faust instead stops with ``ConsistencyError`` (persisted offset higher than the last offset),
which crash-loops the worker; and when the changelog is empty (a fresh broker, a recreated
topic) faust does not check at all, so rows that are on no log would be served.

Before the worker starts, every partition store found on disk is compared with its changelog:
the store's persisted offset must be below the changelog's end offset. If any is not, the whole
table directory is removed (one log line says why) and faust restores the tables from the
changelogs, which are the durable copy.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer

from liveledger.kafka.reader import end_offsets
from liveledger.settings import Settings

log = logging.getLogger(__name__)
OFFSET_KEY = b"__faust\0offset__"  # where faust's RocksDB store keeps a partition's applied offset


@dataclass(frozen=True)
class Mismatch:
    changelog: str
    partition: int
    persisted: int
    end: int

    def __str__(self) -> str:
        return (
            f"changelog {self.changelog} partition {self.partition} has applied changelog offset {self.persisted}, "
            f"but the changelog ends at {self.end}"
        )


def persisted_offset(db_path: Path) -> int | None:
    """The changelog offset a faust RocksDB partition store has applied, read without taking its lock."""
    from rocksdict import AccessType, Rdict

    db = Rdict(str(db_path), access_type=AccessType.read_only())
    try:
        raw = db.get(OFFSET_KEY)
    finally:
        db.close()
    return None if raw is None else int(raw)


def _stores(tabledir: Path, table: str) -> dict[int, Path]:
    found: dict[int, Path] = {}
    for p in tabledir.glob(f"{table}-*.db"):
        tail = p.name[len(table) + 1 : -len(".db")]
        if tail.isdigit():
            found[int(tail)] = p
    return found


def stores_on_disk(settings: Settings, app: Any) -> dict[str, dict[int, int | None]]:
    """``{table: {partition: applied offset}}`` for every partition store of ``app`` found on disk."""
    tabledir = Path(app.conf.tabledir)
    if not settings.store.startswith("rocksdb") or not tabledir.is_dir():
        return {}
    on_disk: dict[str, dict[int, int | None]] = {}
    for table in app.tables.values():
        stores = _stores(tabledir, table.name)
        if stores:
            on_disk[table.changelog_topic.get_topic_name()] = {p: persisted_offset(path) for p, path in stores.items()}
    return on_disk


async def find_mismatches(settings: Settings, on_disk: dict[str, dict[int, int | None]]) -> list[Mismatch]:
    """The stores of ``on_disk`` (see :func:`stores_on_disk`) that are ahead of their changelog."""
    if not on_disk:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False, **settings.kafka_client_kwargs()
    )
    await consumer.start()
    try:
        found: list[Mismatch] = []
        for topic, stores in sorted(on_disk.items()):
            ends = {tp.partition: off for tp, off in (await end_offsets(settings, consumer, topic)).items()}
            for partition, applied in sorted(stores.items()):
                end = ends.get(partition, 0)
                if applied is not None and applied >= end:
                    found.append(Mismatch(topic, partition, applied, end))
        return found
    finally:
        await consumer.stop()


def wipe_stale_state(settings: Settings, app: Any, run: Any) -> list[Mismatch]:
    """Remove the table directory when a store is ahead of its changelog; return what was found.

    ``run`` runs a coroutine to completion (the worker's ``loop.run_until_complete``).
    """
    found: list[Mismatch] = run(find_mismatches(settings, stores_on_disk(settings, app)))
    if found:
        tabledir = Path(app.conf.tabledir)
        log.warning(
            "local state in %s does not match the cluster (%s%s); the broker or its topics are new. "
            "Wiping it: the tables are restored from their changelogs.",
            tabledir,
            found[0],
            f", and {len(found) - 1} more" if len(found) > 1 else "",
        )
        shutil.rmtree(tabledir)
    return found


__all__ = ["Mismatch", "find_mismatches", "persisted_offset", "stores_on_disk", "wipe_stale_state"]
