"""``GET /api/v1/export/{incidents|claims}``: ``audit export`` from the worker's tables, as CSV or JSON lines.

The rows come from :func:`replay.export.incident_rows` / :func:`replay.export.claim_rows`, the
functions ``liveledger audit export`` runs over a replay, here over the states gathered from every
worker, so both give the same columns and, for the same log, the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping

from replay.export import CLAIM_COLUMNS, INCIDENT_COLUMNS, claim_rows, incident_rows, to_csv, to_jsonl
from streams.views.contrib import State
from streams.views.routing import state_key

#: what can be exported -> the view its rows come from
EXPORTS = {"incidents": "casualties", "claims": "figures"}
FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson"}  # UTF-8 text


class GatheredStates:
    """The states of one view, gathered from the workers, read like a replay's ``ViewSet``."""

    def __init__(self, view: str, states: Mapping[str, State]) -> None:
        self.view = view
        self._states = states

    def states(self, view: str) -> Mapping[str, State]:
        return self._states if view == self.view else {}

    def state(self, view: str, key: str) -> State | None:
        return self._states.get(state_key(view, key)) if view == self.view else None


def export_text(what: str, fmt: str, states: Mapping[str, State]) -> str:
    """The export of ``what`` (incidents or claims) in ``fmt`` (csv or jsonl) from the view's states."""
    source = GatheredStates(EXPORTS[what], states)
    rows = incident_rows(source) if what == "incidents" else claim_rows(source)
    columns = INCIDENT_COLUMNS if what == "incidents" else CLAIM_COLUMNS
    return to_csv(rows, columns) if fmt == "csv" else to_jsonl(rows)
