"""The worker consumer's commit over faust's own bookkeeping: markers passed, a dropped record read again.

The consumer is built without a running faust app: only the structures its commit reads are set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest
from faust.transport.drivers.aiokafka import Consumer
from faust.types import TP

from streams.app import committed
from streams.app.committed import CommittedConsumer
from streams.app.offset_gaps import Gaps, non_records

TOPIC_PARTITION = TP("t.entries", 3)


def consumer(committed_offset: int | None) -> CommittedConsumer:
    c = object.__new__(CommittedConsumer)
    c._acked = defaultdict(list)
    c._acked_index = defaultdict(set)
    c._committed_offset = defaultdict(lambda: None)
    c._committed_offset[TOPIC_PARTITION] = committed_offset
    c._no_records = {}
    c._started_at = {}
    c._holes = {}
    c._reread = False
    c._fetched_to = {}
    c._reread_from = {}
    c._reread_at = 0.0
    return c


def ack(c: CommittedConsumer, *offsets: int) -> None:
    c._acked[TOPIC_PARTITION].extend(offsets)
    c._acked_index[TOPIC_PARTITION].update(offsets)


def fetched_over(c: CommittedConsumer, before: int, records: list[int], after: int) -> None:
    gaps = c._no_records.setdefault(TOPIC_PARTITION, Gaps())
    for b, e in non_records(before, records, after):
        gaps.add(b, e)


def test_the_commit_passes_every_marker_up_to_the_log_end() -> None:
    c = consumer(100)
    fetched_over(c, 100, [100, 102, 104], 106)  # markers at 101, 103 and 105 (the last one trails)
    ack(c, 100, 102, 104)
    assert c._new_offset(TOPIC_PARTITION) == 106
    assert c._acked[TOPIC_PARTITION] == [] and c._acked_index[TOPIC_PARTITION] == set()
    assert not c._reread


def test_a_record_dropped_while_later_ones_are_done_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(committed, "_clock", lambda: clock[0])
    c = consumer(10)
    fetched_over(c, 10, [10, 11, 12, 13], 14)
    ack(c, 10, 12, 13)  # 11 was fetched, then dropped: never acked
    assert c._new_offset(TOPIC_PARTITION) == 11  # never past 11
    clock[0] += committed.HOLE_S / 2
    c._committed_offset[TOPIC_PARTITION] = 11
    assert c._new_offset(TOPIC_PARTITION) is None
    assert not c._reread  # not yet: it may still come
    clock[0] += committed.HOLE_S
    assert c._new_offset(TOPIC_PARTITION) is None
    assert c._reread  # the next fetch seeks back to the committed offset 11
    assert c._acked[TOPIC_PARTITION] == [12, 13]  # kept: done already


def test_a_record_not_done_with_nothing_later_done_is_no_hole(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    monkeypatch.setattr(committed, "_clock", lambda: clock[0])
    c = consumer(20)
    fetched_over(c, 20, [20, 21], 22)
    ack(c, 20)
    for _ in range(3):
        c._new_offset(TOPIC_PARTITION)
        clock[0] += committed.HOLE_S
    assert not c._reread  # 21 is simply still being processed


class _Record:
    def __init__(self, offset: int) -> None:
        self.offset = offset


class _Topics:
    @staticmethod
    def acks_enabled_for(topic: str) -> bool:
        return True


class _App:
    topics = _Topics()


def fetch(c: CommittedConsumer, before: int, records: range, after: int) -> None:
    """What the consumer notes of one fetch of ``records`` that moved the position ``before`` -> ``after``."""
    recs = [_Record(o) for o in records]
    tp = TOPIC_PARTITION
    c._note_non_records(committed._Fetched({tp: recs}, {tp: before}, {tp: after}))


async def read_again(
    c: CommittedConsumer, monkeypatch: pytest.MonkeyPatch, during_seek: Callable[[], None] = lambda: None
) -> None:
    """The consumer's next fetch, which seeks back to the committed offsets first (it returns nothing here).

    ``during_seek`` runs while the seek waits for the group coordinator (faust's commit timer goes on meanwhile).
    """
    seeks: list[int] = []

    async def perform_seek() -> None:
        seeks.append(1)
        during_seek()

    async def nothing(self: object, active: object, timeout: float) -> committed._Fetched:  # noqa: ASYNC109
        return committed._Fetched({}, {}, {})

    monkeypatch.setattr(c, "perform_seek", perform_seek)
    monkeypatch.setattr(Consumer, "_getmany", nothing)  # faust's, under CommittedConsumer
    await c._getmany(None, 1.0)
    assert seeks == [1]


def hole_consumer(monkeypatch: pytest.MonkeyPatch) -> tuple[CommittedConsumer, list[float]]:
    """A partition committed at 10 whose record 11 was dropped; fetched up to 40, done up to 30; re-read ordered."""
    clock = [1000.0]
    monkeypatch.setattr(committed, "_clock", lambda: clock[0])
    c = consumer(10)
    c.app = _App()  # type: ignore[assignment]
    fetch(c, 10, range(10, 14), 14)
    fetch(c, 14, range(14, 41), 41)
    ack(c, 10, *range(12, 31))
    assert c._new_offset(TOPIC_PARTITION) == 11
    c._committed_offset[TOPIC_PARTITION] = 11
    clock[0] += committed.HOLE_S + 1
    assert c._new_offset(TOPIC_PARTITION) is None
    assert c._reread
    return c, clock


async def test_after_a_re_read_records_fetched_before_it_do_not_order_another(monkeypatch: pytest.MonkeyPatch) -> None:
    c, clock = hole_consumer(monkeypatch)
    await read_again(c, monkeypatch)
    assert not c._reread
    # The streams still hold the copies of 31..40 fetched before the seek; the new copy of 11 is behind
    # them. Their acks, however long they take, say nothing about it (before: read again every HOLE_S)
    for offset in range(31, 41):
        ack(c, offset)
        assert c._new_offset(TOPIC_PARTITION) is None
        clock[0] += committed.HOLE_S
        assert not c._reread, f"read again at the ack of {offset}, fetched before the re-read"
    # the new copy of 11 comes through: the commit passes everything done
    fetch(c, 11, range(11, 45), 45)
    ack(c, 11)
    assert c._new_offset(TOPIC_PARTITION) == 41
    assert not c._reread


async def test_a_record_dropped_again_after_its_re_read_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    c, clock = hole_consumer(monkeypatch)
    await read_again(c, monkeypatch)
    fetch(c, 11, range(11, 50), 50)  # the re-read, and 41..49 that are new
    ack(c, *range(31, 46))  # 41..45 were fetched after the seek, and are done; 11 is not
    assert c._new_offset(TOPIC_PARTITION) is None
    clock[0] += committed.HOLE_S + 1
    assert c._new_offset(TOPIC_PARTITION) is None
    assert c._reread  # the new copy of 11 was dropped too


async def test_a_re_read_with_nothing_fetched_since_is_repeated_after_a_long_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c, clock = hole_consumer(monkeypatch)
    await read_again(c, monkeypatch)
    ack(c, *range(31, 41))
    for _ in range(int(committed.REREAD_WAIT_S // committed.HOLE_S) - 1):
        clock[0] += committed.HOLE_S
        assert c._new_offset(TOPIC_PARTITION) is None
        assert not c._reread
    clock[0] += 2 * committed.HOLE_S + 1
    c._new_offset(TOPIC_PARTITION)
    clock[0] += committed.HOLE_S + 1
    c._new_offset(TOPIC_PARTITION)
    assert c._reread  # the partition got no new record: read again all the same


async def test_commits_while_the_seek_of_a_re_read_waits_order_no_second_one(monkeypatch: pytest.MonkeyPatch) -> None:
    c, clock = hole_consumer(monkeypatch)

    def slow_seek() -> None:  # the coordinator answers after seconds; faust's commits go on every second
        for _ in range(3):
            clock[0] += committed.HOLE_S
            assert c._new_offset(TOPIC_PARTITION) is None

    await read_again(c, monkeypatch, slow_seek)
    assert not c._reread, "a second re-read was ordered while the first one's seek was under way"
