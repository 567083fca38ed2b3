"""A real worker on a real broker whose extractor raises on one entry: that entry goes to the
dead-letter topic at stage ``extract`` with its original bytes, is counted, and the worker carries
on; replay and rederive with the same extractor leave it out too, name it, and exit 1.

The extractor is the project's own, made to fail inside the worker process by a
``sitecustomize`` hook that wraps its core (``streams.extract._extract_text``) when
``LIVELEDGER_TEST_EXTRACTOR_FAILS_ON`` is set: so the worker runs the real ``liveledger worker``
command and the real ``extract_text`` turns the failure into an ``ExtractionError``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

import streams.extract as extract_api
import streams.extract.extractor as extractor_core
from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.reader import read_topic
from liveledger.settings import Settings
from replay.rebuild import rebuild
from replay.source import read_log
from schemas.facts import Fact
from streams.app.deadletter import read_headers
from streams.query.documents import PARAMS, build
from streams.views.render import canonical_json
from tests.conftest import REPO
from tests.integration import views_fixture as fx
from tests.integration.test_worker_views import assert_rules_hold
from tests.support.worker import WorkerProcess, get_bytes, settings_env

pytestmark = pytest.mark.kafka

MARK = "TRIGGER-EXTRACTOR-BUG"
ODESA = {"place": "Odesa", "region_code": "UA-51", "country": "UA", "weapon": "missile"}
#: An entry with a figure of its own: if it were not dead-lettered, Odesa would be in the views.
BAD_ENTRY = fx.entry(
    "x1",
    f"A missile hit the port of Odesa; two people were killed, the governor said. {MARK}",
    [{"metric": "killed", "best": 2, "claimant": "regional governor", **ODESA}],
)

HOOK = '''\
"""Test hook: the extractor core raises on texts holding a marker (only when asked)."""
import os

_mark = os.environ.get("LIVELEDGER_TEST_EXTRACTOR_FAILS_ON")
if _mark:
    import streams.extract as _api

    _real = _api._extract_text

    def _core_with_bug(text):
        if _mark in text:
            raise RuntimeError("injected extractor bug")
        return _real(text)

    _api._extract_text = _core_with_bug
'''


@pytest.fixture
def failing_env(tmp_path: Path) -> dict[str, str]:
    """Environment for child processes whose extractor fails on ``MARK``."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK)
    path = [str(hook), str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {"LIVELEDGER_TEST_EXTRACTOR_FAILS_ON": MARK, "PYTHONPATH": os.pathsep.join(path)}


@pytest.fixture
def worker(settings: Settings, tmp_path: Path, failing_env: dict[str, str]) -> Iterator[WorkerProcess]:
    w = WorkerProcess(settings, tmp_path / "worker.log", **failing_env)
    yield w
    w.stop()


def cli(settings: Settings, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", *args],
        env=settings_env(settings, **env),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


async def test_an_entry_whose_extraction_raises_is_dead_lettered_and_the_rest_reach_the_views(
    settings: Settings, worker: WorkerProcess, failing_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = fx.lines()
    bad = orjson.dumps(BAD_ENTRY)
    summary = await publish_lines(settings, [*lines[:3], bad, *lines[3:]])  # eight good events after it
    assert summary == {"published": 12, "duplicates": 0, "rejected": []}
    health = worker.start().wait_processed(12)

    assert health["dead_letters"] == 1, worker.log_tail()
    assert health["entries_processed"] == 11
    metrics = get_bytes(f"{worker.url}/metrics").decode().splitlines()
    assert 'liveledger_dead_letters_total{stage="extract"} 1' in metrics
    assert not [m for m in metrics if m.startswith("liveledger_dead_letters_total") and 'stage="extract"' not in m]

    # The events after the failing one (r4 to r9, the correction, the retraction) are all in the views.
    assert_rules_hold(worker)
    assert not [i for i in worker.view("casualties")["items"] if i["key"].startswith("UA-51/")], "x1 is not counted"
    assert "x1" not in {i["entry_id"] for i in worker.view("timeline")["items"]}

    log = await read_log(settings)
    [source] = [r for r in log if r.envelope is not None and r.envelope.entry_id == "x1"]
    letters = [(r.key, r.value, read_headers(r.headers)) async for r in read_topic(settings, settings.deadletter_topic)]
    assert len(letters) == 1, letters
    [(key, value, headers)] = letters
    assert value == source.raw, "the original bytes, unchanged"
    assert key == fx.BLOG.encode()
    assert headers["stage"] == "extract"
    assert headers["error_type"] == "ExtractionError"
    assert headers["source"] == f"{settings.entries_topic}:{source.position.partition}:{source.position.offset}"
    assert f"extractor {extract_api.EXTRACTOR_VERSION} failed: RuntimeError: injected extractor bug" in headers["error"]
    assert "liveledger audit rederive" in headers["error"]

    # Replay with the same failing extractor gives the worker's views byte for byte, and says why.
    real = extractor_core.extract_text

    def core_with_bug(text: str) -> list[Fact]:
        if MARK in text:
            raise RuntimeError("injected extractor bug")
        return real(text)

    monkeypatch.setattr("streams.extract._extract_text", core_with_bug)
    rebuilt = rebuild(log, extractor=extract_api.extract, extractor_version=extract_api.EXTRACTOR_VERSION)
    assert [(f.entry_id, f.position) for f in rebuilt.failed] == [("x1", source.position)]
    live = {view: worker.view_bytes(view) for view in PARAMS}
    for view in PARAMS:
        assert canonical_json(build(view, rebuilt.views.states(view))) == live[view], f"live and replayed {view} differ"

    replayed = cli(settings, failing_env, "replay", "--view", "casualties", "--json")
    assert replayed.returncode == 1, replayed.stderr
    assert f"{fx.BLOG}/x1 (entry.published at {headers['source']})" in replayed.stderr
    assert "injected extractor bug" in replayed.stderr
    assert replayed.stdout.rstrip("\n").encode() == live["casualties"], "the other entries' views, as live"

    rederived = cli(settings, failing_env, "audit", "rederive", "--json")
    assert rederived.returncode == 1, rederived.stderr
    report = orjson.loads(rederived.stdout)
    assert [(f["entry_id"], f["source"]) for f in report["extraction_failed"]] == [("x1", headers["source"])]
    assert report["changes"] == 0, "the worker left x1 out as well: nothing would change"
