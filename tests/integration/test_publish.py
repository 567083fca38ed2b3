"""Publishing against a real broker: round trip, order, idempotency, topic guard, rejections."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import KEEP_FOREVER, HistoryMayExpire, admin_client, ensure_topic, topic_config
from liveledger.publish.publisher import Conflict, Publisher
from liveledger.publish.requests import parse_line
from liveledger.settings import Settings
from schemas.codec import decode, link_ok
from schemas.envelope import GENESIS_HASH
from schemas.events import EntryCorrected, EntryPublished, EntryRetracted

pytestmark = pytest.mark.kafka


def line(entry_id: str, body: str, blog: str = "blog-a", **extra: object) -> bytes:
    doc = {"entry_id": entry_id, "blog_id": blog, "title": f"Update {entry_id}", "body": body}
    doc.update(extra)
    return orjson.dumps(doc)


async def records(settings: Settings) -> list[tuple[int, int, bytes, bytes]]:
    out = []
    async for r in read_topic(settings, settings.entries_topic):
        out.append((r.partition, r.offset, r.key or b"", r.value or b""))
    return out


async def test_published_events_come_back_unchanged_and_chained(settings: Settings) -> None:
    lines = [
        line("e1", "Two people were killed in Kherson.", occurred_at="2024-11-20T06:00:00Z"),
        line("e2", "Air defences downed 40 drones overnight."),
        orjson.dumps({"type": "correction", "entry_id": "e1", "blog_id": "blog-a", "body": "Three were killed."}),
        orjson.dumps({"type": "retraction", "entry_id": "e2", "blog_id": "blog-a", "reason": "not confirmed"}),
    ]
    summary = await publish_lines(settings, lines)
    assert summary == {"published": 4, "duplicates": 0, "rejected": []}
    recs = await records(settings)
    assert len(recs) == 4 and len({p for p, *_ in recs}) == 1, "one blog, one partition"
    events = [decode(v)[1] for *_, v in recs]
    assert [type(e) for e in events] == [EntryPublished, EntryPublished, EntryCorrected, EntryRetracted]
    assert isinstance(events[0], EntryPublished)
    assert events[0].content.body == "Two people were killed in Kherson."
    assert events[0].occurred_at is not None and events[0].occurred_at.isoformat() == "2024-11-20T06:00:00+00:00"
    assert all(k == b"blog-a" for _, _, k, _ in recs)
    docs = [orjson.loads(v) for *_, v in recs]
    assert docs[0]["prev_hash"] == GENESIS_HASH
    assert all(link_ok(d) for d in docs)
    assert [d["prev_hash"] for d in docs[1:]] == [d["hash"] for d in docs[:-1]]
    times = [d["published_at"] for d in docs]
    assert times == sorted(times) and len(set(times)) == 4


async def test_each_blog_keeps_its_order(settings: Settings) -> None:
    lines = [line(f"e{i:03d}", f"entry {i}", blog=f"blog-{i % 3}") for i in range(60)]
    summary = await publish_lines(settings, lines)
    assert summary["published"] == 60
    per_blog: dict[str, list[str]] = {}
    for _, _, _, v in await records(settings):
        ev = decode(v)[1]
        per_blog.setdefault(ev.blog_id, []).append(ev.entry_id)
    for blog, ids in per_blog.items():
        n = int(blog.rsplit("-", 1)[1])
        assert ids == [f"e{i:03d}" for i in range(60) if i % 3 == n]


async def test_each_blog_lands_where_a_keyed_send_puts_it(settings: Settings) -> None:
    """The publisher picks partitions itself; they must be aiokafka's keyed choice, as older writers made it."""
    blogs = [f"blog-{i}" for i in range(8)]
    summary = await publish_lines(settings, [line(f"e{i}", f"entry {i}", blog=b) for i, b in enumerate(blogs)])
    assert summary["published"] == len(blogs)
    landed = {key.decode(): partition for partition, _, key, _ in await records(settings)}
    assert len(set(landed.values())) > 1  # the blogs are spread: a constant partition would not do

    scratch = f"{settings.entries_topic}.keyed"
    admin = admin_client(settings)
    await admin.start()
    try:
        await ensure_topic(admin, scratch, settings.topic_partitions, 1, KEEP_FOREVER)
    finally:
        await admin.close()
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
    await producer.start()
    try:
        keyed = {b: (await producer.send_and_wait(scratch, value=b"x", key=b.encode())).partition for b in blogs}
    finally:
        await producer.stop()
    assert landed == keyed


async def test_publishing_twice_across_restarts_adds_nothing(settings: Settings) -> None:
    lines = [
        line("e1", "Five drones were shot down."),
        line("e2", "The governor said 12 were hurt."),
        orjson.dumps({"type": "correction", "entry_id": "e1", "blog_id": "blog-a", "body": "Six drones."}),
        orjson.dumps({"type": "retraction", "entry_id": "e2", "blog_id": "blog-a", "reason": "duplicate"}),
    ]
    first = await publish_lines(settings, lines)
    second = await publish_lines(settings, lines)  # a new Publisher: its index comes from the log
    assert first["published"] == 4 and first["duplicates"] == 0
    assert second == {"published": 0, "duplicates": 4, "rejected": []}
    assert len(await records(settings)) == 4


async def test_same_id_with_new_content_points_to_the_correction_form(settings: Settings) -> None:
    await publish_lines(settings, [line("e1", "Original text.")])
    async with Publisher(settings) as pub:
        req = parse_line(line("e1", "Changed text."), 1, 1000)
        assert req is not None
        with pytest.raises(Conflict, match='"type": "correction"'):
            await pub.publish(req)
    assert len(await records(settings)) == 1


async def test_every_rejection_is_reported_and_good_lines_still_land(settings: Settings) -> None:
    settings = settings.model_copy(update={"max_body_bytes": 200})
    lines = [
        line("ok1", "Fine entry."),
        b"this is not json",
        b'{"blog_id": "blog-a", "body": "no id"}',
        b'{"entry_id": ["x"], "blog_id": "blog-a", "body": "wrong type"}',
        line("bad-date", "x", occurred_at="2024-02-30T10:00:00Z"),
        line("too-big", "y" * 201),
        line("ctrl", "bell \u0007 here"),
        line("ok1", "Same id, new text."),
        orjson.dumps({"type": "correction", "entry_id": "ghost", "blog_id": "blog-a", "body": "x"}),
        orjson.dumps({"type": "retraction", "entry_id": "ghost", "blog_id": "blog-a", "reason": "x"}),
        line("ok2", "Another fine entry."),
    ]
    summary = await publish_lines(settings, lines)
    assert summary["published"] == 2
    rejected = {r["line"]: r["error"] for r in summary["rejected"]}
    assert sorted(rejected) == [2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert "not valid JSON" in rejected[2]
    assert "entry_id: Field required" in rejected[3]
    assert "entry_id: Input should be a valid string" in rejected[4]
    assert "occurred_at" in rejected[5]
    assert "201 bytes is over the limit of 200" in rejected[6]
    assert "control character U+0007" in rejected[7]
    assert "already published with different content" in rejected[8]
    assert "never published" in rejected[9] and "never published" in rejected[10]
    assert [decode(v)[1].entry_id for *_, v in await records(settings)] == ["ok1", "ok2"]


async def test_publisher_refuses_a_topic_that_could_expire(settings: Settings) -> None:
    admin = admin_client(settings)
    await admin.start()
    try:
        await ensure_topic(admin, settings.entries_topic, 1, 1, {"retention.ms": "604800000"})
    finally:
        await admin.close()
    with pytest.raises(HistoryMayExpire, match=r"retention.ms='604800000' \(needs '-1'\)"):
        async with Publisher(settings):
            pass


async def test_created_topic_keeps_history_forever(settings: Settings) -> None:
    await publish_lines(settings, [line("e1", "x")])
    admin = admin_client(settings)
    await admin.start()
    try:
        cfg = await topic_config(admin, settings.entries_topic)
    finally:
        await admin.close()
    assert (cfg["cleanup.policy"], cfg["retention.ms"], cfg["retention.bytes"]) == ("delete", "-1", "-1")


def test_cli_prints_json_summary_and_fails_on_rejects(settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(line("c1", "A quiet night.") + b"\n{broken\n")
    env = dict(
        os.environ,
        LIVELEDGER_KAFKA_BOOTSTRAP=settings.kafka_bootstrap,
        LIVELEDGER_ENTRIES_TOPIC=settings.entries_topic,
    )
    cmd = [sys.executable, "-m", "liveledger.cli.main", "publish", "--json", str(src)]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert first.returncode == 1, first.stderr
    out = orjson.loads(first.stdout)
    assert out["published"] == 1 and out["duplicates"] == 0
    assert out["rejected"][0]["line"] == 2
    src.write_bytes(line("c1", "A quiet night.") + b"\n")
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert again.returncode == 0, again.stderr
    assert orjson.loads(again.stdout) == {"published": 0, "duplicates": 1, "rejected": []}


async def test_an_event_too_large_for_the_log_fails_alone(settings: Settings) -> None:
    """Kafka refuses the transaction of a record over its limit; the others sent with it must still go through."""
    big = settings.model_copy(update={"max_body_bytes": 2_000_000})
    lines = [line("s1", "first"), line("s2", "y" * 1_100_000), line("s3", "third")]
    summary = await publish_lines(big, lines)
    assert summary["published"] == 2 and [r["line"] for r in summary["rejected"]] == [2]
    assert "bytes, over the 1000000 a record of the log may hold" in summary["rejected"][0]["error"]
    assert [orjson.loads(v)["entry_id"] for *_, v in await records(settings)] == ["s1", "s3"]
