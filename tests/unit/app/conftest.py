"""The in-memory app the unit tests of streams.app build: real faust tables, no broker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from liveledger.settings import Settings
from streams.app.factory import LiveLedgerApp, build_app


@pytest.fixture
async def ll(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[LiveLedgerApp]:
    """A finalized app on ``memory://`` tables, its app id named after the test module."""
    app_id = f"{request.module.__name__.rsplit('.', 1)[-1].replace('_', '-')}"
    settings = Settings(store="memory://", data_dir=tmp_path, app_id=app_id)
    app = build_app(settings, extractor=lambda title, body: [], extractor_version="none")
    app.app.finalize()
    yield app
