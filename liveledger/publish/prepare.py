"""What the publisher works out from a request alone, done ahead while it waits for the broker.

A request's serialized content fields, their digest and its event id depend on the request only,
not on the index (``Publisher._decide`` adds the acceptance time, the dedupe check, the chain link).
``Lookahead`` prepares them for the requests of one ``publish_many`` in a task of its own, a slice at
a time: it runs whenever the publisher awaits (a batch's submit, the acks and the commit of each
transaction), so that work leaves the publisher's own path. ``take`` gives what was prepared, or
prepares it on the spot: the bytes are those of ``prepare`` either way.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from liveledger.publish.index import bytes_digest, event_id_for
from liveledger.publish.requests import Request
from schemas.codec import ContentBytes, content_bytes

#: most requests prepared and not yet taken (bounds the memory they hold)
AHEAD = 4096
#: requests prepared between two yields to the event loop (about a third of a millisecond of work)
SLICE = 32


@dataclass(frozen=True, slots=True)
class Prepared:
    content: ContentBytes
    digest: str  # the dedupe digest of the content fields (``index.fields_digest``)
    event_id: str


def prepare(req: Request) -> Prepared:
    """The serialized content fields of ``req``, their digest and its event id."""
    content = content_bytes(req.event_type, req.blog_id, req.entry_id, req.occurred_at, req.payload())
    digest = bytes_digest(content)  # leaves out acceptance time and ids
    return Prepared(content, digest, event_id_for(req.blog_id, req.entry_id, digest))


class Lookahead:
    """``prepare`` of each request of ``reqs``, ahead of the publisher's ``take`` by at most ``AHEAD``."""

    def __init__(self, reqs: list[Request]) -> None:
        self._reqs = reqs
        self._ready: dict[int, Prepared] = {}
        self._next = 0  # the next position to prepare
        self._taken = 0  # positions below this were taken: never prepared any more
        self._room = asyncio.Event()

    def take(self, pos: int) -> Prepared:
        """What ``prepare`` gives for the request at ``pos``."""
        if pos >= self._taken:
            self._taken = pos + 1
            if pos % SLICE == 0:
                self._room.set()
        ready = self._ready.pop(pos, None)
        return ready if ready is not None else prepare(self._reqs[pos])

    async def run(self) -> None:
        """Prepare the requests in order, a slice between yields; ends after the last one (or when cancelled)."""
        while True:
            self._next = max(self._next, self._taken)
            if self._next >= len(self._reqs):
                return
            end = min(len(self._reqs), self._next + SLICE, self._taken + AHEAD)
            if self._next >= end:  # far enough ahead: wait for the publisher to take some
                self._room.clear()
                await self._room.wait()
                continue
            for pos in range(self._next, end):
                try:
                    self._ready[pos] = prepare(self._reqs[pos])
                except Exception:  # left out: ``take`` prepares it again, and the error reaches the caller there
                    continue
            self._next = end
            await asyncio.sleep(0)
