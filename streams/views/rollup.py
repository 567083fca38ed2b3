"""Pure aggregations over rendered incident documents, for the query layer.

- :func:`casualty_rollup` sums, per group, each incident's figure per metric.
  Metrics stay apart (killed, injured, unsplit casualties, missing, ...): they
  are never added to each other. Per incident and metric, ``best`` is the
  incident's best, else its low, else its high; ``low`` is its low, else that
  best; ``high`` is its high, else that best. Incident counts are given per
  group and per metric. Cumulative totals never reach these sums (they are
  not in the casualties view).
- :func:`strike_counts` counts strike incidents per group. By ``actor``, an
  incident with several actors counts once for each; one without counts under
  ``"unknown"``.

Groups: ``region`` = the incident's area (region code, else country, else
``"unknown"``), ``day``, ``weapon``, ``actor``, or ``overall`` (one group,
``"overall"``). Groups are sorted; metrics are in the fixed METRICS order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from schemas.facts import METRICS

Doc = dict[str, Any]

_METRIC_ORDER = {m: i for i, m in enumerate(METRICS)}
UNKNOWN = "unknown"
OVERALL = "overall"


def _metric_sort(metric: str) -> tuple[int, str]:
    return (_METRIC_ORDER.get(metric, len(_METRIC_ORDER)), metric)


def _area(doc: Doc) -> str:
    area = doc.get("area") or doc.get("region_code") or doc.get("country")
    return str(area) if area else UNKNOWN


def _bounds(m: Doc) -> tuple[int, int, int] | None:
    best = next((v for v in (m.get("best"), m.get("low"), m.get("high")) if v is not None), None)
    if best is None:
        return None
    low = m.get("low")
    high = m.get("high")
    return (best if low is None else low, best, best if high is None else high)


def casualty_rollup(incidents: Iterable[Doc], by: Literal["region", "day", "overall"]) -> Doc:
    """Per group: ``{"incidents": n, "metrics": {metric: {"incidents", "low", "best", "high"}}}``."""
    if by not in ("region", "day", "overall"):
        raise ValueError(f"cannot roll casualties up by {by!r}; use region, day or overall")
    groups: dict[str, dict[str, Any]] = {}
    for doc in incidents:
        group = _area(doc) if by == "region" else str(doc["day"]) if by == "day" else OVERALL
        g = groups.setdefault(group, {"incidents": 0, "metrics": {}})
        g["incidents"] += 1
        for metric, m in doc.get("metrics", {}).items():
            bounds = _bounds(m)
            if bounds is None:
                continue
            t = g["metrics"].setdefault(metric, {"incidents": 0, "low": 0, "best": 0, "high": 0})
            t["incidents"] += 1
            t["low"] += bounds[0]
            t["best"] += bounds[1]
            t["high"] += bounds[2]
    out: dict[str, Any] = {}
    for group in sorted(groups):
        g = groups[group]
        metrics = {k: g["metrics"][k] for k in sorted(g["metrics"], key=_metric_sort)}
        out[group] = {"incidents": g["incidents"], "metrics": metrics}
    return {"by": by, "groups": out}


def strike_counts(incidents: Iterable[Doc], by: Literal["region", "day", "weapon", "actor"]) -> Doc:
    """``{"by", "total": incidents seen, "counts": {group: incidents}}``, groups sorted."""
    if by not in ("region", "day", "weapon", "actor"):
        raise ValueError(f"cannot count strikes by {by!r}; use region, day, weapon or actor")
    counts: dict[str, int] = {}
    total = 0
    for doc in incidents:
        total += 1
        if by == "region":
            groups = [_area(doc)]
        elif by == "actor":
            groups = sorted(set(doc.get("actors") or ())) or [UNKNOWN]
        else:
            groups = [str(doc.get(by) or UNKNOWN)]
        for group in groups:
            counts[group] = counts.get(group, 0) + 1
    return {"by": by, "total": total, "counts": {k: counts[k] for k in sorted(counts)}}
