"""Rebalances of a busy worker lose nothing: every offset committed around a revocation was processed.

faust stops the flow when a revocation starts, waits for what its streams took in and commits, in
the old generation, the partitions it hands over included. An event a stream skipped meanwhile
must not count toward that commit (:meth:`streams.app.committed.CommittedConsumer.ack`). faust's
pure-Python stream iterator acks such an event (its Cython one does not), so the workers here run
with ``NO_CYTHON=1``. A second worker joins and leaves while entries arrive, each time revoking the
first one's partitions mid-stream; then a worker on a new state dir, which has only the changelogs
and the committed offsets, must hold exactly what a replay of the log gives. Loopback only.

This is a guard, not a reproduction: the skipped event needs a stream woken with an event just as
the revocation stops the flow, and it passed on the code before the fix too (1 run, 2026-12-02).
The fix is shown failing before by ``tests/unit/app/test_revocation_acks.py``, which runs faust's
own stream code through that window.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from tests.fault.test_faults import entry_counts, figure_lines, wait_views_equal_replay
from tests.support.worker import WorkerProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

#: entries on the log before the first worker starts, and published again before each join
BACKLOG = 1000
#: how many times the second worker joins (and leaves): two revocations of the first worker's partitions each
ROUNDS = 2
PYTHON_STREAMS = {"NO_CYTHON": "1"}


async def wait_processed(w: WorkerProcess, at_least: int, within_s: float = 180) -> None:
    deadline = time.monotonic() + within_s
    while w.health().get("entries_processed", 0) < at_least:
        assert time.monotonic() < deadline, f"{at_least} entries not processed in {within_s:.0f} s\n{w.log_tail()}"
        await asyncio.sleep(0.1)


@pytest.mark.timeout(1200)  # its waits are bounded: 180 s per start, 120 s per ready, 240 s to match
async def test_a_worker_revoked_mid_stream_commits_nothing_it_did_not_process(
    settings: Settings, tmp_path: Path, free_port: int
) -> None:
    total = BACKLOG
    await publish_lines(settings, figure_lines(BACKLOG, prefix="r0-"))
    first = WorkerProcess(settings, tmp_path / "first.log", **PYTHON_STREAMS).start()
    other = settings.model_copy(update={"web_port": free_port, "data_dir": tmp_path / "second"})
    try:
        await wait_processed(first, BACKLOG // 5)
        for round_ in range(1, ROUNDS + 1):
            await publish_lines(settings, figure_lines(BACKLOG, prefix=f"r{round_}-"))  # new records mid-rebalance
            total += BACKLOG
            second = WorkerProcess(other, tmp_path / f"second{round_}.log", **PYTHON_STREAMS).start()
            try:
                second.wait_ready()
            finally:
                second.stop()  # leaves the group: the first worker is revoked again, and so is the second
            first.wait_ready()
        first.kill()
    finally:
        first.kill()
    elsewhere = settings.model_copy(update={"data_dir": tmp_path / "elsewhere"})
    with WorkerProcess(elsewhere, tmp_path / "elsewhere.log") as again:
        await wait_views_equal_replay(again, settings)
        assert again.health()["dead_letters"] == 0, again.log_tail()
    counts = await entry_counts(settings)
    assert len(counts) == total and set(counts.values()) == {1}
