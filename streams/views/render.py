"""Deterministic JSON documents from view states (the counting rules of domain.md).

Rendering depends only on the set of live records in a state, never on the
order they were applied in nor on the clock: lists are sorted, there are no
floats and no "now". The live query API and replay both call
:func:`view_document` and :func:`document_digest`, so they produce the same
bytes from the same states.

Order of items within a key ("later"): by entry stamp, then entry key, then
span start within the entry (facts without a span count as ``-1``), then the
fact's index in the entry. So within one entry the last mention wins.

Rules:

- **casualties** (one incident): per metric, each claimant's latest figure is
  kept (``claims``, sorted by claimant key); ``current`` is the latest figure
  overall. ``low`` = min over claimants of (low, else best), ``high`` = max
  over claimants of (high, else best), ``best`` = current's best, ``disputed``
  = the claimants' latest points (best, else low, else high) differ. Figures of
  several entries are never added: an update replaces.
- **strikes** (one incident): actors, targets and places are listed;
  ``reported_strikes`` is the latest reported count (its point).
- **interceptions**: per metric the latest figure of the claimant that day.
- **figures**: the whole series, sorted by (published_at, entry_id). A history is
  keyed by claimant id and subject word (``claimant_key``, ``subject_key``);
  ``claimant`` and ``subject`` are the latest wording that carried them.
- **interceptions** and casualty claims likewise group a claimant's wordings by
  its id and show the latest name as written.

Every document also carries its view ``key``; ``entries`` lists entry ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from hashlib import sha256
from itertools import groupby
from typing import Any

import orjson

from schemas.facts import METRICS
from streams.views.contrib import State, live_records
from streams.views.keys import UNATTRIBUTED, UNKNOWN_AREA, UNSPECIFIED, area_of, claimant_key, kind_key
from streams.views.routing import history_key, state_key

Item = dict[str, Any]
Doc = dict[str, Any]

_METRIC_ORDER = {m: i for i, m in enumerate(METRICS)}


def ordered_items(state: State | None) -> list[Item]:
    """Every live item of a state, earliest first (see the module docstring)."""
    keyed: list[tuple[tuple[Any, ...], Item]] = []
    for entry_key, stamp, items in live_records(state):
        for it in items:
            span = it.get("span")
            keyed.append(((stamp, entry_key, span[0] if span else -1, it.get("seq", 0)), it))
    keyed.sort(key=lambda p: p[0])
    return [it for _, it in keyed]


def point(it: Item) -> int | None:
    """One number for a figure: best, else low, else high."""
    for name in ("best", "low", "high"):
        v = it.get(name)
        if v is not None:
            return int(v)
    return None


def _metric_sort(metric: str) -> tuple[int, str]:
    return (_METRIC_ORDER.get(metric, len(_METRIC_ORDER)), metric)


def _by_metric(items: list[Item]) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for it in items:
        groups.setdefault(it["metric"], []).append(it)
    return sorted(groups.items(), key=lambda kv: _metric_sort(kv[0]))


def _sorted_set(items: list[Item], field: str) -> list[str]:
    return sorted({it[field] for it in items if it.get(field) is not None})


def _last_value(items: list[Item], field: str) -> Any:
    for it in reversed(items):
        if it.get(field) is not None:
            return it[field]
    return None


def _entries(items: list[Item]) -> list[str]:
    return sorted({it["entry_id"] for it in items})


def _regions(items: list[Item]) -> list[str]:
    return sorted({a for it in items if (a := area_of(it["region_code"], it["country"])) != UNKNOWN_AREA})


def _figure(it: Item) -> Doc:
    return {
        "low": it["low"],
        "best": it["best"],
        "high": it["high"],
        "qualifier": it["qualifier"],
        "entry_id": it["entry_id"],
        "published_at": it["published_at"],
    }


def _largest(a: Item, b: Item) -> Item:
    """Of two figures in one event, the larger: a subset ("2 of them children") never exceeds its total."""
    return b if (point(b) or 0) > (point(a) or 0) else a


def _latest_largest(items: list[Item]) -> Item:
    """The figure of the latest event; within that event the largest (a breakdown never exceeds its total)."""
    last_event = [it for it in items if it["event_id"] == items[-1]["event_id"]]
    best = last_event[0]
    for it in last_event[1:]:
        best = _largest(best, it)
    return best


def _casualty_metric(items: list[Item]) -> Doc:
    latest: dict[str, Item] = {}
    for it in items:  # earliest first: a later event's figure replaces a claimant's earlier one
        ck = claimant_key(it["claimant"], it.get("claimant_id"))
        prev = latest.get(ck)
        latest[ck] = _largest(prev, it) if prev is not None and prev["event_id"] == it["event_id"] else it
    # An unattributed figure (the blog's own early word) that a named claimant later updates is an
    # update, not a dispute: it leaves the claims once any attributed figure comes after it.
    loose = latest.get(UNATTRIBUTED)
    if loose is not None:
        order = {id(it): i for i, it in enumerate(items)}
        if any(order[id(it)] > order[id(loose)] for ck, it in latest.items() if ck != UNATTRIBUTED):
            del latest[UNATTRIBUTED]
    current = _latest_largest(items)
    lows = [v for it in latest.values() if (v := it["low"] if it["low"] is not None else it["best"]) is not None]
    highs = [v for it in latest.values() if (v := it["high"] if it["high"] is not None else it["best"]) is not None]
    claims = [
        {"claimant": it["claimant"], "relay": it["relay"], **_figure(it), "span": it["span"]}
        for _, it in sorted(latest.items())
    ]
    return {
        "low": min(lows) if lows else None,
        "best": current["best"],
        "high": max(highs) if highs else None,
        "disputed": len({point(it) for it in latest.values()}) > 1,
        "current": {"claimant": current["claimant"], **_figure(current)},
        "claims": claims,
    }


def casualty_incidents(bucket: str, items: list[Item]) -> list[Doc]:
    """The incidents of one ``area/day`` state, one per kind of attack.

    Items that name no weapon join the only named kind when there is exactly
    one; with none or several named kinds they form the ``unspecified`` incident.
    """
    kinds = [kind_key(it.get("weapon")) for it in items]
    named = sorted(set(kinds) - {UNSPECIFIED})
    if len(named) == 1:
        kinds = [named[0]] * len(kinds)
    groups: dict[str, list[Item]] = {}
    for kind, it in zip(kinds, items, strict=True):
        groups.setdefault(kind, []).append(it)
    return [render_incident(f"{bucket}/{kind}", group) for kind, group in sorted(groups.items())]


def _incident_head(key: str, items: list[Item]) -> Doc:
    """What casualty and strike incidents share: the key, the area, its codes, places and day."""
    area, day, _ = key.split("/")
    return {
        "key": key,
        "incident_id": key,
        "area": area,
        "region_code": _last_value(items, "region_code"),
        "country": _last_value(items, "country"),
        "places": _sorted_set(items, "place"),
        "day": day,
    }


def render_incident(key: str, items: list[Item]) -> Doc:
    """One casualty incident (``key`` = ``area/day/kind``)."""
    return {
        **_incident_head(key, items),
        "kind": key.rsplit("/", 1)[1],
        "metrics": {metric: _casualty_metric(group) for metric, group in _by_metric(items)},
        "entries": _entries(items),
        "sources": len({(it["blog_id"], it["entry_id"]) for it in items}),
    }


def render_strikes(key: str, items: list[Item]) -> Doc:
    """One strike incident (``key`` = ``area/day/weapon``)."""
    return {
        **_incident_head(key, items),
        "weapon": key.rsplit("/", 1)[1],
        "actors": _sorted_set(items, "actor"),
        "targets": _sorted_set(items, "target"),
        "reported_strikes": point(items[-1]),
        "entries": _entries(items),
    }


def render_interceptions(key: str, items: list[Item]) -> Doc:
    """One claimant's interception figures for one day (``key`` = ``claimant/day``)."""
    ckey, day = key.split("/")
    return {
        "key": key,
        "claimant": _last_value(items, "claimant"),
        "claimant_key": ckey,
        "day": day,
        "metrics": {metric: _figure(_latest_largest(group)) for metric, group in _by_metric(items)},
        "regions": _regions(items),
        "entries": _entries(items),
    }


def render_figures(key: str, items: list[Item]) -> Doc:
    """One month of the history of a (claimant, metric, subject) figure, keyed by the history."""
    key = history_key(key)
    ckey, metric, subject = key.split("|")
    # items are already in their total order; a stable sort keeps it for ties.
    series = sorted(items, key=lambda it: (it["published_at"], it["entry_id"]))
    return {
        "key": key,
        "claimant": _last_value(items, "claimant"),
        "claimant_key": ckey,
        "metric": metric,
        "subject": _last_value(items, "subject") or subject,
        "subject_key": subject,
        "series": [
            {
                "published_at": it["published_at"],
                "occurred_at": it["occurred_at"],
                "source_published_at": it.get("source_published_at"),
                "day": it["day"],
                "entry_id": it["entry_id"],
                "low": it["low"],
                "best": it["best"],
                "high": it["high"],
                "qualifier": it["qualifier"],
                "cumulative": it["cumulative"],
                "per": it["per"],
                "relay": it["relay"],
                "span": it["span"],
            }
            for it in series
        ],
    }


RENDERERS: dict[str, Callable[[str, list[Item]], Doc]] = {
    "casualties": render_incident,
    "strikes": render_strikes,
    "interceptions": render_interceptions,
    "figures": render_figures,
}


def render_all(view: str, key: str, state: State | None) -> list[Doc]:
    """Every document of one state: one, or for casualties one per incident (none when empty)."""
    if view != "casualties" and view not in RENDERERS:
        raise ValueError(f"unknown view {view!r}; expected one of {sorted(RENDERERS)}")
    items = ordered_items(state)
    if not items:
        return []
    if view == "casualties":
        return casualty_incidents(key, items)
    return [RENDERERS[view](key, items)]


def render(view: str, key: str, state: State | None) -> Doc | None:
    """The document of one view key (a casualty incident id ``area/day/kind``), or None.

    ``state`` is the state the key lives in (``routing.state_key``).
    """
    for doc in render_all(view, state_key(view, key), state):
        if doc["key"] == key:
            return doc
    return None


def combine(view: str, docs: Iterable[Doc]) -> list[Doc]:
    """Documents of a view sorted by key; a figure history's monthly documents joined into one."""
    out = sorted(docs, key=lambda d: str(d["key"]))
    if view != "figures":
        return out
    # A history's states (one per month and area) join in an order that depends on nothing but their
    # content: by key, then by their latest point; the latest state gives the names shown.
    out.sort(key=lambda d: (str(d["key"]), _point_order(d["series"][-1]), str(d["claimant"]), str(d["subject"])))
    # Each history's points are sorted once, whatever its number of states: sorting again at every
    # state joined (and each point's canonical bytes with it) made a query of a long history slow
    joined: list[Doc] = []
    parts: list[list[Doc]] = []
    for doc in out:
        if joined and joined[-1]["key"] == doc["key"]:
            prev = joined[-1]
            joined[-1] = {**prev, "claimant": doc["claimant"], "subject": doc["subject"]}
            parts[-1].extend(doc["series"])
        else:
            joined.append(doc)
            parts.append([])
    for i, more in enumerate(parts):
        if more:
            joined[i] = {**joined[i], "series": _sorted_points(joined[i]["series"] + more)}
    return joined


def _sorted_points(points: list[Doc]) -> list[Doc]:
    """``sorted(points, key=_point_order)``, with a point's canonical bytes made only to break a tie of
    time and entry (what most points never have): the same order at a fraction of the cost."""
    points = sorted(points, key=lambda p: (str(p["published_at"]), str(p["entry_id"])))
    out: list[Doc] = []
    for _, tied in groupby(points, key=lambda p: (str(p["published_at"]), str(p["entry_id"]))):
        group = list(tied)
        out.extend(group if len(group) == 1 else sorted(group, key=_point_order))
    return out


def _point_order(p: Doc) -> tuple[str, str, bytes]:
    """A total order of history points: time, entry, then the point's own canonical bytes."""
    return (str(p["published_at"]), str(p["entry_id"]), orjson.dumps(p, option=orjson.OPT_SORT_KEYS))


def view_document(view: str, states: Mapping[str, State]) -> Doc:
    """The full document of a view: ``{"view", "items"}``, items sorted by key."""
    return {"view": view, "items": combine(view, (d for key in states for d in render_all(view, key, states[key])))}


def canonical_json(doc: Doc) -> bytes:
    """The canonical bytes of a document: orjson with sorted keys."""
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)


def document_digest(doc: Doc) -> str:
    """sha256 hex digest of :func:`canonical_json`."""
    return sha256(canonical_json(doc)).hexdigest()
