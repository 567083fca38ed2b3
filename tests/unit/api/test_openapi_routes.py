"""Every public route the worker registers is in the OpenAPI document with the methods it serves,
and the document names no route that is not served."""

from __future__ import annotations

import re
from pathlib import Path

from faust.web import View

from liveledger.api.openapi import openapi_document
from liveledger.api.routes import register_api
from liveledger.settings import Settings
from streams.app.factory import build_app

#: served, but not part of the JSON API: the page, its files, the document itself and Prometheus text
NOT_API = {"/", "/static/{name}", "/metrics", "/api/v1/openapi.json"}
METHODS = ("get", "post", "put", "patch", "delete")


def _plain(route: str) -> str:
    """``/x/{key:[\\s\\S]+}`` -> ``/x/{key}``: aiohttp's pattern as OpenAPI writes it."""
    return re.sub(r"\{(\w+):[^}]*\}", r"{\1}", route)


def _served(tmp_path: Path) -> dict[str, set[str]]:
    """Each public route and the methods its view implements."""
    ll = build_app(Settings(store="memory://", data_dir=tmp_path, app_id="openapi-test"), extractor=lambda t, b: [])
    register_api(ll)
    out: dict[str, set[str]] = {}
    for route, view in ll.app.web.views.items():
        path = _plain(route)
        if path in NOT_API or path.startswith("/api/v1/internal/"):
            continue
        out[path] = {m for m in METHODS if getattr(type(view), m) is not getattr(View, m)}
    return out


def test_every_public_route_is_documented_with_its_methods(tmp_path: Path) -> None:
    served = _served(tmp_path)
    # the explain route's first segment is `name` in aiohttp and `view` in the document
    documented = {p.replace("{view}", "{name}"): set(ops) for p, ops in openapi_document()["paths"].items()}
    assert {"/api/v1/timeline", "/api/v1/moments", "/api/v1/audit/verify-runs"} <= set(served)
    missing = sorted(set(served) - set(documented))
    gone = sorted(set(documented) - set(served))
    assert not missing and not gone, f"undocumented: {missing}; documented but not served: {gone}"
    wrong = {p: (served[p], documented[p]) for p in served if served[p] != documented[p]}
    assert not wrong, f"served vs documented methods differ: {wrong}"
