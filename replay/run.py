"""A whole replay from Kafka: read the log (and the facts), verify the hash chain, fold.

Shared by ``liveledger replay`` and ``audit`` and by ``bench/bench_pipeline.py``, so that the
benchmark measures what the command does.

A replay builds millions of small objects that all live until its end (the views), so Python's
cyclic garbage collector would walk a growing heap again and again for nothing: :func:`bulk` turns
it off for the read and the fold (the objects are freed by reference counting as usual) and back on.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from liveledger.kafka.reader import Progress
from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.from_facts import fold
from replay.rebuild import Cutoff, Rebuilt, rebuild
from replay.recorded import Recorded
from replay.source import LogRecord, read_log, read_recorded
from streams.core.pipeline import Extractor


@contextmanager
def bulk() -> Iterator[None]:
    """The cyclic garbage collector off inside (as it was before, after)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


async def read_both(settings: Settings, progress: Progress | None = None) -> tuple[list[LogRecord], Recorded]:
    """The whole entries log (envelopes only: a cutoff applies in the fold) and the facts, read at once.

    Both reads run to their end, so that when both fail (a refused password fails each) the second
    error is not left in a task nobody awaits, which asyncio prints as a traceback; the first is raised.
    """
    log, recorded = await asyncio.gather(
        read_log(settings, events=False, progress=progress), read_recorded(settings), return_exceptions=True
    )
    if isinstance(log, BaseException):
        raise log
    if isinstance(recorded, BaseException):
        raise recorded
    return log, recorded


def replay_from_facts(
    settings: Settings,
    cutoff: Cutoff,
    extractor: Extractor,
    extractor_version: str,
    *,
    progress: Progress | None = None,
    processes: int | None = 0,
) -> Rebuilt:
    """The views folded from the recorded facts, chain verified (``Rebuilt.chain``).

    Entries extracted again (no facts) run on ``processes`` (0: every core; None: here).
    Raises :class:`replay.recorded.FactsMismatch`.
    """
    with bulk():
        records, recorded = asyncio.run(read_both(settings, progress))
        chain = verify_chain(records)
        rebuilt = fold(
            records,
            recorded,
            facts_topic=settings.facts_topic,
            extractor=extractor,
            extractor_version=extractor_version,
            cutoff=cutoff,
            max_record_bytes=settings.max_record_bytes,
            processes=processes,
        )
    rebuilt.chain = chain
    return rebuilt


def replay_rederived(
    settings: Settings,
    cutoff: Cutoff,
    extractor: Extractor,
    extractor_version: str,
    *,
    keep_history: bool = False,
    processes: int | None = 0,
    read_progress: Progress | None = None,
    extract_progress: Progress | None = None,
) -> Rebuilt:
    """The views from the entries alone, every entry extracted again (on ``processes``), chain verified."""
    with bulk():
        records = asyncio.run(read_log(settings, until=cutoff.until, progress=read_progress))
        chain = verify_chain(records)
        rebuilt = rebuild(
            records,
            extractor=extractor,
            extractor_version=extractor_version,
            cutoff=cutoff,
            keep_history=keep_history,
            max_record_bytes=settings.max_record_bytes,
            processes=processes,
            progress=extract_progress,
        )
    rebuilt.chain = chain
    return rebuilt
