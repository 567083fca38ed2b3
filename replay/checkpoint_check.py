"""verify-log's second half: the signed checkpoints on their topic, and any anchors given."""

from __future__ import annotations

import asyncio

from liveledger.kafka.reader import read_topic
from liveledger.publish.keys import verify_key
from liveledger.settings import Settings
from replay.anchors import Anchor, blog_hashes, check_anchors
from replay.chain import ChainReport
from replay.source import LogRecord
from schemas.checkpoint import CheckpointInvalid, verify_checkpoint


async def _checkpoint_records(settings: Settings) -> list[tuple[int, int, bytes]]:
    return [
        (rec.partition, rec.offset, rec.value or b"") async for rec in read_topic(settings, settings.checkpoint_topic)
    ]


def check_log_anchors(settings: Settings, records: list[LogRecord], report: ChainReport, anchors: list[Anchor]) -> str:
    """Add to ``report`` a problem per forged checkpoint and per anchor the log no longer matches.

    Returns a one-line summary of what was checked.
    """
    raw = asyncio.run(_checkpoint_records(settings))
    key = verify_key(settings)
    signed: list[Anchor] = []
    if raw and key is None:
        report.problems.append(
            {
                "partition": None,
                "offset": None,
                "blog_id": None,
                "kind": "checkpoints not checked",
                "detail": f"{len(raw)} checkpoints on {settings.checkpoint_topic}, but no key to check them: "
                "set LIVELEDGER_VERIFY_KEY_FILE",
            }
        )
    for partition, offset, value in raw:
        if key is None:
            break
        try:
            cp = verify_checkpoint(value, key)
        except CheckpointInvalid as e:
            report.problems.append(
                {
                    "partition": partition,
                    "offset": offset,
                    "blog_id": None,
                    "kind": "forged checkpoint",
                    "detail": str(e),
                }
            )
            continue
        signed.append(Anchor(cp.blog_id, cp.events, cp.head, f"the checkpoint signed {cp.signed_at}"))
    hashes = blog_hashes(records)
    report.problems.extend(check_anchors(hashes, [*signed, *anchors]))
    report.checkpoints = len(signed)
    report.anchors = len(anchors)
    if key is None and not raw:
        return "no signed checkpoints (set LIVELEDGER_SIGNING_KEY_FILE on the publisher); the chain is unkeyed"
    return f"{len(signed)} signed checkpoints and {len(anchors)} anchors checked against the log"
