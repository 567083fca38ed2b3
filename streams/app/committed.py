"""The worker reads only committed records.

Publishers append inside Kafka transactions (``liveledger.publish.txn``): an append by a writer
that lost the write fence is aborted, and must never reach the views. faust reads
``read_committed`` only in its own exactly-once mode, which also changes how it commits; this
keeps faust's at-least-once processing and sets just the isolation level of its consumer.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Consumer


class _CommittedConsumerThread(AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka builds its fetcher from this attribute in start(), which runs after this returns
        consumer._isolation_level = "read_committed"
        return consumer


class CommittedConsumer(Consumer):
    """faust's aiokafka consumer, reading ``read_committed``."""

    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return _CommittedConsumerThread(self, loop=self.loop, beacon=self.beacon)


def read_committed(app: Any) -> None:
    """Make ``app``'s worker consumer read committed records only (call before the worker starts)."""
    app.transport.Consumer = CommittedConsumer
