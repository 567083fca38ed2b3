"""The worker consumer's commit over faust's own bookkeeping: markers passed, a dropped record read again.

The consumer is built without a running faust app: only the structures its commit reads are set.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
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
