"""A publish cancelled inside its transaction leaves a publisher that says it is broken, never a crash.

The HTTP API cancels a POST's publish when the broker acknowledges nothing for the publish timeout
(``liveledger.api.stall``), and Ctrl-C cancels the CLI's. The cancelled transaction is neither
committed nor aborted (a cancelled caller must not wait for the broker), so the producer still
holds it open. Before, the next use of that producer began a transaction on top of the open one:
aiokafka's state machine failed with an ``AssertionError``, out of ``publish`` (a 500 for another
POST waiting on the same publisher) and out of ``stop`` when it wrote the final signed checkpoint.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import orjson
import pytest

from liveledger.kafka.reader import read_topic
from liveledger.publish.keys import generate_keys
from liveledger.publish.publisher import Publisher, PublisherBroken
from liveledger.publish.requests import Request, parse_line
from liveledger.settings import Settings
from schemas.codec import decode

pytestmark = pytest.mark.kafka

N = 3000


def _req(i: int) -> Request:
    raw = orjson.dumps({"entry_id": f"c{i:04d}", "blog_id": "cancel-blog", "body": f"Update {i}: {'x' * 300}"})
    req = parse_line(raw, i, 100_000)
    assert req is not None
    return req


async def test_a_publish_cancelled_mid_transaction_breaks_the_publisher_cleanly(
    settings: Settings, tmp_path: Path
) -> None:
    signing, verify = generate_keys(tmp_path / "keys")
    signed = settings.model_copy(
        update={
            "signing_key_file": signing,
            "verify_key_file": verify,
            "checkpoint_every": 1_000_000,  # only stop signs: its final checkpoint needs a transaction
            "checkpoint_topic": f"{settings.entries_topic}.checkpoints",
        }
    )
    reqs = [(i, _req(i)) for i in range(N)]
    pub = Publisher(signed)
    await pub.start()
    try:
        task = asyncio.ensure_future(pub.publish_many(reqs))
        for _ in range(20_000):  # bounded: until the transaction is open and records are being added
            if pub.index._undo is not None and pub.index.events >= 2:  # the second decide follows begin
                break
            await asyncio.sleep(0)
        assert pub.index._undo is not None and pub.index.events >= 2, "the transaction never opened"
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert pub.index.events == 0, "the cancelled transaction was not undone in the index"
        with pytest.raises(PublisherBroken, match="cancelled"):
            await pub.publish(_req(N))
    finally:
        await pub.stop()  # no final checkpoint from a broken publisher: nothing to begin a transaction on

    async with Publisher(signed) as again:  # a new publisher takes the fence; the open transaction is aborted
        results = await again.publish_many(reqs)
    assert all(not isinstance(r, Exception) for _, r in results)
    ids = [decode(r.value or b"")[1].entry_id async for r in read_topic(signed, signed.entries_topic)]
    assert sorted(ids) == [f"c{i:04d}" for i in range(N)], "an entry was lost or published twice"
