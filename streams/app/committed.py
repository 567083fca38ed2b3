"""The worker reads only committed records, and commits its offsets over transaction markers.

Publishers append inside Kafka transactions (``liveledger.publish.txn``): an append by a writer
that lost the write fence is aborted, and must never reach the views. faust reads
``read_committed`` only in its own exactly-once mode, which also changes how it commits; this
keeps faust's at-least-once processing and sets just the isolation level of its consumer.

**Offsets that hold no record.** Each transaction leaves a marker on every partition it wrote
to, and an aborted transaction's records are skipped: these offsets are never delivered, so
faust never acks them, and faust commits only over consecutive acked offsets. faust 0.15 tries
to patch such holes as they appear between two delivered messages (``Consumer._add_gap`` in
``_drain_messages``), but

* its gap includes the delivered message's own offset, which ``_new_offset`` then adds to the
  acked list a second time; ``consecutive_numbers`` breaks its run at the repeat, so each commit
  moves only two or three offsets past the last one. After many small transactions (a marker
  every one or two records) the committed offset crawled minutes behind the processed one;
* a marker after the last record (the end of every transaction) is followed by no message, so
  it is never seen as a gap: the committed offset stops one short of the end on every partition.

Here the facts come from the Kafka client: around each fetch, the consumer thread reads
aiokafka's position of each partition before and after; every offset in between that the fetch
did not return is a marker or an aborted record (:func:`streams.app.offset_gaps.non_records`).
``_new_offset`` commits over acked offsets and those gaps (:func:`streams.app.offset_gaps.advance`),
and never past a record that was delivered but not yet acked: nothing is skipped, and a kill -9
still redelivers whatever was not done.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Consumer
from faust.types import TP

from streams.app.changelog_drain import ChangelogDrain
from streams.app.offset_gaps import Gaps, advance, non_records

_log = logging.getLogger(__name__)

#: how long a record may stay undone while later records of its partition are done, before it is
#: taken as dropped (fetched but never processed) and the partitions are read again from the commit
HOLE_S = 5.0
#: how long a commit waits for the table writes made before it to leave the producer's buffer
#: (:mod:`streams.app.changelog_drain`); past it, that commit is left out and the next one tries again
DRAIN_S = 30.0
#: after a re-read, how long the commit may stay at the record before it is read again anyway, when
#: nothing fetched since the seek has been done (a partition that got no new records)
REREAD_WAIT_S = 60.0

_clock = time.monotonic  # the unit tests set their own

#: the most a fetch brings of one partition (aiokafka's ``max_partition_fetch_bytes``, default 1 MiB).
#: A broker still returns a first record batch larger than this whole, so no record is too big for it.
FETCH_PARTITION_BYTES = 128 * 1024
#: the most one fetch request brings in all (aiokafka's ``fetch_max_bytes``, default 50 MiB)
FETCH_MAX_BYTES = 4 * 1024 * 1024
#: the most records one poll hands to faust (aiokafka's ``max_poll_records``; faust's default: all)
POLL_RECORDS = 1000


class _Fetched(dict[Any, Any]):
    """A fetch's records by partition, with the consumer's positions just before and after it."""

    def __init__(self, records: Mapping[Any, Any], before: dict[TP, int], after: dict[TP, int]) -> None:
        super().__init__(records)
        self.before = before
        self.after = after


def _positions(consumer: Any) -> dict[TP, int]:
    """aiokafka's position (next offset to return) of every assigned partition that has one."""
    subscription = getattr(consumer._subscription, "subscription", None)
    assignment = getattr(subscription, "assignment", None)
    if assignment is None:
        return {}
    out: dict[TP, int] = {}
    for tp in assignment.tps:
        state = assignment.state_value(tp)
        if state is not None and state.has_valid_position:
            out[TP(tp.topic, tp.partition)] = state.position
    return out


def bound_fetches(consumer: Any) -> None:
    """Bound what the worker's aiokafka consumer holds fetched but not yet processed.

    aiokafka keeps one fetch result per partition until it is consumed, up to
    ``max_partition_fetch_bytes`` each, and a poll hands faust every record it holds, which faust
    turns into messages at once. A worker reads 24 partitions (entries and facts), and some 84
    changelog partitions while it restores its tables. A fresh worker's partitions hold only the
    newest records, but one that resumes on a backlog got up to 1 MiB for every partition, kept as
    raw bytes and then as records and messages. Under these bounds it holds a few MB fetched.

    Measured with ``bench/worker_memory.py`` (soak load, a kill every 120 s), RSS at age ~100 s per
    life: 146 / 161 / 190 / 176 MB before, with glibc's heap in use growing with each life (68 to
    96 MB); side by side in one run, 148-158 MB before and 134-143 MB after, the heap flat at
    63-65 MB. The full soak of 2026-12-02: 150 / 152 / 154 / 162 MB at age 118 s (1.08x; the one
    of 2026-12-01 was 169 / 222 / 220 / 211 / 190 MB, 1.31x).
    """
    consumer._max_partition_fetch_bytes = FETCH_PARTITION_BYTES
    consumer._fetch_max_bytes = FETCH_MAX_BYTES
    consumer._max_poll_records = POLL_RECORDS


class _CommittedConsumerThread(AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # aiokafka builds its fetcher from these attributes in start(), which runs after this returns
        consumer._isolation_level = "read_committed"
        bound_fetches(consumer)
        return consumer

    async def _fetch_records(
        self,
        consumer: Any,
        active_partitions: set[TP],
        timeout: float | None = None,  # noqa: ASYNC109 - faust's signature
        max_records: int | None = None,
    ) -> Any:
        before = _positions(consumer)
        records = await super()._fetch_records(consumer, active_partitions, timeout=timeout, max_records=max_records)
        # no await since the fetch returned: these positions belong to exactly these records
        return _Fetched(records, before, _positions(consumer))


class CommittedConsumer(Consumer):
    """faust's aiokafka consumer, reading ``read_committed`` and committing over offsets without records."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._no_records: dict[TP, Gaps] = {}
        #: where reading a partition started, for the commit before its first one
        self._started_at: dict[TP, int] = {}
        #: per partition, the offset the commit is held at while later offsets are done, and since when
        self._holes: dict[TP, tuple[int, float]] = {}
        self._reread = False
        #: per partition, the position its fetches had reached (the next offset to fetch)
        self._fetched_to: dict[TP, int] = {}
        #: per partition, where its fetches had reached when it was last read again (see ``_watch_hole``)
        self._reread_from: dict[TP, int] = {}
        self._reread_at = 0.0

    async def _commit(self, offsets: Any) -> bool:
        """Commit ``offsets`` once every table write made before is on its way to Kafka (faust's own
        flush gives up after 0.1 s a record: see :mod:`streams.app.changelog_drain`)."""
        if not await ChangelogDrain.attach(self.app).drained(DRAIN_S):
            _log.warning(
                "table writes still waited to be sent to their changelogs after %.0f s; offsets not committed "
                "this time (the next commit tries again)",
                DRAIN_S,
            )
            return False
        await self.app.producer.flush()  # the Kafka client's batches, which now hold those writes
        committed: bool = await super()._commit(offsets)
        return committed

    def ack(self, message: Any) -> bool:
        """faust's ack, for messages a stream took in, in the current generation only.

        An ack belongs to the generation that took its event: a stream takes an event in (faust
        marks the message ``tracked`` and waits for its ack in ``wait_empty``) only while the flow
        is active and the message is of the current generation. An event it skipped instead (the
        flow stopped for a rebalance, or fetched before the last one) was never processed, and its
        partition is read again from the committed offset.

        * A message fetched before the last rebalance that reaches a stream afterwards is skipped and
          acked all the same. Counted, that ack let the commit pass a record that was never processed
          (before its new copy was), and a kill -9 then lost it for good: view rows that a replay has
          and the live views never got (test_kill_9_then_a_worker_with_a_new_state_dir_...). Its new
          copy's ack is the one that counts; an old message that was processed is delivered again.
        * During a revocation (same generation, flow stopped) faust's pure-Python stream iterator
          acks an event it skips, and the revocation's own commit, made for the partitions being
          handed over too, then passed a record nobody processed: the next owner started after it
          (tests/unit/app/test_revocation_acks.py). Events taken in before the flow stopped and
          acked once their batch is done still count: their writes reach the changelogs before that
          commit (``_commit``). The flow's state is no test here: it is stopped from the start until
          the first assignment is recovered, and a batch may end while it is stopped.
        """
        if not message.tracked or message.generation_id != self.app.consumer_generation_id:
            message.acked = True
            self._unacked_messages.discard(message)
            return False
        acked: bool = super().ack(message)
        return acked

    async def on_partitions_assigned(self, assigned: set[TP], generation_id: int = 0) -> None:
        # acks that came during the rebalance (after faust dropped a revoked partition's, before the new
        # generation): their records are read again from the committed offsets, and counted by those copies
        for tp in assigned:
            self._acked.pop(tp, None)
            self._acked_index.pop(tp, None)
        await super().on_partitions_assigned(assigned, generation_id)

    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return _CommittedConsumerThread(self, loop=self.loop, beacon=self.beacon)

    async def _getmany(self, active_partitions: set[TP] | None, timeout: float) -> Any:  # noqa: ASYNC109
        if self._reread:
            # faust's own seek back to the committed offsets. The flag stays up until it is done: it
            # asks the group coordinator, which on a loaded machine took seconds, and the commits
            # meanwhile saw the same hole and ordered a second re-read (2026-12-02, bench/worker_memory.py)
            await self.perform_seek()
            self._holes.clear()
            # every offset below these was fetched before the seek: its copy may still wait in a stream
            self._reread_from = dict(self._fetched_to)
            self._reread_at = _clock()
            self._reread = False
        records = await super()._getmany(active_partitions, timeout)
        if isinstance(records, _Fetched):
            self._note_non_records(records)
        return records

    def _note_non_records(self, fetched: _Fetched) -> None:
        acks_enabled_for = self.app.topics.acks_enabled_for
        for tp, after in fetched.after.items():
            if not acks_enabled_for(tp.topic):
                continue
            offsets = [r.offset for r in fetched.get(tp, ())]
            reached = max(after, offsets[-1] + 1) if offsets else after
            if reached > self._fetched_to.get(tp, -1):
                self._fetched_to[tp] = reached
            before = fetched.before.get(tp)
            if before is None:
                # the position was not known yet when the fetch began: it then starts where faust
                # seeks a partition it is given, its committed offset (or the first record returned)
                before = self._committed_offset[tp]
            if before is not None or offsets:
                self._started_at.setdefault(tp, before if before is not None else offsets[0])
            ranges = non_records(before, offsets, after)
            if ranges:
                gaps = self._no_records.setdefault(tp, Gaps())
                for begin, end in ranges:
                    gaps.add(begin, end)
                self._acked.setdefault(tp, [])  # a partition faust's commit looks at, acked or not

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        """Unused: faust's own gaps count the delivered offset as acked too (see the module docstring)."""
        return None

    def _new_offset(self, tp: TP) -> int | None:
        acked = self._acked[tp]
        acked.sort()
        gaps = self._no_records.get(tp) or Gaps()
        start = self._committed_offset[tp]  # faust keeps None for no commit and for a commit of 0
        if start is None:
            start = self._started_at.get(tp)
        if start is None:
            if not acked:
                return None
            start = acked[0]
        offset, used = advance(start, acked, gaps)
        if used:
            self._acked_index[tp].difference_update(acked[:used])
            del acked[:used]
        if offset is not None:
            gaps.drop_below(offset)
        self._watch_hole(tp, offset if offset is not None else start, acked)
        return offset

    def _watch_hole(self, tp: TP, held_at: int, acked_after: list[int]) -> None:
        """Read the partitions again from the commit when a record was dropped before it was processed.

        faust can drop a fetched record without processing it (a stream skips events while its flow
        is stopped, or of an old generation); it counts on seeking back to the committed offsets
        afterwards, which does not always happen. faust's own gaps then committed past the record,
        losing it; here the commit stays at it. When later records of the partition are done but the
        one at ``held_at`` stays undone for ``HOLE_S``, it was dropped: the
        consumer seeks back to the committed offsets (the next fetch), so it is processed after all.
        Redelivered records change nothing (the views are idempotent).

        After such a re-read, the record's new copy reaches the stream behind everything fetched
        before the seek (a stream buffers up to ``stream_buffer_maxsize`` events per topic), so the
        later records acked meanwhile say nothing about it. Only once a record fetched after the
        seek (at or past ``_reread_from``) is acked, and the one at ``held_at`` still is not, was
        the new copy dropped too. Timing it from the seek instead could read a partition again every
        ``HOLE_S`` while the first copy was still on its way (one of the two ways the full soak of
        2026-12-01 got "offset 2992 ... reading again" twice in a row; the other was the commit
        during the seek, see ``_getmany``), and each re-read queued every partition's unfinished
        records once more, behind which the record waited longer still. A partition that gets no
        record past the mark is read again after ``REREAD_WAIT_S`` all the same.
        """
        if not acked_after:
            self._holes.pop(tp, None)
            return
        reread_from = self._reread_from.get(tp)
        if reread_from is not None:
            over = held_at >= reread_from or acked_after[-1] >= reread_from  # or records fetched since are done
            if over or _clock() - self._reread_at >= REREAD_WAIT_S:
                del self._reread_from[tp]
            else:
                self._holes.pop(tp, None)  # the re-read copy of held_at may still be on its way
                return
        now = _clock()
        seen = self._holes.get(tp)
        if seen is None or seen[0] != held_at:
            self._holes[tp] = (held_at, now)
            return
        if now - seen[1] < HOLE_S or self._reread:
            return
        # A partition's records are processed and acked in order, so one still undone after later
        # ones were acked was dropped, even when faust took it into a stream (it is then never acked)
        _log.warning(
            "%s:%s: the record at offset %s was fetched but not processed while later ones were "
            "(up to %s); reading the partitions again from the committed offsets",
            tp.topic, tp.partition, held_at, acked_after[-1],
        )  # fmt: skip
        self._reread = True

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        for tp in revoked:
            self._no_records.pop(tp, None)
            self._started_at.pop(tp, None)
            self._holes.pop(tp, None)
            self._fetched_to.pop(tp, None)
            self._reread_from.pop(tp, None)
        await super().on_partitions_revoked(revoked)


def read_committed(app: Any) -> None:
    """Make ``app``'s worker consumer read committed records only, and commit only once the table
    writes before are sent (call before the worker starts)."""
    app.transport.Consumer = CommittedConsumer
    ChangelogDrain.attach(app)
