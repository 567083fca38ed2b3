"""Table writes of a batch, each made for the event it comes from.

faust picks the changelog partition of a table write, and the RocksDB partition it lands in, from
the event being processed: a context variable its stream sets per event (``faust.streams.
current_event``). An agent that takes events in batches (``Stream.take_events``) runs its body
outside that per-event context, where a write raises "Cannot modify table key from outside of
stream iteration". :func:`for_event` sets it to the event a written value comes from, so each row
still goes to the partition of its source event: the partition ``table_route`` and recovery expect.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from faust.streams import _current_event


@contextmanager
def for_event(event: Any) -> Iterator[None]:
    """Within the block, faust's tables see ``event`` as the event being processed."""
    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)
