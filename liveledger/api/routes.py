"""The HTTP API on the worker's faust web server.

Documents are canonical JSON (sorted keys) built by ``streams.query.documents``,
the same function replay uses, so the two can be compared byte for byte.
Per-request metadata (the serving worker, the time) goes in headers only.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from faust.exceptions import SameNode
from faust.web import Request, Response, View

from liveledger.api.asof import AsOf, BeforeHorizon, NoHistory, parse_moment
from liveledger.api.audit_routes import register_audit_routes
from liveledger.api.audit_status import AuditStatus
from liveledger.api.cache import RenderCache
from liveledger.api.doc_cache import DocumentCache
from liveledger.api.gather import GatherError, gather_states, local_states
from liveledger.api.metrics import render_metrics
from liveledger.api.openapi import openapi_document
from liveledger.api.page import page_html, static_asset
from liveledger.api.publish_watch import PublishWatch
from liveledger.api.server import MAX_POST_BYTES, BrokerProbe, web_application_options
from liveledger.api.stall import until_stalled
from liveledger.errors import LiveledgerError
from liveledger.publish.batch import publish_batch, read_requests
from liveledger.publish.jsonlines import StrictJSONError, loads_strict
from liveledger.publish.publisher import Publisher
from streams.app.factory import LiveLedgerApp
from streams.core.timeline import TIMELINE, timeline_document
from streams.query.documents import PARAMS, QueryError, text_param, validate
from streams.views.render import render
from streams.views.routing import state_key

JSON = "application/json"
log = logging.getLogger(__name__)

Handler = Callable[..., Awaitable[Response]]


def _json(view: View, doc: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
    return view.bytes(body, content_type=JSON, status=status, headers=headers or {})


def _problem(view: View, status: int, message: str) -> Response:
    return _json(view, {"error": {"status": status, "message": message}}, status)


def _token_ok(ll: LiveLedgerApp, request: Request) -> bool:
    token = ll.settings.api_token
    if token is None:
        return False
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token.get_secret_value()}".encode())


def _internal_ok(ll: LiveLedgerApp, request: Request) -> bool:
    token = ll.settings.worker_token()
    if token is None:  # nothing shared between workers: only this machine may ask
        peer = getattr(request, "remote", None) or ""
        return peer.startswith("127.") or peer == "::1"
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def _limit(text: str | None) -> int | None:
    """The timeline's ``limit`` parameter: a whole number of entries, at least 1."""
    if text is None:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) < 1:  # "²" is a digit to isdigit, not to int
        raise QueryError(f"limit: {text!r} is not a whole number of entries (at least 1)")
    return int(text)


def is_ready(ll: LiveLedgerApp) -> bool:
    """True once the worker has partitions assigned and its tables have recovered from changelogs.

    False again once it starts stopping: its consumer, and with it the tables' partitions, go
    first, so a read would see empty views while the web server still answers.
    """
    app: Any = ll.app
    if getattr(app, "should_stop", False):
        return False
    try:
        recovered = app.tables.recovery.completed.is_set()
    except Exception:
        return False
    return bool(recovered and not app.rebalancing and not getattr(app, "in_recovery", False))


def register_api(ll: LiveLedgerApp) -> None:
    """Add every route of the API and the page to ``ll.app``."""
    app = ll.app
    # before the first route: faust builds its aiohttp application when a page is added
    app.conf.web_application_options = web_application_options(ll.settings)
    probe = BrokerProbe(ll.settings.kafka_bootstrap)
    cache = RenderCache(ll)
    ll.listeners.append(cache.changed)
    documents = DocumentCache(ll, cache)
    publisher: dict[str, Publisher] = {}
    publisher_lock = asyncio.Lock()  # one publisher per worker: its index is what dedupes

    async def shared_publisher() -> Publisher:
        async with publisher_lock:
            if "pub" not in publisher:
                pub = publisher["starting"] = Publisher(ll.settings)
                try:
                    await pub.start()
                except BaseException as exc:  # failed or cancelled (a start-up past its bound): nothing left open
                    try:  # bounded as a broken publisher's stop is: a stop may run a transaction of its own
                        await asyncio.wait_for(asyncio.shield(pub.stop()), ll.settings.publish_timeout_s)
                    except Exception as stop_exc:
                        log.warning("publisher start-up ended (%r); its stop failed too: %r", exc, stop_exc)
                    raise
                finally:
                    publisher.pop("starting", None)
                publisher["pub"] = pub
            return publisher["pub"]

    async def drop_publisher() -> None:
        """Forget the shared publisher; the next POST starts afresh from the log (and dedupes)."""
        broken = publisher.pop("pub", None)
        if broken is not None:
            try:
                await asyncio.wait_for(broken.stop(), ll.settings.publish_timeout_s)
            except (TimeoutError, LiveledgerError, OSError) as e:  # dropped either way
                log.warning("the dropped HTTP publisher did not stop cleanly: %r", e)

    async def stop_publisher(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
        await drop_publisher()

    app.on_before_shutdown.connect(stop_publisher)  # the worker owns the publisher's lifecycle

    def guarded(fun: Handler) -> Handler:
        async def wrapper(view: View, request: Request, **match: str) -> Response:
            if ll.settings.protect_reads and not _token_ok(ll, request):
                return _problem(view, 401, "reads are protected: send Authorization: Bearer <LIVELEDGER_API_TOKEN>")
            try:
                if getattr(app, "should_stop", False):
                    return _problem(view, 503, "the worker is stopping; retry, or ask another worker")
                if not is_ready(ll):
                    return _problem(view, 503, "the worker is recovering its tables; retry in a moment")
                return await fun(view, request, **match)
            except QueryError as e:
                return _problem(view, 400, str(e))
            except GatherError as e:
                return _problem(view, 503, str(e))
            except BeforeHorizon as e:
                return _problem(view, 410, str(e))
            except NoHistory as e:
                return _problem(view, 501, str(e))

        wrapper.__name__ = fun.__name__
        return wrapper

    def view_endpoint(view_name: str) -> None:
        async def handler(view: View, request: Request) -> Response:
            t0 = time.perf_counter()
            query: Any = request.query
            params = {k: query.getone(k) for k in query}
            if len(params) != len(query):
                raise QueryError("each parameter may be given once")
            as_of = params.pop("as_of", None)
            validate(view_name, params)  # a bad query fails before any worker is asked
            if as_of is not None:  # the view as it stood then, from the lineage rows
                doc = await asof.document(view_name, parse_moment(as_of), params)
                body = orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)
            else:  # kept between queries until the view changes
                body = await documents.body(view_name, params)
            ms = f"{(time.perf_counter() - t0) * 1000:.2f}"
            headers = {"X-Liveledger-Worker": app.conf.canonical_url.human_repr(), "X-Liveledger-Query-Ms": ms}
            return view.bytes(body, content_type=JSON, headers=headers)

        handler.__name__ = f"get_{view_name}"
        app.page(f"/api/v1/{view_name}", name=f"api-{view_name}")(guarded(handler))

    asof = AsOf(ll)
    for name in PARAMS:
        view_endpoint(name)

    async def timeline(view: View, request: Request) -> Response:
        unknown = set(request.query) - {"blog", "limit", "as_of"}
        if unknown:
            raise QueryError(f"unknown parameter {sorted(unknown)[0]!r} for timeline; expected blog, limit or as_of")
        limit = _limit(request.query.get("limit"))
        blog = text_param("blog", request.query["blog"]) if "blog" in request.query else None
        as_of = request.query.get("as_of")
        if as_of is not None:
            doc = await asof.timeline(parse_moment(as_of), blog)
        else:
            doc = timeline_document(await gather_states(ll, TIMELINE), blog)
        if limit is not None:  # the newest entries only, and how many there are in all
            doc = {**doc, "items": doc["items"][:limit], "total": len(doc["items"])}
        return _json(view, doc)

    app.page("/api/v1/timeline", name="api-timeline")(guarded(timeline))

    casualties = ll.views["casualties"]

    async def incident(view: View, request: Request, incident_id: str) -> Response:
        # The incident lives in its area/day state: route to the worker that holds that key.
        bucket = state_key("casualties", incident_id)
        try:
            return await app.router.route_req(casualties.name, bucket, view.web, request)
        except SameNode:
            pass
        doc = render("casualties", incident_id, casualties.get(bucket.encode()))
        if doc is None:
            return _problem(view, 404, f"no incident {incident_id!r}")
        return _json(view, doc)

    app.page(r"/api/v1/casualties/incidents/{incident_id:[\s\S]+}", name="api-incident")(guarded(incident))

    def internal(fun: Handler) -> Handler:
        async def wrapper(view: View, request: Request, **match: str) -> Response:
            if not _internal_ok(ll, request):
                return _problem(
                    view, 401, "internal route: send Authorization: Bearer <LIVELEDGER_INTERNAL_TOKEN or API token>"
                )
            return await fun(view, request, **match)

        wrapper.__name__ = fun.__name__
        return wrapper

    async def internal_states(view: View, request: Request, name: str) -> Response:
        if name not in ll.views:
            return _problem(view, 404, f"no view {name!r}")
        return _json(view, local_states(ll, name))

    app.page("/api/v1/internal/states/{name}", name="api-internal-states")(internal(internal_states))

    async def internal_rendered(view: View, request: Request, name: str) -> Response:
        if name not in PARAMS:
            return _problem(view, 404, f"no view {name!r}")
        return _json(view, cache.local(name))

    app.page("/api/v1/internal/rendered/{name}", name="api-internal-rendered")(internal(internal_rendered))

    async def moments(view: View, request: Request) -> Response:
        if request.query:
            raise QueryError(f"unknown parameter {sorted(request.query)[0]!r} for moments; it takes none")
        return _json(view, await asof.moments())

    app.page("/api/v1/moments", name="api-moments")(guarded(moments))

    async def internal_asof(view: View, request: Request, name: str) -> Response:
        if name == "moments":
            return _json(view, {**asof.local_moments(), "floor": asof.local_floor()})
        if name not in PARAMS and name != TIMELINE:
            return _problem(view, 404, f"no view {name!r}")
        try:
            return _json(view, asof.internal(name, parse_moment(request.query.get("as_of", ""))))
        except QueryError as e:
            return _problem(view, 400, str(e))

    app.page("/api/v1/internal/asof/{name}", name="api-internal-asof")(internal(internal_asof))

    audit = AuditStatus(ll.chain)
    register_audit_routes(ll, cache, audit, asof, guarded=guarded, internal=internal)

    async def health(view: View, request: Request) -> Response:
        s = ll.stats
        broker_ok = await probe.reachable()
        ready = broker_ok and is_ready(ll)
        status = "ok" if ready else ("recovering" if broker_ok else "broker unreachable")
        return _json(
            view,
            {
                "status": status,
                "ready": ready,
                "broker_reachable": broker_ok,
                "app_id": ll.settings.app_id,
                "entries_processed": s.entries_processed,
                "contributions_applied": s.contributions_applied,
                "dead_letters": s.dead_letters,
                "last_published_at": s.last_published_at,
                "visible_ms": s.latency_summary(),
                "audit": audit.to_json(),
            },
            status=200 if ready else 503,
        )

    app.page("/api/v1/health", name="api-health")(health)

    async def metrics(view: View, request: Request) -> Response:
        return view.text(render_metrics(ll, audit), content_type="text/plain; version=0.0.4")

    app.page("/metrics", name="metrics")(metrics)

    async def openapi(view: View, request: Request) -> Response:
        return _json(view, openapi_document())

    app.page("/api/v1/openapi.json", name="api-openapi")(openapi)

    async def post_entries(view: View, request: Request) -> Response:
        if "Authorization" not in request.headers:
            return _problem(view, 401, "send Authorization: Bearer <LIVELEDGER_API_TOKEN>")
        if ll.settings.api_token is None:
            return _problem(view, 403, "publishing over HTTP is off: set LIVELEDGER_API_TOKEN on the worker")
        if not _token_ok(ll, request):
            return _problem(view, 401, "wrong token: send Authorization: Bearer <LIVELEDGER_API_TOKEN>")
        raw = await request.read()
        if len(raw) > MAX_POST_BYTES:
            return _problem(view, 413, f"request body over {MAX_POST_BYTES} bytes")
        try:
            body = loads_strict(raw)
        except orjson.JSONDecodeError as e:
            return _problem(view, 400, f"body is not JSON: {e}")
        except StrictJSONError as e:
            return _problem(view, 400, f"body: {e}")
        items = body if isinstance(body, list) else [body]
        good, rejected = read_requests(items, ll.settings.max_body_bytes, decoded=True)
        timeout = ll.settings.publish_timeout_s
        # progress: the publisher's start-up while it starts, then this POST's transactions (a large
        # POST on a busy worker is slow, not stalled; see liveledger.api.publish_watch)
        watch = PublishWatch(lambda: publisher.get("starting"), probe.reachable, timeout)

        async def start_and_publish() -> dict[str, Any]:
            return await publish_batch(await watch.start(shared_publisher), good, rejected)

        try:
            summary = await until_stalled(start_and_publish(), watch.progress, timeout)
        except TimeoutError:
            await drop_publisher()
            return _problem(
                view,
                503,
                f"the broker acknowledged nothing for {timeout:g} s (LIVELEDGER_PUBLISH_TIMEOUT_S); "
                "retry later: entries already on the log are recognised and not published twice",
            )
        except LiveledgerError as e:  # a send failed, or the publisher could not start at all
            await drop_publisher()
            return _problem(view, 503, str(e))
        return _json(view, summary, status=200 if not summary["rejected"] else 422)

    class Entries(View):
        async def post(self, request: Request) -> Response:
            return await post_entries(self, request)

    app.page("/api/v1/entries", name="api-entries")(Entries)

    async def index(view: View, request: Request) -> Response:
        return view.html(page_html())

    app.page("/", name="page")(index)

    async def asset(view: View, request: Request, name: str) -> Response:
        found = static_asset(name)
        if found is None:
            return _problem(view, 404, "no such asset")
        body, content_type = found
        return view.bytes(body, content_type=content_type)

    app.page("/static/{name}", name="static")(asset)
