"""Put an altered copy of the log's first event back on the entries topic, its stored hash left as it was."""

from __future__ import annotations

import orjson
from aiokafka import AIOKafkaProducer
from aiokafka.structs import RecordMetadata

from liveledger.settings import Settings
from replay.source import read_log


async def send_altered_event(settings: Settings, blog: str, body: str) -> RecordMetadata:
    """Send the first event of the log again as ``ev-altered`` with ``body``; where it landed."""
    doc = orjson.loads(next(r.raw for r in await read_log(settings) if r.envelope is not None))
    altered = dict(doc, event_id="ev-altered", payload=dict(doc["payload"], body=body))
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    await producer.start()
    try:
        return await producer.send_and_wait(settings.entries_topic, orjson.dumps(altered), key=blog.encode())
    finally:
        await producer.stop()
