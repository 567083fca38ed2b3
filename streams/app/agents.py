"""The bodies of the worker's two agents, micro-batched: each takes its events in batches.

* entries: ``liveledger.entries`` -> decode, extract (per event) -> the pure batch step
  (:func:`streams.core.step.step`) -> one facts record per target partition per batch -> the
  entry index. Anything it cannot decode or extract goes to the dead letters (stage ``decode`` or
  ``extract``); an entry with a contribution over the record limit too (stage ``size``).
* views: ``liveledger.facts`` -> every contribution of the batch, coalesced to the newest per row
  (:func:`streams.views.rows.coalesce`) -> one write per row changed.

A batch is bounded by ``Settings.batch_max_events`` events and ``Settings.batch_ms`` of waiting
(faust's ``Stream.take_events``). faust acks a batch's events only when the agent asks for the next
batch, so an offset is committed only after every write and dead letter of its batch is done: a
kill -9 mid-batch redelivers the batch, and the row rule (newest stamp wins) makes that change
nothing.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aiokafka.errors import MessageSizeTooLargeError

from schemas.codec import parse_envelope, to_event
from streams.app.current import for_event
from streams.app.deadletter import dead_letter_headers
from streams.app.facts_format import RECORD_BYTES, batch, unbatch
from streams.app.lineage import record_lineage
from streams.core.pipeline import Extractor, entry_facts
from streams.core.records import EntryFacts, Position
from streams.core.step import Known, Planned, Step, step
from streams.core.timeline import TIMELINE
from streams.views.contrib import Contribution
from streams.views.limits import check_sizes
from streams.views.rows import apply_row, coalesce

if TYPE_CHECKING:
    from streams.app.factory import LiveLedgerApp

_log = logging.getLogger(__name__)

#: entries extracted between two turns of the event loop (the API shares the worker's loop)
YIELD_EVERY = 8

#: an entry event (faust's) and what the pure core made of it
Decoded = tuple[Any, EntryFacts]


class Agents:
    """The agent bodies of one app, over its topics and tables (``build_app`` registers them)."""

    def __init__(self, ll: LiveLedgerApp, extractor: Extractor, extractor_version: str) -> None:
        self.ll = ll
        self.settings = ll.settings
        self.extractor = extractor
        self.version = extractor_version

    # -- dead letters ---------------------------------------------------------------------------
    async def dead_letter(self, stage: str, error: BaseException, message: Any) -> None:
        """Send ``message`` unchanged to the dead letters, and wait until Kafka has it.

        The offset must never move past an event that was neither processed nor dead-lettered.
        """
        headers = dead_letter_headers(
            stage=stage, error=error, topic=message.topic, partition=message.partition, offset=message.offset
        )
        fut = await self.ll.deadletter_topic.send(key=message.key, value=message.value or b"", headers=headers)
        await fut
        self.ll.stats.dead_lettered(stage)
        _log.warning(
            "dead-lettered %s:%s:%s at stage %s: %s: %s",
            message.topic, message.partition, message.offset, stage, type(error).__name__, error,
        )  # fmt: skip

    # -- entries -> facts -----------------------------------------------------------------------
    async def process_entries(self, stream: Any) -> None:
        s = self.settings
        async for events in stream.take_events(s.batch_max_events, s.batch_ms / 1000):
            await self.entries_batch(events)

    async def decode(self, events: Sequence[Any]) -> list[Decoded]:
        """Each event's entry facts; an event that fails is dead-lettered (stage decode or extract)."""
        out: list[Decoded] = []
        for i, ev in enumerate(events):
            if i % YIELD_EVERY == YIELD_EVERY - 1:
                await asyncio.sleep(0)  # extraction is CPU work: let the API and the consumer run between entries
            msg = ev.message
            self.ll.chain.observe(msg.partition, msg.offset, msg.key, msg.value)
            stage = "decode"
            try:
                _, env = parse_envelope(msg.value or b"")
                event = to_event(env)
                stage = "extract"
                position = Position(msg.topic, msg.partition, msg.offset)
                ef = entry_facts(event, position, self.extractor, self.version)
                out.append((ev, dataclasses.replace(ef, digest=env.hash)))  # recorded with its facts
            except Exception as e:  # any failure of the pure core on this event
                await self.dead_letter(stage, e, msg)
        return out

    def known(self, decoded: Sequence[Decoded]) -> dict[str, Known]:
        """The index records of the batch's entries."""
        index: dict[str, Known] = {}
        table = self.ll.entry_index
        for ev, ef in decoded:
            with for_event(ev):
                doc = table.get(ef.entry_key)
            if doc is not None:
                index[ef.entry_key] = Known.from_json(doc)
        return index

    async def entries_batch(self, events: Sequence[Any]) -> None:
        decoded = await self.decode(events)
        if not decoded:
            return
        entries = [ef for _, ef in decoded]
        index = self.known(decoded)
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
        futures = [await topic.send(key=key, value=body, partition=partition) for partition, key, body in records]
        await asyncio.gather(*futures)

    def store(self, result: Step, events: dict[Position, Any]) -> None:
        """The batch's new index records (each written for the event it comes from), and the counters."""
        table = self.ll.entry_index
        origin = {(p.entry.entry_key, p.entry.stamp): events[p.entry.position] for p in result.planned}
        for key, known in result.index.items():
            with for_event(origin[(key, known.stamp)]):
                table[key] = known.to_json()
        lineage = self.ll.lineage
        if lineage is not None:  # what the explain API answers from
            for planned in result.planned:
                with for_event(events[planned.entry.position]):
                    record_lineage(lineage, planned.entry, planned.contributions)
        stats = self.ll.stats
        for planned in result.planned:
            stats.entries_processed += 1
            stats.contributions_emitted += len(planned.contributions)
            stats.last_published_at = planned.entry.published_at

    # -- facts -> view rows ---------------------------------------------------------------------
    async def process_facts(self, stream: Any) -> None:
        s = self.settings
        async for events in stream.take_events(s.batch_max_events, s.batch_ms / 1000):
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
        """Write the newest contribution per row of a batch (one write per row that changes).

        Each pair is a contribution and the facts event it came in: its row is read and written
        for that event, so in that event's partition.
        """
        views = self.ll.views
        touched: dict[tuple[str, str], None] = {}
        for c, event in coalesce(contributions):
            rows = views[c.view]
            with for_event(event):
                record = apply_row(rows.get_row(c.key, c.entry_key), c)
                if record is not None:  # an older or repeated contribution writes nothing
                    rows.put_row(c.key, c.entry_key, record)
            touched[(c.view, c.key)] = None
        stats = self.ll.stats
        stats.contributions_applied += len(contributions)
        for view, key in touched:
            for listener in self.ll.listeners:
                listener(view, key)
        for c, _ in contributions:
            if c.view == TIMELINE:  # one per entry event: the moment the entry became visible
                stats.entry_visible(c.stamp[0])
