"""The publisher's start-up from its checkpoint, on a real broker: it reads only the log's tail,
knows what it knew, and rebuilds a checkpoint that does not match the log."""

from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import orjson
import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.errors import LiveledgerError
from liveledger.kafka.topics import admin_client
from liveledger.publish.index import LogIndex
from liveledger.publish.publisher import Publisher
from liveledger.publish.requests import Request, parse_line
from liveledger.publish.store import IndexStore
from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.source import read_log
from tests.support.worker import settings_env

pytestmark = pytest.mark.kafka


def lines(n: int, prefix: str = "s", blogs: int = 3) -> list[bytes]:
    return [
        orjson.dumps({"entry_id": f"{prefix}{i:05d}", "blog_id": f"blog-{i % blogs}", "body": f"Update {i} from town."})
        for i in range(n)
    ]


def snapshot(index: LogIndex, keys: list[tuple[str, str]]) -> tuple[object, ...]:
    heads = {b: (h.hash, h.published_at, h.events) for b, h in index.heads.items()}
    entries = {k: index.entry(*k) for k in keys}
    return heads, entries, index.events, index.unreadable


def keys_of(batch: list[bytes]) -> list[tuple[str, str]]:
    docs = [orjson.loads(b) for b in batch]
    return [(d["blog_id"], d["entry_id"]) for d in docs]


async def test_a_restart_reads_only_the_tail_and_knows_everything(settings: Settings) -> None:
    first, second = lines(300), lines(120, prefix="t")
    assert (await publish_lines(settings, first))["published"] == 300
    # another writer without a checkpoint appends; the checkpointed publisher must catch up on it
    async with Publisher(settings, checkpoint=False) as other:
        assert other.read_at_start == 300
        reqs = [(i, parse_line(b, i, settings.max_body_bytes)) for i, b in enumerate(second)]
        await other.publish_many([(i, r) for i, r in reqs if r is not None])
    async with Publisher(settings) as pub:
        assert pub.resume.rebuilt_because is None, "the checkpoint of the first run fits the log"
        assert pub.read_at_start == 120, "only what the other writer appended is read"
        resumed = snapshot(pub.index, keys_of(first + second))
    async with Publisher(settings, checkpoint=False) as full:
        assert full.read_at_start == 420
        rebuilt = snapshot(full.index, keys_of(first + second))
    assert resumed == rebuilt

    # duplicates are recognised from the checkpoint, and new entries link to the true heads
    summary = await publish_lines(settings, first[:50] + lines(30, prefix="u"))
    assert (summary["published"], summary["duplicates"]) == (30, 50)
    records = await read_log(settings)
    assert Counter(r.envelope.entry_id for r in records if r.envelope is not None).most_common(1)[0][1] == 1
    report = verify_chain(records)
    assert report.ok, report.problems[:5]
    assert sum(b["events"] for b in report.blogs.values()) == 450


async def recreate_topic(settings: Settings) -> None:
    """Delete the entries topic and wait until the broker no longer lists it."""
    admin = admin_client(settings)
    await admin.start()
    try:
        await admin.delete_topics([settings.entries_topic])
        for _ in range(200):
            if settings.entries_topic not in await admin.list_topics():
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"{settings.entries_topic} was not deleted in 20 s")
    finally:
        await admin.close()


async def new_log(settings: Settings, batch: list[bytes]) -> None:
    """Recreate the entries topic with ``batch`` on it, as a fresh broker would have it (no checkpoint used)."""
    await recreate_topic(settings)
    reqs = [(i, r) for i, b in enumerate(batch) if (r := parse_line(b, i, settings.max_body_bytes)) is not None]
    for _ in range(50):
        try:
            async with Publisher(settings, checkpoint=False) as fresh:
                await fresh.publish_many(reqs)
            return
        except LiveledgerError:  # the recreated topic's partitions may still be electing leaders
            await asyncio.sleep(0.2)
    raise AssertionError("nothing could be published on the recreated topic")


async def test_a_checkpoint_of_another_log_is_rebuilt_not_trusted(settings: Settings) -> None:
    await publish_lines(settings, lines(200))
    await new_log(settings, lines(250, prefix="x"))  # the same data dir and topic name on another log
    async with Publisher(settings) as pub:
        assert pub.resume.rebuilt_because is not None
        assert "holds another record" in pub.resume.rebuilt_because, pub.resume.rebuilt_because
        assert pub.read_at_start == 250
        assert pub.index.entry("blog-0", "s00000") is None, "nothing of the old log is believed"
        assert pub.index.entry("blog-0", "x00000") is not None
    summary = await publish_lines(settings, lines(250, prefix="x") + lines(10, prefix="s"))
    assert (summary["duplicates"], summary["published"]) == (250, 10)
    report = verify_chain(await read_log(settings))
    assert report.ok, report.problems[:5]


async def test_a_checkpoint_of_another_topic_is_not_used(settings: Settings) -> None:
    await publish_lines(settings, lines(200))
    other = settings.model_copy(update={"entries_topic": settings.entries_topic + "-new"})
    await publish_lines(other, lines(250, prefix="x"))
    base = settings.data_dir / "publisher-index"
    shutil.rmtree(base / other.entries_topic)
    shutil.copytree(base / settings.entries_topic, base / other.entries_topic)
    async with Publisher(other) as pub:
        assert pub.resume.rebuilt_because is not None and pub.read_at_start == 250
        assert pub.index.entry("blog-0", "s00000") is None


async def test_a_checkpoint_past_the_end_of_the_log_is_rebuilt(settings: Settings) -> None:
    await publish_lines(settings, lines(200))
    await new_log(settings, lines(30))
    async with Publisher(settings) as pub:
        assert pub.resume.rebuilt_because is not None and "before the checkpoint's" in pub.resume.rebuilt_because
        assert pub.index.events == 30 and pub.read_at_start == 30


async def test_a_garbled_checkpoint_is_rebuilt(settings: Settings) -> None:
    await publish_lines(settings, lines(100))
    base = settings.data_dir / "publisher-index" / settings.entries_topic / "slot-0"
    for f in base.iterdir():
        if f.suffix in {".sst", ".log"} or f.name.startswith("MANIFEST"):
            f.write_bytes(b"\x00garbage" * 64)
    async with Publisher(settings) as pub:
        assert pub.index.events == 100
        assert pub.read_at_start == 100
    assert (await publish_lines(settings, lines(100)))["duplicates"] == 100


async def test_concurrent_publishers_in_one_data_dir_take_slots_of_their_own(settings: Settings) -> None:
    await publish_lines(settings, lines(50))
    async with Publisher(settings) as a, Publisher(settings) as b:
        assert a.resume.store is not None and b.resume.store is not None
        assert a.resume.store.path != b.resume.store.path
        assert a.read_at_start == 0 and b.read_at_start == 50, "the second slot is new: it reads the log"
    held = [IndexStore.claim(settings) for _ in range(4)]
    try:
        async with Publisher(settings) as c:
            assert c.resume.store is None and c.read_at_start == 50, "no slot free: the whole log, in memory"
    finally:
        for s in held:
            assert s is not None
            s.close()


def test_a_publisher_killed_mid_append_leaves_a_checkpoint_that_catches_up(settings: Settings, tmp_path: Path) -> None:
    big = tmp_path / "big.jsonl"
    batch = lines(20_000, prefix="k", blogs=4)
    big.write_bytes(b"\n".join(batch) + b"\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "liveledger.cli.main", "publish", str(big)],
        env=settings_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    index_dir = settings.data_dir / "publisher-index" / settings.entries_topic / "slot-0"
    deadline = time.monotonic() + 120
    while not any(index_dir.glob("*.sst")) and not any(p.stat().st_size > 100_000 for p in index_dir.glob("*.log")):
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert proc.returncode == -9

    async def reopen() -> tuple[str | None, int, int]:
        async with Publisher(settings) as pub:
            return pub.resume.rebuilt_because, pub.read_at_start, pub.index.events

    why, read, events = asyncio.run(reopen())
    assert why is None, "the checkpoint a kill -9 left is consistent, so it is used"
    assert events > 0 and read < events, "it only reads the part of the log it had not saved"

    summary = asyncio.run(publish_lines(settings, batch))
    assert summary["rejected"] == []
    records = asyncio.run(read_log(settings))
    counts = Counter(r.envelope.entry_id for r in records if r.envelope is not None)
    assert len(counts) == 20_000 and set(counts.values()) == {1}
    report = verify_chain(records)
    assert report.ok, report.problems[:5]


async def test_a_fenced_publisher_does_not_count_its_own_events_twice(settings: Settings) -> None:
    """After a fence, the catch-up starts after this publisher's own committed records, not before them."""

    def reqs(batch: list[bytes]) -> list[tuple[int, Request]]:
        return [(i, r) for i, b in enumerate(batch) if (r := parse_line(b, i, settings.max_body_bytes)) is not None]

    async with Publisher(settings, checkpoint=False) as a:
        await a.publish_many(reqs(lines(30, blogs=1)))
        async with Publisher(settings, checkpoint=False) as b:  # takes the fence from a
            await b.publish_many(reqs(lines(5, prefix="b", blogs=1)))
        await a.publish_many(reqs(lines(7, prefix="a", blogs=1)))  # fenced once, then takes the fence back
        counted = a.index.head("blog-0").events
    report = verify_chain(await read_log(settings))
    assert report.ok, report.problems[:5]
    assert report.blogs["blog-0"]["events"] == 42
    assert counted == 42, "the head's event count is what the log holds"
