"""The bodies of the worker's two agents, micro-batched: each takes its events in batches.

* entries: ``liveledger.entries`` -> decode, extract (per event) -> the pure batch step
  (:func:`streams.core.step.step`) -> one facts record per target partition per batch -> the
  entry index. Anything it cannot decode or extract goes to the dead letters (stage ``decode`` or
  ``extract``); an entry with a contribution over the record limit too (stage ``size``).
* views: ``liveledger.facts`` -> every contribution of the batch, coalesced to the newest per row
  (:func:`streams.views.rows.coalesce`) -> one write per row changed.

A batch is bounded by ``Settings.batch_max_events`` events and ``Settings.batch_ms`` of waiting
(faust's ``Stream.take_events``). faust acks a batch's events when the agent asks for the next
batch, so an offset is committed only after every write and dead letter of its batch is done: a
kill -9 mid-batch redelivers the batch, and the row rule (newest stamp wins) makes that change
nothing.

faust also acks a batch's events when the agent body raises (``take_events`` acks in a
``finally``), and commits on an agent's error, which would move the offsets past events that were
neither processed nor dead-lettered. So nothing may leave a batch as an exception: a Kafka error
that may pass (a leader moving) is retried in place for up to :data:`RETRY_S`, and any other failure
of a batch stops the process at once without committing (:func:`stop_without_commit`, the same
effect as kill -9), so that the batch is read again on restart.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from aiokafka.errors import KafkaError, MessageSizeTooLargeError

from schemas.codec import parse_envelope, to_event
from schemas.envelope import Envelope
from streams.app.current import for_event
from streams.app.deadletter import dead_letter_headers
from streams.app.dispatch import dispatch_now
from streams.app.facts_format import RECORD_BYTES, batch, unbatch
from streams.app.lineage_ops import known_of, record_batch, store_known
from streams.core.pipeline import Extractor, entry_facts
from streams.core.records import EntryFacts, Position
from streams.core.step import Known, Planned, Step, step
from streams.core.timeline import TIMELINE
from streams.views.contrib import Contribution, stamp_of
from streams.views.limits import check_sizes
from streams.views.rows import apply_row, coalesce

if TYPE_CHECKING:
    from streams.app.factory import LiveLedgerApp

_log = logging.getLogger(__name__)

#: entries extracted between two turns of the event loop (the API shares the worker's loop)
YIELD_EVERY = 8

#: an entry event (faust's) and what the pure core made of it
Decoded = tuple[Any, EntryFacts]

#: how long a send retries a Kafka error that may pass (a leader moving, a broker restarting)
RETRY_S = 60.0

#: the exit status of a worker stopped by a batch that failed (EX_SOFTWARE)
EXIT_BATCH_FAILED = 70

T = TypeVar("T")

#: an agent's work on one batch of events
BatchBody = Callable[[Sequence[Any]], Awaitable[None]]


def stop_without_commit(error: BaseException) -> None:
    """End the process now: no faust shutdown, so no commit of the failed batch's offsets."""
    for handler in logging.getLogger().handlers:
        handler.flush()
    os._exit(EXIT_BATCH_FAILED)


async def kafka_retry(what: str, attempt: Callable[[], Awaitable[T]], retry_s: float = RETRY_S) -> T:
    """``await attempt()``, again after a retriable Kafka error, with backoff, for up to ``retry_s``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + retry_s
    delay = 0.1
    while True:
        try:
            return await attempt()
        except KafkaError as e:
            if not e.retriable or loop.time() + delay > deadline:
                raise
            _log.warning("%s: %s: %s; retrying in %.1f s", what, type(e).__name__, e, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


def _span(events: Sequence[Any]) -> str:
    first, last = events[0].message, events[-1].message
    return f"{first.topic}:{first.partition}:{first.offset} .. {last.topic}:{last.partition}:{last.offset}"


class Agents:
    """The agent bodies of one app, over its topics and tables (``build_app`` registers them)."""

    def __init__(self, ll: LiveLedgerApp, extractor: Extractor, extractor_version: str) -> None:
        self.ll = ll
        self.settings = ll.settings
        self.extractor = extractor
        self.version = extractor_version
        #: what a failed batch calls (tests replace it; the worker must not go on past the batch)
        self.on_batch_failed: Callable[[BaseException], None] = stop_without_commit

    async def guarded(self, agent: str, events: Sequence[Any], body: BatchBody) -> None:
        """Run one batch; if it fails, stop before faust can ack and commit it (see the module docstring)."""
        try:
            await body(events)
        except Exception as e:
            _log.critical(
                "the %s agent failed on a batch of %d events (%s): %s: %s; stopping the worker without "
                "committing, so that the batch is read again on restart",
                agent, len(events), _span(events), type(e).__name__, e, exc_info=True,
            )  # fmt: skip
            self.on_batch_failed(e)
            raise

    # -- dead letters ---------------------------------------------------------------------------
    async def dead_letter(self, stage: str, error: BaseException, message: Any) -> None:
        """Send ``message`` unchanged to the dead letters, and wait until Kafka has it.

        The offset must never move past an event that was neither processed nor dead-lettered.
        """
        headers = dead_letter_headers(
            stage=stage, error=error, topic=message.topic, partition=message.partition, offset=message.offset
        )

        async def attempt() -> Any:
            fut = await self.ll.deadletter_topic.send(key=message.key, value=message.value or b"", headers=headers)
            return await fut

        await kafka_retry("sending a dead letter", attempt)
        self.ll.stats.dead_lettered(stage)
        _log.warning(
            "dead-lettered %s:%s:%s at stage %s: %s: %s",
            message.topic, message.partition, message.offset, stage, type(error).__name__, error,
        )  # fmt: skip

    # -- entries -> facts -----------------------------------------------------------------------
    async def process_entries(self, stream: Any) -> None:
        s = self.settings
        async for events in stream.take_events(s.batch_max_events, s.batch_ms / 1000):
            await self.guarded("entries", events, self.entries_batch)

    async def decode(self, events: Sequence[Any]) -> list[Decoded]:
        """Each event's entry facts; an event that fails is dead-lettered (stage decode or extract)."""
        out: list[Decoded] = []
        for i, ev in enumerate(events):
            if i % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)  # extraction is CPU work: let the API and the consumer run between entries
            msg = ev.message
            parsed: tuple[dict[str, Any], Envelope] | Exception
            try:
                parsed = parse_envelope(msg.value or b"")
            except Exception as e:  # dead-lettered below
                parsed = e
            self.ll.chain.observe(msg.partition, msg.offset, msg.key, msg.value, parsed)  # one decode for both
            stage = "decode"
            try:
                if isinstance(parsed, Exception):
                    raise parsed
                _, env = parsed
                event = to_event(env)
                stage = "extract"
                position = Position(msg.topic, msg.partition, msg.offset)
                ef = entry_facts(event, position, self.extractor, self.version)
                out.append((ev, dataclasses.replace(ef, digest=env.hash)))  # recorded with its facts
            except Exception as e:  # any failure of the pure core on this event
                await self.dead_letter(stage, e, msg)
        return out

    async def known(self, decoded: Sequence[Decoded]) -> tuple[list[Decoded], dict[str, Known]]:
        """The batch's entries whose index record reads, and those records.

        An entry whose stored record does not read cannot be planned (its tombstones would be
        wrong): its event is dead-lettered at stage ``index``, and the rest of the batch goes on.
        """
        index: dict[str, Known] = {}
        kept: list[Decoded] = []
        table = self.ll.entry_index
        lineage = self.ll.lineage
        for ev, ef in decoded:
            error: Exception | None = None
            with for_event(ev):  # the lineage rows of an entry are in its event's partition too
                doc = table.get(ef.entry_key)
                try:
                    if doc is not None and ef.entry_key not in index:
                        index[ef.entry_key] = known_of(doc, lineage, ef.entry_key, planning=ef)
                except (KeyError, TypeError, ValueError) as e:
                    error = e
            if error is not None:
                await self.dead_letter("index", error, ev.message)
                continue
            kept.append((ev, ef))
        return kept, index

    async def entries_batch(self, events: Sequence[Any]) -> None:
        decoded, index = await self.known(await self.decode(events))
        if not decoded:
            return
        entries = [ef for _, ef in decoded]
        try:
            result: Step | None = step(index, entries, self.settings.max_record_bytes)
        except Exception:  # a bug of the core on one entry: find it by planning one at a time
            _log.exception("planning a batch of %d entry events failed; planning them one by one", len(entries))
            result = None
        if result is not None:
            try:
                await self.send(result.planned)
            except MessageSizeTooLargeError:  # the client's or broker's limit is under max_record_bytes
                _log.error("a facts record was refused as too large: lower LIVELEDGER_MAX_RECORD_BYTES")
                result = None
        if result is None:
            await self.entries_one_by_one(decoded, index)
            return
        by_position = {ef.position: ev for ev, ef in decoded}
        for refused in result.refused:
            await self.dead_letter("size", refused.error, by_position[refused.entry.position].message)
        self.store(result, by_position)

    async def entries_one_by_one(self, decoded: Sequence[Decoded], index: dict[str, Known]) -> None:
        """The slow path of a batch that failed whole: each entry alone, each failure dead-lettered."""
        for ev, ef in decoded:
            msg = ev.message
            try:
                result = step(index, [ef], self.settings.max_record_bytes)
            except Exception as e:
                await self.dead_letter("plan", e, msg)
                continue
            if result.refused:
                await self.dead_letter("size", result.refused[0].error, msg)
                continue
            try:
                await self.send(result.planned)
            except MessageSizeTooLargeError as e:
                await self.dead_letter("size", e, msg)
                continue
            index.update(result.index)
            self.store(result, {ef.position: ev})

    async def send(self, planned: Sequence[Planned]) -> None:
        """One facts record per target partition (split at ``RECORD_BYTES``); waits until Kafka has them."""
        s = self.settings
        topic = self.ll.facts_topic
        limit = min(RECORD_BYTES, s.max_record_bytes)
        records = batch(planned, s.topic_partitions, limit, extractor_version=self.version)

        async def attempt() -> Any:  # a resend after a retriable error is safe: rows are idempotent
            futures = [await topic.send(key=key, value=body, partition=partition) for partition, key, body in records]
            dispatch_now(getattr(self.ll.app.producer, "_producer", None), s.facts_topic)  # no linger: awaited now
            return await asyncio.gather(*futures)

        await kafka_retry("sending facts", attempt)

    def store(self, result: Step, events: dict[Position, Any]) -> None:
        """The batch's lineage rows, then its new index records (each written for the event it comes
        from), and the counters.

        The lineage rows go first: an index record of its stamp alone is read back through the
        lineage event row of that stamp, so a kill -9 between the two writes must leave the index
        behind the lineage (the event comes again and plans as before), never ahead of it.
        """
        table = self.ll.entry_index
        lineage = self.ll.lineage
        if lineage is not None:  # what the explain API answers from (an event redelivered behind a
            # later event of its entry is no part of its history)
            current = [(p.entry, p.contributions, events[p.entry.position]) for p in result.planned if p.current]
            record_batch(lineage, current)
        origin = {(p.entry.entry_key, p.entry.stamp): events[p.entry.position] for p in result.planned}
        for key, known in result.index.items():
            with for_event(origin[(key, known.stamp)]):
                table[key] = store_known(known, lineage)
        stats = self.ll.stats
        for planned in result.planned:
            stats.entries_processed += 1
            stats.contributions_emitted += len(planned.contributions)
            stats.last_published_at = planned.entry.published_at

    # -- facts -> view rows ---------------------------------------------------------------------
    async def process_facts(self, stream: Any) -> None:
        s = self.settings
        async for events in stream.take_events(s.batch_max_events, s.batch_ms / 1000):
            await self.guarded("views", events, self.facts_batch)

    async def facts_batch(self, events: Sequence[Any]) -> None:
        contributions: list[tuple[Contribution, Any]] = []
        for event in events:
            contributions.extend((c, event) for c in await self.read_facts(event.message))
        self.apply(contributions)

    async def read_facts(self, msg: Any) -> list[Contribution]:
        """The contributions of one facts record; one that is not ours is dead-lettered (stage contribution)."""
        value = msg.value or b""
        try:
            contributions = unbatch(value)
            for c in contributions:  # every view known before any apply
                if c.view not in self.ll.views:
                    raise ValueError(f"a contribution to {c.view!r}, which is not a view")
            if len(value) > self.settings.max_record_bytes:  # not from our entries agent
                check_sizes(contributions, self.settings.max_record_bytes)
        except Exception as e:
            await self.dead_letter("contribution", e, msg)
            return []
        return contributions

    def apply(self, contributions: Sequence[tuple[Contribution, Any]]) -> None:
        """Write the newest contribution per row of a batch (one write per row that changes, or that
        comes again with the stamp it holds: see below).

        Each pair is a contribution and the facts event it came in: its row is read and written
        for that event, so in that event's partition. A contribution delivered again is written
        again: the local store survives a kill -9 with writes whose changelog records were still
        in the producer's buffer, and the events behind them, never committed, come again; skipped
        as "nothing new", those rows reached no changelog, and a worker that restored the table from
        the changelog (a new state dir, another machine) lacked them for good.
        """
        views = self.ll.views
        touched: dict[tuple[str, str], None] = {}
        for c, event in coalesce(contributions):
            rows = views[c.view]
            with for_event(event):
                stored = rows.get_row(c.key, c.entry_key)
                record = apply_row(stored, c)
                if record is None and stored is not None and stamp_of(stored) == c.stamp:
                    # the same contribution again: after a kill -9 the local store may hold a row whose
                    # changelog record was never sent, and its redelivery is then the only chance to
                    # send it; a store restored from the changelog would lack it for good
                    record = apply_row(None, c)
                if record is not None:  # an older contribution writes nothing
                    rows.put_row(c.key, c.entry_key, record, replaces=stored is not None)
            touched[(c.view, c.key)] = None
        stats = self.ll.stats
        stats.contributions_applied += len(contributions)
        for view, key in touched:
            for listener in self.ll.listeners:
                listener(view, key)
        for c, _ in contributions:
            if c.view == TIMELINE:  # one per entry event: the moment the entry became visible
                stats.entry_visible(c.stamp[0])
