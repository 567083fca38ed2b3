"""The worker's Kafka consumer, as faust builds it for the app: read_committed, and bounded fetches.

Built, never started: no broker involved (aiokafka does no I/O before ``start``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from liveledger.settings import Settings
from streams.app import committed
from streams.app.factory import build_app


async def test_the_worker_consumer_reads_committed_with_bounded_fetches(tmp_path: Path) -> None:
    ll = build_app(Settings(store="memory://", data_dir=tmp_path, app_id="fetch-bounds-test"))
    consumer = ll.app.consumer
    assert isinstance(consumer, committed.CommittedConsumer)
    transport: Any = ll.app.transport
    kafka = consumer._thread._create_worker_consumer(transport)
    assert kafka._isolation_level == "read_committed"
    # what a resumed worker holds fetched: at most a few MB, not 1 MiB for each of its 24+ partitions
    assert kafka._max_partition_fetch_bytes == committed.FETCH_PARTITION_BYTES <= 256 * 1024
    assert kafka._fetch_max_bytes == committed.FETCH_MAX_BYTES <= 8 * 1024 * 1024
    assert kafka._max_poll_records == committed.POLL_RECORDS <= 2000
