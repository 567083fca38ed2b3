"""After a commit the publisher hands ``Resume`` only each partition's first and last record.

What ``Resume`` keeps (next offset, marks and last record per partition) must be what it keeps when
it is handed every record of the transaction, for any spread of records over partitions and batches.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Any, cast

import pytest

from liveledger.publish.resume import Resume
from liveledger.publish.sender import TxnSends
from liveledger.settings import Settings


@dataclass
class _Placed:
    offset: int  # what a batch's future gives: its base offset


def _sends(rng: random.Random, loop: asyncio.AbstractEventLoop) -> TxnSends:
    """A transaction's records over 1-4 partitions in batches of 1-5 records, each batch acknowledged."""
    sends = TxnSends(producer=cast(Any, None), topic="t")
    base = {p: rng.randrange(0, 1000) for p in range(4)}
    for _ in range(rng.randrange(1, 12)):
        partition = rng.randrange(4)
        fut: asyncio.Future[Any] = loop.create_future()
        fut.set_result(_Placed(base[partition]))
        size = rng.randrange(1, 6)
        base[partition] += size
        slot = len(sends.futures)
        sends.futures.append(fut)
        sends.records += [(partition, slot, rel, f"{partition}:{slot}:{rel}".encode()) for rel in range(size)]
    return sends


@pytest.mark.parametrize("seed", range(40))
def test_first_and_last_record_per_partition_leave_resume_as_every_record(seed: int) -> None:
    rng = random.Random(seed)
    loop = asyncio.new_event_loop()
    try:
        every, ends = Resume(Settings()), Resume(Settings())
        for _ in range(3):  # transactions one after the other
            sends = _sends(rng, loop)
            for p, o, raw in sends.placed():
                every.take(p, o, raw)
            for p, o, raw in sends.placed_ends():
                ends.take(p, o, raw)
            assert (ends.positions, ends.marks, ends._last_raw) == (every.positions, every.marks, every._last_raw)
    finally:
        loop.close()
