"""A real worker on a real broker: the views obey the counting rules, survive restarts and
redelivery, match replay byte for byte, and a poisoned message goes to the dead-letter topic."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.reader import partitions_of, read_topic
from liveledger.settings import Settings
from replay.rebuild import Cutoff, rebuild
from replay.source import read_log
from streams.app.deadletter import read_headers
from streams.core.pipeline import default_extractor
from streams.query.documents import PARAMS, build
from streams.views.render import canonical_json
from tests.integration import views_fixture as fx
from tests.support.worker import WorkerProcess

pytestmark = pytest.mark.kafka

INCIDENT = "UA-63/2024-11-20/guided-bomb"


@pytest.fixture
def worker(settings: Settings, tmp_path: Path) -> Iterator[WorkerProcess]:
    w = WorkerProcess(settings, tmp_path / "worker.log")
    yield w
    w.stop()


def items_by_key(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["key"]: item for item in doc["items"]}


def assert_rules_hold(w: WorkerProcess) -> None:
    cas = items_by_key(w.view("casualties"))
    assert list(cas) == [INCIDENT], "teaser, update and police report are one incident"
    killed = cas[INCIDENT]["metrics"]["killed"]
    assert killed["best"] == 4, "the current figure is the latest reported (police, r4)"
    assert (killed["low"], killed["high"], killed["disputed"]) == (4, 5, True), "governor 5 vs police 4"
    by_claimant = {c["claimant"]: c["best"] for c in killed["claims"]}
    assert by_claimant == {"regional governor": 5, "police": 4}, "the governor's update replaced his 3"
    assert cas[INCIDENT]["metrics"]["injured"]["best"] == 36
    assert sorted(cas[INCIDENT]["entries"]) == ["r1", "r2", "r3", "r4"]
    rollup = w.view("casualties")["rollup"]["by_region"]["groups"]["UA-63"]["metrics"]
    assert rollup["killed"]["best"] == 4, "the running total of 1,364 (r9) never reaches the tallies"

    strikes = items_by_key(w.view("strikes"))
    assert sorted(strikes) == ["RU-KRS/2024-11-20/drone", INCIDENT], "Belgorod left with the correction"
    assert strikes["RU-KRS/2024-11-20/drone"]["targets"] == ["oil depot", "substation"], "one raid, two targets"
    counts = w.view("strikes")["counts"]
    assert counts["by_region"]["counts"] == {"RU-KRS": 1, "UA-63": 1}
    assert counts["by_weapon"]["counts"] == {"drone": 1, "guided-bomb": 1}
    assert counts["by_actor"]["counts"] == {"Russia": 1, "Ukraine": 1}

    inter = w.view("interceptions")["items"]
    assert [(i["claimant"], i["metrics"]["drones_downed"]["best"]) for i in inter] == [("Russian defence ministry", 83)]
    assert all(k != "unattributed/2024-11-20" for k in strikes), "interceptions are never strikes"

    figures = items_by_key(w.view("figures"))
    troops = [f for f in figures.values() if f["metric"] == "troops"]
    assert [(f["claimant"], [p["best"] for p in f["series"]]) for f in troops] == [("Pentagon", [10000])], (
        "the retracted South Korean figure is gone"
    )
    totals = [f for f in figures.values() if any(p["cumulative"] for p in f["series"])]
    assert [[p["best"] for p in f["series"]] for f in totals] == [[1364]]


async def replay_documents(settings: Settings, cutoff: Cutoff | None = None) -> dict[str, bytes]:
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version, cutoff=cutoff)
    return {view: canonical_json(build(view, rebuilt.views.states(view))) for view in PARAMS}


async def test_views_follow_the_counting_rules_and_equal_replay(settings: Settings, worker: WorkerProcess) -> None:
    summary = await publish_lines(settings, fx.lines())
    assert summary == {"published": 11, "duplicates": 0, "rejected": []}
    worker.start().wait_processed(11)
    assert_rules_hold(worker)

    replayed = await replay_documents(settings)
    for view in PARAMS:
        assert worker.view_bytes(view) == replayed[view], f"live and replayed {view} differ"

    # As of just before the correction, replay shows what we showed then: the Belgorod raid.
    log = await read_log(settings)
    times = sorted(r.envelope.published_at for r in log if r.envelope is not None)
    before = Cutoff(as_of=times[fx.CORRECTION_INDEX - 1])  # the last event before the correction
    old = orjson.loads((await replay_documents(settings, before))["strikes"])
    assert sorted(i["key"] for i in old["items"]) == ["RU-BEL/2024-11-20/drone", INCIDENT]
    old_figures = orjson.loads((await replay_documents(settings, before))["figures"])
    assert {f["claimant"] for f in old_figures["items"] if f["metric"] == "troops"} == {
        "Pentagon",
        "South Korean official",
    }, "before the retraction, the South Korean figure was shown"


async def test_a_fresh_worker_recovers_identical_views_from_changelogs(
    settings: Settings, worker: WorkerProcess, tmp_path: Path
) -> None:
    await publish_lines(settings, fx.lines())
    worker.start().wait_processed(11)
    first = {view: worker.view_bytes(view) for view in PARAMS}
    worker.stop()

    # A new process with an empty data dir: its tables can only come from the changelog topics.
    fresh_settings = settings.model_copy(update={"data_dir": tmp_path / "fresh-state"})
    with WorkerProcess(fresh_settings, tmp_path / "fresh.log") as fresh:
        fresh.wait_processed(0)
        assert {view: fresh.view_bytes(view) for view in PARAMS} == first


async def test_redelivery_of_every_event_changes_nothing(settings: Settings, worker: WorkerProcess) -> None:
    await publish_lines(settings, fx.lines())
    worker.start().wait_processed(11)
    first = {view: worker.view_bytes(view) for view in PARAMS}
    worker.stop()

    # Rewind the worker's consumer group to the start of both topics: every entry event and every
    # contribution is delivered again, as after a crash before any commit.
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap, group_id=settings.app_id, enable_auto_commit=False
    )
    await consumer.start()
    try:
        tps = [
            TopicPartition(topic, p)
            for topic in (settings.entries_topic, settings.facts_topic)
            for p in await partitions_of(settings, topic)
        ]
        consumer.assign(tps)
        await consumer.commit({tp: 0 for tp in tps})
    finally:
        await consumer.stop()

    worker.start()
    health = worker.wait_processed(11)
    assert health["entries_processed"] >= 11, "the events were really processed again"
    assert {view: worker.view_bytes(view) for view in PARAMS} == first
    assert_rules_hold(worker)


async def test_poisoned_messages_go_to_dead_letters_and_the_worker_carries_on(
    settings: Settings, worker: WorkerProcess
) -> None:
    await publish_lines(settings, fx.lines()[:3])
    worker.start().wait_processed(3)
    poison = [b"\xff\xfe not json at all", b'{"type": "entry.published", "version": 2}', b"[]"]
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    await producer.start()
    try:
        for value in poison:
            await producer.send_and_wait(settings.entries_topic, value, key=fx.BLOG.encode())
    finally:
        await producer.stop()
    await publish_lines(settings, fx.lines()[3:])  # good events after the poison
    health = worker.wait_processed(11 + len(poison))
    assert health["dead_letters"] == len(poison)
    assert_rules_hold(worker)

    letters = [(r.key, r.value, read_headers(r.headers)) async for r in read_topic(settings, settings.deadletter_topic)]
    assert sorted(value for _, value, _ in letters) == sorted(poison), "the original bytes, unchanged"
    assert {key for key, _, _ in letters} == {fx.BLOG.encode()}
    assert {h["stage"] for _, _, h in letters} == {"decode"}
    assert all(h["source"].startswith(settings.entries_topic + ":") and h["error"] for _, _, h in letters)
