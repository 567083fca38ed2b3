"""With PROTECT_READS on, the page asks for the read token once and keeps it for the session.

Headless Chromium over DevTools against a real worker and the session broker.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import SecretStr

from liveledger.settings import Settings
from tests.e2e import blog_fixture as fx
from tests.e2e.browser import DevTools
from tests.e2e.test_page import publish
from tests.support.worker import WorkerProcess

pytestmark = pytest.mark.kafka

TOKEN = "page-read-token"
ENTRIES = "document.querySelectorAll('#timeline li.entry').length"


async def _submit(dt: DevTools, token: str) -> None:
    await dt.evaluate(
        f"document.getElementById('token-input').value = {json.dumps(token)};"
        " document.getElementById('token-form').requestSubmit(); true"
    )


async def test_the_page_asks_for_the_read_token_once(settings: Settings, tmp_path: Path) -> None:
    guarded = settings.model_copy(update={"api_token": SecretStr(TOKEN)})
    await publish(guarded, fx.entry_docs())
    worker = WorkerProcess(guarded, tmp_path / "worker.log", LIVELEDGER_PROTECT_READS="true").start()
    try:
        worker.wait_ready()
        dt = DevTools(tmp_path / "profile", f"{worker.url}/", tmp_path / "chromium.log").launch()
        async with dt:
            await dt.wait_for("document.getElementById('token-form') !== null", "the token form")
            assert await dt.evaluate(ENTRIES) == 0

            await _submit(dt, "not-the-token")
            refused = await dt.wait_for(
                "(b => !b.hidden && b.querySelector('#token-form') && b.textContent)"
                "(document.getElementById('error-banner'))",
                "the form again, saying the token was refused",
            )
            assert "refused" in refused

            await _submit(dt, TOKEN)
            await dt.wait_for(f"{ENTRIES} === {len(fx.entry_docs())}", "the timeline with the token")
            assert await dt.evaluate("sessionStorage.getItem('liveledger-read-token')") == TOKEN
            assert await dt.evaluate("document.getElementById('error-banner').hidden") is True

            await dt.call("Page.reload")  # same tab, same session: no second question
            await dt.wait_for(f"{ENTRIES} === {len(fx.entry_docs())}", "the timeline after a reload")
            assert await dt.evaluate("document.getElementById('token-form')") is None
    finally:
        worker.stop()
