"""``audit rederive``: what an extractor upgrade would change, before it goes live.

The facts topic holds the contributions the worker made when it processed each
entry (with the extractor version of the time). Folding them gives the views
as recorded; rebuilding from the entries with the current extractor gives the
views as they would be now. The difference is the impact of the upgrade.

Entries the extractor fails on are left out of the views as they would be now
(the worker would dead-letter them) and listed under ``extraction_failed``.
"""

from __future__ import annotations

from typing import Any

from liveledger.settings import Settings
from replay.compare import compare_documents
from replay.rebuild import rebuild
from replay.recorded import FactsMismatch, all_contributions
from replay.source import read_log, read_recorded
from streams.core.pipeline import Extractor
from streams.query.documents import PARAMS, build
from streams.views.contrib import State
from streams.views.rows import apply_row


async def recorded_states(settings: Settings) -> dict[str, dict[str, State]]:
    """View states folded from the contributions recorded on the facts topic.

    Raises :class:`replay.recorded.FactsMismatch`, naming each record, when a record does not decode.
    """
    recorded = await read_recorded(settings)
    if recorded.problems:
        raise FactsMismatch(recorded.problems)
    states: dict[str, dict[str, State]] = {view: {} for view in PARAMS}
    for c in all_contributions(recorded):
        if c.view in states:
            entries = states[c.view].setdefault(c.key, {"entries": {}})["entries"]
            record = apply_row(entries.get(c.entry_key), c)
            if record is not None:
                entries[c.entry_key] = record
    return states


async def rederive(settings: Settings, extractor: Extractor, extractor_version: str) -> dict[str, Any]:
    """Per view: the keys whose values would change under ``extractor``; and the entries it fails on."""
    recorded = await recorded_states(settings)
    now = rebuild(
        await read_log(settings),
        extractor=extractor,
        extractor_version=extractor_version,
        max_record_bytes=settings.max_record_bytes,
    )
    report: dict[str, Any] = {
        "extractor_version": extractor_version,
        "views": {},
        "extraction_failed": [f.to_json() for f in now.failed],
    }
    for view in PARAMS:
        before = build(view, recorded[view])
        after = build(view, now.views.states(view))
        report["views"][view] = compare_documents(before, after)
    report["changes"] = sum(
        len(d["changed"]) + len(d["only_left"]) + len(d["only_right"]) for d in report["views"].values()
    )
    return report
