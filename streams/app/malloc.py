"""Keep the worker's native heap from holding memory it has freed (glibc malloc, Linux).

Measured with ``bench/worker_memory.py``: besides what Python allocates, a worker's RSS carries
what glibc keeps after ``free``. The worker has several threads that allocate (faust's consumer
thread, RocksDB's flush and compaction threads, the event loop), and glibc gives threads arenas of
their own, up to eight per core, each holding its freed chunks until they happen to sit at the top
of the arena. A restart that restores or works off a backlog frees a lot at once (fetched batches,
decoded records), and that memory stayed in the process.

* :func:`limit_arenas` caps the arenas (what ``MALLOC_ARENA_MAX`` does), called before any thread starts;
* :func:`trim` returns the free pages of every arena to the system (``malloc_trim(0)``), which the
  worker calls on a timer (:data:`TRIM_EVERY_S`).

Both do nothing (and say so by returning False) where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

#: ``mallopt`` parameter of the arena cap (glibc's ``M_ARENA_MAX``)
M_ARENA_MAX = -8
#: the arenas a worker keeps: the event loop's, and one its other threads share
ARENAS = 2
#: seconds between two trims of the heap
TRIM_EVERY_S = 15.0


@cache
def _libc() -> Any | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt.argtypes, libc.mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
        libc.malloc_trim.argtypes, libc.malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
    except (OSError, AttributeError):  # not glibc: no mallopt or malloc_trim
        return None
    return libc


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas at ``arenas``; True if the C library took it."""
    libc = _libc()
    if libc is None:
        return False
    ok = bool(libc.mallopt(M_ARENA_MAX, arenas))
    if not ok:
        log.warning("mallopt(M_ARENA_MAX, %d) was refused; the worker may hold more freed memory", arenas)
    return ok


def trim() -> bool:
    """Give the free pages of every malloc arena back to the system; True if any were released."""
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))


__all__ = ["ARENAS", "TRIM_EVERY_S", "limit_arenas", "trim"]
