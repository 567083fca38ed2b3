"""Wait for work as long as it makes progress: a deadline on stalling, not on the total.

A POST of thousands of entries on a worker that is also catching up can take longer than the
publish timeout and still be healthy; a broker that does not answer makes no progress at all.
:func:`until_stalled` gives up only after ``stall_s`` seconds in which ``progress()`` did not change.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def until_stalled(work: Coroutine[Any, Any, T], progress: Callable[[], object], stall_s: float) -> T:
    """``await work``; raise TimeoutError (and cancel it) after ``stall_s`` s without a change of ``progress()``."""
    task = asyncio.ensure_future(work)
    seen = progress()
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=stall_s)
            if done:
                return task.result()
            now = progress()
            if now == seen:
                raise TimeoutError(f"no progress in {stall_s:g} s")
            seen = now
    finally:
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
