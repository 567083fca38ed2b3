"""The page at 5,000 entries: time to first render, to open the explain panel, to redraw after a slider move.

    python bench/bench_page.py [--entries 5000] [--rounds 5] [--corrections 0.1]

Uses LIVELEDGER_KAFKA_BOOTSTRAP when set, else starts a local broker on free loopback ports.
Publishes ``--entries`` entries (texts cycled from the sample blog, over six blogs), lets a real
worker catch up, then opens the page in headless Chromium ``--rounds`` times and prints:

  first render   navigation start -> every panel drawn from the first answers of the API (the page
                 sets ``data-first-render-ms`` on <html>), median and max over the rounds
  explain        click on the largest casualty number -> the panel shows every report behind it
                 (the panel's ``data-ms``), median and max
  slider         the time slider moved to 10%, 30%, 50%, 70% and 90% of the blog's events, then "Now":
                 the move -> every panel drawn as of the new moment (the page's ``data-redraw-ms``),
                 median and max over every move of every round; ``--corrections`` of the entries are
                 corrected after they are published, so the story changes along the track
  API            the size of each document the page fetches on a full redraw (the page asks for the
                 newest 300 timeline entries; the whole timeline is shown for comparison) and the
                 time to fetch it, median of 3

The machine is small and shared: figures move with the load beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_asof import corrections  # noqa: E402
from bench.bench_pipeline import entry_lines  # noqa: E402
from bench.catchup import bench_broker, free_port, make_settings, publish_only  # noqa: E402
from liveledger.broker import local  # noqa: E402
from tests.e2e.browser import DevTools  # noqa: E402
from tests.support.worker import WorkerProcess  # noqa: E402

LIMIT = 300  # the page's TIMELINE_LIMIT (liveledger/api/static/app.js)
FETCHED = ("timeline", "timeline?limit=300", "casualties", "strikes", "figures", "audit/status", "moments")
BIGGEST = (
    "[...document.querySelectorAll('#casualties-table tbody td[data-explain-view]')]"
    ".sort((a, b) => JSON.parse(b.dataset.explainKeys).length - JSON.parse(a.dataset.explainKeys).length)[0]"
)


SLIDE = (
    "(f => {{ const r = document.getElementById('asof-range'); const d = document.documentElement.dataset;"
    " delete d.redrawMs; r.value = String(Math.round(f * Number(r.max))); r.dispatchEvent(new Event('input'));"
    " return r.value; }})({f})"
)
NOW = (
    "(d => { delete d.redrawMs; document.getElementById('asof-now').click(); return true; })"
    "(document.documentElement.dataset)"
)
REDRAWN = "(d => d.drawnAsOf && d.redrawMs)(document.documentElement.dataset)"


async def slider_moves(dt: DevTools) -> list[float]:
    """Redraw times (ms) of slider moves over the track, then back to now."""
    out = []
    for f in (0.1, 0.3, 0.5, 0.7, 0.9):
        await dt.evaluate(SLIDE.format(f=f))
        out.append(float(await dt.wait_for(REDRAWN, f"the redraw after a move to {f:.0%}", limit_s=120)))
    await dt.evaluate(NOW)
    out.append(float(await dt.wait_for(REDRAWN, "the redraw at now", limit_s=120)))
    return out


async def measure(
    url: str, profile: Path, rounds: int, shows: int
) -> tuple[list[float], list[float], int, list[float]]:
    """First render, explain and slider redraw times of the page at ``url``, which shows ``shows`` timeline entries."""
    renders: list[float] = []
    explains: list[float] = []
    slides: list[float] = []
    keys = 0
    dt = DevTools(profile, url, profile.parent / "chromium.log").launch()
    async with dt:
        for i in range(rounds):
            if i:
                await dt.call("Page.reload", ignoreCache=True)
                await asyncio.sleep(1.0)
            ms = await dt.wait_for("document.documentElement?.dataset.firstRenderMs", "the first render", limit_s=120)
            shown = await dt.evaluate("document.querySelectorAll('#timeline li.entry').length")
            if shown != shows:
                raise RuntimeError(f"the page shows {shown} timeline entries, not {shows}")
            renders.append(float(ms))
            keys = int(await dt.evaluate(f"JSON.parse(({BIGGEST}).dataset.explainKeys).length"))
            await dt.evaluate("document.getElementById('explain-panel').dataset.state = ''; true")
            await dt.evaluate(f"({BIGGEST}).dispatchEvent(new MouseEvent('click', {{bubbles: true}})); true")
            ready = "(p => p.dataset.state === 'ready' && p.dataset.ms)(document.getElementById('explain-panel'))"
            explains.append(float(await dt.wait_for(ready, "the explain panel", limit_s=60)))
            await dt.wait_for("!document.getElementById('asof-range').disabled", "the slider's track")
            slides += await slider_moves(dt)
    return renders, explains, keys, slides


def caught_up(worker: WorkerProcess, entries: int, timeout: float) -> None:
    """Wait until the worker has processed ``entries`` events and applying has settled.

    A worker catching up on a loaded machine may not answer health within its 10 s: that is
    a slow answer, not a failure, so such polls are retried.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            worker.wait_processed(entries, timeout=max(1.0, deadline - time.monotonic()))
            return
        except (TimeoutError, urllib.error.URLError, ConnectionError) as e:
            if isinstance(e, TimeoutError) and "within" in str(e):
                raise
            time.sleep(1)
    raise TimeoutError(f"the worker did not catch up on {entries} entries within {timeout:.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corrections", type=float, default=0.1, help="share of entries corrected afterwards")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds the worker may take to catch up")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="liveledger-bench-page-"))
    bootstrap, cfg = bench_broker(tmp)
    try:
        settings = make_settings(bootstrap, uuid.uuid4().hex[:8], tmp / "data", free_port())
        lines = entry_lines(args.entries, "pg")
        fixes = corrections(lines, args.corrections, random.Random(7))
        print(f"publishing {args.entries} entries, then {len(fixes)} corrections", flush=True)
        asyncio.run(publish_only(settings, lines))
        asyncio.run(publish_only(settings, fixes))
        with WorkerProcess(settings, tmp / "worker.log") as worker:
            t0 = time.monotonic()
            caught_up(worker, args.entries + len(fixes), args.timeout)
            print(f"worker caught up in {time.monotonic() - t0:.1f} s", flush=True)
            sizes: dict[str, tuple[int, float]] = {}
            for name in FETCHED:
                times = []
                for _ in range(3):
                    t1 = time.perf_counter()
                    with urllib.request.urlopen(f"{worker.url}/api/v1/{name}", timeout=60) as resp:
                        size = len(resp.read())
                    times.append((time.perf_counter() - t1) * 1000)
                sizes[name] = (size, statistics.median(times))
            runs = {
                f"newest {min(LIMIT, args.entries)} (the page)": asyncio.run(
                    measure(f"{worker.url}/", tmp / "profile-page", args.rounds, min(LIMIT, args.entries))
                ),
                f"all {args.entries} (/?timeline=all)": asyncio.run(
                    measure(f"{worker.url}/?timeline=all", tmp / "profile-all", args.rounds, args.entries)
                ),
            }
    finally:
        if cfg is not None:
            local.stop(cfg)
    print(f"\npage at {args.entries} entries, {args.rounds} rounds (headless Chromium, this machine)")
    for label, (renders, explains, keys, slides) in runs.items():
        print(f"  timeline shows {label}:")
        print(f"    first render       median {statistics.median(renders):8.0f} ms   max {max(renders):8.0f} ms")
        print(f"    explain ({keys} keys)  median {statistics.median(explains):8.0f} ms   max {max(explains):8.0f} ms")
        print(
            f"    slider redraw      median {statistics.median(slides):8.0f} ms   max {max(slides):8.0f} ms"
            f"   ({len(slides)} moves)"
        )
    for name, (size, ms) in sizes.items():
        print(f"  GET /api/v1/{name:<24} {size:>10,} bytes  {ms:8.0f} ms (median of 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
