"""``liveledger ingest`` against a real broker, a real HTTP server on 127.0.0.1 and a real worker."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.ingest.run import Tally, follow, ingest
from liveledger.kafka.reader import read_topic
from liveledger.settings import Settings
from replay.rebuild import Cutoff, rebuild
from replay.source import read_log
from schemas.codec import decode
from schemas.events import DomainEvent, EntryCorrected, EntryPublished, EntryRetracted
from schemas.ids import safe_id
from streams.core.pipeline import default_extractor
from tests.integration.ingest_pages import CANONICAL, LivePage, Post, live_page, serve
from tests.support.worker import WorkerProcess, settings_env

pytestmark = pytest.mark.kafka
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
GRAPH_PAGE = FIXTURES / "liveblog_graph.html"


async def events(settings: Settings) -> list[DomainEvent]:
    return [decode(r.value or b"")[1] async for r in read_topic(settings, settings.entries_topic)]


async def test_ingesting_the_fixture_page_twice_publishes_each_entry_once_with_source_times(settings: Settings) -> None:
    first = await ingest(settings, str(GRAPH_PAGE))
    assert (first.published, first.duplicates, len(first.skipped), first.rejected) == (3, 0, 4, [])
    second = await ingest(settings, str(GRAPH_PAGE))
    assert (second.published, second.corrected, second.duplicates) == (0, 0, 3)
    log = await events(settings)
    assert len(log) == 3 and all(isinstance(e, EntryPublished) for e in log)
    by_url = {e.content.source_url: e for e in log if isinstance(e, EntryPublished)}
    evac = by_url["https://courier.example/news/live/2024/nov/20/flood-crisis-live#post-104"]
    assert evac.entry_id == safe_id("https://courier.example/news/live/2024/nov/20/flood-crisis-live#post-104")
    assert evac.content.source_published_at is not None
    assert evac.content.source_published_at.isoformat() == "2024-11-20T08:40:00+00:00"
    assert evac.published_at.year >= 2026, "published_at stays the acceptance time"


async def test_a_saved_copy_and_the_page_served_elsewhere_give_the_same_entries(settings: Settings) -> None:
    saved = await ingest(settings, str(GRAPH_PAGE))
    page = LivePage(GRAPH_PAGE.read_bytes())
    async with serve(page) as url:  # read from 127.0.0.1/saved/..., never from the canonical host
        served = await ingest(settings, url)
    assert saved.published == 3 and served.blog_id == saved.blog_id
    assert (served.published, served.duplicates) == (0, 3), "same ids and content: all duplicates"


def _storm(edited: bool) -> list[Post]:
    p1 = Post(
        "p1",
        "Red warning for the coast",
        "Forecasters issued a red wind warning for the coast.",
        "2024-11-20T06:00:00Z",
    )
    p2 = Post("p2", "Ferries suspended", "All ferry sailings are off until the evening.", "2024-11-20T07:00:00Z")
    p3 = Post(
        "p3",
        "Tree falls on car",
        "Two people were killed when a tree fell on a car in Plymouth, police said.",
        "2024-11-20T08:00:00Z",
    )
    p4 = Post("p4", "Power cuts", "Engineers are working to restore power along the coast.", "2024-11-20T09:00:00Z")
    if not edited:
        return [p4, p3, p2, p1]
    p3e = Post(
        p3.ident,
        p3.headline,
        "Three people were killed when a tree fell on a car in Plymouth, police said.",
        p3.published,
        "2024-11-20T09:30:00Z",
    )
    p5 = Post(
        "p5", "Coast road closed", "The coast road is closed at the harbour because of debris.", "2024-11-20T10:00:00Z"
    )
    return [p5, p4, p3e, p1]  # p3 edited, p2 removed from between p3 and p1, p5 added


def _entry(ident: str) -> str:
    return safe_id(f"{CANONICAL}#{ident}")


async def test_follow_turns_edits_into_corrections_and_removals_into_retractions(
    settings: Settings, tmp_path: Path
) -> None:
    page = LivePage(live_page(_storm(edited=False)))
    interval = 0.3

    async def on_poll(n: int, tally: Tally) -> None:
        if n == 2:  # polls: 1 first page, 2 not modified, 3 the changed page, 4 an error, 5 not modified
            page.set(live_page(_storm(edited=True)))
        if n == 3:
            page.fail_next = 1

    async with serve(page) as url:
        tallies = await follow(settings, url, interval=interval, max_polls=5, on_poll=on_poll)
    t1, t2, t3, t4, t5 = tallies
    assert (t1.published, t1.corrected, t1.retracted) == (4, 0, 0)
    assert t2.not_modified and t5.not_modified
    assert (t3.published, t3.corrected, t3.retracted, t3.unchanged, t3.dropped) == (1, 1, 1, 2, [])
    assert t4.error is not None and "HTTP 503" in t4.error

    statuses = [status for _, _, status in page.requests]
    assert statuses == [200, 304, 200, 503, 304]
    assert page.requests[0][1] == {} and page.requests[1][1] == {"If-None-Match": '"v1"'}
    starts = [t for t, _, _ in page.requests]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= interval * 0.95, f"polled faster than --interval: {gaps}"
    assert gaps[3] >= 2 * interval * 0.95, f"no backoff after the error: {gaps}"

    log = await events(settings)
    kinds = [(type(e).__name__, e.entry_id) for e in log]
    assert sorted(kinds) == sorted(
        [("EntryPublished", _entry(p)) for p in ("p1", "p2", "p3", "p4", "p5")]
        + [("EntryCorrected", _entry("p3")), ("EntryRetracted", _entry("p2"))]
    )
    corr = next(e for e in log if isinstance(e, EntryCorrected))
    assert corr.content.body.startswith("Three people were killed")
    assert corr.content.source_updated_at is not None and corr.content.source_updated_at.hour == 9
    retr = next(e for e in log if isinstance(e, EntryRetracted))
    assert retr.reason == "removed from source"

    # a restarted follower publishes nothing twice
    page2 = LivePage(live_page(_storm(edited=True)))
    async with serve(page2) as url:
        [again] = await follow(settings, url, interval=interval, max_polls=1)
    assert (again.published, again.corrected, again.retracted, again.duplicates) == (0, 0, 0, 4)
    assert len(await events(settings)) == 7

    # the views show the edit
    with WorkerProcess(settings, tmp_path / "worker.log") as w:
        w.wait_processed(7)
        timeline = w.view("timeline")["items"]
        texts = {it["entry_id"]: it for it in timeline}
        assert set(texts) == {_entry(p) for p in ("p1", "p3", "p4", "p5")}
        assert texts[_entry("p3")]["text"].startswith("Tree falls on car\n\nThree people were killed")
        assert texts[_entry("p3")]["source_published_at"] == "2024-11-20T08:00:00.000000Z"
        [incident] = w.view("casualties")["items"]
        assert incident["metrics"]["killed"]["best"] == 3, incident
        assert incident["day"] == "2024-11-20", "an imported post's day is the blog's, not the import's"


async def test_a_source_time_in_the_future_is_rejected_by_name(settings: Settings) -> None:
    far = orjson.dumps({"entry_id": "f1", "blog_id": "b", "body": "x", "source_published_at": "2999-01-01T00:00:00Z"})
    ok = orjson.dumps({"entry_id": "f2", "blog_id": "b", "body": "y", "source_published_at": "2024-01-01T00:00:00Z"})
    summary = await publish_lines(settings, [far, ok])
    assert summary["published"] == 1
    [rej] = summary["rejected"]
    assert rej["line"] == 1 and "source_published_at 2999-01-01" in rej["error"] and "skew" in rej["error"]


def test_cli_lists_skipped_items_with_json_and_exits_1(settings: Settings) -> None:
    cmd = [sys.executable, "-m", "liveledger.cli.main", "ingest", "--json", str(GRAPH_PAGE)]
    run = subprocess.run(cmd, env=settings_env(settings), capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stderr
    out: dict[str, Any] = orjson.loads(run.stdout)
    assert out["format"] == "html" and out["published"] == 3
    assert [s["where"] for s in out["skipped"]] == [
        "JSON-LD block 2",
        "liveBlogUpdate 4 (#post-101)",
        "liveBlogUpdate 5 (#post-100)",
        "liveBlogUpdate 6",
    ]
    bad = subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", "ingest", str(FIXTURES / "no_liveblog.html")],
        env=settings_env(settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2 and "no schema.org LiveBlogPosting JSON-LD" in bad.stderr


def _casualties_as_of(settings: Settings, as_of: str, clock: str) -> tuple[dict[str, Any], str]:
    cmd = [sys.executable, "-m", "liveledger.cli.main", "replay", "--as-of", as_of, "--clock", clock]
    view = subprocess.run(
        [*cmd, "--view", "casualties", "--json"],
        env=settings_env(settings),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert view.returncode == 0, view.stderr
    timeline = subprocess.run(
        [*cmd], env=settings_env(settings), capture_output=True, text=True, timeout=180, check=False
    )
    assert timeline.returncode == 0, timeline.stderr
    return orjson.loads(view.stdout), timeline.stdout


async def test_replay_on_the_source_clock_gives_the_blog_as_it_stood_then(settings: Settings, tmp_path: Path) -> None:
    before, after = tmp_path / "storm-0900.html", tmp_path / "storm-1000.html"
    before.write_bytes(live_page(_storm(edited=False)))
    after.write_bytes(live_page(_storm(edited=True)))
    assert (await ingest(settings, str(before))).published == 4
    later = await ingest(settings, str(after))  # a saved later copy: the edit is a correction
    assert (later.published, later.corrected, later.duplicates) == (1, 1, 2)

    doc, _ = _casualties_as_of(settings, "2024-11-20T08:30:00Z", "source")
    [incident] = doc["items"]
    assert incident["metrics"]["killed"]["best"] == 2, "the post as first written"
    doc, _ = _casualties_as_of(settings, "2024-11-20T09:45:00Z", "source")
    [incident] = doc["items"]
    assert incident["metrics"]["killed"]["best"] == 3, "after the blog's 09:30 edit"
    doc, summary = _casualties_as_of(settings, "2024-11-20T09:45:00Z", "accepted")
    assert doc["items"] == [] and "replayed 0 events" in summary, "liveledger itself had accepted nothing then"

    extractor, version = default_extractor()
    records = await read_log(settings)
    at_0730 = rebuild(
        records,
        extractor=extractor,
        extractor_version=version,
        cutoff=Cutoff(as_of="2024-11-20T07:30:00.000000Z", clock="source"),
    )
    assert (at_0730.events, at_0730.excluded) == (2, 4), "p1 and p2 had been posted by 07:30"
