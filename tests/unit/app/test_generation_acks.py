"""An ack counts toward the commit only for a message of the consumer's current generation.

faust's stream skips a message fetched before the last rebalance without processing it, and acks it:
counted, that ack let the commit pass a record no agent had processed, and a kill -9 before its
re-read copy was processed lost it (rows the replay has and the live views never got).
"""

from __future__ import annotations

from pathlib import Path

from faust.types import TP
from faust.types.tuples import Message

from liveledger.settings import Settings
from streams.app.committed import CommittedConsumer
from streams.app.factory import build_app

FACTS = "gen.facts"


def consumer(tmp_path: Path) -> tuple[CommittedConsumer, object]:
    ll = build_app(Settings(store="memory://", data_dir=tmp_path, app_id="gen", facts_topic=FACTS))
    c = ll.app.consumer
    assert isinstance(c, CommittedConsumer)
    ll.app.topics.acks_enabled_for = lambda topic: topic == FACTS  # type: ignore[method-assign]  # the agent's topic
    return c, ll.app


def message(offset: int, generation: int) -> Message:
    return Message(FACTS, 0, offset, 0.0, 0, None, b"k", b"v", None, generation_id=generation)


def test_an_ack_of_a_message_from_before_the_rebalance_is_not_counted(tmp_path: Path) -> None:
    c, app = consumer(tmp_path)
    tp = TP(FACTS, 0)
    app.consumer_generation_id = 2  # type: ignore[attr-defined]
    c._committed_offset[tp] = 10
    old = [message(o, 1) for o in range(10, 13)]  # fetched in generation 1, skipped by the stream in 2
    for m in old:
        assert c.ack(m) is False and m.acked
    assert c._acked[tp] == []
    assert c._new_offset(tp) is None  # the commit stays at 10: nothing was processed
    for o in range(10, 13):  # the copies read again in generation 2, processed
        assert c.ack(message(o, 2)) is True
    assert c._new_offset(tp) == 13


async def test_acks_from_the_rebalance_window_are_dropped_at_the_assignment(tmp_path: Path) -> None:
    c, app = consumer(tmp_path)
    tp = TP(FACTS, 0)
    c._committed_offset[tp] = None  # faust drops it with the revoked partition
    assert c.ack(message(4, 0)) is True  # acked between revocation and assignment
    assert c._acked[tp] == [4]

    async def nothing(*args: object, **kwargs: object) -> None:
        return None

    c._on_partitions_assigned = nothing  # type: ignore[method-assign]  # faust's callback chain (recovery)
    app.on_rebalance_return = lambda: None  # type: ignore[attr-defined]
    await c.on_partitions_assigned({tp}, 1)
    assert c._acked[tp] == [] and 4 not in c._acked_index[tp]
