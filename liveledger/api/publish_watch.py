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

    def started(self, publisher: Starting) -> None:
        """The publisher is up: from now on only its transactions count."""
        self._publisher, self._before, self._started = publisher, publisher.chunks_done, True

    def progress(self) -> tuple[bool, int, int, int]:
        """What changes while this POST gets on: (started, start-up steps, broker answers, transactions).

        The end of the start-up is progress too. Without ``started`` in it, a start-up that ended
        within a timeout left the value where it began, ``(0, 0, 0)``, and a first transaction still
        in flight at that timeout's end got 503 with the broker up, however soon after the start-up
        it was (tests/integration/test_api_hardening.py's first POST failed 2 of 4 runs so).
        """
        if self._started:
            return (True, 0, 0, int(self._publisher.chunks_done) - self._before)
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
        try:
            publisher = await asyncio.wait_for(get_publisher(), STARTUP_S)
        finally:
            looking.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await looking
        self.started(publisher)
        return publisher
