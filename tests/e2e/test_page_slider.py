"""The time slider, in headless Chromium against a real worker and broker.

The blog of ``blog_fixture`` is published, then, in a later transaction, a correction raises the
Kharkiv toll of its first entry from 3 to 5. The page shows 5; the slider has a correction marker;
clicking it (the moment just before the correction) redraws every panel with 3 and the old text,
shows the moment and the count of events up to it; the CSV downloaded then is the bytes of
``liveledger audit export incidents --as-of`` that moment; a slider move to the first event leaves
one entry; "Now" brings 5 back.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import orjson
import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from replay.rebuild import Cutoff, rebuild
from replay.source import read_log
from streams.core.pipeline import default_extractor
from streams.query.documents import build
from tests.e2e import blog_fixture as fx
from tests.e2e.browser import DevTools
from tests.e2e.test_page_audit import click, wait_for_file
from tests.integration.test_audit import cli
from tests.support.worker import WorkerProcess

pytestmark = pytest.mark.kafka

KILLED = 'document.querySelector(\'tr[data-region="UA-63"] td[data-metric="killed"]\')?.dataset.value'
ROOT = "document.documentElement.dataset"


def corrected_first_entry() -> dict[str, Any]:
    entry_id, occurred, title, body, figures = fx.ENTRIES[0]
    body = body.replace("at least 3 people", "at least 5 people")
    figures = [
        (p.replace("3", "5") if p else p, {**f, "best": 5, "low": 5} if f["metric"] == "killed" else f)
        for p, f in figures
    ]
    [doc] = fx.entry_docs([(entry_id, occurred, title, body, figures)])
    return {**doc, "type": "correction"}


def killed_in_kharkiv(records: list[Any], as_of: str | None) -> int:
    extractor, version = default_extractor()
    rebuilt = rebuild(records, extractor=extractor, extractor_version=version, cutoff=Cutoff(as_of=as_of))
    doc = build("casualties", rebuilt.views.states("casualties"))
    return int(doc["rollup"]["by_region"]["groups"]["UA-63"]["metrics"]["killed"]["best"])


async def drawn(dt: DevTools, moment: str) -> None:
    await dt.wait_for(f"{ROOT}.drawnAsOf === {moment!r}", f"every panel drawn as of {moment}")


async def test_the_slider_shows_the_page_before_a_correction_and_exports_it(settings: Settings, tmp_path: Path) -> None:
    first = await publish_lines(settings, fx.lines(fx.entry_docs() + fx.retraction_docs()))
    await asyncio.sleep(0.3)  # the correction is accepted later, in a transaction of its own
    fix = await publish_lines(settings, [orjson.dumps(corrected_first_entry())])
    assert first["rejected"] == [] and fix["rejected"] == [] and fix["published"] == 1, (first, fix)
    events = first["published"] + 1
    records = await read_log(settings)
    times = sorted(r.envelope.published_at for r in records if r.envelope)
    [correction_at] = [r.envelope.published_at for r in records if r.envelope and r.envelope.type == "entry.corrected"]
    before = max(t for t in times if t < correction_at)
    now_value, old_value = killed_in_kharkiv(records, None), killed_in_kharkiv(records, before)
    assert (now_value, old_value) == (5, 3)

    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    try:
        worker.wait_processed(events)
        dt = DevTools(tmp_path / "profile", f"{worker.url}/", tmp_path / "chromium.log").launch()
        async with dt:
            await dt.wait_for(f"{KILLED} === '{now_value}'", "the live Kharkiv toll")
            marker = '#asof-markers .marker[data-type="entry.corrected"]'
            await dt.wait_for(f"document.querySelectorAll({marker!r}).length === 1", "one correction marker")
            assert await dt.evaluate(f"document.querySelector({marker!r}).dataset.at") == correction_at

            await click(dt, marker)  # the moment just before the blog changed its story
            await drawn(dt, before)
            assert await dt.evaluate(KILLED) == str(old_value)
            bar = await dt.evaluate(
                "(b => ({mode: b.dataset.mode, at: document.getElementById('asof-label').getAttribute('datetime'),"
                " label: document.getElementById('asof-label').textContent,"
                " count: document.getElementById('asof-count').dataset.count,"
                " total: document.getElementById('asof-count').dataset.total}))(document.getElementById('time-slider'))"
            )
            assert bar["mode"] == "past" and bar["at"] == before and bar["label"] not in ("", "now"), bar
            assert bar["count"] == str(sum(1 for t in times if t <= before)) and bar["total"] == str(events), bar
            old_text = await dt.evaluate(
                "document.querySelector('#timeline li.entry[data-entry-id=\"p1\"] .entry-body').textContent"
            )
            assert "at least 3 people" in old_text, old_text
            ms = await dt.evaluate(f"{ROOT}.redrawMs")
            assert ms is not None and int(ms) >= 0

            downloads = tmp_path / "downloads"
            downloads.mkdir()
            await dt.call("Page.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
            await click(dt, "#export-incidents")
            await dt.wait_for("document.getElementById('export-incidents').dataset.downloaded", "the download")
            downloaded = wait_for_file(downloads / "incidents.csv")
            exported = cli(settings, "audit", "export", "incidents", "--as-of", before)
            assert exported.returncode == 0, exported.stderr
            assert downloaded == exported.stdout
            assert downloaded != cli(settings, "audit", "export", "incidents").stdout  # the old story, not now's

            # a real slider move: the first event only
            await dt.evaluate("(r => { r.value = '0'; r.dispatchEvent(new Event('input')); return true; })"
                              "(document.getElementById('asof-range'))")  # fmt: skip
            await drawn(dt, times[0])
            shown = await dt.evaluate("document.querySelectorAll('#timeline li.entry').length")
            assert shown == sum(1 for t in times if t <= times[0])

            await click(dt, "#asof-now")
            await drawn(dt, "now")
            assert await dt.evaluate(KILLED) == str(now_value)
            assert await dt.evaluate("document.getElementById('time-slider').dataset.mode") == "now"
            fixed = await dt.evaluate(
                "document.querySelector('#timeline li.entry[data-entry-id=\"p1\"] .entry-body').textContent"
            )
            assert "at least 5 people" in fixed, fixed
    finally:
        worker.stop()
