"""The one writer of a log: a transactional producer whose start fences every other writer.

Kafka's transactional producer is the fence (EventStoreDB's expected-version append is the model):
all publishers of one entries topic share one ``transactional.id``. When a publisher starts (or
restarts after losing the fence), the broker bumps the id's epoch: any other publisher's open
transaction is aborted and its next send fails with ``ProducerFenced``. After starting, the
publisher reads the log up to its committed end (from where its checkpoint ends, see
``liveledger.publish.resume``), so its chain heads are the true heads; an append
then commits only if nobody has fenced it since, i.e. only if it was linked to the true head.
Readers use ``read_committed``, so an aborted (fenced) append is never seen.
"""

from __future__ import annotations

import asyncio
import logging

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from liveledger.kafka.topics import BrokerUnreachable
from liveledger.publish.quiet import quiet_fenced_futures
from liveledger.settings import Settings

log = logging.getLogger(__name__)


def writer_id(settings: Settings) -> str:
    """The transactional id every publisher of ``settings.entries_topic`` shares."""
    return settings.writer_id or f"liveledger-writer.{settings.entries_topic}"


async def start_fencing_producer(settings: Settings) -> AIOKafkaProducer:
    """A started transactional producer that holds the fence: every older writer is fenced off."""
    quiet_fenced_futures()
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        acks="all",
        enable_idempotence=True,
        transactional_id=writer_id(settings),
        transaction_timeout_ms=int(settings.publish_timeout_s * 1000) + 50_000,
        linger_ms=5,
        max_batch_size=256 * 1024,
        request_timeout_ms=60000,
        **settings.kafka_client_kwargs(),
    )
    try:
        await producer.start()
        # InitProducerId runs in the background; an empty transaction waits for it, so the fence
        # is in place (older writers' transactions aborted) before the caller reads the log.
        await asyncio.wait_for(producer.begin_transaction(), 30.0)
        await asyncio.wait_for(producer.abort_transaction(), 30.0)
    except (KafkaError, TimeoutError) as e:
        await stop_quietly(producer)
        raise BrokerUnreachable(
            f"the publisher could not take the write fence ({writer_id(settings)}) at {settings.kafka_bootstrap}: {e}"
        ) from e
    return producer


async def stop_quietly(producer: AIOKafkaProducer) -> None:
    """Stop a producer that may be fenced or cut off (within 10 s); a failure to stop is logged, not raised."""
    try:
        await asyncio.wait_for(producer.stop(), 10.0)
    except (KafkaError, TimeoutError, OSError) as e:
        log.warning("a fenced or cut-off producer did not stop cleanly: %r", e)


async def settle_quietly(futures: list[asyncio.Future[object]]) -> None:
    """Collect the outcome of every send of an interrupted transaction (they fail with it), within 10 s."""
    if not futures:
        return
    done, pending = await asyncio.wait(futures, timeout=10.0)
    for fut in done:
        if not fut.cancelled() and fut.exception() is not None:
            log.debug("send of an interrupted append failed: %r", fut.exception())
    for fut in pending:
        fut.cancel()


async def abort_quietly(producer: AIOKafkaProducer) -> None:
    """Abort the open transaction if the producer still can (a fenced one cannot; the broker did)."""
    try:
        await asyncio.wait_for(producer.abort_transaction(), 10.0)
    except Exception as e:  # fenced or cut off: the broker aborts the transaction on its own
        log.debug("abort after an interrupted append did not go through: %r", e)
