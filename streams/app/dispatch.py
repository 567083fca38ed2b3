"""Let the facts records of a batch leave at once instead of lingering in the Kafka client.

The worker's producer lingers up to 10 ms before it sends a partition's batch
(``producer_linger_ms`` in :func:`streams.app.factory.build_app`), so that one produce request
carries many changelog rows. The entries agent, though, waits for the acks of its facts records
before it stores the batch and takes the next one: each batch paid that linger on top of the round
trip, and at a live rate, with batches of a few entries, the wait bounded the agent's throughput.

:func:`dispatch_now` closes the client's open batches of one topic, as the client's own
``flush_for_commit`` closes every batch, and wakes its sender: those records go in the next
produce request, and records sent after them start new batches. Only the batches of that topic
are closed; the changelog rows keep lingering. It reads private attributes of aiokafka's producer;
where they are not there (another client version, a test double) it does nothing and returns 0,
and the records go when their linger ends, as before.
"""

from __future__ import annotations

from typing import Any


def dispatch_now(producer: Any, topic: str) -> int:
    """Close the open batches of ``topic`` in the aiokafka ``producer`` and wake its sender; returns how many."""
    accumulator = getattr(producer, "_message_accumulator", None)
    batches = getattr(accumulator, "_batches", None)
    if not isinstance(batches, dict):
        return 0
    closed = 0
    for tp, queue in batches.items():
        if getattr(tp, "topic", None) != topic:
            continue
        for batch in queue:
            builder = getattr(batch, "_builder", None)
            if builder is not None and not builder.closed():
                builder.close()
                closed += 1
    waiter = getattr(accumulator, "_waiter_future", None)
    if closed and waiter is not None and not waiter.done():
        waiter.set_result(None)
    return closed


__all__ = ["dispatch_now"]
