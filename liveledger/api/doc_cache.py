"""The bytes of query documents, kept per view and parameters until the view changes.

A list query (``GET /api/v1/figures?metric=troops``) builds its document from every rendered key
of the view (:func:`streams.query.documents.build_from_rendered`): the figures view joins and sorts
every history's points, the casualties and strikes views roll their items up, and the result is
made canonical JSON. Between two applies to the view that work gives the same bytes, so they are
kept, keyed by the view and the query's parameters and checked against the view's version
(:meth:`liveledger.api.cache.RenderCache.version`: every apply to the view and every new
generation changes it). A query on a view that changed since builds its document again.

Only a view held whole by this worker is cached: when other workers hold part of it, their parts
change without this worker seeing it, so each query gathers and builds as before. At most
``max_docs`` documents and ``max_bytes`` of them are kept; the least recently asked go first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Mapping

import orjson

from liveledger.api.cache import RenderCache
from liveledger.api.gather import gather_rendered, other_hosts
from streams.app.factory import LiveLedgerApp
from streams.query.documents import build_from_rendered

#: a cached document: the view's version it was built at, and its bytes
_Entry = tuple[Hashable, bytes]


class DocumentCache:
    """Canonical JSON of view documents by ``(view, parameters)``, valid while the view's version holds."""

    def __init__(self, ll: LiveLedgerApp, renders: RenderCache, max_docs: int = 64, max_bytes: int = 64 << 20) -> None:
        self.ll = ll
        self.renders = renders
        self.max_docs = max_docs
        self.max_bytes = max_bytes
        self._docs: OrderedDict[tuple[str, tuple[tuple[str, str], ...]], _Entry] = OrderedDict()
        self._bytes = 0
        #: documents answered from the cache, and built (for tests and the curious)
        self.hits = 0
        self.misses = 0

    async def body(self, view: str, params: Mapping[str, str]) -> bytes:
        """The canonical JSON of ``view``'s document for ``params`` (validated by the caller)."""
        if other_hosts(self.ll, self.ll.views[view].name):  # parts held elsewhere change unseen here
            return _dumps(build_from_rendered(view, await gather_rendered(self.ll, self.renders, view), params))
        key = (view, tuple(sorted(params.items())))
        version = self.renders.version(view)  # read before the build: a change during it is a miss next time
        found = self._docs.get(key)
        if found is not None and found[0] == version:
            self._docs.move_to_end(key)
            self.hits += 1
            return found[1]
        self.misses += 1
        body = _dumps(build_from_rendered(view, await gather_rendered(self.ll, self.renders, view), params))
        self._store(key, version, body)
        return body

    def _store(self, key: tuple[str, tuple[tuple[str, str], ...]], version: Hashable, body: bytes) -> None:
        old = self._docs.pop(key, None)
        if old is not None:
            self._bytes -= len(old[1])
        if len(body) > self.max_bytes:
            return
        self._docs[key] = (version, body)
        self._bytes += len(body)
        while len(self._docs) > self.max_docs or self._bytes > self.max_bytes:
            _, (_, dropped) = self._docs.popitem(last=False)
            self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._docs)


def _dumps(doc: object) -> bytes:
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
