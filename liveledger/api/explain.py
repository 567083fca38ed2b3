"""``GET /api/v1/explain/{view}/{key}``: the contributions behind a view value, from the worker's state.

The document is :func:`streams.core.lineage.explain_document` over the lineage rows the entries
agent recorded (``streams.app.lineage``) and the value the worker renders for the key: the same
function and the same records as ``liveledger audit explain``, which folds the log instead, so
the two documents are equal. Lineage rows live in the partition of their blog, so a key's rows
are gathered from every worker that holds part of the lineage table.
"""

from __future__ import annotations

from typing import Any

from liveledger.api.cache import RenderCache
from liveledger.api.gather import GatherError, fetch_internal, gather_rendered, other_hosts
from streams.app.factory import LiveLedgerApp
from streams.app.lineage_ops import lineage_of, lineage_states
from streams.core.lineage import Record, explain_document
from streams.views.render import Doc, combine
from streams.views.routing import history_key, state_key


def local_lineage(ll: LiveLedgerApp, view: str, key: str) -> list[tuple[str, Record]]:
    """The ``(state key, record)`` pairs of ``view``/``key`` this worker holds."""
    if ll.lineage is None:
        raise GatherError("this worker keeps no lineage table")
    return lineage_of(ll.lineage, view, lineage_states(ll.lineage, view, key))


def value_of(view: str, key: str, rendered: dict[str, list[Doc]]) -> Doc | None:
    """The document of one view key from rendered states, as ``ViewSet.render`` gives it."""
    if view == "figures":  # a history joins its month and area states
        joined = combine(view, [d for k, docs in rendered.items() if history_key(k) == key for d in docs])
        return joined[0] if joined else None
    return next((d for d in rendered.get(state_key(view, key), []) if d["key"] == key), None)


async def _other_lineage(ll: LiveLedgerApp, view: str, key: str) -> list[tuple[str, Record]]:
    assert ll.lineage is not None
    out: list[tuple[str, Record]] = []
    for host in other_hosts(ll, ll.lineage.name):
        body = await fetch_internal(
            ll, host, "/api/v1/internal/lineage", {"view": view, "key": key}, what=" for lineage"
        )
        out.extend((str(state), record) for state, record in body)
    return out


async def explain_key(ll: LiveLedgerApp, cache: RenderCache, view: str, key: str) -> dict[str, Any]:
    """The explain document of ``view``/``key`` (``contributions`` empty when no entry ever touched it)."""
    pairs = local_lineage(ll, view, key) + await _other_lineage(ll, view, key)
    value = value_of(view, key, await gather_rendered(ll, cache, view))
    return explain_document(view, key, value, pairs)
