"""A batch that fails must not be acked: retriable Kafka errors are retried, anything else stops the worker.

faust's ``take_events`` acks a batch's events in a ``finally``, so an exception leaving the agent
body would let faust commit offsets past events that were neither processed nor dead-lettered.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from aiokafka.errors import KafkaConnectionError, KafkaTimeoutError

from liveledger.settings import Settings
from streams.app.agents import Agents, kafka_retry
from streams.app.deadletter import read_headers
from streams.app.facts_format import unbatch
from tests.unit.app.test_agents import handled, recording_app, until
from tests.unit.log_builders import BLOG, encoded, killed, published


def agents_of(ll: Any) -> Agents:
    body = ll.agents["entries"].fun
    assert isinstance(body.__self__, Agents)
    return body.__self__


def event(offset: int) -> Any:
    return SimpleNamespace(message=SimpleNamespace(topic="liveledger.entries", partition=3, offset=offset))


async def test_a_retriable_kafka_error_is_retried_until_it_passes() -> None:
    calls = 0

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise KafkaConnectionError("broker restarting")
        return "sent"

    assert await kafka_retry("sending", flaky, retry_s=5.0) == "sent" and calls == 3


async def test_a_kafka_error_that_cannot_pass_is_raised_at_once_and_a_retriable_one_after_its_time() -> None:
    calls = 0

    async def timing_out() -> None:
        nonlocal calls
        calls += 1
        raise KafkaTimeoutError("no answer")

    with pytest.raises(KafkaTimeoutError):
        await kafka_retry("sending", timing_out, retry_s=5.0)
    assert calls == 1

    async def never() -> None:
        raise KafkaConnectionError("down")

    with pytest.raises(KafkaConnectionError):
        await kafka_retry("sending", never, retry_s=0.3)


async def test_a_failed_batch_calls_the_stop_hook_with_the_error_and_raises(tmp_path: Path) -> None:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="batch-fail-test")
    from streams.app.factory import build_app

    agents = agents_of(build_app(settings, extractor=lambda title, body: [], extractor_version="none"))
    stopped: list[BaseException] = []
    agents.on_batch_failed = stopped.append
    done: list[int] = []

    async def ok(events: Any) -> None:
        done.append(len(events))

    async def broken(events: Any) -> None:
        raise KafkaTimeoutError("facts send timed out")

    await agents.guarded("entries", [event(1), event(2)], ok)
    assert done == [2] and stopped == []
    with pytest.raises(KafkaTimeoutError):
        await agents.guarded("entries", [event(3), event(4)], broken)
    assert [type(e) for e in stopped] == [KafkaTimeoutError]


async def test_the_entries_agent_rides_out_a_broker_blip_and_sends_every_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="batch-blip-test")
    ll, facts, letters = recording_app(settings, monkeypatch)
    stopped: list[BaseException] = []
    agents_of(ll).on_batch_failed = stopped.append
    failures = 2

    async def blipping(**kw: Any) -> asyncio.Future[None]:
        nonlocal failures
        if failures:
            failures -= 1
            raise KafkaConnectionError("leader moving")
        return await facts.send(**kw)

    monkeypatch.setattr(ll.facts_topic, "send", blipping)
    raws = encoded([published(f"e{i}", "Killed in Kharkiv.", [killed(i)], n=i) for i in (1, 2, 3)])
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, 3), "handled 3 entries")
    assert stopped == [] and letters.records == []
    assert {c.entry_key for r in facts.records for c in unbatch(r["value"])} == {f"{BLOG}/e{i}" for i in (1, 2, 3)}


async def test_an_entry_whose_index_record_does_not_read_is_dead_lettered_and_the_rest_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="batch-index-test")
    ll, facts, letters = recording_app(settings, monkeypatch)
    ll.entry_index.data[f"{BLOG}/e2"] = {"stamp": "not a stamp", "keys": {}}
    raws = encoded([published(f"e{i}", "Killed in Kharkiv.", [killed(i)], n=i) for i in (1, 2, 3)])
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, 3), "handled 3 entries")
    [letter] = letters.records
    assert letter["value"] == raws[1] and read_headers(letter["headers"])["stage"] == "index"
    assert ll.stats.entries_processed == 2
    assert {c.entry_key for r in facts.records for c in unbatch(r["value"])} == {f"{BLOG}/e1", f"{BLOG}/e3"}
