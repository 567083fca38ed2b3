"""Reading the log and the facts at once: when both reads fail, no error is left unretrieved."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest

import replay.run as run
from liveledger.errors import LiveledgerError


class _Refused(LiveledgerError):
    pass


def test_both_reads_failing_raise_one_error_and_leave_no_task_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    async def read_log(*_: Any, **__: Any) -> list[Any]:
        await asyncio.sleep(0.02)  # the slower of the two fails last
        raise _Refused("entries: refused")

    async def read_recorded(*_: Any, **__: Any) -> Any:
        raise _Refused("facts: refused")

    monkeypatch.setattr(run, "read_log", read_log)
    monkeypatch.setattr(run, "read_recorded", read_recorded)
    unretrieved: list[dict[str, Any]] = []

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, ctx: unretrieved.append(ctx))
        with pytest.raises(_Refused, match="entries: refused"):
            await run.read_both(None)  # type: ignore[arg-type]
        await asyncio.sleep(0.05)
        gc.collect()

    asyncio.run(main())
    assert unretrieved == []


def test_one_read_failing_raises_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    async def read_log(*_: Any, **__: Any) -> list[Any]:
        return []

    async def read_recorded(*_: Any, **__: Any) -> Any:
        raise _Refused("facts: refused")

    monkeypatch.setattr(run, "read_log", read_log)
    monkeypatch.setattr(run, "read_recorded", read_recorded)
    with pytest.raises(_Refused, match="facts: refused"):
        asyncio.run(run.read_both(None))  # type: ignore[arg-type]
