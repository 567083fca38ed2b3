"""Replay from the recorded facts against a real broker and worker: the same bytes as re-extraction
and as the live views, corrections and retractions included; facts that do not match the log are an
error naming the record; entries the worker never processed are extracted again, and said so."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.reader import read_topic
from liveledger.settings import Settings
from replay.source import read_log
from streams.app.facts_format import read_record
from streams.query.documents import PARAMS
from tests.integration import views_fixture as fx
from tests.support.worker import WorkerProcess, run_cli

pytestmark = pytest.mark.kafka


@pytest.fixture
async def recorded(settings: Settings, tmp_path: Path) -> AsyncIterator[WorkerProcess]:
    """The fixture's 11 events (a correction and a retraction among them), processed by a real worker."""
    summary = await publish_lines(settings, fx.lines())
    assert summary["published"] == 11
    w = WorkerProcess(settings, tmp_path / "worker.log").start()
    w.wait_processed(11)
    yield w
    w.stop()


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(settings, *args, timeout=300)


def replay_json(settings: Settings, *args: str) -> str:
    done = cli(settings, "replay", "--json", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_replay_from_facts_gives_the_bytes_of_rederive_and_of_the_live_views(
    settings: Settings, recorded: WorkerProcess
) -> None:
    plain = cli(settings, "replay")
    assert plain.returncode == 0, plain.stderr
    summary = " ".join(plain.stdout.split())
    assert "replayed 11 events (11 from recorded facts, 0 extracted again" in summary
    assert "hash chain verified, 1 blogs" in summary
    assert "extracted again" not in plain.stderr
    from_facts = replay_json(settings)
    assert from_facts == replay_json(settings, "--rederive")
    docs = orjson.loads(from_facts)
    assert "RU-KRS/2024-11-20/drone" in {i["key"] for i in docs["strikes"]["items"]}  # the correction
    assert "RU-BEL/2024-11-20/drone" not in {i["key"] for i in docs["strikes"]["items"]}
    for view in PARAMS:
        live = cli(settings, "views", view, "--json")
        assert live.returncode == 0, live.stderr
        assert live.stdout == replay_json(settings, "--view", view), view
    # cut before the correction: the recorded facts of the events before it, the same as re-extraction
    times = sorted(r.envelope.published_at for r in await read_log(settings) if r.envelope is not None)
    as_of = times[fx.CORRECTION_INDEX - 1]
    before = replay_json(settings, "--as-of", as_of)
    assert before == replay_json(settings, "--as-of", as_of, "--rederive")
    assert "RU-BEL/2024-11-20/drone" in {i["key"] for i in orjson.loads(before)["strikes"]["items"]}
    # an occurred period re-extracts the entries it cuts, and still agrees
    period = ("--occurred-from", "2024-11-21")
    assert replay_json(settings, *period) == replay_json(settings, *period, "--rederive")


async def _facts(settings: Settings) -> list[tuple[int, int, bytes]]:
    return [(r.partition, r.offset, r.value or b"") async for r in read_topic(settings, settings.facts_topic)]


async def _send(settings: Settings, partition: int, value: bytes) -> int:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    await producer.start()
    try:
        meta = await producer.send_and_wait(settings.facts_topic, value, key=b"x", partition=partition)
    finally:
        await producer.stop()
    return int(meta.offset)


async def test_facts_that_do_not_match_the_log_or_do_not_decode_are_errors_naming_the_record(
    settings: Settings, recorded: WorkerProcess
) -> None:
    recorded.stop()  # nothing else reads the facts topic while it is altered
    partition, _, value = (await _facts(settings))[0]
    doc = orjson.loads(value)
    doc["events"][0][2] = "0" * 64  # another digest: facts of some other content
    forged = await _send(settings, partition, orjson.dumps(doc))
    junk = await _send(settings, partition, b'{"format": 2, "batch": "x"')
    done = cli(settings, "replay", "--json")
    assert done.returncode == 2, done.stdout + done.stderr
    err = " ".join(done.stderr.split())
    assert done.stdout == ""
    assert f"{settings.facts_topic}:{partition}:{forged}: names the entry event at" in err
    assert "with digest 0000000000000000..." in err
    assert f"{settings.facts_topic}:{partition}:{junk}: undecodable facts record" in err
    assert "--rederive" in err
    # the re-extraction does not read the facts; the rederive audit reads them, and says what is wrong too
    assert cli(settings, "replay", "--json", "--rederive").returncode == 0
    audit = cli(settings, "audit", "rederive")
    assert audit.returncode == 2 and f"{settings.facts_topic}:{partition}:{junk}" in audit.stderr


async def test_entries_the_worker_never_processed_are_extracted_again_and_said_so(
    settings: Settings, recorded: WorkerProcess
) -> None:
    recorded.stop()
    later = [
        fx.entry(
            "r10", "Police in Kharkiv said two more people were hurt.", [fx._fig("injured", best=2, **fx.KHARKIV)]
        ),
        {**fx.LINES[0], "type": "correction", "body": "A guided bomb hit flats in Kharkiv; four died."},
    ]
    later[1]["figures"] = [fx._fig("killed", best=4, **fx.KHARKIV, **fx.GOV)]
    assert (await publish_lines(settings, [orjson.dumps(d) for d in later]))["published"] == 2
    done = cli(settings, "replay")
    assert done.returncode == 0, done.stderr
    # r10 is new; r1's correction has no facts, so all of r1 (its first event too) is extracted again
    assert "extracted again: 3 entry event(s): no facts recorded (the worker never processed it)" in done.stderr
    assert "replayed 13 events (10 from recorded facts, 3 extracted again" in " ".join(done.stdout.split())
    assert replay_json(settings) == replay_json(settings, "--rederive")
    records = [read_record(v) for _, _, v in await _facts(settings)]
    assert all(r.checkable and r.extractor_version for r in records)
