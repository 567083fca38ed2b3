"""One reading of a source published through the existing publisher; follow mode polls for more.

Every request goes through the same validation and publisher as ``liveledger publish``, so the
log's dedupe holds: the same page ingested twice, or ``--follow`` restarted, publishes nothing
twice. A post read before (in this run) whose content changed is published as a correction; a
post already on the log with other content (changed while no one was following) is too. A post
removed from between posts the page still lists is retracted with the reason
``removed from source`` (:mod:`streams.ingest.follow`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from liveledger.ingest.errors import FetchFailed, IngestFailed
from liveledger.ingest.fetch import Fetcher
from liveledger.publish.errors import PublishError
from liveledger.publish.publisher import AlreadyPublished, Outcome, Publisher, WasRetracted
from liveledger.publish.requests import InputError, Request, parse_request
from liveledger.settings import Settings
from streams.ingest import IngestError, ParsedSource, Record, parse_source
from streams.ingest.follow import REMOVED_REASON, Changes, compare

#: The longest wait between polls after repeated errors (unless --interval is longer still).
MAX_BACKOFF_S = 600.0


@dataclass
class Tally:
    """What one reading did; ``to_json`` is the ``--json`` summary."""

    source: str
    kind: str = ""
    blog_id: str | None = None
    items: int = 0
    published: int = 0
    corrected: int = 0
    retracted: int = 0
    duplicates: int = 0
    unchanged: int = 0
    not_modified: bool = False
    skipped: list[dict[str, str]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.kind,
            "blog_id": self.blog_id,
            "items": self.items,
            "published": self.published,
            "corrected": self.corrected,
            "retracted": self.retracted,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "not_modified": self.not_modified,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "dropped": self.dropped,
            "error": self.error,
        }

    @property
    def failed(self) -> bool:
        return bool(self.skipped or self.rejected or self.error)


def _posted(rec: Record) -> str:
    return str(rec.request.get("source_published_at") or rec.request.get("source_updated_at") or "\uffff")


def _as_correction(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "type": "correction"}


def _retraction(rec: Record) -> dict[str, Any]:
    return {
        "type": "retraction",
        "entry_id": rec.request.get("entry_id"),
        "blog_id": rec.request.get("blog_id"),
        "reason": REMOVED_REASON,
    }


Todo = list[tuple[str, str, dict[str, Any]]]


def plan(parsed: ParsedSource, previous: Sequence[Record] | None) -> tuple[Changes, Todo]:
    """The requests one reading makes: ``(what, where, request)``, what being new, correction or retraction.

    JSON lines carry their own types and are published as they are, as ``liveledger publish`` does.
    """
    if parsed.kind == "jsonl":
        kinds = {"correction": "correction", "retraction": "retraction"}
        return Changes(new=list(parsed.records)), [
            (kinds.get(str(r.request.get("type")), "new"), r.where, r.request) for r in parsed.records
        ]
    changes = compare(previous, parsed.records)
    # Live pages list the newest post first; the log takes new posts oldest first, so acceptance
    # order follows the blog's own order (posts without a source time keep page order, at the end).
    oldest_first = sorted(changes.new, key=_posted)
    todo = [("new", r.where, r.request) for r in oldest_first]
    todo += [("correction", r.where, _as_correction(r.request)) for r in changes.changed]
    todo += [("retraction", r.where, _retraction(r)) for r in changes.removed]
    return changes, todo


async def publish_reading(
    pub: Publisher, parsed: ParsedSource, previous: Sequence[Record] | None, tally: Tally, max_body_bytes: int
) -> None:
    """Publish what ``parsed`` adds to ``previous`` (None: everything) and count it in ``tally``."""
    tally.kind, tally.blog_id, tally.items = parsed.kind, parsed.blog_id, len(parsed.records)
    tally.skipped += [s.to_json() for s in parsed.skipped]
    changes, todo = plan(parsed, previous)
    tally.unchanged += len(changes.unchanged)
    tally.dropped += [r.where for r in changes.dropped]
    valid: list[tuple[int, Request]] = []
    for n, (_, where, doc) in enumerate(todo):
        try:
            valid.append((n, parse_request(doc, n, max_body_bytes)))
        except InputError as e:
            tally.rejected.append({"where": where, "error": e.reason})
    retry: list[tuple[int, Request]] = []
    for n, result in await pub.publish_many(valid):
        what, where, doc = todo[n]
        if isinstance(result, AlreadyPublished) and what == "new" and parsed.kind != "jsonl":
            # on the log with other content: it changed while nobody followed the source
            retry.append((n, parse_request(_as_correction(doc), n, max_body_bytes)))
            continue
        _count(tally, what, where, result)
    for n, result in await pub.publish_many(retry):
        _count(tally, "correction", todo[n][1], result)


def _count(tally: Tally, what: str, where: str, result: Outcome | PublishError) -> None:
    if isinstance(result, Outcome):
        if result.status == "duplicate":
            tally.duplicates += 1
        elif what == "new":
            tally.published += 1
        elif what == "correction":
            tally.corrected += 1
        else:
            tally.retracted += 1
        return
    hint = " (it is not published again)" if isinstance(result, WasRetracted) else ""
    tally.rejected.append({"where": where, "error": f"{result}{hint}"})


def read(data: bytes, content_type: str | None, blog_id: str | None, source: str) -> ParsedSource:
    try:
        return parse_source(data, blog_id=blog_id, content_type=content_type)
    except IngestError as e:
        raise IngestFailed(f"{source}: {e}") from e


async def ingest(settings: Settings, source: str, *, blog_id: str | None = None) -> Tally:
    """Read ``source`` once and publish it."""
    tally = Tally(source)
    async with Fetcher() as fetcher:
        fetched = await fetcher.get(source)
        assert fetched.data is not None  # a first request sends no validators
        parsed = read(fetched.data, fetched.content_type, blog_id, source)
        async with Publisher(settings) as pub:
            await publish_reading(pub, parsed, None, tally, settings.max_body_bytes)
    return tally


def next_delay(interval: float, failures: int) -> float:
    """Seconds from one poll's start to the next: ``interval``, doubled per failure in a row, capped."""
    if failures <= 0:
        return interval
    return float(min(interval * 2.0 ** min(failures, 16), max(interval, MAX_BACKOFF_S)))


async def follow(
    settings: Settings,
    source: str,
    *,
    blog_id: str | None = None,
    interval: float = 60.0,
    max_polls: int | None = None,
    on_poll: Callable[[int, Tally], Awaitable[None] | None] | None = None,
) -> list[Tally]:
    """Poll ``source`` every ``interval`` seconds (backing off after errors), publishing each change.

    ``max_polls`` bounds the loop (tests); without it the loop runs until cancelled. Fetch and
    parse errors are reported in the poll's tally and retried after the backoff; a Kafka error
    stops the loop (the publisher must be restarted from the log).
    """
    if interval <= 0:
        raise IngestFailed(f"--interval must be positive, got {interval}")
    tallies: list[Tally] = []
    previous: list[Record] | None = None
    failures = 0
    polls = 0
    async with Fetcher() as fetcher, Publisher(settings) as pub:
        while max_polls is None or polls < max_polls:
            started = time.monotonic()
            tally = Tally(source)
            try:
                fetched = await fetcher.get(source)
                if fetched.data is None:
                    tally.not_modified = True
                else:
                    parsed = read(fetched.data, fetched.content_type, blog_id, source)
                    await publish_reading(pub, parsed, previous, tally, settings.max_body_bytes)
                    previous = list(parsed.records)
                failures = 0
            except (FetchFailed, IngestFailed) as e:
                failures += 1
                tally.error = str(e)
            polls += 1
            tallies.append(tally)
            if on_poll is not None:
                pending = on_poll(polls, tally)
                if pending is not None:
                    await pending
            if max_polls is not None and polls >= max_polls:
                break
            await asyncio.sleep(max(0.0, started + next_delay(interval, failures) - time.monotonic()))
    return tallies
