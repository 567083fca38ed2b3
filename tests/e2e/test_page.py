"""The web page at ``/``, rendered by headless Chromium against a real worker.

A small blog (``blog_fixture``) with editor figures is published to the session
broker and a real ``liveledger worker`` serves the page and the API. Then:

1. ``chromium --dump-dom`` (virtual time, so the page's first fetches finish) gives the
   rendered DOM; every number on it is compared with the API's documents and with the
   figures the fixture fixes: the Kharkiv row, the strike bars, the <mark>s in the
   timeline, one line per claimant in the figures chart, escaping of untrusted text.
2. ``chromium --screenshot`` writes a 1280x1600 PNG (copied to the path in
   ``LIVELEDGER_PAGE_SCREENSHOT`` when set, e.g. ``docs/screenshot.png``).
3. Over the DevTools protocol, with the page open: a newly published entry shows up
   without a reload, polling pauses while the tab is hidden, and the error banner
   appears when the worker goes away.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from tests.e2e import blog_fixture as fx
from tests.e2e.browser import DevTools, Node, parse_dom, png_size, run_chromium
from tests.support.worker import WorkerProcess

pytestmark = pytest.mark.kafka


async def publish(settings: Settings, docs: list[dict[str, Any]]) -> None:
    # One call per entry, so published_at (the x axis of the figures chart) is spread out a little.
    for doc in docs:
        summary = await publish_lines(settings, fx.lines([doc]))
        assert summary["rejected"] == [], summary


def shown(n: Node) -> str:
    return " ".join(n.text.split())


def entry_of(timeline: Node, entry_id: str) -> Node:
    return timeline.find("li", data_entry_id=entry_id)


def entry_text_and_marks(entry: Node) -> tuple[str, list[tuple[int, int]]]:
    """The entry's text as the API gives it ("title\\n\\nbody") and where the marks are in it."""
    box = entry.find("div", class_="entry-text")
    title, body = box.find("h3"), box.find("p")
    t_text, t_marks = title.marked_text()
    b_text, b_marks = body.marked_text()
    shift = len(t_text) + 2
    return f"{t_text}\n\n{b_text}", t_marks + [(s + shift, e + shift) for s, e in b_marks]


def union(spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def check_assets(url: str) -> None:
    """The page's files come from the worker itself, with their types (no CDN)."""
    for name, ctype in (("app.js", "application/javascript"), ("charts.js", "application/javascript"),
                        ("style.css", "text/css")):  # fmt: skip
        try:
            with urllib.request.urlopen(f"{url}/static/{name}", timeout=10) as resp:
                assert resp.headers.get_content_type() == ctype, name
                assert resp.read(), name
        except urllib.error.HTTPError as e:
            raise AssertionError(f"GET /static/{name} answered HTTP {e.code}: the page cannot load its scripts") from e


def check_timeline(dom: Node, api: dict[str, Any]) -> None:
    timeline = dom.by_id("timeline")
    entries = timeline.find_all("li", class_="entry")
    assert [e["data-entry-id"] for e in entries] == [it["entry_id"] for it in api["items"]], "newest first, as the API"
    assert [e["data-entry-id"] for e in entries] == [f"p{i}" for i in range(9, 0, -1)], "p10 was retracted"
    assert shown(dom.by_id("timeline-count")) == "(9)"

    for item in api["items"]:
        text, marks = entry_text_and_marks(entry_of(timeline, item["entry_id"]))
        assert text == item["text"], f"{item['entry_id']}: the text is shown whole, once, unchanged"
        spans = [(f["span"][0], f["span"][1]) for f in item["facts"] if f["span"] is not None]
        # the marks cover exactly the figures' spans (overlapping spans merge, never nest or repeat)
        assert union(marks) == union(spans), item["entry_id"]
        chips = entry_of(timeline, item["entry_id"]).find_all("li", class_="fact")
        assert sorted(c["data-metric"] for c in chips) == sorted(f["metric"] for f in item["facts"])

    p1 = entry_of(timeline, "p1")
    mark = next(m for m in p1.find_all("mark") if m.text == "at least 3 people")
    assert mark["data-metric"] == "killed"
    assert "killed: best 3 (at_least) — regional governor" in mark["title"]

    # p3's strike phrase runs into its injury phrase: one mark, both figures in the tooltip
    p3_marks = entry_of(timeline, "p3").find_all("mark")
    assert len(p3_marks) == 1
    assert p3_marks[0].text == "Russian drones hit port facilities in Odesa, injuring 4 people"
    assert p3_marks[0]["data-facts"] == "2"
    assert "strikes: best 1" in p3_marks[0]["title"] and "injured: best 4" in p3_marks[0]["title"]

    # p5's strike figure has no span: no mark for it, but a chip with its value
    p5_strikes = entry_of(timeline, "p5").find("li", class_="fact", data_metric="strikes")
    assert p5_strikes["data-has-span"] == "0" and p5_strikes["data-value"] == "2"

    # untrusted text stays text
    p9 = entry_of(timeline, "p9")
    assert shown(p9.find("h3")) == "Reader note <img src=x onerror=alert(document.domain)>"
    assert "<script>document.title='pwned'</script>" in p9.find("p").text
    assert not dom.find_all("img") and not dom.find_all("b")
    assert [s.get("src") for s in dom.find_all("script")] == ["/static/app.js"]
    assert shown(dom.find("title")) == "liveledger"


def check_casualties(dom: Node, api: dict[str, Any]) -> None:
    table = dom.by_id("casualties-table")
    groups = api["rollup"]["by_region"]["groups"]
    rows = table.find("tbody").find_all("tr", data_region=None)
    assert [r["data-region"] for r in rows] == list(groups)
    for row in rows:
        g = groups[row["data-region"]]
        assert row.find("td", data_metric="incidents")["data-value"] == str(g["incidents"])
        for metric, t in g["metrics"].items():
            cell = row.find("td", data_metric=metric)
            assert cell["data-value"] == str(t["best"]), (row["data-region"], metric)
            assert shown(cell).startswith(f"{t['best']:,}")
    # numbers fixed by the fixture's editor figures
    kharkiv = table.find("tr", data_region="UA-63")
    assert "Kharkiv" in shown(kharkiv.find("th"))
    assert shown(kharkiv.find("td", data_metric="killed")) == "3"
    assert kharkiv.find("td", data_metric="injured")["data-value"] == "12"
    assert kharkiv["data-disputed"] == "0"
    odesa = table.find("tr", data_region="UA-51")
    injured = odesa.find("td", data_metric="injured")
    assert (injured["data-value"], injured["data-low"], injured["data-high"]) == ("6", "4", "6")
    disputed = [inc for inc in api["items"] if inc["area"] == "UA-51" and inc["metrics"]["injured"]["disputed"]]
    assert odesa["data-disputed"] == str(len(disputed)) == "1", "mayor (6) and administration (4) disagree"
    flag = odesa.find("td", class_="disputed")
    assert "city mayor 6" in flag["title"] and "regional administration 4" in flag["title"]
    overall = table.find("tfoot").find("tr", data_region="overall")
    want = api["rollup"]["overall"]["groups"]["overall"]["metrics"]["injured"]["best"]
    assert overall.find("td", data_metric="injured")["data-value"] == str(want) == "18"


def check_strikes(dom: Node, api: dict[str, Any]) -> None:
    counts = api["counts"]["by_region"]["counts"]
    bars = dom.by_id("strikes-chart").find_all("rect", data_region=None)
    assert {b["data-region"]: int(b["data-value"]) for b in bars} == counts
    assert counts == {"UA-63": 2, "UA-51": 1}, "two Kharkiv incidents (bomb on the 20th, drones on the 21st)"
    widths = {b["data-region"]: float(b["width"]) for b in bars}
    assert widths["UA-63"] > widths["UA-51"] > 0


def check_figures(dom: Node, api: dict[str, Any]) -> None:
    box = dom.by_id("figures-chart")
    assert box["data-metric"] == "troops", "troops is the default metric when present"
    troops = [it for it in api["items"] if it["metric"] == "troops"]
    paths = box.find_all("path", data_metric="troops")
    assert len(paths) == len(troops) == 2, "one line per claimant"
    assert sorted(p["data-claimant"] for p in paths) == sorted(it["claimant"] for it in troops)
    for p in paths:
        series = next(it["series"] for it in troops if it["key"] == p["data-key"])
        assert p["data-points"] == str(len(series))
    kyiv = next(p for p in paths if p["data-claimant"] == "Ukrainian intelligence")
    assert kyiv["data-points"] == "2" and kyiv["d"].count("L") == 1
    points = [int(c["data-value"]) for c in box.find_all("circle", data_value=None)]
    assert sorted(points) == [10000, 11000, 12000]
    legend = [shown(t) for t in box.find_all("text", class_="legend")]
    assert sorted(legend) == ["South Korean intelligence", "Ukrainian intelligence"]
    options = [o["value"] for o in dom.by_id("figures-metric").find_all("option")]
    assert sorted(options) == sorted({it["metric"] for it in api["items"]})


async def check_live(dt: DevTools, worker: WorkerProcess, settings: Settings) -> None:
    await dt.wait_for("document.querySelectorAll('#timeline li.entry').length === 9", "the first render")
    first = await dt.evaluate("document.getElementById('updated').dataset.updated")

    # a new entry appears by itself, and the Odesa row follows the API
    await publish(settings, fx.entry_docs([fx.LIVE]))
    worker.wait_processed(12)
    killed = worker.view("casualties")["rollup"]["by_region"]["groups"]["UA-51"]["metrics"]["killed"]["best"]
    assert killed == 2
    await dt.wait_for(
        "document.querySelector('#timeline li.entry')?.dataset.entryId === 'p11'"
        " && document.querySelector('tr[data-region=\"UA-51\"] td[data-metric=\"killed\"]')?.dataset.value === '2'",
        "p11 on top of the timeline and killed 2 in the UA-51 row",
    )
    assert await dt.evaluate("document.getElementById('updated').dataset.updated") != first
    assert re.fullmatch(r"updated \d\d:\d\d:\d\d", await dt.evaluate("document.getElementById('updated').textContent"))

    # a hidden tab stops polling; showing it again polls at once
    await dt.evaluate(
        "window.__fetches = 0; const f = window.fetch;"
        " window.fetch = (...a) => { window.__fetches += 1; return f(...a); };"
        " Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
        " document.dispatchEvent(new Event('visibilitychange')); true"
    )
    assert await dt.evaluate("document.getElementById('updated').dataset.state") == "paused"
    before = await dt.evaluate("window.__fetches")
    await asyncio.sleep(6)  # two poll periods and more
    assert await dt.evaluate("window.__fetches") == before, "no polling while hidden"
    await dt.evaluate(
        "Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
        " document.dispatchEvent(new Event('visibilitychange')); true"
    )
    await dt.wait_for(f"window.__fetches > {before}", "polling to resume", limit_s=5)

    # the worker goes away: the banner says so, the last data stays
    assert await dt.evaluate("document.getElementById('error-banner').hidden") is True
    worker.stop()
    banner = await dt.wait_for(
        "(b => !b.hidden && b.textContent)(document.getElementById('error-banner'))", "the error banner"
    )
    assert "The API is not answering" in banner and "/api/v1/" in banner
    assert await dt.evaluate("document.getElementById('live-dot').classList.contains('down')")
    assert await dt.evaluate("document.querySelectorAll('#timeline li.entry').length") == 10


async def test_page_renders_the_api(settings: Settings, tmp_path: Path) -> None:
    t0 = time.monotonic()
    await publish(settings, fx.entry_docs() + fx.retraction_docs())
    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    try:
        worker.wait_processed(11)
        api = {name: worker.view(name) for name in ("timeline", "casualties", "strikes", "figures")}
        check_assets(worker.url)

        html = run_chromium(tmp_path / "profile-dom", "--virtual-time-budget=10000", "--dump-dom", f"{worker.url}/")
        dom = parse_dom(html)
        assert dom.by_id("error-banner").get("hidden") is not None, "no error banner"
        assert re.fullmatch(r"updated \d\d:\d\d:\d\d", shown(dom.by_id("updated")))
        check_timeline(dom, api["timeline"])
        check_casualties(dom, api["casualties"])
        check_strikes(dom, api["strikes"])
        check_figures(dom, api["figures"])

        shot = tmp_path / "screenshot.png"
        run_chromium(
            tmp_path / "profile-shot",
            "--virtual-time-budget=10000",
            "--window-size=1280,1600",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            f"{worker.url}/",
        )
        assert png_size(shot) == (1280, 1600)
        if os.environ.get("LIVELEDGER_PAGE_SCREENSHOT"):
            shutil.copyfile(shot, os.environ["LIVELEDGER_PAGE_SCREENSHOT"])

        dt = DevTools(tmp_path / "profile-live", f"{worker.url}/", tmp_path / "chromium.log").launch()
        async with dt:
            await check_live(dt, worker, settings)
    finally:
        worker.stop()
    print(f"page e2e took {time.monotonic() - t0:.1f}s")
