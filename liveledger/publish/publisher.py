"""The publisher: turns requests into immutable, hash-chained events on the entries topic.

Use it as an async context manager. ``start`` checks the topic keeps history, opens the
publisher's checkpoint of its dedupe index (``liveledger.publish.store``) and checks it against the
log (``liveledger.publish.tail_check``; a stale one is rebuilt), takes the write fence
(``liveledger.publish.txn``) and reads the log from where the checkpoint ends: start-up costs the
tail, not the whole log. Without a checkpoint (``checkpoint=False``, or every slot taken) it reads
the log from the beginning.

``publish_many`` appends in transactions bounded by requests, seconds of sending and bytes. Each
record goes into a batch of its partition (``liveledger.publish.sender``); the transaction waits
once for every batch (acks=all), then commits; only then are outcomes returned and the checkpoint
saved. The log is not read again before each transaction: the fence guarantees nobody else
committed since this publisher last read it, and a fenced append is undone, re-read and retried.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Literal, NamedTuple

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from liveledger.errors import LiveledgerError
from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import ensure_log_topics
from liveledger.publish.checkpoints import Checkpointer, ensure_checkpoint_topic
from liveledger.publish.errors import PublishError, RecordTooLarge
from liveledger.publish.index import EntryState, LogIndex, bytes_digest, event_id_for
from liveledger.publish.keys import signing_key
from liveledger.publish.requests import Correction, NewEntry, Request, Retraction
from liveledger.publish.resume import Resume
from liveledger.publish.sender import HEADERS, Partitions, Record, TxnSends, check_size
from liveledger.publish.txn import abort_quietly, settle_quietly, start_fencing_producer, stop_quietly
from liveledger.settings import Settings
from schemas.checkpoint import Checkpoint
from schemas.codec import content_bytes, format_time, parse_envelope, seal_content, to_event
from schemas.errors import SchemaError
from schemas.events import DomainEvent, EntryContent, EntryCorrected, EntryPublished, EntryRetracted
from schemas.source_clock import check_source_times

log = logging.getLogger(__name__)
#: how many times one batch is tried when other writers fence this one
WRITE_ATTEMPTS = 40
#: seconds one step of a transaction (begin, a send, commit) may take before the append is retried
STEP_TIMEOUT_S = 15.0
#: most requests per transaction; a transaction also ends after ``TXN_SECONDS`` or ``TXN_BYTES``
TXN_REQUESTS = 5000
#: seconds of sending after which a transaction commits: bounds what a fence costs, and how long
#: a caller waits between two commits (the HTTP API's stall watch counts them)
TXN_SECONDS = 1.0
#: bytes of records after which a transaction commits
TXN_BYTES = 8 * 1024 * 1024
#: records read from the log between two writes of the checkpoint (bounds memory during a rebuild)
SAVE_EVERY = 20_000


class Conflict(PublishError):
    """The request contradicts what the log already holds."""


class AlreadyPublished(Conflict):
    """The entry is on the log with other content: publish a correction to change it."""


class WasRetracted(Conflict):
    """The entry was retracted: a retracted entry cannot be corrected."""


class PublisherBroken(PublishError):
    """A send failed after the index moved on: restart the publisher to reload from the log."""


Status = Literal["published", "duplicate"]


class Outcome(NamedTuple):  # immutable, and made per request at a third of a frozen dataclass's cost
    status: Status
    event_id: str
    entry_id: str
    blog_id: str
    published_at: str | None = None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Publisher:
    """Publishes entries, corrections and retractions; no I/O until ``start``."""

    def __init__(
        self, settings: Settings, *, clock: Callable[[], datetime] = _utc_now, checkpoint: bool = True
    ) -> None:
        self.settings = settings
        self.index = LogIndex()
        self.resume = Resume(settings, use_checkpoint=checkpoint)
        self.read_at_start = 0  # records read from the log at start
        self._clock = clock
        self._producer: AIOKafkaProducer | None = None
        self._txn_lock = asyncio.Lock()  # one transaction at a time on the producer
        #: transactions of ``publish_many`` done so far: how a caller tells slow work from a stalled broker
        self.chunks_done = 0
        self.start_progress = 0  # steps of start done and tail records read: a start-up getting on, not stuck
        self._broken: BaseException | None = None
        self._checkpointer: Checkpointer | None = None
        self._partitions = Partitions()

    async def __aenter__(self) -> Publisher:
        await self.start()
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        key = signing_key(self.settings)  # a bad key file fails before anything is read or sent
        await ensure_log_topics(self.settings, include_derived=False)
        if key is not None:
            await ensure_checkpoint_topic(self.settings)
        self.index = await self.resume.open()
        try:
            self.read_at_start = await self._join()
        except BaseException:
            self.resume.close()
            raise
        if key is not None:
            self._checkpointer = Checkpointer(self.settings, key)
            self._checkpointer.started(self.index)

    async def _join(self) -> int:
        """Take the write fence (a new transactional producer), then read the log to its committed end.

        Returns how many records were read.
        """
        if self._producer is not None:
            old, self._producer = self._producer, None
            await stop_quietly(old)
        self._producer = await start_fencing_producer(self.settings)
        self.start_progress += 1
        first = self.start_progress
        async for rec in read_topic(self.settings, self.settings.entries_topic, since=self.resume.positions):
            self.start_progress += 1
            self.resume.take(rec.partition, rec.offset, rec.value or b"")
            try:
                _, env = parse_envelope(rec.value or b"")
                event = to_event(env)
            except (SchemaError, OverflowError):  # OverflowError: a time with no UTC form (schemas.events)
                self.index.unreadable += 1
                continue
            self.index.record(env, event)
            if (self.start_progress - first) % SAVE_EVERY == 0:
                self.resume.save(self.index)
        self.resume.save(self.index)
        return self.start_progress - first

    async def stop(self) -> None:
        if self._producer is None:
            return
        try:
            if self._broken is None and self._checkpointer is not None:
                due = self._checkpointer.due(self.index, all_unsigned=True)  # every head this publisher moved
                if due:
                    async with self._txn_lock:
                        await self._producer.begin_transaction()
                        for fut in [await self._send_checkpoint(v, k) for k, v in self._checkpointer.records(due)]:
                            await fut
                        await self._producer.commit_transaction()
                    self._checkpointer.signed_now(due)
        except KafkaError as e:
            raise PublisherBroken(f"Kafka did not accept the final signed checkpoints: {e}") from e
        finally:
            producer, self._producer = self._producer, None
            if producer is not None:
                await stop_quietly(producer)
            self.resume.close()

    async def _send_checkpoint(self, value: bytes, key: bytes) -> asyncio.Future[object]:
        assert self._producer is not None
        fut: asyncio.Future[object] = await self._producer.send(self.settings.checkpoint_topic, value=value, key=key)
        return fut

    # -- deciding -------------------------------------------------------------

    def _to_event(self, req: Request, published_at: datetime, event_id: str = "ev-pending") -> DomainEvent:
        """The domain event of a validated request.

        Built without a second validation: every field of the event carries the same type and
        constraints in the request models, which validated it already (a unit test holds the two
        in step by validating what this builds).
        """
        common: dict[str, Any] = {
            "event_id": event_id,
            "blog_id": req.blog_id,
            "entry_id": req.entry_id,
            "published_at": published_at,
            "occurred_at": req.occurred_at,
        }
        # every field given, the type too: pydantic then copies no defaults
        if isinstance(req, Retraction):
            return EntryRetracted.model_construct(type="entry.retracted", reason=req.reason, **common)
        content = EntryContent.model_construct(
            title=req.title,
            body=req.body,
            source_url=req.source_url,
            author=req.author,
            figures=req.figures,
            source_published_at=req.source_published_at,
            source_updated_at=req.source_updated_at,
        )
        if isinstance(req, Correction):
            return EntryCorrected.model_construct(type="entry.corrected", content=content, **common)
        return EntryPublished.model_construct(type="entry.published", content=content, **common)

    def _check(self, req: Request, st: EntryState | None, digest: str) -> bool:
        """True when ``req`` is already on the log (``st``: its entry's state); raise Conflict if it contradicts it."""
        where = f"entry {req.entry_id!r} of blog {req.blog_id!r}"
        if isinstance(req, NewEntry):
            if st is None or st.published_digest is None:
                return False
            if st.published_digest == digest:
                return True
            raise AlreadyPublished(
                f"{where} was already published with different content; to change it, publish a "
                f'correction: {{"type": "correction", "entry_id": "{req.entry_id}", '
                f'"blog_id": "{req.blog_id}", "title": ..., "body": ...}}'
            )
        if st is None or st.published_digest is None:
            kind = "correction" if isinstance(req, Correction) else "retraction"
            raise Conflict(f"{kind} refers to {where}, which was never published")
        if isinstance(req, Retraction):
            return st.retracted
        if st.retracted:
            raise WasRetracted(f"{where} was retracted; a retracted entry cannot be corrected")
        return digest in st.correction_digests

    # -- publishing -------------------------------------------------------------

    def _decide(self, req: Request) -> tuple[Outcome, Record | None]:
        """The outcome of ``req`` against the index, which takes in the event at once (journalled).

        The envelope is sealed from the request's own payload, without building the domain event
        (``_to_event`` builds it; a unit test holds the two to the same bytes and digest). Its content
        fields are serialized once (``schemas.codec.content_bytes``) for the dedupe digest and the
        envelope; the entry and its blog's head are looked up once. Acceptance times strictly increase
        per blog, so the log's order is time order.
        """
        blog_id, entry_id = key = req.blog_id, req.entry_id
        head, published_at = self.index.head(blog_id), self._clock()
        if head.at is not None and published_at <= head.at:
            published_at = head.at + timedelta(microseconds=1)
        if not isinstance(req, Retraction) and (req.source_published_at or req.source_updated_at):
            event = self._to_event(req, published_at)  # only a request with a source time needs it
            if not isinstance(event, EntryRetracted):
                check_source_times(event.content, published_at)
        content = content_bytes(req.event_type, blog_id, entry_id, req.occurred_at, req.payload())
        digest = bytes_digest(content)  # leaves out acceptance time and ids
        event_id = event_id_for(blog_id, entry_id, digest)
        st = self.index.load(key)
        if self._check(req, st, digest):
            return Outcome("duplicate", event_id, entry_id, blog_id), None
        at = format_time(published_at)
        raw, link = seal_content(content, event_id, at, head.hash)
        check_size(blog_id, entry_id, raw)  # before the index takes it
        self.index.advance(req.event_type, key, st, head, published_at, digest, link, at)
        ms = int(published_at.timestamp() * 1000)
        append = Record(blog_id.encode(), raw, ms, HEADERS[req.event_type])
        return Outcome("published", event_id, entry_id, blog_id, at), append

    async def publish(self, req: Request) -> Outcome:
        """Publish one request and wait until Kafka has it (acks=all, committed)."""
        ((_, result),) = await self.publish_many([(0, req)])
        if isinstance(result, PublishError):
            raise result
        return result

    async def publish_many(self, reqs: Iterable[tuple[int, Request]]) -> list[tuple[int, Outcome | PublishError]]:
        """Publish requests in transactions; each result is an Outcome or an error, in input order.

        A transaction takes up to ``TXN_REQUESTS`` requests and ends early after ``TXN_SECONDS`` of
        sending or ``TXN_BYTES`` of records. When another writer fenced this one, the transaction
        is aborted and undone in the index; the publisher takes the fence back, reads what the
        other wrote, and decides again (a request the other published is now a duplicate).
        Bounded: ``WRITE_ATTEMPTS`` tries per transaction.
        """
        if self._broken is not None:
            raise PublisherBroken(f"an earlier send failed ({self._broken}); restart the publisher")
        if self._producer is None:
            raise PublishError("publisher is not started; use `async with Publisher(settings)`")
        batch = list(reqs)
        results: list[tuple[int, Outcome | PublishError]] = []
        start = 0
        while start < len(batch):  # a fence costs at most one transaction's work
            done = await self._publish_chunk(batch[start : start + TXN_REQUESTS])
            results += done
            start += len(done)
            self.chunks_done += 1
        return results

    async def _publish_chunk(self, batch: list[tuple[int, Request]]) -> list[tuple[int, Outcome | PublishError]]:
        """Publish a prefix of ``batch`` (at least one request) in one transaction; its results."""
        async with self._txn_lock:
            if self._broken is not None:  # broken while this caller waited for the lock
                raise PublisherBroken(f"an earlier append failed ({self._broken}); restart the publisher")
            last: BaseException | None = None
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    return await self._publish_once(batch)
                except (KafkaError, TimeoutError) as e:
                    last = e
                    log.info("append interrupted (%r); taking the write fence back, attempt %d", e, attempt)
                    await asyncio.sleep(random.uniform(0.0, min(3.0, 0.05 * 2**attempt)))  # let the other finish
                    try:
                        await self._join()
                    except LiveledgerError as join_error:
                        self._broken = join_error
                        raise
            self._broken = last
            raise PublisherBroken(
                f"the append was interrupted {WRITE_ATTEMPTS} times (last: {last}); other writers keep "
                "fencing this one, or the broker fails: retry later (nothing is published twice)"
            )

    async def _publish_once(self, batch: list[tuple[int, Request]]) -> list[tuple[int, Outcome | PublishError]]:
        """One transaction over a prefix of ``batch``; the prefix's results once it committed."""
        producer = self._producer
        assert producer is not None
        topic = self.settings.entries_topic
        results: list[tuple[int, Outcome | PublishError]] = []
        sends = TxnSends(producer, topic)
        pending: list[asyncio.Future[Any]] = []
        due: list[Checkpoint] = []
        in_txn = False
        size = 0
        began = 0.0
        self.index.begin()
        try:
            for line, req in batch:
                try:
                    outcome, append = self._decide(req)
                except (Conflict, SchemaError, RecordTooLarge) as e:
                    results.append((line, e if isinstance(e, PublishError) else PublishError(str(e))))
                    continue
                results.append((line, outcome))
                if append is None:
                    continue
                if not in_txn:
                    await asyncio.wait_for(producer.begin_transaction(), STEP_TIMEOUT_S)
                    in_txn = True  # open from here: whatever fails next must abort it
                    self._partitions.refresh(await asyncio.wait_for(producer.partitions_for(topic), STEP_TIMEOUT_S))
                    began = time.monotonic()
                partition = self._partitions.of(append.key)
                if not sends.append(partition, append):  # its batch is full: submitted, and a new one opened
                    await sends.add(partition, append)
                size += len(append.raw)
                if size >= TXN_BYTES or time.monotonic() - began >= TXN_SECONDS:
                    break
            if in_txn:
                await asyncio.wait_for(sends.flush(), STEP_TIMEOUT_S)
                pending = sends.pending()
                if self._checkpointer is not None:
                    due = self._checkpointer.due(self.index)
                    pending += [await self._send_checkpoint(v, k) for k, v in self._checkpointer.records(due)]
                # every record acknowledged (acks=all) before the commit; one wait for all of them
                await asyncio.wait_for(asyncio.gather(*pending), STEP_TIMEOUT_S)
                # aiokafka waits for the end of a transaction without a limit; a fence can leave it waiting
                await asyncio.wait_for(producer.commit_transaction(), STEP_TIMEOUT_S)
        except BaseException as e:
            self.index.rollback()
            if in_txn and isinstance(e, asyncio.CancelledError):
                # A cancelled caller must not wait for the broker, so the transaction stays open on this
                # producer; beginning another on it would break aiokafka's state machine. The next
                # publisher's fence aborts it: nothing of it is ever read.
                self._broken = PublisherBroken("a publish was cancelled inside its transaction, which stays open")
            elif in_txn:
                await settle_quietly(pending or sends.pending())  # every send of the broken transaction failed with it
                await abort_quietly(producer)
            raise
        self.index.commit()
        # Nobody committed between this publisher's read of the log and its commit (that would have
        # fenced it), so the log up to its own last record is what the index holds.
        for partition, offset, raw in sends.placed_ends():  # what ``resume`` keeps of all of them
            self.resume.take(partition, offset, raw)
        self.resume.save(self.index)
        if due and self._checkpointer is not None:
            self._checkpointer.signed_now(due)
        return results
