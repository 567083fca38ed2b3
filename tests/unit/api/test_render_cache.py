"""The render cache refills from the tables when the app's generation changes, and only then."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from faust.types import TP

from liveledger.api.cache import RenderCache
from liveledger.settings import Settings
from streams.app.factory import LiveLedgerApp, build_app


@pytest.fixture
async def ll(tmp_path: Path) -> AsyncIterator[LiveLedgerApp]:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="render-cache-test")
    app = build_app(settings, extractor=lambda title, body: [], extractor_version="none")
    app.app.finalize()
    yield app


def count_refills(ll: LiveLedgerApp, view: str) -> list[int]:
    """A one-item list counting whole-table reads of ``view`` (what a refill of the cache does)."""
    rows = ll.views[view]
    calls = [0]
    items = rows.items

    def counted() -> Iterator[tuple[bytes, Any]]:
        calls[0] += 1
        return items()

    rows.items = counted  # type: ignore[method-assign]
    return calls


async def test_the_cache_reads_the_generation_the_row_tables_read(ll: LiveLedgerApp) -> None:
    assert ll.generation is ll.views["strikes"]._generation
    before = ll.generation()
    await ll.app.on_partitions_assigned.send({TP(ll.settings.facts_topic, 0)})
    assert ll.generation() != before


async def test_queries_between_rebalances_do_not_refill_the_cache(ll: LiveLedgerApp) -> None:
    cache = RenderCache(ll)
    refills = count_refills(ll, "strikes")
    for _ in range(5):
        cache.local("strikes")
    assert refills[0] == 1, "filled once, then served from memory"
    cache.changed("strikes", "UA-63/2024-11-20")
    cache.local("strikes")
    assert refills[0] == 1, "a changed key is rendered again by itself, not by a refill"


async def test_every_rebalance_signal_refills_the_cache(ll: LiveLedgerApp) -> None:
    cache = RenderCache(ll)
    refills = count_refills(ll, "casualties")
    cache.local("casualties")
    await ll.app.on_partitions_revoked.send(set())
    cache.local("casualties")
    await ll.app.on_partitions_assigned.send({TP(ll.settings.facts_topic, 1)})
    cache.local("casualties")
    await ll.app.on_rebalance_complete.send()
    cache.local("casualties")
    cache.local("casualties")
    assert refills[0] == 4, "one fill, then one per signal"
