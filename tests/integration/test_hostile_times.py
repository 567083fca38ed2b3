"""A record whose source time has no UTC form is unreadable to the publisher and replay, as to the worker.

The envelope is valid and correctly chained; only its payload's ``source_published_at``
("0001-01-01T00:00:00+05:00") overflows when the domain event converts it to UTC, with an
``OverflowError`` rather than a schema error. The worker dead-letters it (it catches any decode
failure); the publisher's start and replay's read caught schema errors only, so one such record on
the log stopped every publisher from starting and every replay and audit from reading.
"""

from __future__ import annotations

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.topics import ensure_log_topics
from liveledger.settings import Settings
from replay.source import read_log
from schemas.codec import seal
from schemas.envelope import GENESIS_HASH

pytestmark = pytest.mark.kafka


async def _append_hostile(settings: Settings) -> None:
    fields = {
        "type": "entry.published",
        "blog_id": "hostile",
        "entry_id": "h1",
        "occurred_at": None,
        "payload": {"body": "x", "source_published_at": "0001-01-01T00:00:00+05:00"},
    }
    raw, _ = seal(fields, "ev-hostile", "2024-11-20T06:00:00.000000Z", GENESIS_HASH)
    await ensure_log_topics(settings, include_derived=False)
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(settings.entries_topic, raw, key=b"hostile")
    finally:
        await producer.stop()


async def test_a_time_with_no_utc_form_on_the_log_stops_neither_publishing_nor_replay(settings: Settings) -> None:
    await _append_hostile(settings)
    line = orjson.dumps({"entry_id": "e1", "blog_id": "fine", "body": "Two were hurt."})
    assert (await publish_lines(settings, [line]))["published"] == 1  # the publisher read past it at start
    records = await read_log(settings)
    hostile = [r for r in records if r.envelope is not None and r.envelope.entry_id == "h1"]
    assert len(records) == 2 and len(hostile) == 1
    assert hostile[0].event is None and "outside the years 1 to 9999" in (hostile[0].error or "")
