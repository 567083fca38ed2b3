"""The facts records of a batch leave the Kafka client at once; other topics' batches keep lingering."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from aiokafka.producer.message_accumulator import MessageAccumulator
from aiokafka.structs import TopicPartition

from streams.app.dispatch import dispatch_now

FACTS = TopicPartition("ll.facts", 3)
CHANGELOG = TopicPartition("ll-view-casualties-changelog", 3)


class OneBroker:
    """A cluster of one broker, leader of every partition."""

    def leader_for_partition(self, tp: TopicPartition) -> int:
        return 0


async def test_only_the_named_topics_batches_are_sent_without_their_linger() -> None:
    acc = MessageAccumulator(OneBroker(), 256 * 1024, 0, 30, linger_ms=60_000)
    for tp in (FACTS, CHANGELOG):
        await acc.add_message(tp, b"k", b"a value", timeout=1)
    nodes, _ = acc.drain_by_nodes(ignore_nodes=set())
    assert not nodes  # both still lingering

    waiter = acc._waiter_future
    assert dispatch_now(SimpleNamespace(_message_accumulator=acc), FACTS.topic) == 1
    assert waiter.done()  # the sender is woken
    nodes, _ = acc.drain_by_nodes(ignore_nodes=set())
    assert list(nodes[0]) == [FACTS]  # the facts go now, the changelog row keeps lingering
    await acc.add_message(FACTS, b"k", b"later", timeout=1)  # a later record starts a batch of its own
    assert len(acc._batches[FACTS]) == 1 and not acc._batches[FACTS][0]._builder.closed()
    await asyncio.sleep(0)


def test_a_producer_without_that_shape_is_left_alone() -> None:
    assert dispatch_now(None, FACTS.topic) == 0
    assert dispatch_now(SimpleNamespace(_message_accumulator=object()), FACTS.topic) == 0
