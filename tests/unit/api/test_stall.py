"""A deadline on stalling: slow work that moves on finishes, work that stops is cancelled."""

from __future__ import annotations

import asyncio

import pytest

from liveledger.api.stall import until_stalled


async def test_work_longer_than_the_timeout_finishes_while_it_makes_progress() -> None:
    steps = 0

    async def slow() -> str:
        nonlocal steps
        for _ in range(6):
            await asyncio.sleep(0.05)
            steps += 1
        return "done"

    assert await until_stalled(slow(), lambda: steps, stall_s=0.12) == "done" and steps == 6


async def test_work_that_stops_moving_is_cancelled_after_the_timeout() -> None:
    cancelled = asyncio.Event()

    async def stuck() -> None:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    loop = asyncio.get_running_loop()
    began = loop.time()
    with pytest.raises(TimeoutError, match=r"no progress in 0\.2 s"):
        await until_stalled(stuck(), lambda: 0, stall_s=0.2)
    assert cancelled.is_set() and loop.time() - began < 2.0


async def test_an_error_of_the_work_is_raised_as_it_is() -> None:
    async def failing() -> None:
        raise ValueError("bad")

    with pytest.raises(ValueError, match="bad"):
        await until_stalled(failing(), lambda: 0, stall_s=1.0)
