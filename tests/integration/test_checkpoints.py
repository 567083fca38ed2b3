"""Signed checkpoints on a real broker catch what the hash chain alone cannot: a rewritten tail.

The forger here can write topics: it copies a blog's log to a new entries topic, keeps the first
events, and rewrites the rest with valid hashes. The chain of the copy is whole; the signed
checkpoints (and an anchor file saved earlier) are not satisfied by it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.reader import read_topic
from liveledger.kafka.topics import ensure_log_topics
from liveledger.publish.keys import generate_keys
from liveledger.settings import Settings
from replay.chain import verify_chain
from replay.source import read_log
from schemas.checkpoint import Checkpoint, sign_checkpoint
from schemas.codec import decode, encode
from schemas.envelope import GENESIS_HASH
from schemas.events import EntryPublished
from tests.support.worker import settings_env

pytestmark = pytest.mark.kafka


def _lines(start: int, n: int) -> list[bytes]:
    return [
        orjson.dumps(
            {"entry_id": f"c{i:03d}", "blog_id": "signed-blog", "body": f"Update {i}: shelling killed {i} people."}
        )
        for i in range(start, start + n)
    ]


def _verify_log(settings: Settings, *args: str) -> tuple[int, dict[str, object]]:
    proc = subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", "audit", "verify-log", "--json", *args],
        env=settings_env(settings, **_key_env(settings)),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.stdout, proc.stderr.decode()
    return proc.returncode, orjson.loads(proc.stdout)


def _key_env(settings: Settings) -> dict[str, str]:
    env = {"LIVELEDGER_CHECKPOINT_TOPIC": settings.checkpoint_topic}
    if settings.verify_key_file is not None:
        env["LIVELEDGER_VERIFY_KEY_FILE"] = str(settings.verify_key_file)
    return env


async def _rewrite_tail(settings: Settings, forged: Settings, keep: int) -> None:
    """Copy the blog to ``forged.entries_topic``: the first ``keep`` events as they are, the rest rewritten."""
    await ensure_log_topics(forged, include_derived=False)
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    await producer.start()
    try:
        prev = GENESIS_HASH
        n = 0
        async for rec in read_topic(settings, settings.entries_topic):
            n += 1
            raw = rec.value or b""
            if n > keep:
                _, event = decode(raw)
                assert isinstance(event, EntryPublished)
                changed = event.content.model_copy(update={"body": event.content.body.replace("killed", "hurt")})
                raw, _ = encode(event.model_copy(update={"content": changed}), prev)
            prev = orjson.loads(raw)["hash"]
            await producer.send_and_wait(forged.entries_topic, raw, key=rec.key, partition=rec.partition)
    finally:
        await producer.stop()


async def test_a_rewritten_tail_with_valid_hashes_is_caught(settings: Settings, tmp_path: Path) -> None:
    signing, verify = generate_keys(tmp_path / "keys")
    signed = settings.model_copy(
        update={
            "signing_key_file": signing,
            "verify_key_file": verify,
            "checkpoint_every": 10,
            "checkpoint_topic": f"{settings.entries_topic}.checkpoints",
        }
    )
    assert (await publish_lines(signed, _lines(0, 25)))["published"] == 25  # signed at 25 (due: 25 >= 10)
    assert (await publish_lines(signed, _lines(25, 3)))["published"] == 3  # signed at 28 when it stops
    checkpoints = [orjson.loads(r.value or b"") async for r in read_topic(signed, signed.checkpoint_topic)]
    assert [c["checkpoint"]["events"] for c in checkpoints] == [25, 28]

    code, report = _verify_log(signed)
    assert code == 0 and report["ok"] is True and report["checkpoints"] == 2, report
    anchor = tmp_path / "heads.json"
    anchor.write_bytes(orjson.dumps(report))

    forged = signed.model_copy(update={"entries_topic": f"{settings.entries_topic}.forged"})
    await _rewrite_tail(signed, forged, keep=20)
    assert verify_chain(await read_log(forged)).ok, (
        "the forged copy's chain must be whole for this test to mean anything"
    )

    code, report = _verify_log(forged)
    assert code == 1
    kinds = sorted(p["kind"] for p in report["problems"])  # type: ignore[union-attr]
    assert kinds == ["rewritten", "rewritten"], report  # both checkpoints (25 and 28) lie after event 20

    code, report = _verify_log(forged.model_copy(update={"checkpoint_topic": f"{settings.entries_topic}.none"}),
                               "--anchor", str(anchor))  # fmt: skip
    assert code == 1 and [p["kind"] for p in report["problems"]] == ["rewritten"], report  # type: ignore[union-attr]


async def test_a_checkpoint_signed_with_another_key_is_a_forgery(settings: Settings, tmp_path: Path) -> None:
    signing, verify = generate_keys(tmp_path / "keys")
    signed = settings.model_copy(
        update={
            "signing_key_file": signing,
            "verify_key_file": verify,
            "checkpoint_topic": f"{settings.entries_topic}.cp",
        }
    )
    await publish_lines(signed, _lines(0, 4))
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    await producer.start()
    try:
        fake = Checkpoint("signed-blog", 4, "00" * 32, "2026-12-01T00:00:00.000000Z")
        await producer.send_and_wait(signed.checkpoint_topic, sign_checkpoint(fake, Ed25519PrivateKey.generate()))
    finally:
        await producer.stop()
    code, report = _verify_log(signed)
    assert code == 1
    assert [p["kind"] for p in report["problems"]] == ["forged checkpoint"], report  # type: ignore[union-attr]
