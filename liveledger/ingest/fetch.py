"""Reading a source: a file, or a URL with conditional requests (ETag / If-Modified-Since).

A :class:`Fetcher` remembers the last ``ETag`` and ``Last-Modified`` of each URL and sends them
back, so an unchanged page costs a ``304 Not Modified`` and no parsing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp

from liveledger.ingest.errors import FetchFailed

MAX_BYTES = 32 * 1024 * 1024
USER_AGENT = "liveledger-ingest/0.1 (+https://liveledger.dev)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """One reading: ``data`` is None when the server answered 304 Not Modified."""

    data: bytes | None
    content_type: str | None = None
    status: int = 200


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


class Fetcher:
    """Reads sources; opens its HTTP session in ``__aenter__`` and closes it in ``__aexit__``."""

    def __init__(self, *, timeout_s: float = 30.0) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None
        self._validators: dict[str, dict[str, str]] = {}

    async def __aenter__(self) -> Fetcher:
        self._session = aiohttp.ClientSession(timeout=self._timeout, headers={"User-Agent": USER_AGENT})
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(self, source: str) -> Fetched:
        """The bytes of ``source`` (or a not-modified answer). Raises FetchFailed naming the source."""
        if not is_url(source):
            try:
                return Fetched(await asyncio.to_thread(Path(source).read_bytes))
            except OSError as e:
                raise FetchFailed(f"cannot read {source}: {e.strerror or e}") from e
        if self._session is None:
            raise FetchFailed("the fetcher is not open; use `async with Fetcher()`")
        headers = dict(self._validators.get(source, {}))
        try:
            async with self._session.get(source, headers=headers, allow_redirects=True) as resp:
                if resp.status == 304:
                    return Fetched(None, status=304)
                if resp.status != 200:
                    raise FetchFailed(f"GET {source}: HTTP {resp.status} {resp.reason or ''}".rstrip())
                data = await resp.content.read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    raise FetchFailed(f"GET {source}: larger than {MAX_BYTES} bytes; save the page and ingest the file")
                validators = {}
                if etag := resp.headers.get("ETag"):
                    validators["If-None-Match"] = etag
                if modified := resp.headers.get("Last-Modified"):
                    validators["If-Modified-Since"] = modified
                self._validators[source] = validators
                return Fetched(data, resp.headers.get("Content-Type"), resp.status)
        except aiohttp.ClientError as e:
            raise FetchFailed(f"GET {source}: {e}") from e
        except TimeoutError as e:
            raise FetchFailed(f"GET {source}: no answer within {self._timeout.total}s") from e
