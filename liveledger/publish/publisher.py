"""The publisher: turns requests into immutable, hash-chained events on the entries topic.

Use it as an async context manager. ``start`` checks the topic keeps history,
reads the log back to rebuild the dedupe index (the log is the durable dedupe
state) and opens an idempotent ``acks=all`` producer. One publisher process
per blog at a time: the hash chain assumes a single writer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Literal

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import BrokerUnreachable, ensure_log_topics
from liveledger.publish.index import LogIndex, content_digest, event_id_for
from liveledger.publish.requests import Correction, NewEntry, PublishError, Request, Retraction
from liveledger.settings import Settings
from schemas.codec import encode, format_time, parse_envelope, to_event
from schemas.errors import SchemaError
from schemas.events import CURRENT_VERSIONS, DomainEvent, EntryContent, EntryCorrected, EntryPublished, EntryRetracted
from schemas.source_clock import check_source_times


class Conflict(PublishError):
    """The request contradicts what the log already holds."""


class AlreadyPublished(Conflict):
    """The entry is on the log with other content: publish a correction to change it."""


class WasRetracted(Conflict):
    """The entry was retracted: a retracted entry cannot be corrected."""


class PublisherBroken(PublishError):
    """A send failed after the index moved on: restart the publisher to reload from the log."""


Status = Literal["published", "duplicate"]


@dataclass(frozen=True)
class Outcome:
    status: Status
    event_id: str
    entry_id: str
    blog_id: str
    published_at: str | None = None


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Publisher:
    """Publishes entries, corrections and retractions; no I/O until ``start``."""

    def __init__(self, settings: Settings, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self.settings = settings
        self.index = LogIndex()
        self._clock = clock
        self._producer: AIOKafkaProducer | None = None
        self._lock = asyncio.Lock()
        self._broken: BaseException | None = None

    async def __aenter__(self) -> Publisher:
        await self.start()
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        await ensure_log_topics(self.settings, include_derived=False)
        await self._load_index()
        self._producer = AIOKafkaProducer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            acks="all",
            enable_idempotence=True,
            linger_ms=5,
            max_batch_size=256 * 1024,
            request_timeout_ms=60000,
            **self.settings.kafka_client_kwargs(),
        )
        try:
            await self._producer.start()
        except KafkaError as e:
            raise BrokerUnreachable(f"producer could not connect to {self.settings.kafka_bootstrap}: {e}") from e

    async def stop(self) -> None:
        if self._producer is not None:
            await self._producer.stop()
            self._producer = None

    async def _load_index(self) -> None:
        async for rec in read_topic(self.settings, self.settings.entries_topic):
            try:
                _, env = parse_envelope(rec.value or b"")
                event = to_event(env)
            except SchemaError:
                self.index.unreadable += 1
                continue
            self.index.record(env, event)

    # -- deciding -------------------------------------------------------------

    def _to_event(self, req: Request, published_at: datetime) -> DomainEvent:
        """The domain event of a validated request.

        Built without a second validation: every field of the event carries the same type and
        constraints in the request models, which validated it already (a unit test holds the two
        in step by validating what this builds).
        """
        common: dict[str, Any] = {
            "event_id": "ev-pending",
            "blog_id": req.blog_id,
            "entry_id": req.entry_id,
            "published_at": published_at,
            "occurred_at": req.occurred_at,
        }
        if isinstance(req, Retraction):
            return EntryRetracted.model_construct(reason=req.reason, **common)
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
            return EntryCorrected.model_construct(content=content, **common)
        return EntryPublished.model_construct(content=content, **common)

    def _check(self, req: Request, digest: str) -> bool:
        """True when ``req`` is already on the log; raise Conflict when it contradicts it."""
        st = self.index.entry(req.blog_id, req.entry_id)
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

    def _next_time(self, blog_id: str) -> datetime:
        """Acceptance time, strictly increasing per blog so the log's order is time order."""
        now = self._clock()
        last = self.index.head(blog_id).at
        if last is not None and now <= last:
            now = last + timedelta(microseconds=1)
        return now

    # -- publishing -------------------------------------------------------------

    async def _enqueue(self, req: Request) -> tuple[Outcome, asyncio.Future[object] | None]:
        if self._broken is not None:
            raise PublisherBroken(f"an earlier send failed ({self._broken}); restart the publisher")
        if self._producer is None:
            raise PublishError("publisher is not started; use `async with Publisher(settings)`")
        async with self._lock:
            published_at = self._next_time(req.blog_id)
            event = self._to_event(req, published_at)
            if not isinstance(event, EntryRetracted):
                check_source_times(event.content, published_at)
            digest = content_digest(event)  # leaves out acceptance time and ids
            event_id = event_id_for(req.blog_id, req.entry_id, digest)
            if self._check(req, digest):
                return Outcome("duplicate", event_id, req.entry_id, req.blog_id), None
            event = event.model_copy(update={"event_id": event_id})
            raw, link = encode(event, self.index.head(req.blog_id).hash)
            fut = await self._producer.send(
                self.settings.entries_topic,
                value=raw,
                key=req.blog_id.encode(),
                timestamp_ms=int(published_at.timestamp() * 1000),
                headers=[("type", event.type.encode()), ("version", str(CURRENT_VERSIONS[event.type]).encode())],
            )
            self.index.note(event, digest, link, format_time(published_at))
        outcome = Outcome("published", event_id, req.entry_id, req.blog_id, format_time(published_at))
        return outcome, fut

    async def _settle(self, fut: asyncio.Future[object] | None) -> None:
        if fut is None:
            return
        try:
            await fut
        except KafkaError as e:
            self._broken = e
            raise PublisherBroken(f"Kafka did not accept an event: {e}") from e

    async def publish(self, req: Request) -> Outcome:
        """Publish one request and wait until Kafka has it (acks=all)."""
        outcome, fut = await self._enqueue(req)
        await self._settle(fut)
        return outcome

    async def publish_many(self, reqs: Iterable[tuple[int, Request]]) -> list[tuple[int, Outcome | PublishError]]:
        """Publish many requests, pipelined; each result is an Outcome or the error of that request."""
        results: list[tuple[int, Outcome | PublishError]] = []
        pending: list[asyncio.Future[object]] = []
        for line, req in reqs:
            try:
                outcome, fut = await self._enqueue(req)
            except (Conflict, SchemaError) as e:
                err = e if isinstance(e, PublishError) else PublishError(str(e))
                results.append((line, err))
                continue
            if fut is not None:
                pending.append(fut)
            results.append((line, outcome))
        for fut in pending:
            await self._settle(fut)
        return results
