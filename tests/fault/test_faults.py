"""Fault tests. Each ends with nothing lost and nothing counted twice: the live views equal a
replay of the log, and the log holds exactly one event per entry. Loopback only."""

from __future__ import annotations

import asyncio
import os
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from pydantic import SecretStr

from liveledger.broker import local
from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import ensure_log_topics
from liveledger.publish.publisher import Publisher
from liveledger.publish.requests import parse_line
from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.rebuild import rebuild
from replay.source import read_log
from streams.app.deadletter import read_headers
from streams.core.pipeline import default_extractor
from streams.query.documents import PARAMS, build
from streams.views.render import canonical_json
from tests.fault.kill_points import KillPoint, explain_mismatch, kill_at
from tests.support.worker import WorkerProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

REGIONS = ["UA-63", "UA-59", "UA-23", "UA-46", "UA-48", "UA-12", "UA-14", "UA-18", "UA-32", "UA-51"]


def figure_lines(n: int, prefix: str = "f") -> list[bytes]:
    """``n`` entries with editor figures over many incidents, some updating each other."""
    out = []
    for i in range(n):
        region = REGIONS[i % len(REGIONS)]
        day = f"2024-11-{1 + (i // len(REGIONS)) % 28:02d}"
        out.append(
            orjson.dumps(
                {
                    "entry_id": f"{prefix}{i:05d}",
                    "blog_id": f"fault-{i % 5}",
                    "title": "Report",
                    "body": f"Report number {i} from the region; officials gave new figures.",
                    "occurred_at": f"{day}T09:00:00Z",
                    "figures": [
                        {
                            "metric": "injured",
                            "best": 1 + i % 17,
                            "region_code": region,
                            "country": "UA",
                            "weapon": "artillery",
                            "claimant": "regional officials",
                        },
                        {"metric": "drones_downed", "best": 10 + i % 7, "claimant": "air force"},
                    ],
                }
            )
        )
    return out


async def replayed_documents(settings: Settings) -> dict[str, bytes]:
    extractor, version = default_extractor()
    rebuilt = rebuild(await read_log(settings), extractor=extractor, extractor_version=version)
    return {view: canonical_json(build(view, rebuilt.views.states(view))) for view in PARAMS}


async def wait_views_equal_replay(w: WorkerProcess, settings: Settings, within_s: float = 240) -> None:
    expected = await replayed_documents(settings)
    deadline = time.monotonic() + within_s
    live: dict[str, bytes] = {}
    while time.monotonic() < deadline:
        try:
            live = {view: w.view_bytes(view) for view in PARAMS}
        except (urllib.error.URLError, OSError):
            live = {}
        if live == expected:
            return
        await asyncio.sleep(1.0)
    differing = [v for v in PARAMS if live.get(v) != expected[v]]
    rows = await explain_mismatch(w, settings, tuple(differing))
    raise AssertionError(f"live views never matched the replay: {differing}\n{rows}\nlog:\n{w.log_tail()}")


async def entry_counts(settings: Settings) -> Counter[tuple[str, str, str]]:
    return Counter(
        (r.envelope.blog_id, r.envelope.entry_id, r.envelope.type)
        for r in await read_log(settings)
        if r.envelope is not None
    )


@pytest.mark.timeout(600)  # its own waits are bounded (180 s + 240 s); the default 300 s was hit once under load
async def test_kill_9_of_the_worker_mid_stream(settings: Settings, tmp_path: Path) -> None:
    lines = figure_lines(1500)
    await publish_lines(settings, lines)
    w = WorkerProcess(settings, tmp_path / "worker.log").start()
    w.wait_ready()
    deadline = time.monotonic() + 180
    while w.health()["entries_processed"] < 300:
        assert time.monotonic() < deadline, w.log_tail()
        await asyncio.sleep(0.05)
    w.kill()  # no clean shutdown, no final commit: some events will be delivered again
    assert w.proc is not None and w.proc.returncode == -9

    with WorkerProcess(settings, tmp_path / "worker2.log") as again:
        await wait_views_equal_replay(again, settings)
    counts = await entry_counts(settings)
    assert len(counts) == 1500 and set(counts.values()) == {1}


#: kill points of one run: early in the first life, at once after a restart's recovery, while the
#: views agent applies, and mid-stream again; each life goes on from what the last one committed
KILL_POINTS = (
    KillPoint("entries_processed", 120),
    KillPoint("ready"),
    KillPoint("contributions_applied", 400),
    KillPoint("entries_processed", 250),
)


@pytest.mark.timeout(900)
async def test_kill_9_at_several_points_of_the_worker(settings: Settings, tmp_path: Path) -> None:
    """Four kills -9 in one run at the points of ``KILL_POINTS``, then one clean life to the end."""
    lines = figure_lines(1500)
    await publish_lines(settings, lines)
    seen = []
    for life, point in enumerate(KILL_POINTS):
        w = WorkerProcess(settings, tmp_path / f"worker{life}.log").start()
        health = await kill_at(w, point)
        seen.append((str(point), health.get("entries_processed"), health.get("contributions_applied")))
    with WorkerProcess(settings, tmp_path / "worker-last.log") as again:
        await wait_views_equal_replay(again, settings)
    counts = await entry_counts(settings)
    assert len(counts) == 1500 and set(counts.values()) == {1}, seen


@pytest.mark.timeout(900)
async def test_kill_9_then_a_worker_with_a_new_state_dir_restores_from_the_changelogs(
    settings: Settings, tmp_path: Path
) -> None:
    """Another machine takes over after the kill: its tables come from the changelogs alone, so every
    offset the killed worker committed must have had its table writes on Kafka (nothing counted twice,
    nothing lost, an entry's index and lineage restored to one point)."""
    lines = figure_lines(1500)
    await publish_lines(settings, lines)
    for life, point in enumerate((KillPoint("entries_processed", 300), KillPoint("contributions_applied", 900))):
        w = WorkerProcess(settings, tmp_path / f"worker{life}.log").start()
        await kill_at(w, point)
    elsewhere = settings.model_copy(update={"data_dir": tmp_path / "elsewhere"})
    with WorkerProcess(elsewhere, tmp_path / "worker-elsewhere.log") as again:
        await wait_views_equal_replay(again, settings)
        assert again.health()["dead_letters"] == 0, again.log_tail()
    counts = await entry_counts(settings)
    assert len(counts) == 1500 and set(counts.values()) == {1}


async def test_hostile_messages_are_dead_lettered_and_nothing_else_changes(settings: Settings, tmp_path: Path) -> None:
    good = figure_lines(200)
    await ensure_log_topics(settings)  # so the hostile facts below do not auto-create a topic that expires
    await publish_lines(settings, good[:100])
    deep = b"[" * 5000 + b"]" * 5000
    envelope = orjson.loads((await read_log(settings))[0].raw)
    hostile = [
        os.urandom(512),
        b"",
        b"\x00" * 100,
        deep,
        b'{"type": "entry.published", "version": 2, "payload": ' + b'"' + b"x" * 900_000 + b'"}',
        orjson.dumps(dict(envelope, type="entry.exploded")),
        orjson.dumps(dict(envelope, version=99)),
        orjson.dumps(dict(envelope, payload={"body": 12})),
        orjson.dumps(dict(envelope, published_at="not a time")),
        orjson.dumps(dict(envelope, payload=dict(envelope["payload"], body="bad \u0000 byte"))),
        b'{"type": "entry.published", "version": 2, "blog_id": "\xed\xa0\x80"}',
    ]
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, max_request_size=2_000_000)
    await producer.start()
    try:
        for value in hostile:
            await producer.send_and_wait(settings.entries_topic, value, key=b"fault-0")
        for value in (b"not a contribution", b'{"view": "casualties"}', b'{"view": "nope", "key": "k"}'):
            await producer.send_and_wait(settings.facts_topic, value, key=b"k")
    finally:
        await producer.stop()
    await publish_lines(settings, good[100:])

    with WorkerProcess(settings, tmp_path / "worker.log") as w:
        await wait_views_equal_replay(w, settings)
        health = w.health()
    assert health["dead_letters"] == len(hostile) + 3
    assert health["entries_processed"] == 200
    letters = [(r.value or b"", read_headers(r.headers)) async for r in read_topic(settings, settings.deadletter_topic)]
    from_entries = sorted(v for v, h in letters if h["source"].startswith(settings.entries_topic + ":"))
    assert from_entries == sorted(hostile), "every hostile record is kept byte for byte, the 900 KB one too"


async def test_a_thousand_concurrent_duplicates_publish_once(settings: Settings, tmp_path: Path) -> None:
    line = figure_lines(1, prefix="dup")[0]
    req = parse_line(line, 1, settings.max_body_bytes)
    assert req is not None
    async with Publisher(settings) as pub:
        outcomes = await asyncio.gather(*(pub.publish(req) for _ in range(1000)))
    assert Counter(o.status for o in outcomes) == {"published": 1, "duplicate": 999}

    # The same through the worker's HTTP API: 1,000 concurrent POSTs of one new entry.
    settings = settings.model_copy(update={"api_token": SecretStr("fault-token")})
    other = figure_lines(2, prefix="http")[1]

    def post() -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{settings.web_port}/api/v1/entries",
            data=other,
            method="POST",
            headers={"Authorization": "Bearer fault-token", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as resp:
            return int(orjson.loads(resp.read())["published"])

    with WorkerProcess(settings, tmp_path / "worker.log") as w:
        w.wait_ready()
        loop = asyncio.get_running_loop()
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=50) as pool:
            published = await asyncio.gather(*(loop.run_in_executor(pool, post) for _ in range(1000)))
        assert sum(published) == 1
        await wait_views_equal_replay(w, settings)
    counts = await entry_counts(settings)
    assert counts == Counter(
        {("fault-0", "dup00000", "entry.published"): 1, ("fault-1", "http00001", "entry.published"): 1}
    )


_free_port = local.free_port  # one definition: liveledger.broker.local


async def test_broker_restart_while_publishing(tmp_path: Path) -> None:
    """A broker of its own (so other tests keep theirs) is stopped and started mid-publish."""
    cfg = local.BrokerConfig(
        port=_free_port(),
        controller_port=_free_port(),
        data_dir=tmp_path / "broker",
        kafka_home=local.default_kafka_home(),
    )
    bootstrap, _ = await asyncio.to_thread(local.start, cfg)
    settings = Settings(
        kafka_bootstrap=bootstrap,
        entries_topic="restart.entries",
        app_id="restart",
        facts_topic="restart.facts",
        deadletter_topic="restart.dl",
        data_dir=tmp_path / "s",
    )
    lines = figure_lines(3000, prefix="r")
    try:
        publishing = asyncio.create_task(publish_lines(settings, lines))
        await asyncio.sleep(0.3)
        await asyncio.to_thread(local.stop, cfg)
        await asyncio.sleep(2)
        await asyncio.to_thread(local.start, cfg)
        try:
            first = await asyncio.wait_for(publishing, timeout=240)
            outcome = f"rode through: {first['published']} published"
        except Exception as e:  # the publisher may give up cleanly; then publishing again completes it
            outcome = f"stopped with {type(e).__name__}"
        second = await publish_lines(settings, lines)
        assert second["rejected"] == [], (outcome, second["rejected"][:3])
        counts = await entry_counts(settings)
        assert len(counts) == 3000, outcome
        assert set(counts.values()) == {1}, outcome
        chain = verify_chain(await read_log(settings))
        assert chain.ok, (outcome, chain.problems[:5])
    finally:
        await asyncio.to_thread(local.stop, cfg)
