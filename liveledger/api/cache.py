"""Rendered documents of this worker's view keys, kept between queries.

The views agent calls :meth:`RenderCache.changed` after every apply; a query re-renders only the
keys that changed since. A new partition assignment (a rebalance, or recovery at start) refills the
whole cache from the tables, so it never serves keys this worker no longer owns: the app's
generation (:class:`streams.app.factory.Generation`, O(1)) says when, where reading the consumer's
assignment on every query cost a frozenset of every partition each time.
"""

from __future__ import annotations

from collections.abc import Hashable

from streams.app.factory import LiveLedgerApp
from streams.views.render import Doc, render_all


class RenderCache:
    def __init__(self, ll: LiveLedgerApp) -> None:
        self.ll = ll
        self._docs: dict[str, dict[str, list[Doc]]] = {}
        self._dirty: dict[str, set[str]] = {}
        self._seen: dict[str, Hashable] = {}
        #: per view, how many applies have touched it: with the generation, what :meth:`version` is
        self._changes: dict[str, int] = {}

    def changed(self, view: str, key: str) -> None:
        self._changes[view] = self._changes.get(view, 0) + 1
        if view in self._docs:
            self._dirty.setdefault(view, set()).add(key)

    def version(self, view: str) -> Hashable:
        """A value that differs whenever this worker's rows of ``view`` may have changed: after every
        apply to it, and at every new generation (a rebalance, the end of recovery). O(1)."""
        return self.ll.generation(), self._changes.get(view, 0)

    def local(self, view: str) -> dict[str, list[Doc]]:
        """Rendered documents per state key, for the keys this worker holds now."""
        table = self.ll.views[view]
        generation = self.ll.generation()
        if view not in self._docs or self._seen.get(view) != generation:
            docs: dict[str, list[Doc]] = {}
            for k, state in table.items():
                key = k.decode() if isinstance(k, bytes) else str(k)
                rendered = render_all(view, key, state)
                if rendered:
                    docs[key] = rendered
            self._docs[view] = docs
            self._dirty[view] = set()
            self._seen[view] = generation
            return docs
        docs = self._docs[view]
        for key in self._dirty.pop(view, set()):
            rendered = render_all(view, key, table.get(key.encode()))
            if rendered:
                docs[key] = rendered
            else:
                docs.pop(key, None)
        return docs
