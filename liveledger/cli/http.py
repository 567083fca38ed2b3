"""A tiny HTTP client for the CLI's reads of the worker API (stdlib only)."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from liveledger.errors import LiveledgerError
from liveledger.settings import Settings


class ApiError(LiveledgerError):
    """The worker API answered with an error, or not at all."""


def get(settings: Settings, path: str, params: dict[str, str] | None = None) -> bytes:
    """GET ``path`` on ``LIVELEDGER_API_URL``; the raw body, or ApiError with the API's message."""
    url = settings.api_url.rstrip("/") + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url)
    if settings.api_token is not None:
        req.add_header("Authorization", f"Bearer {settings.api_token.get_secret_value()}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            body: bytes = resp.read()
            return body
    except urllib.error.HTTPError as e:
        raise ApiError(f"{url} answered {e.code}: {e.read().decode(errors='replace')}") from e
    except (urllib.error.URLError, OSError) as e:
        raise ApiError(
            f"no worker answered at {settings.api_url} ({e}); start one with `liveledger worker` "
            "or set LIVELEDGER_API_URL"
        ) from e


def post_json(settings: Settings, path: str, body: bytes) -> bytes:
    """POST a JSON ``body`` to ``path`` on ``LIVELEDGER_API_URL``; the raw answer, or ApiError."""
    url = settings.api_url.rstrip("/") + path
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/json"})
    if settings.api_token is not None:
        req.add_header("Authorization", f"Bearer {settings.api_token.get_secret_value()}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            answer: bytes = resp.read()
            return answer
    except urllib.error.HTTPError as e:
        raise ApiError(f"{url} answered {e.code}: {e.read().decode(errors='replace')}") from e
    except (urllib.error.URLError, OSError) as e:
        raise ApiError(f"no worker answered at {settings.api_url} ({e})") from e
