"""During a revocation, an ack counts only for an event a stream took in (faust's real stream code).

faust stops the flow at the start of a revocation, then waits for the events its streams took in
to be acked (``wait_empty``) and commits, still in the old generation, the partitions it hands
over included. A stream that gets an event while the flow is stopped skips it without processing
it; faust's pure-Python stream iterator acks it all the same (its Cython one does not). Counted,
that ack let the revocation's commit pass an event no agent processed, and the partition's next
owner started after it: the event was lost. An event taken in before the flow stopped, and acked
once its batch is done during the revocation, must count: its writes reach the changelog before
that commit (:mod:`streams.app.changelog_drain`).

These run faust's own ``Stream.take_events`` (the agents' loop) over a real channel, with the
worker's consumer (:class:`streams.app.committed.CommittedConsumer`) and the app's own flow control.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import faust.streams
import pytest
from faust.types import TP
from faust.types.tuples import ConsumerMessage

from liveledger.settings import Settings
from streams.app.committed import CommittedConsumer
from streams.app.factory import build_app

FACTS = "rev.facts"
TOPIC_PARTITION = TP(FACTS, 0)
GENERATION = 3
#: how long ``take_events`` waits to fill a batch (the agents' ``batch_ms``)
WITHIN_S = 0.2
#: the most the test waits for a stream to reach a state (loaded machine); polls every 10 ms
WAIT_S = 30.0


@pytest.fixture(params=["python", "cython"])
def iterator(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """faust's two stream iterators: the pure-Python one (``NO_CYTHON``) acks a skipped event."""
    if request.param == "python":
        monkeypatch.setattr(faust.streams, "_CStreamIterator", None)
    elif faust.streams._CStreamIterator is None:
        pytest.fail("faust's Cython stream iterator is not importable here")
    return str(request.param)


async def until(what: str, done: Callable[[], bool]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while not done():
        assert loop.time() < deadline, f"not reached in {WAIT_S:.0f} s: {what}"
        await asyncio.sleep(0.01)


class Harness:
    """One real app, its worker consumer, and a stream over a channel taken in batches."""

    def __init__(self, tmp_path: Path) -> None:
        self.ll = build_app(Settings(store="memory://", data_dir=tmp_path, app_id="rev", facts_topic=FACTS))
        self.app: Any = self.ll.app
        consumer = self.app.consumer
        assert isinstance(consumer, CommittedConsumer)
        self.consumer = consumer
        self.app.topics.acks_enabled_for = lambda topic: topic == FACTS  # the views agent's topic
        self.app.topics._acking_topics.add(FACTS)
        self.app.consumer_generation_id = GENERATION
        self.channel = self.app.channel(key_type=bytes, value_type=bytes, maxsize=100)
        self.processed: list[int] = []
        self.batch_started = asyncio.Event()
        self.finish_batch = asyncio.Event()
        self.finish_batch.set()

    async def agent(self) -> None:
        stream = self.channel.stream()
        async for events in stream.take_events(100, WITHIN_S):
            self.batch_started.set()
            await self.finish_batch.wait()
            self.processed.extend(e.message.offset for e in events)

    def deliver(self, offset: int) -> ConsumerMessage:
        """What faust's conductor does with a fetched record: one event in the channel's queue."""
        message = ConsumerMessage(FACTS, 0, offset, 0.0, 0, None, b"k", b"v", None, generation_id=GENERATION)
        message.incref(1)
        event = self.app.create_event(b"k", b"v", None, message)
        for queue in self.queues():
            queue.put_nowait(event)
        return message

    def queues(self) -> list[Any]:
        """The queues of the channel's iterators (a stream reads a clone of its channel)."""
        queues = [subscriber.queue for subscriber in self.channel._subscribers]
        assert queues, "the stream has not started reading"
        return queues

    def revoke(self) -> None:
        """What faust's revocation does before it waits for the streams: its consumer forgets the
        partition's acks and committed offset, then the flow stops."""
        for table in (self.consumer._acked, self.consumer._acked_index, self.consumer._committed_offset):
            table.pop(TOPIC_PARTITION, None)
        self.consumer.stop_flow()
        self.app.flow_control.suspend()

    def counted(self) -> list[int]:
        return sorted(self.consumer._acked.get(TOPIC_PARTITION, []))


async def test_an_event_skipped_while_the_flow_is_stopped_is_not_counted(tmp_path: Path, iterator: str) -> None:
    h = Harness(tmp_path)
    h.consumer.resume_flow()
    h.app.flow_control.resume()  # it starts suspended
    h.consumer._committed_offset[TOPIC_PARTITION] = 10
    task = asyncio.create_task(h.agent())
    try:
        await until("the stream reads the channel", lambda: bool(h.channel._subscribers))
        for offset in (10, 11):
            h.deliver(offset)
        await until("10 and 11 counted", lambda: h.counted() == [10, 11])
        assert h.processed == [10, 11]

        h.revoke()
        skipped = h.deliver(12)  # fetched as the flow stopped, put after faust cleared the queues
        await until("the stream took 12 from its queue", lambda: all(q.empty() for q in h.queues()))
        await asyncio.sleep(3 * WITHIN_S)  # a batch would be due by now
        assert h.processed == [10, 11], "faust skips an event while the flow is stopped"
        assert 12 not in h.counted(), f"{iterator}: a skipped event was counted as done"
        assert h.consumer._new_offset(TOPIC_PARTITION) is None, "the revocation's commit passes 12"
        assert skipped not in h.consumer._unacked_messages  # wait_empty does not wait for it
    finally:
        task.cancel()


async def test_an_event_taken_in_before_the_flow_stopped_counts_when_its_batch_is_done(
    tmp_path: Path, iterator: str
) -> None:
    h = Harness(tmp_path)
    h.consumer.resume_flow()
    h.app.flow_control.resume()
    h.consumer._committed_offset[TOPIC_PARTITION] = 20
    h.finish_batch.clear()
    task = asyncio.create_task(h.agent())
    try:
        await until("the stream reads the channel", lambda: bool(h.channel._subscribers))
        taken = h.deliver(20)
        await until("the batch of 20 started", h.batch_started.is_set)
        assert taken in h.consumer._unacked_messages  # what faust's wait_empty waits for
        h.revoke()
        h.finish_batch.set()  # the batch ends during the revocation, as wait_empty lets it
        await until("20 acked", lambda: taken.acked)
        assert h.processed == [20]
        assert h.counted() == [20], f"{iterator}: a processed event's ack was dropped"
        assert h.consumer._new_offset(TOPIC_PARTITION) == 21
    finally:
        task.cancel()
