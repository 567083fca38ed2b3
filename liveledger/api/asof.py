"""``?as_of=T`` on the views, the timeline and the exports: any moment answered from the lineage rows.

The lineage rows (:mod:`streams.app.lineage`) keep every contribution with its validity on the
accepted clock, so the view of a moment is :func:`streams.core.history.states_at` over them and the
document is built by the same ``streams.query.documents`` as replay's: ``GET /api/v1/{view}?as_of=T``
is the bytes of ``liveledger replay --as-of T --view NAME --json``.

A key's state at ``T`` depends only on how many of its rows were accepted by ``T``, so renderings are
cached per (key, version of its rows, rows counted), up to ``RENDERINGS`` of them: a slider that
moves over a blog re-renders only the keys whose story changed between the two moments, and a
moment visited before costs what a plain query costs. With other workers holding part of the lineage
table, their states at ``T`` are gathered (``/api/v1/internal/asof/{view}``) and every key rendered.

A moment before the horizon of kept history (``LIVELEDGER_ASOF_HORIZON_S``; the newest end of a
dropped row) raises :class:`BeforeHorizon`: answered with 410 and a pointer to replay.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Any

from liveledger.api.gather import fetch_internal, other_hosts
from replay.errors import BadCutoff
from replay.rebuild import parse_as_of
from streams.app.factory import LiveLedgerApp
from streams.app.lineage import EVENTS, LineageRows
from streams.core.history import event_type, timeline_item
from streams.core.timeline import timeline_document
from streams.query.documents import QueryError, build_from_rendered
from streams.views.contrib import State
from streams.views.render import Doc, render_all

#: renderings kept, over every key and moment (the oldest go first)
RENDERINGS = 10_000


class BeforeHorizon(LookupError):
    """The moment asked for is older than the history this worker keeps: ask replay instead."""


class NoHistory(LookupError):
    """The worker keeps no lineage table, so it cannot answer a moment."""


def parse_moment(text: str) -> str:
    """``as_of`` as a stored time (as ``replay --as-of`` reads it); QueryError names what is wrong."""
    try:
        return parse_as_of(text)
    except BadCutoff:
        raise QueryError(
            f"as_of: {text!r} is not an ISO date or a datetime with a timezone (e.g. 2024-11-20T14:05:00Z)"
        ) from None


def merge_states(into: dict[str, State], more: Mapping[str, State]) -> None:
    """Add another worker's states at a moment (an entry's rows live in one partition: entries never clash)."""
    for key, state in more.items():
        mine = into.get(key)
        if mine is None:
            into[key] = {"entries": dict(state["entries"])}
        else:
            mine["entries"].update(state["entries"])


class AsOf:
    """The as-of reads of one worker."""

    def __init__(self, ll: LiveLedgerApp) -> None:
        self.ll = ll
        self._renders: dict[tuple[str, int, int], list[Doc]] = {}
        self._timeline: dict[tuple[str, tuple[str, int, int]], dict[str, Any] | None] = {}
        self._types: dict[tuple[str, tuple[str, int, int]], str] = {}
        self._moments: tuple[tuple[int, int], dict[str, Any]] | None = None

    @property
    def rows(self) -> LineageRows:
        rows = self.ll.lineage
        if not isinstance(rows, LineageRows):
            raise NoHistory("this worker keeps no lineage table, so it cannot answer as_of")
        return rows

    # -- this worker --------------------------------------------------------------------------------
    def local_floor(self) -> str | None:
        return self.rows.floor()

    def local_states(self, view: str, as_of: str) -> dict[str, State]:
        return self.rows.states_at(view, as_of)

    def local_rendered(self, view: str, as_of: str) -> dict[str, list[Doc]]:
        """Rendered documents per key at ``as_of``, re-rendering only keys whose rows changed by then."""
        rows = self.rows
        out: dict[str, list[Doc]] = {}
        prefix = f"{view}\x1e"
        for key, counted, version in rows.counted(view, as_of):
            state = prefix + key
            cached = (state, version, counted)
            docs = self._renders.get(cached)
            if docs is None:
                docs = render_all(view, key, rows.state_at(state, as_of))
                if len(self._renders) >= RENDERINGS:
                    self._renders.pop(next(iter(self._renders)))
                self._renders[cached] = docs
            if docs:
                out[key] = docs
        return out

    def local_timeline(self, as_of: str) -> dict[str, State]:
        """The timeline's states at ``as_of`` held here (each entry's event row of the moment, cached)."""
        rows = self.rows
        out: dict[str, State] = {}
        for entry_key, stamps in rows.history_index().get(EVENTS, {}).items():
            n = bisect_right([s[0] for s in stamps], as_of)
            if not n:
                continue
            stamp = stamps[n - 1]
            cached = (entry_key, stamp)
            if cached not in self._timeline:
                if len(self._timeline) > 100_000:
                    self._timeline.clear()
                row = rows.event(entry_key, stamp)
                self._timeline[cached] = timeline_item(row, entry_key) if row is not None else None
            item = self._timeline[cached]
            out[entry_key] = {"entries": {entry_key: {"stamp": list(stamp), "items": [item] if item else []}}}
        return out

    def local_moments(self) -> dict[str, Any]:
        """Every entry event's acceptance time held here, and the corrections and retractions among them."""
        rows = self.rows
        version = (rows.version(EVENTS), rows.rows_in(EVENTS))
        if self._moments is not None and self._moments[0] == version:
            return self._moments[1]
        times: list[str] = []
        changes: list[dict[str, str]] = []
        for entry_key, stamps in rows.history_index().get(EVENTS, {}).items():
            for stamp in stamps:
                times.append(stamp[0])
                kind = self._types.get((entry_key, stamp))
                if kind is None:
                    row = rows.event(entry_key, stamp)
                    if row is None:
                        continue
                    kind = self._types[(entry_key, stamp)] = event_type(row, entry_key)
                if kind != "entry.published":
                    changes.append({"at": stamp[0], "entry": entry_key, "type": kind})
        doc = {"times": sorted(times), "changes": sorted(changes, key=lambda c: (c["at"], c["entry"]))}
        self._moments = (version, doc)
        return doc

    # -- every worker -------------------------------------------------------------------------------
    async def _others(self, path: str, as_of: str) -> list[dict[str, Any]]:
        rows = self.rows
        return [
            await fetch_internal(self.ll, host, path, {"as_of": as_of}, what=" for as_of")
            for host in other_hosts(self.ll, rows.name)
        ]

    def _check(self, as_of: str, floors: list[str | None]) -> None:
        known = [f for f in floors if f is not None]
        if known and as_of < max(known):
            floor = max(known)
            raise BeforeHorizon(
                f"as_of {as_of} is before {floor}, the oldest moment this worker still answers from state "
                f"(history older than LIVELEDGER_ASOF_HORIZON_S={self.rows.horizon_s} s before an entry's "
                f"newest event is dropped); `liveledger replay --as-of {as_of}` answers it from the log"
            )

    async def rendered(self, view: str, as_of: str) -> dict[str, list[Doc]]:
        """Rendered documents of every key of ``view`` at ``as_of``, over every worker."""
        others = await self._others(f"/api/v1/internal/asof/{view}", as_of)
        self._check(as_of, [self.local_floor(), *(o.get("floor") for o in others)])
        if not others:
            return self.local_rendered(view, as_of)
        states = self.local_states(view, as_of)
        for other in others:
            merge_states(states, other["states"])
        return {k: docs for k, s in states.items() if (docs := render_all(view, k, s))}

    async def states(self, view: str, as_of: str) -> dict[str, State]:
        """The states of every key of ``view`` at ``as_of``, over every worker (for exports)."""
        others = await self._others(f"/api/v1/internal/asof/{view}", as_of)
        self._check(as_of, [self.local_floor(), *(o.get("floor") for o in others)])
        states = self.local_states(view, as_of)
        for other in others:
            merge_states(states, other["states"])
        return states

    async def document(self, view: str, as_of: str, params: Mapping[str, str]) -> Doc:
        """The query document of ``view`` at ``as_of``: ``replay --as-of`` 's bytes."""
        return build_from_rendered(view, await self.rendered(view, as_of), params)

    async def timeline(self, as_of: str, blog_id: str | None) -> Doc:
        """The timeline document at ``as_of``."""
        others = await self._others("/api/v1/internal/asof/timeline", as_of)
        self._check(as_of, [self.local_floor(), *(o.get("floor") for o in others)])
        states = self.local_timeline(as_of)
        for other in others:
            states.update(other["states"])
        return timeline_document(states, blog_id)

    async def moments(self) -> dict[str, Any]:
        """The slider's track: every entry event's acceptance time, sorted, and where the story changed."""
        doc = self.local_moments()
        others = [
            await fetch_internal(self.ll, host, "/api/v1/internal/asof/moments", what=" for moments")
            for host in other_hosts(self.ll, self.rows.name)
        ]
        floors = [f for f in (self.local_floor(), *(o.get("floor") for o in others)) if f is not None]
        if others:
            times = sorted(t for d in (doc, *others) for t in d["times"])
            changes = sorted((c for d in (doc, *others) for c in d["changes"]), key=lambda c: (c["at"], c["entry"]))
            doc = {"times": times, "changes": changes}
        return {**doc, "events": len(doc["times"]), "floor": max(floors) if floors else None}

    def internal(self, view: str, as_of: str) -> dict[str, Any]:
        """What another worker asks of this one: its floor and its states at ``as_of``."""
        states = self.local_timeline(as_of) if view == "timeline" else self.local_states(view, as_of)
        return {"floor": self.local_floor(), "states": states}
