"""Offsets are committed only once every table write made before is on its way to Kafka.

A faust table write puts its changelog record in the producer's buffer (``send_soon``), which a task
of the producer sends on. Before it commits offsets, faust flushes that buffer, but its flush
(``ProducerBuffer.flush_atmost``) waits at most 0.1 s for each record and then returns with the
rest still in the buffer: on a loaded worker, whose agents hold the event loop for longer than
that, it often does. The commit then moved the offsets past events whose table writes were not on
Kafka yet, and a kill -9 lost those writes from the changelog for good: the local store had them,
but a store restored from the changelog (a worker taking the partition over, a new state
directory, a store wiped as stale) did not, while the events were never delivered again. An
entry-index record and its lineage row, written by one event and sent in any order, could so be
restored to different points.

:class:`ChangelogDrain` counts the records the buffer holds and the one its task is sending, and
:meth:`ChangelogDrain.drained` waits until none is left (bounded). The consumer
(:class:`streams.app.committed.CommittedConsumer`) commits only after it, then flushes the Kafka
client's own batches, as faust does.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

#: how often :meth:`ChangelogDrain.drained` looks again while records are left
POLL_S = 0.005

_clock = time.monotonic


class ChangelogDrain:
    """The changelog records of one producer buffer not yet handed to the Kafka client.

    Wraps the buffer's ``_send_pending`` (faust's task reads it when it starts, so :meth:`attach` must
    come before the app starts) to count the record being sent as well as those waiting.
    """

    def __init__(self, buffer: Any) -> None:
        self.buffer = buffer
        self.sending = 0
        send: Callable[[Any], Awaitable[None]] = buffer._send_pending

        async def counted(fut: Any) -> None:
            self.sending += 1
            try:
                await send(fut)
            finally:
                self.sending -= 1

        buffer._send_pending = counted

    @classmethod
    def attach(cls, app: Any) -> ChangelogDrain:
        """The drain of ``app``'s producer buffer (made once per app)."""
        buffer = app.producer.buffer
        drain = getattr(buffer, "liveledger_drain", None)
        if not isinstance(drain, ChangelogDrain):
            drain = cls(buffer)
            buffer.liveledger_drain = drain
        return drain

    @property
    def pending(self) -> int:
        """Records waiting in the buffer, and the one being sent."""
        return int(self.buffer.size) + self.sending

    async def drained(self, within_s: float) -> bool:
        """Wait until :attr:`pending` is 0; False when it is not within ``within_s``."""
        deadline = _clock() + within_s
        while self.pending:
            if _clock() >= deadline:
                return False
            await asyncio.sleep(POLL_S)
        return True
