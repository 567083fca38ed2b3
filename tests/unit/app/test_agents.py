"""The faust agents under ``agent.test_context()`` with ``memory://`` tables: no broker involved."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import orjson
import pytest

from liveledger.settings import Settings
from schemas.facts import Fact
from streams.app.factory import LiveLedgerApp, build_app
from streams.core.records import EntryFacts, Position
from streams.views.render import render_all
from streams.views.routing import plan

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
async def ll(tmp_path: Path) -> AsyncIterator[LiveLedgerApp]:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="agent-test")
    app = build_app(settings, extractor=lambda title, body: [], extractor_version="none")
    app.app.finalize()
    app.app.flow_control.resume()
    yield app


def contributions(ef: EntryFacts, previous: dict[str, list[str]] | None = None) -> list[bytes]:
    cs, _ = plan(ef, previous or {})
    return [orjson.dumps(c.to_json()) for c in cs]


async def test_views_agent_folds_contributions_into_tables(ll: LiveLedgerApp) -> None:
    first = entry("e1", 1, (Fact(metric="killed", best=3, claimant="governor", **KHARKIV),))
    update = entry("e2", 2, (Fact(metric="killed", best=5, claimant="governor", **KHARKIV),))
    async with ll.agents["views"].test_context() as agent:
        for body in contributions(first) + contributions(update) + contributions(first):  # e1 redelivered
            await agent.put(body, key=b"k")
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
    state = ll.views["interceptions"][b"defence ministry/2024-11-20"]
    assert state["entries"]["b/e1"]["items"] == []
    assert state["entries"]["b/e1"]["stamp"][2] == 2
