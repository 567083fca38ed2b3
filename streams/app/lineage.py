"""The worker's lineage table: what ``GET /api/v1/explain/{view}/{key}`` answers from, no log scan.

The view tables keep each entry's newest contribution only; an explanation also needs the
contributions a correction or a retraction replaced, and the sentences of their facts (the entry's
text at the time). So the entries agent records, per contribution it plans, the
:func:`streams.core.lineage.contribution_record` replay's ``audit explain`` builds, as one row of a
:class:`streams.app.rowstore.RowTable`:

- state part: ``"{view}\\x1e{view key}"``; entry part: ``"{blog_id}/{entry_id}\\x1e{stamp}"``;
- value: ``{"stamp": [...], "items": [record]}``, a view row's shape holding the one record (a few
  hundred bytes per fact; rows are written once and never grow).

Rows live in the partition of the entry's blog (the entries agent writes them), so a key's rows may
be spread over workers: the API gathers them (``liveledger.api.explain``). Redelivered events write
the same row again (same key, same value).

Cost: one row per (entry event, view key it touches), kept for ever; history is not dropped yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from streams.app.rowstore import RowTable
from streams.core.lineage import Record, contribution_record
from streams.core.records import EntryFacts
from streams.core.timeline import TIMELINE
from streams.views.contrib import Contribution
from streams.views.routing import history_key, state_key

_SEP = "\x1e"

#: the faust table's name (its changelog is ``{app_id}-lineage-changelog``)
TABLE_NAME = "lineage"


def lineage_table(app: Any, partitions: int, options: dict[str, Any]) -> Any:
    """The faust table of lineage rows (raw byte keys, like the view tables)."""
    return app.Table(TABLE_NAME, default=None, partitions=partitions, key_type=bytes, **options)


def record_lineage(rows: RowTable, ef: EntryFacts, contributions: Iterable[Contribution]) -> None:
    """Record what each of ``ef``'s planned contributions says (the timeline's excepted)."""
    stamp = _SEP.join(str(part) for part in ef.stamp)
    for c in contributions:
        if c.view != TIMELINE:
            row = {"stamp": list(ef.stamp), "items": [contribution_record(c, ef)]}
            rows.put_row(f"{c.view}{_SEP}{c.key}", f"{c.entry_key}{_SEP}{stamp}", row)


def lineage_of(rows: RowTable, view: str, states: Iterable[str]) -> list[tuple[str, Record]]:
    """The ``(state key, record)`` pairs this worker holds for the given state keys of ``view``."""
    out: list[tuple[str, Record]] = []
    for state in states:
        found = rows.get(f"{view}{_SEP}{state}")
        if found is not None:
            out.extend((state, row["items"][0]) for row in found["entries"].values())
    return out


def lineage_states(rows: RowTable, view: str, key: str) -> list[str]:
    """The state keys of ``view`` this worker holds lineage for that make up ``key``.

    One state for most views (a casualty incident's is its ``area/day``); for figures, every
    month and area state whose history key is ``key``.
    """
    if view != "figures":
        return [state_key(view, key)]
    prefix = f"{view}{_SEP}"
    out = []
    for raw in rows:
        name = raw.decode()
        if name.startswith(prefix) and history_key(name[len(prefix) :]) == key:
            out.append(name[len(prefix) :])
    return sorted(out)
