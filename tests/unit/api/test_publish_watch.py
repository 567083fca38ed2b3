"""A POST's progress while the shared publisher starts: slow start-up is not a stalled publish, a down broker is."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from liveledger.api import publish_watch
from liveledger.api.publish_watch import PublishWatch
from liveledger.api.stall import until_stalled


@dataclass
class FakePublisher:
    start_progress: int = 0
    chunks_done: int = 0


def watched(reachable: bool, timeout_s: float) -> tuple[PublishWatch, FakePublisher, list[FakePublisher]]:
    pub = FakePublisher()
    starting: list[FakePublisher] = []

    async def probe() -> bool:
        return reachable

    return PublishWatch(lambda: starting[0] if starting else None, probe, timeout_s), pub, starting


async def test_a_start_up_longer_than_the_timeout_is_not_a_stall_while_the_broker_answers() -> None:
    watch, pub, starting = watched(True, 0.3)

    async def start_slowly() -> FakePublisher:
        starting.append(pub)
        await asyncio.sleep(1.0)  # one step (the write fence, say) of three timeouts, with no counter moving
        starting.clear()
        return pub

    async def post() -> str:
        got = await watch.start(start_slowly)
        got.chunks_done += 1
        return "published"

    assert await until_stalled(post(), watch.progress, 0.3) == "published"
    assert watch.answers >= 2


async def test_a_start_up_against_a_broker_that_is_down_stalls_after_the_timeout() -> None:
    watch, pub, starting = watched(False, 0.3)

    async def start_forever() -> FakePublisher:
        starting.append(pub)
        await asyncio.sleep(60)
        return pub

    loop = asyncio.get_running_loop()
    t0 = loop.time()
    with pytest.raises(TimeoutError):
        await until_stalled(watch.start(start_forever), watch.progress, 0.3)
    assert loop.time() - t0 < 2.0


async def test_steps_and_records_of_the_start_up_count_as_progress() -> None:
    watch, pub, starting = watched(False, 0.3)  # no probe help: the publisher's own counter moves

    async def start_reading() -> FakePublisher:
        starting.append(pub)
        for _ in range(8):
            await asyncio.sleep(0.1)
            pub.start_progress += 1  # a record of the tail read
        return pub

    assert await until_stalled(watch.start(start_reading), watch.progress, 0.3) is pub


async def test_a_start_up_is_bounded_however_it_seems_to_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish_watch, "STARTUP_S", 0.5)
    watch, pub, starting = watched(True, 0.3)  # the broker takes connections and never answers

    async def start_forever() -> FakePublisher:
        starting.append(pub)
        await asyncio.sleep(60)
        return pub

    with pytest.raises(TimeoutError):
        await until_stalled(watch.start(start_forever), watch.progress, 0.3)


async def test_after_the_start_only_transactions_count() -> None:
    watch, pub, _ = watched(True, 0.3)
    pub.chunks_done = 5
    watch.started(pub)
    before = watch.progress()
    pub.start_progress += 3  # a re-join after a fence moves this counter: not a transaction of this POST
    assert watch.progress() == before
    pub.chunks_done += 1
    assert watch.progress() != before


async def test_a_transaction_just_after_a_start_up_gets_a_whole_timeout() -> None:
    watch, pub, starting = watched(False, 1.0)  # the probe adds nothing: only the start-up's own steps move

    async def start_with_steps() -> FakePublisher:
        starting.append(pub)
        for _ in range(4):
            await asyncio.sleep(0.2)
            pub.start_progress += 1
        starting.clear()
        return pub

    async def post() -> str:
        got = await watch.start(start_with_steps)  # ends about 0.8 s in, within the first timeout
        await asyncio.sleep(0.5)  # the first transaction, ending about 1.3 s in: 0.5 s after the start-up
        got.chunks_done += 1
        return "published"

    assert await until_stalled(post(), watch.progress, 1.0) == "published"


async def test_a_publisher_already_up_gets_one_timeout_when_the_broker_is_down() -> None:
    watch, pub, _ = watched(False, 0.5)

    async def up() -> FakePublisher:
        return pub  # started by an earlier POST

    async def post() -> str:
        await watch.start(up)
        await asyncio.sleep(60)  # a transaction the broker never acknowledges
        return "published"

    loop = asyncio.get_running_loop()
    t0 = loop.time()
    with pytest.raises(TimeoutError):
        await until_stalled(post(), watch.progress, 0.5)
    assert loop.time() - t0 < 0.9, "answered after a second timeout"
