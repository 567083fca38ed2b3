"""The publisher's signed checkpoints: each blog's chain head, signed now and then, on a topic of its own.

A blog's head is signed once ``LIVELEDGER_CHECKPOINT_EVERY`` new events are on the log, and for
every blog with unsigned events when the publisher stops. The topic keeps history like the log, and
is held to the same durability guard under ``LIVELEDGER_PROFILE=production``: a rewritten tail
is caught only while the checkpoints that sign the true heads survive.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from liveledger.kafka.durability import brokers_wait_s
from liveledger.kafka.topics import (
    KEEP_FOREVER,
    admin_client,
    check_keeps_history,
    check_topic_durable,
    ensure_topic,
    topic_config,
)
from liveledger.publish.index import LogIndex
from liveledger.settings import Settings
from schemas.checkpoint import Checkpoint, sign_checkpoint
from schemas.codec import format_time


async def ensure_checkpoint_topic(settings: Settings) -> None:
    """Create the checkpoint topic when missing; refuse it if it could lose history, or, under
    ``LIVELEDGER_PROFILE=production``, signed heads on the loss of one broker (as the log topics)."""
    admin = admin_client(settings)
    await admin.start()
    try:
        name = settings.checkpoint_topic
        await ensure_topic(
            admin, name, 1, settings.replication_factor, KEEP_FOREVER, wait_for_brokers_s=brokers_wait_s(settings)
        )
        check_keeps_history(name, await topic_config(admin, name))
        await check_topic_durable(admin, settings, name)
    finally:
        await admin.close()


class Checkpointer:
    """Decides which blog heads are due for a signature and sends the signed checkpoints."""

    def __init__(self, settings: Settings, key: Ed25519PrivateKey) -> None:
        self.settings = settings
        self.key = key
        self.signed: dict[str, int] = {}  # blog -> events covered, as of start or its last checkpoint from here
        self.written = 0

    def started(self, index: LogIndex) -> None:
        """Remember where each blog stands when the publisher starts: only what it appends is signed."""
        self.signed = {blog: head.events for blog, head in index.heads.items()}

    def due(self, index: LogIndex, *, all_unsigned: bool = False) -> list[Checkpoint]:
        every = 1 if all_unsigned else self.settings.checkpoint_every
        now = format_time(datetime.now(UTC))
        return [
            Checkpoint(blog, head.events, head.hash, now)
            for blog, head in sorted(index.heads.items())
            if head.events - self.signed.get(blog, 0) >= every
        ]

    def records(self, checkpoints: list[Checkpoint]) -> list[tuple[bytes, bytes]]:
        """(key, value) of each signed checkpoint record."""
        return [(cp.blog_id.encode(), sign_checkpoint(cp, self.key)) for cp in checkpoints]

    def signed_now(self, checkpoints: list[Checkpoint]) -> None:
        """Note checkpoints the log has committed."""
        for cp in checkpoints:
            self.signed[cp.blog_id] = cp.events
        self.written += len(checkpoints)
