"""The query documents: what the API serves, the CLI prints and replay reproduces byte for byte.

``build(view, states, params)`` filters a view's rendered items and adds its
roll-ups. It is pure and deterministic: no "now", no request ids. Bad
parameters raise ``QueryError`` with a message naming the parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from schemas.facts import METRICS
from streams.views.contrib import State
from streams.views.render import Doc, combine, view_document
from streams.views.rollup import casualty_rollup, strike_counts

#: The parameters each view accepts.
PARAMS: dict[str, tuple[str, ...]] = {
    "casualties": ("region", "day", "from", "to"),
    "strikes": ("region", "weapon", "actor", "from", "to"),
    "interceptions": ("claimant", "day", "from", "to"),
    "figures": ("claimant", "metric", "subject"),
}


class QueryError(ValueError):
    """A query parameter is unknown or malformed; the message says which and why."""


@lru_cache(maxsize=1)
def known_region_codes() -> frozenset[str]:
    """Every code ``region`` accepts: ISO 3166-2 subdivisions, ISO 3166-1 countries, and ``unknown``."""
    import pycountry

    codes = {s.code for s in pycountry.subdivisions}
    codes |= {c.alpha_2 for c in pycountry.countries}
    codes.add("unknown")
    return frozenset(codes)


def _check_region(value: str) -> str:
    code = value.strip().upper() if value.strip().lower() != "unknown" else "unknown"
    if code not in known_region_codes():
        raise QueryError(f"region: {value!r} is not an ISO 3166-2 region or ISO 3166-1 country code (e.g. UA-63)")
    return code


def _check_day(name: str, value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD") from None


def text_param(name: str, value: str | None) -> str:
    """A free-text query parameter, stripped; raises QueryError when empty, blank or over 200 characters."""
    if value is None or value == "":
        raise QueryError(f"{name}: empty value")
    if len(value) > 200:
        raise QueryError(f"{name}: value longer than 200 characters")
    if not value.strip():
        raise QueryError(f"{name}: blank value")
    return value.strip()


def validate(view: str, params: Mapping[str, str]) -> dict[str, str]:
    """Normalised parameters of a query on ``view``; raises QueryError."""
    if view not in PARAMS:
        raise QueryError(f"unknown view {view!r}; expected one of {', '.join(PARAMS)}")
    allowed = PARAMS[view]
    out: dict[str, str] = {}
    for name, value in params.items():
        if name not in allowed:
            raise QueryError(f"unknown parameter {name!r} for {view}; expected one of {', '.join(allowed)}")
        if value is None or value == "":
            raise QueryError(f"{name}: empty value")
        if len(value) > 200:
            raise QueryError(f"{name}: value longer than 200 characters")
        if name == "region":
            out[name] = _check_region(value)
        elif name in ("day", "from", "to"):
            out[name] = _check_day(name, value)
        elif name == "metric":
            if value not in METRICS:
                raise QueryError(f"metric: {value!r} is not one of {', '.join(METRICS)}")
            out[name] = value
        else:
            out[name] = text_param(name, value)
    if "from" in out and "to" in out and out["from"] > out["to"]:
        raise QueryError(f"from ({out['from']}) is after to ({out['to']})")
    return out


def _norm(s: str | None) -> str:
    return " ".join((s or "").casefold().removeprefix("the ").split())


def _matches(doc: Doc, p: Mapping[str, str]) -> bool:
    if "region" in p and p["region"] not in (doc.get("area"), doc.get("region_code"), doc.get("country")):
        return False
    day = doc.get("day")
    if "day" in p and day != p["day"]:
        return False
    if "from" in p and (day is None or day < p["from"]):
        return False
    if "to" in p and (day is None or day > p["to"]):
        return False
    if "weapon" in p and _norm(doc.get("weapon")).replace(" ", "-") != _norm(p["weapon"]).replace(" ", "-"):
        return False
    if "actor" in p and _norm(p["actor"]) not in {_norm(a) for a in doc.get("actors", [])}:
        return False
    if "claimant" in p and _norm(p["claimant"]) not in (_norm(doc.get("claimant")), doc.get("claimant_key")):
        return False
    if "metric" in p and doc.get("metric") != p["metric"]:
        return False
    return not ("subject" in p and _norm(p["subject"]) != _norm(doc.get("subject")))


def _casualty_extras(items: list[Doc]) -> Doc:
    return {
        "rollup": {
            "by_region": casualty_rollup(items, "region"),
            "by_day": casualty_rollup(items, "day"),
            "overall": casualty_rollup(items, "overall"),
        }
    }


def _strike_extras(items: list[Doc]) -> Doc:
    return {"counts": {f"by_{by}": strike_counts(items, by) for by in ("region", "day", "weapon", "actor")}}


_EXTRAS: dict[str, Callable[[list[Doc]], Doc]] = {
    "casualties": _casualty_extras,
    "strikes": _strike_extras,
}


def _key_may_match(view: str, key: str, p: Mapping[str, str]) -> bool:
    """False when the state key alone rules out every document under it (a cheap pre-filter).

    Keys: casualties ``area/day``, strikes ``area/day/weapon``, interceptions ``claimant/day``.
    The area of a casualty or strike key is its region code, else its country, so a region filter
    keeps the area itself and, for a country code, the regions inside it. The exact comparison is
    still ``_matches`` on the rendered documents.
    """
    if view == "figures":
        return True
    parts = key.split("/")
    if "region" in p and view in ("casualties", "strikes"):
        area, region = parts[0], p["region"]
        if area != region and not ("-" not in region and area.startswith(region + "-")):
            return False
    day = parts[1] if len(parts) > 1 else ""
    if "day" in p and day != p["day"]:
        return False
    if "from" in p and day < p["from"]:
        return False
    return not ("to" in p and day > p["to"])


def build(view: str, states: Mapping[str, State], params: Mapping[str, str] | None = None) -> Doc:
    """The query document of ``view`` over ``states`` filtered by ``params``."""
    p = validate(view, params or {})
    if p:
        states = {k: v for k, v in states.items() if _key_may_match(view, k, p)}
    return _document(view, view_document(view, states)["items"], p)


def build_from_rendered(view: str, rendered: Mapping[str, list[Doc]], params: Mapping[str, str] | None = None) -> Doc:
    """The same document as :func:`build`, from documents already rendered per state key.

    ``rendered[key]`` must be ``render_all(view, key, states[key])``; the worker keeps these
    cached so a query does not re-render unchanged keys.
    """
    p = validate(view, params or {})
    docs = combine(view, (d for key, ds in rendered.items() if not p or _key_may_match(view, key, p) for d in ds))
    return _document(view, docs, p)


def _document(view: str, rendered: list[Doc], p: Mapping[str, str]) -> Doc:
    items = [doc for doc in rendered if _matches(doc, p)]
    doc: dict[str, Any] = {"view": view, "filters": dict(sorted(p.items())), "items": items}
    extras = _EXTRAS.get(view)
    if extras is not None:
        doc.update(extras(items))
    return doc
