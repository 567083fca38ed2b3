"""``audit explain``: every entry event behind one view value, with its sentence and fate.

The records and their fates come from :mod:`streams.core.lineage`, the same code the worker's
``GET /api/v1/explain/{view}/{key}`` answers with, so both give the same document.
"""

from __future__ import annotations

from typing import Any

from replay.rebuild import Rebuilt
from streams.core.lineage import contribution_record, explain_document, sentence_at
from streams.views.routing import history_key, state_key

__all__ = ["explain", "sentence_at"]


def explain(rebuilt: Rebuilt, view: str, key: str) -> dict[str, Any]:
    """The value of ``view``/``key`` and every contribution that ever touched it, oldest first."""
    if view == "figures":  # a figure history lives in one state per month and area
        states = sorted(k for v, k in rebuilt.history if v == view and history_key(k) == key)
    else:
        states = [state_key(view, key)]
    applied = [
        (s, contribution_record(a.contribution, a.entry)) for s in states for a in rebuilt.history.get((view, s), [])
    ]
    return explain_document(view, key, rebuilt.views.render(view, key), applied)
