"""Audit on the page, in headless Chromium against a real worker and broker.

Click a casualty number: the panel shows the sentence with the figure marked and its claimant,
why the other reports do not count, and the entry lights up in the timeline. Download the CSV:
the bytes of ``liveledger audit export``. Run ``audit verify``: the badge says so. Alter an event
on the log: the chain badge turns red with its position.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from replay.source import read_log
from tests.e2e import blog_fixture as fx
from tests.e2e.browser import DevTools
from tests.integration.test_audit import cli
from tests.support.altered import send_altered_event
from tests.support.worker import WorkerProcess

pytestmark = pytest.mark.kafka

PANEL = "document.getElementById('explain-panel')"


async def click(dt: DevTools, selector: str) -> None:
    found = await dt.evaluate(f"(e => e ? (e.dispatchEvent(new MouseEvent('click', {{bubbles: true}})), true)"
                              f" : false)(document.querySelector({selector!r}))")  # fmt: skip
    assert found, f"nothing to click at {selector}"


async def open_panel(dt: DevTools, selector: str) -> None:
    await dt.evaluate(f"{PANEL}.dataset.state = ''; true")
    await click(dt, selector)
    await dt.wait_for(f"{PANEL}.dataset.state === 'ready' && !{PANEL}.hidden", f"the explain panel for {selector}")


async def contributions(dt: DevTools) -> list[dict[str, str]]:
    value = await dt.evaluate(
        "[...document.querySelectorAll('#explain-body li.contribution')].map(li => ({"
        " entry: li.dataset.entryId, status: li.dataset.status, verdict: li.dataset.verdict,"
        " why: li.querySelector('.why').textContent,"
        " sentence: li.querySelector('.sentence')?.textContent || '',"
        " figure: li.querySelector('.sentence mark.figure')?.textContent || '',"
        " claimant: [...li.querySelectorAll('.claimant')].map(c => c.textContent).join('|')}))"
    )
    assert isinstance(value, list)
    return value


async def check_casualty_click(dt: DevTools) -> None:
    await open_panel(dt, 'tr[data-region="UA-63"] td[data-metric="killed"]')
    shown = await contributions(dt)
    p1 = next(c for c in shown if c["entry"] == "p1")
    assert p1["sentence"] == (
        "A guided bomb struck a residential street in Kharkiv before dawn, killing at least 3 people, "
        "the regional governor said."
    )
    assert p1["figure"] == "at least 3 people" and p1["claimant"] == "regional governor"
    assert p1["verdict"] == "counts" and p1["status"] == "current"
    lit = await dt.evaluate("document.querySelector('#timeline li.entry[data-entry-id=\"p1\"]').dataset.explained")
    assert lit == "counts", "the entry is highlighted in the timeline"

    # Odesa: the city mayor says 6 injured, the regional administration 4: one counts, the other is disputed
    await open_panel(dt, 'tr[data-region="UA-51"] td[data-metric="injured"]')
    verdicts = sorted(c["verdict"] for c in await contributions(dt))
    assert "counts" in verdicts and "disputed" in verdicts, verdicts
    why = next(c["why"] for c in await contributions(dt) if c["verdict"] == "disputed")
    assert "range 4–6" in why, why

    # a strike bar and a chart point open the panel too
    await open_panel(dt, '#strikes-chart rect[data-region="UA-63"]')
    assert await dt.evaluate(f"{PANEL}.dataset.view") == "strikes"
    assert await contributions(dt)
    await open_panel(dt, "#figures-chart circle[data-explain-view]")
    assert await dt.evaluate(f"{PANEL}.dataset.view") == "figures"
    assert any(c["verdict"] == "counts" for c in await contributions(dt))
    await click(dt, "#explain-close")
    assert await dt.evaluate(f"{PANEL}.hidden") is True


def wait_for_file(path: Path, limit_s: float = 20.0) -> str:
    """The text of a file Chromium downloads, once it is there (Chromium writes a .crdownload first)."""
    deadline = time.monotonic() + limit_s
    while not (path.exists() and path.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.exists(), f"no download in {path.parent}: {sorted(p.name for p in path.parent.iterdir())}"
    return path.read_text()


async def check_download(dt: DevTools, settings: Settings, into: Path) -> None:
    await dt.call("Page.setDownloadBehavior", behavior="allow", downloadPath=str(into))
    await click(dt, "#export-incidents")
    await dt.wait_for("document.getElementById('export-incidents').dataset.downloaded", "the download to start")
    downloaded = wait_for_file(into / "incidents.csv")
    out = cli(settings, "audit", "export", "incidents")
    assert out.returncode == 0, out.stderr
    assert downloaded == out.stdout
    assert out.stdout.count("\n") > 1


async def check_badges(dt: DevTools, worker: WorkerProcess, settings: Settings) -> None:
    last = max(r.position.offset for r in await read_log(settings))
    await dt.wait_for(
        f"(b => b.dataset.state === 'ok' && b.dataset.offset === '{last}')(document.getElementById('chain-badge'))",
        f"the chain badge verified to offset {last}",
    )
    assert await dt.evaluate("document.getElementById('verify-badge').dataset.state") == "unknown"
    out = cli(settings, "audit", "verify")
    assert out.returncode == 0, out.stdout + out.stderr
    await dt.wait_for("document.getElementById('verify-badge').dataset.state === 'ok'", "the verify badge")
    assert "equal" in await dt.evaluate("document.getElementById('verify-badge').textContent")

    # alter an event on the log (its stored hash left as it was)
    sent = await send_altered_event(settings, fx.BLOG, "Nothing happened.")
    text = await dt.wait_for(
        "(b => b.dataset.state === 'broken' && b.textContent)(document.getElementById('chain-badge'))",
        "the chain badge to turn red",
    )
    assert f"{sent.partition}:{sent.offset}" in text and "altered" in text, text
    colour = await dt.evaluate("getComputedStyle(document.getElementById('chain-badge')).backgroundColor")
    assert colour == "rgb(179, 38, 30)", colour


async def test_page_explains_exports_and_shows_the_verified_badge(settings: Settings, tmp_path: Path) -> None:
    summary = await publish_lines(settings, fx.lines(fx.entry_docs() + fx.retraction_docs()))
    assert summary["rejected"] == [], summary
    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    try:
        worker.wait_processed(11)
        dt = DevTools(tmp_path / "profile", f"{worker.url}/", tmp_path / "chromium.log").launch()
        async with dt:
            await dt.wait_for("document.querySelectorAll('#timeline li.entry').length === 9", "the first render")
            await check_casualty_click(dt)
            downloads = tmp_path / "downloads"
            downloads.mkdir()
            await check_download(dt, settings, downloads)
            await check_badges(dt, worker, settings)
    finally:
        worker.stop()
