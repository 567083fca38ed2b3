"""Extract entry events on every core: ``liveledger replay --rederive``.

Extraction is the costly part of a replay from the entries alone (milliseconds per entry, against
microseconds for the fold), and it is pure per event, so it runs in a process pool, in chunks, in
log order; the fold that follows stays in one process, in log order, with the worker's own step.
The extractor (its gazetteer) is loaded once before the pool starts, so that processes forked from
this one share it (copy on write) rather than each building its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from replay.source import LogRecord, decode_record
from streams.core.pipeline import Extractor, entry_facts
from streams.core.records import EntryFacts, Position
from streams.extract import ExtractionError

#: an extraction's outcome: the entry facts, or the extractor's error message
Outcome = EntryFacts | str
#: entry events handed to a process at a time
CHUNK = 64
#: a sentence the extractor is run on before the pool starts (it names a place, so the gazetteer loads)
WARM_UP = "Three people were killed in Kharkiv overnight, the governor said."

_extractor: Extractor | None = None
_version = ""


def _init(extractor: Extractor, version: str) -> None:
    global _extractor, _version
    _extractor, _version = extractor, version


def _extract_chunk(chunk: Sequence[tuple[Position, bytes | None, bytes]]) -> list[Outcome]:
    assert _extractor is not None
    out: list[Outcome] = []
    for position, key, raw in chunk:
        event = decode_record(position, key, raw).event
        assert event is not None, "only decodable events are sent to the pool"
        try:
            out.append(entry_facts(event, position, _extractor, _version))
        except (ExtractionError, OverflowError) as e:  # as replay.rebuild.extracted
            out.append(str(e))
    return out


def workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def extract_all(
    records: Sequence[LogRecord],
    extractor: Extractor,
    version: str,
    *,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Outcome]:
    """The outcome of each record's extraction, in the order given (``extractor`` must pickle)."""
    chunks = [[(r.position, r.key, r.raw) for r in records[i : i + CHUNK]] for i in range(0, len(records), CHUNK)]
    done = 0
    if progress:
        progress(0, len(records))
    n = processes or workers()
    if n <= 1:
        _init(extractor, version)
        results: Iterator[list[Outcome]] = map(_extract_chunk, chunks)
        for outcomes in results:
            done += len(outcomes)
            if progress:
                progress(done, len(records))
            yield from outcomes
        return
    extractor("", WARM_UP)  # loaded once here: forked processes share its tables instead of each building them
    with ProcessPoolExecutor(n, initializer=_init, initargs=(extractor, version)) as pool:
        for outcomes in pool.map(_extract_chunk, chunks):
            done += len(outcomes)
            if progress:
                progress(done, len(records))
            yield from outcomes
