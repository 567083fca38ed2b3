"""What counts as progress of one POST of entries, so that slow is not taken for stuck.

A POST waits (:func:`liveledger.api.stall.until_stalled`) as long as its progress changes within the
publish timeout (``LIVELEDGER_PUBLISH_TIMEOUT_S``). Its progress used to be the shared publisher's
transactions done alone, so the publisher's start-up (topics checked, the write fence taken, the log's
tail read), which does no transaction, counted as stalled: on a loaded worker a first POST got 503 after
3 s while the start-up went on. :class:`PublishWatch` counts, while the publisher starts:

- each step of the start-up done and each record of the tail read (``Publisher.start_progress``);
- each look, every third of the timeout, at a broker that takes connections (the TCP probe of the
  health route): a start-up waiting on a broker that answers is slow, not stuck;

and after it, the transactions done as before. A broker that is down takes no connection, so nothing
changes and the POST answers 503 after the timeout; a start-up that does not end within
:data:`STARTUP_S` (a broker that takes connections and never answers) ends with 503 too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

#: the longest a publisher's start-up may take, however much it seems to progress
STARTUP_S = 30.0


class Starting(Protocol):
    """What the watch reads of a publisher (:class:`liveledger.publish.publisher.Publisher`)."""

    start_progress: int
    chunks_done: int


P = TypeVar("P", bound=Starting)


class PublishWatch:
    """The progress of one POST: see the module docstring. ``starting()`` is the publisher being
    started for the worker (None when there is none); ``reachable()`` the broker probe."""

    def __init__(
        self, starting: Callable[[], Starting | None], reachable: Callable[[], Awaitable[bool]], timeout_s: float
    ) -> None:
        self._starting = starting
        self._reachable = reachable
        self._timeout_s = timeout_s
        self._publisher: Any = None
        self._before = 0
        self.answers = 0  # looks at a broker that took a connection while the publisher started
        self._started = False
        #: this POST waited for a start-up (its own or another POST's): its end is progress
        self._waited = False

    def started(self, publisher: Starting) -> None:
        """The publisher is up: from now on only its transactions count."""
        self._publisher, self._before, self._started = publisher, publisher.chunks_done, True

    def progress(self) -> tuple[bool, int, int, int]:
        """What changes while this POST gets on: (a start-up it waited for ended, start-up steps,
        broker answers, transactions).

        The end of a start-up this POST waited for is progress too. Without it, a start-up that
        ended within a timeout left the value where it began, and a first transaction still in
        flight at that timeout's end got 503 with the broker up, however soon after the start-up it
        was (tests/integration/test_api_hardening.py's first POST failed 2 of 4 runs so). A POST to
        a publisher already up gets no such step: its first timeout is all it has.
        """
        if self._started:
            return (self._waited, 0, 0, int(self._publisher.chunks_done) - self._before)
        starting = self._starting()
        return (False, starting.start_progress if starting is not None else 0, self.answers, 0)

    async def _look(self) -> None:
        while not self._started:
            await asyncio.sleep(self._timeout_s / 3)
            if not self._started and await self._reachable():
                self.answers += 1

    async def start(self, get_publisher: Callable[[], Awaitable[P]]) -> P:
        """``await get_publisher()`` (the shared publisher, started if need be), watched: raises
        TimeoutError when it takes longer than :data:`STARTUP_S`."""
        looking = asyncio.ensure_future(self._look())
        getting = asyncio.ensure_future(get_publisher())
        try:
            await asyncio.sleep(0)  # ``getting`` runs to its first wait: a publisher that is up is returned at once
            self._waited = not getting.done() and self._starting() is not None
            publisher = await asyncio.wait_for(getting, STARTUP_S)
        finally:
            if not getting.done():  # cancelled before wait_for took it over
                getting.cancel()
            looking.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await looking
        self.started(publisher)
        return publisher
