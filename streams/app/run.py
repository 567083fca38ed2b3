"""Run the worker in this process: check the topics, build the app, serve the API, consume."""

from __future__ import annotations

import asyncio
from typing import NoReturn

from liveledger.kafka.topics import ensure_changelog_topics, ensure_log_topics
from liveledger.settings import Settings
from streams.app.factory import LiveLedgerApp, build_app
from streams.app.gc_freeze import settle
from streams.app.malloc import limit_arenas
from streams.app.state_check import wipe_stale_state
from streams.app.worker import LiveLedgerWorker
from streams.core.pipeline import default_extractor


def prepare(settings: Settings) -> LiveLedgerApp:
    """Check the log topics keep history, build the app with its web API, create its changelogs."""
    from liveledger.api.routes import register_api

    limit_arenas()  # before any thread of the worker starts (streams.app.malloc)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(ensure_log_topics(settings))
    (settings.data_dir / "faust").mkdir(parents=True, exist_ok=True)
    ll = build_app(settings)
    # The changelogs first: the state check reads their end offsets, and on a broker that creates
    # topics on first use, reading one that is missing would create it with the broker's partitions.
    loop.run_until_complete(ensure_changelog_topics(settings, ll.changelog_topics()))
    wipe_stale_state(settings, ll.app, loop.run_until_complete)  # before faust opens the stores
    register_api(ll)
    return ll


def run_worker(settings: Settings, *, loglevel: str = "warning") -> NoReturn:
    """Block running the worker until SIGINT/SIGTERM."""
    ll = prepare(settings)
    settle(default_extractor()[0])  # the extractor's index loaded, then kept out of full collections
    worker = LiveLedgerWorker(
        ll.app,
        loglevel=loglevel,
        loop=asyncio.get_event_loop(),
        redirect_stdouts=False,
        override_logging=True,
    )
    worker.execute_from_commandline()
