"""A worker whose local state belongs to another cluster wipes it and restores, instead of crash-looping.

Real brokers: the session broker, then a fresh one on new ports with the same topic names,
app id and data dir (what an operator gets after recreating the broker or its topics).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from liveledger.broker import local
from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from tests.fault.test_faults import figure_lines, wait_views_equal_replay
from tests.support.worker import WorkerProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]


def test_state_from_an_older_cluster_is_wiped_and_the_views_follow_the_new_log(
    settings: Settings, tmp_path: Path
) -> None:
    asyncio.run(publish_lines(settings, figure_lines(60, prefix="old")))
    with WorkerProcess(settings, tmp_path / "first.log") as w:
        w.wait_processed(60)
    assert any(Path(settings.data_dir).rglob("*.db")), "the first worker left no local state: nothing to test"

    cfg = local.config_on_free_ports(tmp_path / "fresh-broker")
    bootstrap, _ = local.start(cfg)
    try:
        fresh = settings.model_copy(update={"kafka_bootstrap": bootstrap})
        asyncio.run(publish_lines(fresh, figure_lines(7, prefix="new")))
        w = WorkerProcess(fresh, tmp_path / "second.log").start()
        try:
            w.wait_processed(7)
            asyncio.run(wait_views_equal_replay(w, fresh, within_s=120))  # nothing of the old log is served
            assert w.proc is not None and w.proc.poll() is None, w.log_tail()
        finally:
            w.stop()
        assert "does not match the cluster" in w.log_tail(200_000)
    finally:
        local.stop(cfg)
