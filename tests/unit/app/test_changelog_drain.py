"""Offsets are committed only once the table writes before them have left faust's producer buffer."""

from __future__ import annotations

import asyncio
import types
from pathlib import Path
from typing import Any

import pytest
from faust.transport.consumer import ThreadDelegateConsumer
from faust.transport.producer import ProducerBuffer

from liveledger.settings import Settings
from streams.app import committed
from streams.app.changelog_drain import ChangelogDrain
from streams.app.committed import CommittedConsumer
from streams.app.factory import build_app


async def slow_buffer(send_s: float) -> tuple[ProducerBuffer, list[int]]:
    """A started faust producer buffer whose every send takes ``send_s`` (a loaded worker's loop)."""
    buffer = ProducerBuffer()
    buffer.app = types.SimpleNamespace(conf=types.SimpleNamespace(producer_threaded=False))  # type: ignore[assignment]
    sent: list[int] = []

    async def send(fut: Any) -> None:
        await asyncio.sleep(send_s)
        sent.append(fut)

    buffer._send_pending = send  # type: ignore[method-assign]
    return buffer, sent


async def test_fausts_flush_returns_with_records_still_in_the_buffer() -> None:
    """Why the drain exists: faust's flush gives up after 0.1 s without a send, records left behind."""
    buffer, sent = await slow_buffer(0.3)
    drain = ChangelogDrain(buffer)
    await buffer.start()
    try:
        for i in range(3):
            buffer.put(i)  # type: ignore[arg-type]
        await asyncio.sleep(0)
        await buffer.flush()
        assert buffer.size > 0 and len(sent) < 3
    finally:
        assert await drain.drained(5.0)  # faust's stop flushes too, and raises while records are left
        await buffer.stop()


async def test_drained_waits_for_every_record_the_one_being_sent_too() -> None:
    buffer, sent = await slow_buffer(0.15)
    drain = ChangelogDrain(buffer)
    await buffer.start()
    try:
        for i in range(3):
            buffer.put(i)  # type: ignore[arg-type]
        await asyncio.sleep(0.01)  # the task has taken the first record: the buffer holds two, one is being sent
        assert buffer.size == 2 and drain.pending == 3
        assert await drain.drained(5.0)
        assert sent == [0, 1, 2] and drain.pending == 0
    finally:
        await buffer.stop()


async def test_drained_waits_only_for_the_records_put_before_it() -> None:
    """A busy worker keeps putting records while a commit waits: those are for the next commit."""
    buffer, sent = await slow_buffer(0.05)
    drain = ChangelogDrain(buffer)
    await buffer.start()
    try:
        for i in range(2):
            buffer.put(i)  # type: ignore[arg-type]
        waiting = asyncio.ensure_future(drain.drained(5.0))
        for i in range(2, 40):  # puts faster than the buffer sends, all through the wait
            buffer.put(i)  # type: ignore[arg-type]
            await asyncio.sleep(0.01)
            if waiting.done():
                break
        assert waiting.done() and waiting.result()
        assert sent[:2] == [0, 1] and drain.pending > 0
    finally:
        assert await drain.drained(10.0)
        await buffer.stop()


async def test_drained_is_bounded_when_nothing_leaves() -> None:
    buffer, _ = await slow_buffer(60.0)
    drain = ChangelogDrain(buffer)
    await buffer.start()
    try:
        buffer.put(0)  # type: ignore[arg-type]
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        assert not await drain.drained(0.2)
        assert loop.time() - t0 < 2.0
    finally:
        await buffer.stop()


def test_the_worker_apps_buffer_is_counted(tmp_path: Path) -> None:
    ll = build_app(Settings(store="memory://", data_dir=tmp_path, app_id="drain"))
    buffer = ll.app.producer.buffer
    assert isinstance(buffer.liveledger_drain, ChangelogDrain)  # type: ignore[attr-defined]
    assert ChangelogDrain.attach(ll.app) is buffer.liveledger_drain  # type: ignore[attr-defined]


class _Drain:
    def __init__(self, left: bool) -> None:
        self.left = left

    async def drained(self, within_s: float) -> bool:
        return not self.left


@pytest.mark.parametrize("left", [False, True], ids=["drained", "records left"])
async def test_offsets_are_committed_only_once_the_buffer_is_drained(
    monkeypatch: pytest.MonkeyPatch, left: bool
) -> None:
    calls: list[str] = []

    async def commit(self: Any, offsets: Any) -> bool:
        calls.append("commit")
        return True

    async def flush() -> None:
        calls.append("flush")

    monkeypatch.setattr(ThreadDelegateConsumer, "_commit", commit)
    monkeypatch.setattr(ChangelogDrain, "attach", classmethod(lambda cls, app: _Drain(left)))
    consumer = object.__new__(CommittedConsumer)
    consumer.app = types.SimpleNamespace(producer=types.SimpleNamespace(flush=flush))  # type: ignore[assignment]
    monkeypatch.setattr(committed, "DRAIN_S", 0.01)
    assert await consumer._commit({}) is (not left)
    assert calls == ([] if left else ["flush", "commit"])
