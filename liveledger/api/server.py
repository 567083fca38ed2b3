"""How the worker's web server treats connections and errors, whatever the route.

* Every error is a JSON problem document, including the ones aiohttp raises before a handler
  runs (unknown path, wrong method, a body over the size limit).
* Idle keep-alive connections are closed after ``LIVELEDGER_HTTP_IDLE_S``.
* The broker probe lets health say ``ready: false`` while the broker cannot be reached.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
from aiohttp import web

from liveledger.settings import Settings

#: the largest request body the API reads; bigger ones get a JSON 413
MAX_POST_BYTES = 5 * 1024 * 1024

_AioHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def problem_body(status: int, message: str) -> bytes:
    return orjson.dumps({"error": {"status": status, "message": message}}, option=orjson.OPT_SORT_KEYS)


@web.middleware
async def json_errors(request: web.Request, handler: _AioHandler) -> web.StreamResponse:
    """Turn aiohttp's own plain-text errors into the API's JSON problem documents."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return _problem(413, f"request body over {MAX_POST_BYTES} bytes; send fewer entries per request")
    except web.HTTPException as e:
        if e.status < 400:
            raise
        resp = _problem(e.status, e.reason or "error")
        for name, value in e.headers.items():  # Allow on a 405, and the like
            if name.lower() not in ("content-type", "content-length"):
                resp.headers[name] = value
        return resp


def _problem(status: int, message: str) -> web.Response:
    return web.Response(body=problem_body(status, message), status=status, content_type="application/json")


def web_application_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for the aiohttp Application faust builds (faust's ``web_application_options``)."""
    return {
        "client_max_size": MAX_POST_BYTES,
        "middlewares": [json_errors],
        "handler_args": {"keepalive_timeout": settings.http_idle_s},
    }


class BrokerProbe:
    """Whether a TCP connection to any bootstrap server opens; cached for ``ttl`` seconds.

    Health uses it so that a worker whose broker is down answers ``ready: false`` (and 503)
    instead of ``ok``. It checks reachability only, not authentication.
    """

    def __init__(self, bootstrap: str, *, timeout: float = 1.0, ttl: float = 2.0) -> None:
        self._servers = [_host_port(s.strip()) for s in bootstrap.split(",") if s.strip()]
        self._timeout = timeout
        self._ttl = ttl
        self._checked = -float("inf")
        self._ok = False

    async def reachable(self) -> bool:
        now = time.monotonic()
        if now - self._checked < self._ttl:
            return self._ok
        self._ok = any([await self._try(host, port) for host, port in self._servers])
        self._checked = time.monotonic()
        return self._ok

    async def _try(self, host: str, port: int) -> bool:
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), self._timeout)
        except (OSError, TimeoutError):
            return False
        writer.close()
        with contextlib.suppress(OSError, TimeoutError):
            await asyncio.wait_for(writer.wait_closed(), self._timeout)
        return True


def _host_port(server: str) -> tuple[str, int]:
    host, _, port = server.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port or 9092)
