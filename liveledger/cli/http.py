"""A tiny HTTP client for the CLI's reads of the worker API (stdlib only)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from liveledger.errors import LiveledgerError
from liveledger.settings import Settings


class ApiError(LiveledgerError):
    """The worker API answered with an error, or not at all."""


def _send(settings: Settings, req: urllib.request.Request, hint: str) -> bytes:
    """Send ``req`` with the API token; the raw answer, or ApiError (``hint`` follows a connection failure)."""
    if settings.api_token is not None:
        req.add_header("Authorization", f"Bearer {settings.api_token.get_secret_value()}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            body: bytes = resp.read()
            return body
    except urllib.error.HTTPError as e:
        raise ApiError(f"{req.full_url} answered {e.code}: {e.read().decode(errors='replace')}") from e
    except (urllib.error.URLError, OSError) as e:
        raise ApiError(f"no worker answered at {settings.api_url} ({e}){hint}") from e


def get(settings: Settings, path: str, params: dict[str, str] | None = None) -> bytes:
    """GET ``path`` on ``LIVELEDGER_API_URL``; the raw body, or ApiError with the API's message."""
    url = settings.api_url.rstrip("/") + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    hint = "; start one with `liveledger worker` or set LIVELEDGER_API_URL"
    return _send(settings, urllib.request.Request(url), hint)


def post_json(settings: Settings, path: str, body: bytes) -> bytes:
    """POST a JSON ``body`` to ``path`` on ``LIVELEDGER_API_URL``; the raw answer, or ApiError."""
    url = settings.api_url.rstrip("/") + path
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    return _send(settings, req, "")
