"""The worker keeps the root logger at the level asked for (faust's spinner would set it to DEBUG)."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from pathlib import Path

import faust
import pytest

from liveledger.settings import Settings
from streams.app.factory import build_app
from streams.app.worker import LiveLedgerWorker


@pytest.fixture
def root_logging() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield root
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
    root.setLevel(level)


@pytest.mark.parametrize(
    ("worker_type", "expected"), [(faust.Worker, logging.DEBUG), (LiveLedgerWorker, logging.WARNING)]
)
def test_root_logger_level_after_the_worker_sets_up_logging(
    tmp_path: Path, root_logging: logging.Logger, worker_type: type[faust.Worker], expected: int
) -> None:
    ll = build_app(Settings(store="memory://", data_dir=tmp_path, app_id="log-test"), extractor=lambda t, b: [])
    loop = asyncio.new_event_loop()
    try:
        worker = worker_type(
            ll.app, loglevel="warning", loop=loop, redirect_stdouts=False, override_logging=True, stdout=io.StringIO()
        )
        worker._setup_logging()  # what Worker.start does first, with the real faust and mode code
    finally:
        loop.close()
    assert root_logging.level == expected
    if worker_type is LiveLedgerWorker:
        assert not logging.getLogger("aiokafka.consumer").isEnabledFor(logging.DEBUG)
        assert logging.getLogger("faust").isEnabledFor(logging.WARNING)
