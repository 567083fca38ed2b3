"""Query documents are kept per view and parameters until the view changes, and are the bytes a build gives."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import orjson
import pytest
from faust.types import TP

from liveledger.api import doc_cache
from liveledger.api.cache import RenderCache
from liveledger.api.doc_cache import DocumentCache
from liveledger.settings import Settings
from schemas.facts import Fact
from streams.app.factory import LiveLedgerApp, build_app
from streams.query.documents import build
from streams.views.routing import route
from streams.views.rows import apply_row, row_key
from tests.unit.views.views_builders import event


@pytest.fixture
async def ll(tmp_path: Path) -> AsyncIterator[LiveLedgerApp]:
    settings = Settings(store="memory://", data_dir=tmp_path, app_id="doc-cache-test")
    app = build_app(settings, extractor=lambda title, body: [], extractor_version="none")
    app.app.finalize()
    yield app


def publish(ll: LiveLedgerApp, renders: RenderCache, entry_id: str, offset: int, best: int) -> None:
    """One entry's rows in the view tables (written into the stores, as recovery fills them: no stream
    here to write through), and the render cache told, as the views agent tells it."""
    facts = [
        Fact(metric="killed", best=best, claimant="governor", region_code="UA-63", country="UA"),
        Fact(metric="troops", best=best * 1000, claimant="Pentagon", subject="North Korean troops"),
    ]
    ef = event(entry_id, facts, published_at=f"2024-11-20T10:{offset:02d}:00Z", offset=offset)
    for c in route(ef):
        rows = ll.views[c.view]
        record = apply_row(rows.get_row(c.key, c.entry_key), c)
        assert record is not None
        rows.table.data[row_key(c.key, c.entry_key)] = rows.codec.dump(rows.codec.pack(record, c.entry_key))
        renders.changed(c.view, c.key)


def expected(ll: LiveLedgerApp, view: str, params: dict[str, str]) -> bytes:
    """The document built from the tables as they are now, without any cache."""
    states = {k.decode(): v for k, v in ll.views[view].items()}
    return orjson.dumps(build(view, states, params), option=orjson.OPT_SORT_KEYS)


async def test_a_query_asked_again_is_the_same_bytes_from_the_cache_until_the_view_changes(ll: LiveLedgerApp) -> None:
    renders = RenderCache(ll)
    docs = DocumentCache(ll, renders)
    publish(ll, renders, "e1", 1, 3)
    params = {"metric": "troops"}
    first = await docs.body("figures", params)
    assert first == expected(ll, "figures", params) and b"3000" in first
    assert await docs.body("figures", params) == first
    assert (docs.hits, docs.misses) == (1, 1)

    publish(ll, renders, "e2", 2, 5)  # an apply to the view: the next query builds again
    second = await docs.body("figures", params)
    assert second == expected(ll, "figures", params) and b"5000" in second and second != first
    assert (docs.hits, docs.misses) == (1, 2)

    casualties = await docs.body("casualties", {"region": "UA-63"})  # another view: its own entry
    assert casualties == expected(ll, "casualties", {"region": "UA-63"})
    assert await docs.body("figures", params) == second and docs.hits == 2, "asking another view changes nothing here"
    publish(ll, renders, "e3", 3, 7)
    assert await docs.body("casualties", {"region": "UA-63"}) == expected(ll, "casualties", {"region": "UA-63"})
    assert docs.misses == 4


async def test_a_new_generation_builds_again(ll: LiveLedgerApp) -> None:
    renders = RenderCache(ll)
    docs = DocumentCache(ll, renders)
    publish(ll, renders, "e1", 1, 3)
    await docs.body("strikes", {})
    await docs.body("strikes", {})
    await ll.app.on_partitions_assigned.send({TP(ll.settings.facts_topic, 0)})
    assert await docs.body("strikes", {}) == expected(ll, "strikes", {})
    assert (docs.hits, docs.misses) == (1, 2)


async def test_the_cache_keeps_at_most_its_bounds_dropping_the_least_recently_asked(ll: LiveLedgerApp) -> None:
    renders = RenderCache(ll)
    publish(ll, renders, "e1", 1, 3)
    docs = DocumentCache(ll, renders, max_docs=2)
    for params in ({"metric": "troops"}, {"metric": "killed"}, {"claimant": "pentagon"}):
        await docs.body("figures", params)
    assert len(docs) == 2
    await docs.body("figures", {"claimant": "pentagon"})
    await docs.body("figures", {"metric": "troops"})  # dropped as the least recently asked
    assert (docs.hits, docs.misses) == (1, 4)
    small = DocumentCache(ll, renders, max_bytes=10)  # no document fits: each is built, none kept
    assert await small.body("figures", {}) == expected(ll, "figures", {})
    await small.body("figures", {})
    assert len(small) == 0 and small.misses == 2


async def test_a_view_partly_held_by_other_workers_is_built_every_time(
    ll: LiveLedgerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = RenderCache(ll)
    docs = DocumentCache(ll, renders)
    publish(ll, renders, "e1", 1, 3)
    built = []

    async def gathered(ll_: LiveLedgerApp, cache: RenderCache, view: str) -> dict[str, list[dict[str, object]]]:
        built.append(view)
        return dict(cache.local(view))  # what the other worker holds is left out of this test

    monkeypatch.setattr(doc_cache, "other_hosts", lambda ll_, table: ["http://127.0.0.1:1"])
    monkeypatch.setattr(doc_cache, "gather_rendered", gathered)
    for _ in range(3):
        assert await docs.body("figures", {}) == expected(ll, "figures", {})
    assert built == ["figures"] * 3 and len(docs) == 0 and docs.hits == 0
