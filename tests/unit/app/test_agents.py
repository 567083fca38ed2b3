"""The faust agents under ``agent.test_context()`` with ``memory://`` tables: no broker involved."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from liveledger.settings import Settings
from schemas.facts import Fact
from streams.app.deadletter import read_headers
from streams.app.factory import LiveLedgerApp, build_app
from streams.app.facts_format import unbatch
from streams.core.pipeline import Extractor
from streams.core.records import EntryFacts, Position
from streams.views.render import render_all
from streams.views.routing import plan
from tests.unit.log_builders import BLOG, encoded, killed, published

KHARKIV = {"place": "Kharkiv", "region_code": "UA-63", "country": "UA", "weapon": "guided bomb"}


def entry(entry_id: str, offset: int, facts: tuple[Fact, ...], retracted: bool = False) -> EntryFacts:
    return EntryFacts(
        blog_id="b",
        entry_id=entry_id,
        event_id=f"ev-{entry_id}-{offset}",
        event_type="entry.retracted" if retracted else "entry.published",
        published_at=f"2024-11-20T10:00:{offset:02d}.000000Z",
        occurred_at="2024-11-20T08:00:00.000000Z",
        position=Position("entries", 0, offset),
        facts=facts,
        text="",
        extractor_version="test",
        retracted=retracted,
    )


@pytest.fixture
async def ll(ll: LiveLedgerApp) -> AsyncIterator[LiveLedgerApp]:
    """The shared in-memory app (conftest), its flow control resumed as a running worker's is."""
    ll.app.flow_control.resume()
    yield ll


def contributions(ef: EntryFacts, previous: dict[str, list[str]] | None = None) -> list[bytes]:
    cs, _ = plan(ef, previous or {})
    return [orjson.dumps(c.to_json()) for c in cs]


async def test_views_agent_folds_contributions_into_tables(ll: LiveLedgerApp) -> None:
    first = entry("e1", 1, (Fact(metric="killed", best=3, claimant="governor", **KHARKIV),))
    update = entry("e2", 2, (Fact(metric="killed", best=5, claimant="governor", **KHARKIV),))
    async with ll.agents["views"].test_context() as agent:
        for body in contributions(first) + contributions(update) + contributions(first):  # e1 redelivered
            await agent.put(body, key=b"k")
        await until(applied(ll, 6), "applied 6 contributions")
    table = ll.views["casualties"]
    assert sorted(table.keys()) == [b"UA-63/2024-11-20"]
    state = table[b"UA-63/2024-11-20"]
    assert sorted(state["entries"]) == ["b/e1", "b/e2"]
    [incident] = render_all("casualties", "UA-63/2024-11-20", state)
    assert incident["key"] == "UA-63/2024-11-20/guided-bomb"
    assert incident["metrics"]["killed"]["best"] == 5, "the update replaced the first report"
    assert ll.stats.contributions_applied == 6  # each entry touches 2 keys (casualties, figures); e1 came twice


async def test_views_agent_applies_a_retraction_tombstone(ll: LiveLedgerApp) -> None:
    first = entry("e1", 1, (Fact(metric="drones_downed", best=83, claimant="defence ministry"),))
    _, keys = plan(first, {})
    gone = entry("e1", 2, (), retracted=True)
    async with ll.agents["views"].test_context() as agent:
        for body in contributions(first) + contributions(gone, keys):
            await agent.put(body, key=b"k")
        await until(applied(ll, 4), "applied 4 contributions")
    state = ll.views["interceptions"][b"defence ministry/2024-11-20"]
    assert state["entries"]["b/e1"]["items"] == []
    assert state["entries"]["b/e1"]["stamp"][2] == 2


async def until(done: Callable[[], bool], what: str) -> None:
    """Wait (20 s at most) until ``done()``: the agents take events in batches, after ``put`` has returned."""
    deadline = asyncio.get_running_loop().time() + 20.0
    while not done():
        assert asyncio.get_running_loop().time() < deadline, f"the agent never {what}"
        await asyncio.sleep(0.01)


def handled(ll: LiveLedgerApp, n: int) -> Callable[[], bool]:
    return lambda: ll.stats.entries_processed + ll.stats.dead_letters >= n


def applied(ll: LiveLedgerApp, n: int) -> Callable[[], bool]:
    return lambda: ll.stats.contributions_applied >= n


class Sent:
    """Records what an agent sends to a topic, and acknowledges it at once (no broker)."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    async def send(self, **kw: Any) -> asyncio.Future[None]:
        self.records.append(kw)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done


def recording_app(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    extractor: Extractor = lambda title, body: [],
    extractor_version: str = "none",
) -> tuple[LiveLedgerApp, Sent, Sent]:
    """A finalized app whose facts and dead-letter topics record what they are sent: (app, facts, letters)."""
    ll = build_app(settings, extractor=extractor, extractor_version=extractor_version)
    ll.app.finalize()
    ll.app.flow_control.resume()
    facts, letters = Sent(), Sent()
    monkeypatch.setattr(ll.facts_topic, "send", facts.send)
    monkeypatch.setattr(ll.deadletter_topic, "send", letters.send)
    return ll, facts, letters


def failing_on_mark(title: str, body: str) -> list[Fact]:
    if "TRIGGER-EXTRACTOR-BUG" in body:
        raise RuntimeError("injected extractor bug")
    return []


async def test_entries_agent_dead_letters_an_entry_whose_extraction_raises_and_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="agent-extract-test")
    ll, facts, letters = recording_app(settings, monkeypatch, failing_on_mark, "test-bug")
    raws = encoded(
        [
            published("e1", "Three killed in Kharkiv.", [killed(3)], n=1),
            published("e2", "TRIGGER-EXTRACTOR-BUG", [killed(2, claimant="police")], n=2),
            published("e3", "Four killed in Kharkiv.", [killed(4, claimant="police")], n=3),
        ]
    )
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, 3), "handled 3 entries")

    [letter] = letters.records
    assert letter["value"] == raws[1] and letter["key"] == BLOG.encode(), "the original bytes"
    headers = read_headers(letter["headers"])
    assert headers["stage"] == "extract"
    assert headers["error_type"] == "ExtractionError"
    assert "extractor test-bug failed: RuntimeError: injected extractor bug" in headers["error"]
    assert ll.stats.dead_letters == 1 and ll.stats.dead_letters_by_stage == {"extract": 1}
    assert ll.stats.entries_processed == 2, "the entries before and after were processed"
    assert {c.entry_key for r in facts.records for c in unbatch(r["value"])} == {f"{BLOG}/e1", f"{BLOG}/e3"}
    assert ll.entry_index.get(f"{BLOG}/e2") is None, "the failed entry left no keys behind"


async def test_views_agent_writes_one_small_row_per_entry_and_key_however_hot_the_key(ll: LiveLedgerApp) -> None:
    async with ll.agents["views"].test_context() as agent:
        for i in range(300):
            ef = entry(f"e{i}", i % 60, (Fact(metric="killed", best=i + 1, claimant="governor", **KHARKIV),))
            ef = EntryFacts(**{**{f: getattr(ef, f) for f in ef.__slots__}, "position": Position("entries", 0, i)})
            for body in contributions(ef):
                await agent.put(body, key=b"k")
        await until(applied(ll, 600), "applied 600 contributions")
    rows = ll.views["casualties"].table
    assert len(rows) == 300, "one row per entry under the one hot key"
    sizes = [len(v) for v in rows.values()]  # framed rows: the bytes the changelog gets
    # only the ids and offsets grow by a digit or two: the 300th row costs what the first did
    assert max(sizes) < 2000 and max(sizes) - min(sizes) <= 16, "a row does not grow with the key"
    state = ll.views["casualties"].get(b"UA-63/2024-11-20")
    assert state is not None and len(state["entries"]) == 300
    assert [k for k, _ in ll.views["casualties"].items()] == [b"UA-63/2024-11-20"]


async def test_entries_agent_dead_letters_an_entry_too_large_to_store_and_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="agent-size-test", max_record_bytes=4096)
    ll, facts, letters = recording_app(settings, monkeypatch)
    many = [killed(n, claimant=f"official number {n}") for n in range(1, 40)]
    raws = encoded(
        [
            published("e1", "Three killed in Kharkiv.", [killed(3)], n=1),
            published("e2", "A long list of figures.", many, n=2),
            published("e3", "Four killed in Kharkiv.", [killed(4, claimant="police")], n=3),
        ]
    )
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, 3), "handled 3 entries")
    [letter] = letters.records
    assert letter["value"] == raws[1] and letter["key"] == BLOG.encode()
    headers = read_headers(letter["headers"])
    assert headers["stage"] == "size" and headers["error_type"] == "RecordTooLarge"
    assert f"entry {BLOG}/e2: its contribution to" in headers["error"] and "over the limit of 4096" in headers["error"]
    assert ll.stats.dead_letters_by_stage == {"size": 1} and ll.stats.entries_processed == 2
    assert all(len(r["value"]) <= 4096 for r in facts.records), "no facts record over the limit"
    assert {c.entry_key for r in facts.records for c in unbatch(r["value"])} == {f"{BLOG}/e1", f"{BLOG}/e3"}


async def test_entries_agent_dead_letters_an_entry_whose_facts_record_kafka_refuses_and_carries_on(
    ll: LiveLedgerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiokafka.errors import MessageSizeTooLargeError

    letters = Sent()
    sent: list[bytes] = []

    async def refusing(**kw: Any) -> asyncio.Future[None]:
        if b"/e2" in kw["value"]:  # a batch holding e2, or e2 alone
            raise MessageSizeTooLargeError("the message is 1200000 bytes")
        sent.append(kw["value"])
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done

    monkeypatch.setattr(ll.facts_topic, "send", refusing)
    monkeypatch.setattr(ll.deadletter_topic, "send", letters.send)
    raws = encoded([published(f"e{i}", "Killed in Kharkiv.", [killed(i)], n=i) for i in (1, 2, 3)])
    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, 3), "handled 3 entries")
    [letter] = letters.records
    assert letter["value"] == raws[1] and letter["key"] == BLOG.encode()
    assert read_headers(letter["headers"])["stage"] == "size"
    assert ll.stats.dead_letters_by_stage == {"size": 1} and ll.stats.entries_processed == 2
    assert {c.entry_key for v in sent for c in unbatch(v)} == {f"{BLOG}/e1", f"{BLOG}/e3"}


async def test_row_table_sees_rows_recovered_behind_its_back_once_the_generation_changes(ll: LiveLedgerApp) -> None:
    from streams.app.rowstore import RowTable
    from streams.views.routing import ITEM_FIELDS
    from streams.views.rowbytes import encode
    from streams.views.rows import apply_row, framed, item_codec, pack, row_key

    generation = [0]
    rows = RowTable(ll.views["casualties"].table, lambda: generation[0], framed(item_codec(ITEM_FIELDS)))
    first = entry("e1", 1, (Fact(metric="killed", best=3, claimant="governor", **KHARKIV),))
    later = entry("e2", 2, (Fact(metric="killed", best=5, claimant="police", **KHARKIV),))
    [c1, _] = plan(first, {})[0]
    [c2, _] = plan(later, {})[0]
    r1, r2 = apply_row(None, c1), apply_row(None, c2)
    assert r1 is not None and r2 is not None
    async with ll.agents["views"].test_context() as agent:
        for body in contributions(first):
            await agent.put(body, key=b"k")
        await until(applied(ll, 2), "applied 2 contributions")
    assert rows.get(c1.key) == {"entries": {"b/e1": r1}}, "a row reads back exactly as it went in"
    rows.table.data[row_key(c2.key, c2.entry_key)] = encode(pack(r2, ITEM_FIELDS, c2.entry_key))  # as recovery fills it
    assert sorted(rows[c1.key]["entries"]) == ["b/e1"], "the index is kept, not rebuilt per read"
    generation[0] += 1  # a new assignment, or the end of recovery
    assert rows[c1.key] == {"entries": {"b/e1": r1, "b/e2": r2}}
    assert rows.keys() == [c1.key.encode()] and len(rows) == 1
    assert rows.get("UA-63/2024-11-21") is None
