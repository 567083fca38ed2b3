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

:class:`ChangelogDrain` counts the records put in the buffer and those its task has handed on, and
:meth:`ChangelogDrain.drained` waits until every record put before it is handed on (bounded). The consumer
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
    """How many changelog records one producer buffer was given, and how many it has handed on.

    Wraps the buffer's ``put`` and ``_send_pending`` (faust's task reads the latter when it starts, so
    :meth:`attach` must come before the app starts). The buffer sends in the order it was given, so
    once as many records were sent as had been put when a commit began, every table write made
    before that commit is with the Kafka client; records put meanwhile are not waited for (a busy
    worker never empties its buffer, and waiting for that held commits back for seconds).
    """

    def __init__(self, buffer: Any) -> None:
        self.buffer = buffer
        self.put_total = 0
        self.sent_total = 0
        put: Callable[[Any], None] = buffer.put
        send: Callable[[Any], Awaitable[None]] = buffer._send_pending

        def counted_put(fut: Any) -> None:
            put(fut)
            self.put_total += 1

        async def counted_send(fut: Any) -> None:
            await send(fut)
            self.sent_total += 1  # a send that raised is not counted: the commit waits, then is left out

        buffer.put = counted_put
        buffer._send_pending = counted_send

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
        """Records put and not handed on yet (waiting in the buffer, or being sent)."""
        return self.put_total - self.sent_total

    async def drained(self, within_s: float) -> bool:
        """Wait until every record put before this call is handed on; False when not within ``within_s``."""
        target = self.put_total
        deadline = _clock() + within_s
        while self.sent_total < target:
            if _clock() >= deadline:
                return False
            await asyncio.sleep(POLL_S)
        return True
