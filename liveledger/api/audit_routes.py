"""The audit routes of the API: explain, export, the verify report, and the internal lineage read.

- ``GET /api/v1/explain/{view}/{key}``: :mod:`liveledger.api.explain`; 404 when no entry ever
  contributed to the key (as ``audit explain`` exits with an error).
- ``GET /api/v1/export/{incidents|claims}?format=csv|jsonl[&as_of=T]``: :mod:`liveledger.api.export`,
  as a download (``Content-Disposition: attachment``); with ``as_of``, the view as it stood then
  (:mod:`liveledger.api.asof`), the rows ``liveledger audit export --as-of T`` prints.
- ``POST /api/v1/audit/verify-runs``: ``liveledger audit verify`` reports its result here
  (:mod:`liveledger.api.audit_status`); the API token when one is set, else this machine only.
- ``GET /api/v1/audit/status``: the badge's data (also in ``/api/v1/health``); read-protected like the views.
- ``GET /api/v1/internal/lineage?view=&key=``: this worker's lineage rows of a key, for the others.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from faust.web import Request, Response, View

from liveledger.api.asof import AsOf, parse_moment
from liveledger.api.audit_status import AuditStatus, BadVerifyRun, parse_verify_run
from liveledger.api.cache import RenderCache
from liveledger.api.explain import explain_key, local_lineage
from liveledger.api.export import EXPORTS, FORMATS, export_text
from liveledger.api.gather import gather_states
from streams.app.factory import LiveLedgerApp
from streams.query.documents import PARAMS, QueryError

Handler = Callable[..., Awaitable[Response]]
Wrap = Callable[[Handler], Handler]
JSON = "application/json"


def _json(view: View, doc: Any, status: int = 200) -> Response:
    return view.bytes(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS), content_type=JSON, status=status)


def _problem(view: View, status: int, message: str) -> Response:
    return _json(view, {"error": {"status": status, "message": message}}, status)


def _may_report(ll: LiveLedgerApp, request: Request) -> bool:
    """The API token or the workers' token when one is set; with none, only this machine may report."""
    api = ll.settings.api_token
    tokens = [t for t in (api.get_secret_value() if api else None, ll.settings.worker_token()) if t]
    if not tokens:
        peer = getattr(request, "remote", None) or ""
        return peer.startswith("127.") or peer == "::1"
    given = request.headers.get("Authorization", "").encode()
    return any(hmac.compare_digest(given, f"Bearer {t}".encode()) for t in tokens)


def register_audit_routes(
    ll: LiveLedgerApp, cache: RenderCache, status: AuditStatus, asof: AsOf, *, guarded: Wrap, internal: Wrap
) -> None:
    """Add the audit routes to ``ll.app`` (``guarded``: read protection and readiness; ``internal``: worker token)."""
    app = ll.app

    async def explain(view: View, request: Request, name: str, key: str) -> Response:
        if name not in PARAMS:
            return _problem(view, 404, f"no view {name!r}; expected one of {', '.join(PARAMS)}")
        doc = await explain_key(ll, cache, name, key)
        if not doc["contributions"]:
            return _problem(view, 404, f"no entry ever contributed to {name} key {key!r}")
        return _json(view, doc)

    app.page(r"/api/v1/explain/{name}/{key:[\s\S]+}", name="api-explain")(guarded(explain))

    async def export(view: View, request: Request, what: str) -> Response:
        unknown = set(request.query) - {"format", "as_of"}
        if unknown:
            raise QueryError(f"unknown parameter {sorted(unknown)[0]!r} for export; expected format or as_of")
        fmt = request.query.get("format", "csv")
        if what not in EXPORTS:
            return _problem(view, 404, f"nothing to export as {what!r}; expected incidents or claims")
        if fmt not in FORMATS:
            raise QueryError(f"format={fmt!r}: expected csv or jsonl")
        as_of = request.query.get("as_of")
        if as_of is None:
            states = await gather_states(ll, EXPORTS[what])
        else:
            states = await asof.states(EXPORTS[what], parse_moment(as_of))
        text = export_text(what, fmt, states)
        return view.bytes(
            text.encode(),
            content_type=FORMATS[fmt],
            headers={"Content-Disposition": f'attachment; filename="{what}.{fmt}"'},
        )

    app.page("/api/v1/export/{what}", name="api-export")(guarded(export))

    async def audit_status(view: View, request: Request) -> Response:
        return _json(view, status.to_json())

    async def verify_runs(view: View, request: Request) -> Response:
        if not _may_report(ll, request):
            return _problem(view, 401, "send Authorization: Bearer <LIVELEDGER_API_TOKEN> to report a verify run")
        try:
            run = parse_verify_run(orjson.loads(await request.read()))
        except orjson.JSONDecodeError as e:
            return _problem(view, 400, f"body is not JSON: {e}")
        except BadVerifyRun as e:
            return _problem(view, 400, str(e))
        status.reported(run)
        return _json(view, status.to_json()["verify"])

    class VerifyRuns(View):
        async def post(self, request: Request) -> Response:
            return await verify_runs(self, request)

    app.page("/api/v1/audit/status", name="api-audit-status")(guarded(audit_status))
    app.page("/api/v1/audit/verify-runs", name="api-verify-runs")(VerifyRuns)

    async def internal_lineage(view: View, request: Request) -> Response:
        name, key = request.query.get("view", ""), request.query.get("key", "")
        if name not in PARAMS or not key:
            return _problem(view, 400, "internal lineage needs view (a view name) and key")
        return _json(view, local_lineage(ll, name, key))

    app.page("/api/v1/internal/lineage", name="api-internal-lineage")(internal(internal_lineage))
