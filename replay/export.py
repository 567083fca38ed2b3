"""Export incidents and claims for conflict-data researchers, as CSV or JSON lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

import orjson

from streams.views.contrib import State, live_records
from streams.views.render import render_all


class StateSource(Protocol):
    """Where the states of a view come from: a replay's ``ViewSet``, or the worker's tables."""

    def states(self, view: str) -> Mapping[str, State]: ...

    def state(self, view: str, key: str) -> State | None: ...


INCIDENT_COLUMNS = (
    "incident_id",
    "event_date",
    "date_precision",
    "region_code",
    "country",
    "place",
    "kind",
    "metric",
    "low",
    "best",
    "high",
    "disputed",
    "claimant",
    "relay",
    "source_entries",
)
CLAIM_COLUMNS = (
    "published_at",
    "event_date",
    "date_precision",
    "claimant",
    "relay",
    "metric",
    "subject",
    "low",
    "best",
    "high",
    "qualifier",
    "cumulative",
    "per",
    "region_code",
    "place",
    "source_entry",
)


def _precision(items: list[dict[str, Any]]) -> str:
    """``day`` when the editor gave an occurred time, else ``published-day`` (the day it was reported)."""
    return "day" if any(it.get("occurred_at") for it in items) else "published-day"


def incident_rows(views: StateSource) -> Iterator[dict[str, Any]]:
    """One row per incident and metric."""
    for key in sorted(views.states("casualties")):
        state = views.state("casualties", key)
        for doc in render_all("casualties", key, state):
            yield from _incident_rows(doc, state)


def _incident_rows(doc: dict[str, Any], state: Any) -> Iterator[dict[str, Any]]:
    items = [it for _, _, recs in live_records(state) for it in recs if it["entry_id"] in doc["entries"]]
    for metric, m in doc["metrics"].items():
        current = m.get("current") or {}
        yield {
            "incident_id": doc["key"],
            "event_date": doc["day"],
            "date_precision": _precision(items),
            "region_code": doc.get("region_code"),
            "country": doc.get("country"),
            "place": "; ".join(doc.get("places", [])),
            "kind": doc["kind"],
            "metric": metric,
            "low": m.get("low"),
            "best": m.get("best"),
            "high": m.get("high"),
            "disputed": m.get("disputed"),
            "claimant": current.get("claimant"),
            "relay": current.get("relay"),
            "source_entries": "; ".join(doc.get("entries", [])),
        }


def claim_rows(views: StateSource) -> Iterator[dict[str, Any]]:
    for key in sorted(views.states("figures")):
        for _, _, items in live_records(views.state("figures", key)):
            for it in items:
                yield {
                    "published_at": it["published_at"],
                    "event_date": it["day"],
                    "date_precision": _precision([it]),
                    "claimant": it.get("claimant"),
                    "relay": it.get("relay"),
                    "metric": it["metric"],
                    "subject": it.get("subject"),
                    "low": it.get("low"),
                    "best": it.get("best"),
                    "high": it.get("high"),
                    "qualifier": it.get("qualifier"),
                    "cumulative": it.get("cumulative"),
                    "per": it.get("per"),
                    "region_code": it.get("region_code"),
                    "place": it.get("place"),
                    "source_entry": f"{it['blog_id']}/{it['entry_id']}",
                }


def to_csv(rows: Iterator[dict[str, Any]], columns: tuple[str, ...]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
    return buf.getvalue()


def to_jsonl(rows: Iterator[dict[str, Any]]) -> str:
    return "".join(orjson.dumps(r, option=orjson.OPT_SORT_KEYS).decode() + "\n" for r in rows)
