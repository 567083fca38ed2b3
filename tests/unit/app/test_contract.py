"""Contract: the faust agents and :class:`ViewSet` (replay) give the same states for the same events.

Each sequence goes through the real agents (``agent.test_context()``, ``memory://`` tables; the
entries agent's facts records are handed to the views agent as Kafka would deliver them), once one
event per batch and once with the whole sequence in one batch, and through ``ViewSet`` with the same
log positions. Every view's states, the timeline's and each entry's index must be equal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from liveledger.settings import Settings
from schemas.events import DomainEvent
from schemas.facts import Fact
from streams.app.facts_format import unbatch
from streams.app.lineage_ops import known_of
from tests.support.replayed import assert_views_equal, replayed
from tests.unit.app.test_agents import applied, handled, recording_app, until
from tests.unit.log_builders import BLOG, KHARKIV, encoded, killed, published, retracted

SUMY = {"place": "Sumy", "region_code": "UA-59", "country": "UA", "weapon": "missile"}


def strike(best: int, **where: Any) -> Fact:
    return Fact(metric="strikes", best=best, **(where or KHARKIV))


def corrections() -> list[DomainEvent]:
    """Publications, updates, a correction that moves an entry, retractions, and a return."""
    return [
        published("e1", "Three killed.", [killed(3), strike(1)], n=1),
        published("e2", "Five killed.", [killed(5)], n=2),
        published("e1", "Moved to Sumy.", [killed(3, **SUMY), strike(1, **SUMY)], n=3, corrected=True),
        published("e3", "Police say four.", [killed(4, claimant="police")], n=4),
        retracted("e2", n=5),
        published("e1", "Back in Kharkiv, four.", [killed(4)], n=6, corrected=True),
        published("e4", "Drones downed.", [Fact(metric="drones_downed", best=40, claimant="air force")], n=7),
        retracted("e4", n=8),
    ]


def one_entry_many_times() -> list[DomainEvent]:
    """One entry published, corrected three times and retracted: all of it can fall in one batch."""
    return [
        published("e1", "Two killed.", [killed(2)], n=1),
        published("e1", "Three killed.", [killed(3)], n=2, corrected=True),
        published("e1", "Three killed in Sumy.", [killed(3, **SUMY)], n=3, corrected=True),
        published("e1", "Four killed in Sumy.", [killed(4, **SUMY), strike(1, **SUMY)], n=4, corrected=True),
        retracted("e1", n=5),
        published("e5", "Six killed.", [killed(6)], n=6),
    ]


SEQUENCES = {
    "corrections": lambda: encoded(corrections()),
    "corrections, every event delivered twice": lambda: (lambda raws: raws + raws)(encoded(corrections())),
    "one entry many times": lambda: encoded(one_entry_many_times()),
}
BATCHING = {"one event per batch": (1, 5.0), "all in one batch": (500, 300.0)}


@pytest.mark.parametrize("batching", list(BATCHING))
@pytest.mark.parametrize("sequence", list(SEQUENCES))
async def test_the_agents_and_viewset_give_the_same_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sequence: str, batching: str
) -> None:
    batch_max, batch_ms = BATCHING[batching]
    settings = Settings(
        store="memory://", data_dir=tmp_path, app_id="contract", batch_max_events=batch_max, batch_ms=batch_ms
    )
    ll, facts, letters = recording_app(settings, monkeypatch)
    raws = SEQUENCES[sequence]()

    async with ll.agents["entries"].test_context() as agent:
        for raw in raws:
            await agent.put(raw, key=BLOG.encode())
        await until(handled(ll, len(raws)), f"handled {len(raws)} entry events")
    emitted = sum(len(unbatch(r["value"])) for r in facts.records)
    assert emitted == ll.stats.contributions_emitted
    async with ll.agents["views"].test_context() as agent:
        for record in facts.records:
            await agent.put(record["value"], key=record["key"], partition=record["partition"])
        await until(applied(ll, emitted), f"applied {emitted} contributions")
    assert letters.records == [] and ll.stats.dead_letters == 0

    # replay's path: the same events at the same positions (the test context numbers them 0, 1, 2, ...)
    replay = replayed(raws, settings.entries_topic, settings.max_record_bytes, ll_extractor)
    assert_views_equal(ll, replay, "between the agents and ViewSet")
    for entry in {f"{BLOG}/e{i}" for i in range(1, 6)}:
        stored = ll.entry_index.get(entry)
        known = known_of(stored, ll.lineage, entry).keys if stored is not None else {}
        assert known == replay.entry_keys(entry), entry


def ll_extractor(title: str, body: str) -> list[Fact]:
    return []
