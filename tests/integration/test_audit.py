"""Audits against a real broker and worker: CLI byte equality, explain, verify, verify-log, rederive, export."""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.explain import explain
from replay.export import CLAIM_COLUMNS, INCIDENT_COLUMNS, claim_rows, incident_rows, to_csv
from replay.rebuild import rebuild
from replay.rederive import rederive
from replay.source import read_log
from schemas.envelope import chain_hash
from schemas.facts import Fact
from streams.core.pipeline import default_extractor
from streams.query.documents import PARAMS
from tests.integration import views_fixture as fx
from tests.support.worker import WorkerProcess, run_cli

pytestmark = pytest.mark.kafka
INCIDENT = "UA-63/2024-11-20/guided-bomb"


@pytest.fixture
async def fed_worker(settings: Settings, tmp_path: Path) -> AsyncIterator[WorkerProcess]:
    summary = await publish_lines(settings, fx.lines())
    assert summary["published"] == 11
    w = WorkerProcess(settings, tmp_path / "worker.log").start()
    w.wait_processed(11)
    yield w
    w.stop()


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(settings, *args, timeout=180)


def test_replay_json_equals_views_json_byte_for_byte(settings: Settings, fed_worker: WorkerProcess) -> None:
    for view in PARAMS:
        live = cli(settings, "views", view, "--json")
        replayed = cli(settings, "replay", "--view", view, "--json")
        assert live.returncode == 0, live.stderr
        assert replayed.returncode == 0, replayed.stderr
        assert live.stdout == replayed.stdout, view
    verify = cli(settings, "audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.count("identical") == len(PARAMS)


async def test_as_of_before_the_correction_shows_the_old_place(settings: Settings, fed_worker: WorkerProcess) -> None:
    now = orjson.loads(cli(settings, "replay", "--view", "strikes", "--json").stdout)
    assert "RU-KRS/2024-11-20/drone" in {i["key"] for i in now["items"]}
    times = sorted(orjson.loads(line)["published_at"] for line in await _raw_log_lines(settings))
    then = cli(settings, "replay", "--view", "strikes", "--json", "--as-of", times[fx.CORRECTION_INDEX - 1])
    assert then.returncode == 0, then.stderr
    keys = {i["key"] for i in orjson.loads(then.stdout)["items"]}
    assert "RU-BEL/2024-11-20/drone" in keys and "RU-KRS/2024-11-20/drone" not in keys
    # --until-offset: positions, not times. Stopping before the correction's offset shows Belgorod too.
    log = await read_log(settings)
    fix = next(r for r in log if r.envelope is not None and r.envelope.type == "entry.corrected")
    until = cli(
        settings,
        "replay",
        "--view",
        "strikes",
        "--json",
        "--until-offset",
        f"{fix.position.partition}:{fix.position.offset}",
    )
    assert until.returncode == 0, until.stderr
    assert "RU-BEL/2024-11-20/drone" in {i["key"] for i in orjson.loads(until.stdout)["items"]}
    bad = cli(settings, "replay", "--as-of", "yesterday")
    assert bad.returncode == 2 and "--as-of" in bad.stderr


async def _raw_log_lines(settings: Settings) -> list[bytes]:
    return [r.raw for r in await read_log(settings) if r.envelope is not None]


async def test_explain_names_the_sentences_and_the_fate_of_each_report(
    settings: Settings, fed_worker: WorkerProcess
) -> None:
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version, keep_history=True)
    doc = explain(rebuilt, "strikes", "RU-BEL/2024-11-20/drone")
    assert doc["value"] is None, "the correction moved the raid to Kursk"
    report, removal = doc["contributions"]
    assert report["entry_id"] == "r6" and report["status"] == "superseded by correction"
    assert report["changed_by_event"] == removal["event_id"]
    assert [f["place"] for f in report["facts"]] == ["Belgorod", "Belgorod"]
    assert removal["event_type"] == "entry.corrected" and removal["status"] == "removed by correction"
    assert removal["facts"] == []

    doc = explain(rebuilt, "casualties", INCIDENT)
    by_entry = {c["entry_id"]: c for c in doc["contributions"]}
    assert sorted(by_entry) == ["r1", "r2", "r3", "r4"]
    assert all(c["status"] == "current" for c in by_entry.values())
    assert by_entry["r3"]["position"]["topic"] == settings.entries_topic

    # Figure histories key on (claimant id, metric, subject from the fixed vocabulary): "North Korean troops" -> troops.
    doc = explain(rebuilt, "figures", "south korean official|troops|troops")
    assert [c["status"] for c in doc["contributions"]] == ["retracted", "removed by retraction"]


async def test_explain_quotes_the_sentence_of_an_extracted_figure(settings: Settings) -> None:
    body = (
        "Officials reported a calm morning in Kyiv. At least 12 people were injured in a missile strike on "
        "Odesa, the regional governor said. Rescue work goes on."
    )
    line = orjson.dumps(
        {"entry_id": "q1", "blog_id": "quotes", "title": "Odesa", "body": body, "occurred_at": "2024-11-21T09:00:00Z"}
    )
    await publish_lines(settings, [line])
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version, keep_history=True)
    injured = [
        f
        for (view, _key), applied in rebuilt.history.items()
        if view == "casualties"
        for a in applied
        for f in explain(rebuilt, view, a.contribution.key)["contributions"][0]["facts"]
        if f["metric"] == "injured"
    ]
    assert injured, "the extractor found the injured figure"
    assert injured[0]["sentence"] == (
        "At least 12 people were injured in a missile strike on Odesa, the regional governor said."
    )
    assert "12" in injured[0]["quote"]


async def test_verify_log_catches_altered_forged_and_missing_events(settings: Settings) -> None:
    await publish_lines(settings, fx.lines()[:4])
    clean = verify_chain(await read_log(settings))
    assert clean.ok and clean.blogs[fx.BLOG]["events"] == 4

    docs = [orjson.loads(raw) for raw in await _raw_log_lines(settings)]
    altered = dict(docs[1], payload=dict(docs[1]["payload"], body="Thirty dead."))  # hash left as it was
    forged = dict(docs[2], event_id="ev-forged", prev_hash=docs[-1]["hash"])
    forged["hash"] = chain_hash(forged)  # a well-formed event, but it links as if history were different
    orphan = dict(docs[3], event_id="ev-orphan", prev_hash="ab" * 32)
    orphan["hash"] = chain_hash(orphan)
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    await producer.start()
    try:
        sent = [
            await producer.send_and_wait(settings.entries_topic, orjson.dumps(doc), key=fx.BLOG.encode())
            for doc in (altered, forged, orphan)
        ]
    finally:
        await producer.stop()
    report = verify_chain(await read_log(settings))
    kinds = [p["kind"] for p in report.problems]
    assert "altered" in kinds, kinds
    assert "missing event" in kinds, kinds
    assert "reordered or forked" in kinds, kinds
    # the forged event's own offset (the publisher's commit markers take offsets too)
    assert [p["offset"] for p in report.problems if p["kind"] == "reordered or forked"] == [sent[1].offset]

    result = cli(settings, "audit", "verify-log")
    assert result.returncode == 1
    assert "PROBLEM altered" in result.stdout and "PROBLEM missing event" in result.stdout


async def test_rederive_reports_what_an_extractor_change_would_do(
    settings: Settings, fed_worker: WorkerProcess
) -> None:
    extractor, version = default_extractor()
    same = await rederive(settings, extractor, version)
    assert same["changes"] == 0, same

    def inflated(title: str, body: str) -> list[Fact]:
        """A changed extractor: every figure it finds is one higher."""
        return [f.model_copy(update={"best": (f.best or 0) + 1}) for f in extractor(title, body)]

    # Editor figures take precedence, so add one entry whose figures come only from the text.
    await publish_lines(
        settings,
        [
            orjson.dumps(
                {
                    "entry_id": "t1",
                    "blog_id": fx.BLOG,
                    "title": "Sumy",
                    "body": "Seven people were killed in a drone attack on Sumy, the governor said.",
                    "occurred_at": "2024-11-21T07:00:00Z",
                }
            )
        ],
    )
    fed_worker.wait_processed(12)
    assert (await rederive(settings, extractor, version))["changes"] == 0
    changed = await rederive(settings, inflated, "test-inflated")
    assert changed["changes"] >= 1
    cas = changed["views"]["casualties"]["changed"]
    [(_key, fields)] = [(k, v) for k, v in cas.items() if k.startswith("UA-59/")]
    assert any("best: 7 -> 8" in f for f in fields), fields


async def test_export_incidents_and_claims_as_csv(settings: Settings, fed_worker: WorkerProcess) -> None:
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version)
    incidents = list(csv.DictReader(io.StringIO(to_csv(incident_rows(rebuilt.views), INCIDENT_COLUMNS))))
    killed = [r for r in incidents if r["metric"] == "killed"]
    assert [
        (
            r["incident_id"],
            r["event_date"],
            r["date_precision"],
            r["region_code"],
            r["low"],
            r["best"],
            r["high"],
            r["disputed"],
        )
        for r in killed
    ] == [(INCIDENT, "2024-11-20", "day", "UA-63", "4", "4", "5", "True")]
    claims = list(csv.DictReader(io.StringIO(to_csv(claim_rows(rebuilt.views), CLAIM_COLUMNS))))
    troops = [r for r in claims if r["metric"] == "troops"]
    assert [(r["claimant"], r["best"], r["source_entry"]) for r in troops] == [("Pentagon", "10000", f"{fx.BLOG}/r7")]
    out = cli(settings, "audit", "export", "claims", "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == len(claims)
