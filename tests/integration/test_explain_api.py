"""The audit API against a real broker and worker: explain equals ``audit explain``, export equals
``audit export``, and the chain check and the last ``audit verify`` show in health and /metrics."""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.parse
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from replay.explain import explain
from replay.rebuild import rebuild
from replay.source import read_log
from streams.core.pipeline import default_extractor
from streams.views.routing import history_key
from tests.integration import views_fixture as fx
from tests.integration.test_audit import INCIDENT, cli
from tests.support.altered import send_altered_event
from tests.support.worker import WorkerProcess, get_bytes, get_json

pytestmark = pytest.mark.kafka

# Figures the extractor takes from the text (with spans), then a correction that changes them:
# the first version's sentences must still be quoted, from the worker's state.
EXTRACTED = {
    "entry_id": "x1",
    "blog_id": fx.BLOG,
    "title": "Odesa",
    "body": "The morning was calm. At least 12 people were injured in a missile strike on Odesa, "
    "the regional governor said. Crews are at the scene.",
    "occurred_at": "2024-11-21T09:00:00Z",
}
CORRECTED = {
    **EXTRACTED,
    "type": "correction",
    "body": "The morning was calm. At least 14 people were injured in a missile strike on Odesa, "
    "the regional governor said. Crews are at the scene.",
}
EVENTS = 11 + 2


@pytest.fixture
async def worker(settings: Settings, tmp_path: Path) -> AsyncIterator[WorkerProcess]:
    lines = [*fx.lines(), orjson.dumps(EXTRACTED), orjson.dumps(CORRECTED)]
    summary = await publish_lines(settings, lines)
    assert summary["published"] == EVENTS, summary
    w = WorkerProcess(settings, tmp_path / "worker.log").start()
    w.wait_processed(EVENTS)
    yield w
    w.stop()


def api_explain(w: WorkerProcess, view: str, key: str) -> Any:
    return get_json(f"{w.url}/api/v1/explain/{view}/{urllib.parse.quote(key, safe='')}")


def keys_of(rebuilt: Any) -> set[tuple[str, str]]:
    """Every (view, key) any contribution touched: incidents, histories, and keys now empty."""
    out: set[tuple[str, str]] = set()
    for view, state in rebuilt.history:
        out.add((view, history_key(state) if view == "figures" else state))
        if view == "casualties":
            out.update((view, doc["key"]) for doc in [rebuilt.views.render(view, state)] if doc)
    for view in ("casualties",):
        out.update((view, d["incident_id"]) for d in rebuilt.views.document(view)["items"])
    return out


async def test_explain_api_equals_audit_explain_for_every_key(settings: Settings, worker: WorkerProcess) -> None:
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version, keep_history=True)
    keys = keys_of(rebuilt)
    assert ("strikes", "RU-BEL/2024-11-20/drone") in keys and ("casualties", INCIDENT) in keys
    for view, key in sorted(keys):
        assert api_explain(worker, view, key) == explain(rebuilt, view, key), (view, key)

    # the CLI itself, on a key with a correction and on the incident
    for view, key in (("strikes", "RU-BEL/2024-11-20/drone"), ("casualties", INCIDENT)):
        out = cli(settings, "audit", "explain", view, key)
        assert out.returncode == 0, out.stderr
        assert orjson.loads(out.stdout) == api_explain(worker, view, key), (view, key)

    # what the page shows from it: the superseded sentence of x1, and who said it
    odesa = next(k for v, k in keys if v == "casualties" and k.startswith("UA-51/2024-11-21/"))
    doc = api_explain(worker, "casualties", odesa)
    first, fixed = [c for c in doc["contributions"] if c["entry_id"] == "x1"]
    assert first["status"] == "superseded by correction" and first["changed_by_event"] == fixed["event_id"]
    assert fixed["status"] == "current" and fixed["title"] == "Odesa"
    [old_fact] = [f for f in first["facts"] if f["metric"] == "injured"]
    assert old_fact["sentence"] == (
        "At least 12 people were injured in a missile strike on Odesa, the regional governor said."
    )
    assert "12" in old_fact["quote"] and old_fact["claimant"] == "regional governor"
    assert EXTRACTED["body"].find(old_fact["quote"]) >= 0
    assert doc["value"]["metrics"]["injured"]["best"] == 14


def test_explain_api_errors_name_the_problem(worker: WorkerProcess) -> None:
    for path, status, words in (
        ("/api/v1/explain/casualties/XX-00/1999-01-01/drone", 404, "no entry ever contributed"),
        ("/api/v1/explain/nonsense/a", 404, "no view 'nonsense'"),
        ("/api/v1/export/everything", 404, "incidents or claims"),
        ("/api/v1/export/incidents?format=xml", 400, "expected csv or jsonl"),
    ):
        with pytest.raises(urllib.error.HTTPError) as info:
            get_bytes(worker.url + path)
        assert info.value.code == status, path
        assert words in orjson.loads(info.value.read())["error"]["message"], path


def test_export_equals_audit_export(settings: Settings, worker: WorkerProcess) -> None:
    for what in ("incidents", "claims"):
        for fmt in ("csv", "jsonl"):
            out = cli(settings, "audit", "export", what, "--format", fmt)
            assert out.returncode == 0, out.stderr
            body = get_bytes(f"{worker.url}/api/v1/export/{what}?format={fmt}").decode()
            assert body == out.stdout, (what, fmt)
            assert len(body.splitlines()) > 1, (what, fmt)
    assert get_bytes(f"{worker.url}/api/v1/export/incidents").decode().startswith("incident_id,event_date,")


async def test_health_and_metrics_show_the_chain_and_the_last_verify(settings: Settings, worker: WorkerProcess) -> None:
    audit = worker.health()["audit"]
    blog = audit["chain"]["blogs"][fx.BLOG]
    assert audit["chain"]["ok"] and audit["verify"] is None
    assert blog["ok"] and blog["events"] == EVENTS and blog["from_genesis"]
    last = max(r.position.offset for r in await read_log(settings))
    assert blog["verified_to_offset"] == last

    out = cli(settings, "audit", "verify")
    assert out.returncode == 0, out.stdout + out.stderr
    verify = worker.health()["audit"]["verify"]
    assert verify["equal"] is True and set(verify["views"]) == {"casualties", "strikes", "interceptions", "figures"}
    metrics = get_bytes(f"{worker.url}/metrics").decode()
    assert "liveledger_chain_ok 1" in metrics and "liveledger_audit_verify_equal 1" in metrics
    assert f'liveledger_chain_verified_offset{{blog="{fx.BLOG}"' in metrics

    # an event altered on the log (its hash left as it was) turns the check red, at its offset
    sent = await send_altered_event(settings, fx.BLOG, "Forty dead.")
    worker.wait_processed(EVENTS + 1)
    chain = worker.health()["audit"]["chain"]
    assert not chain["ok"] and not chain["blogs"][fx.BLOG]["ok"]
    kinds = {(p["kind"], p["offset"]) for p in chain["problems"]}
    assert ("altered", sent.offset) in kinds, chain["problems"]
    assert "liveledger_chain_ok 0" in get_bytes(f"{worker.url}/metrics").decode()


async def test_either_of_two_workers_explains_every_key(settings: Settings, tmp_path: Path, free_port: int) -> None:
    """Lineage rows live in their blog's partition, view rows in their key's: explain gathers both."""
    from tests.integration.test_two_workers import incident_lines

    await publish_lines(settings, incident_lines())
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version, keep_history=True)
    keys = sorted(d["incident_id"] for d in rebuilt.views.document("casualties")["items"])
    assert len(keys) == 30
    other = settings.model_copy(update={"web_port": free_port, "data_dir": tmp_path / "w2"})
    with WorkerProcess(settings, tmp_path / "w1.log") as w1, WorkerProcess(other, tmp_path / "w2.log") as w2:
        for w in (w1, w2):
            w.wait_ready()
        deadline = time.monotonic() + 120
        while True:
            try:
                if all(len(w.view("casualties")["items"]) == 30 for w in (w1, w2)):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the two workers never both served the full view"
            await asyncio.sleep(0.5)
        held = [
            sum(len(get_json(f"{w.url}/api/v1/internal/lineage?view=casualties&key={urllib.parse.quote(k)}"))
                for k in keys)
            for w in (w1, w2)
        ]  # fmt: skip
        assert held[0] and held[1] and sum(held) == 30, held
        for key in keys:
            want = explain(rebuilt, "casualties", key)
            assert api_explain(w1, "casualties", key) == want == api_explain(w2, "casualties", key), key
