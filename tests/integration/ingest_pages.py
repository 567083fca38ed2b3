"""A live page served by a real HTTP server on 127.0.0.1 that the test changes between polls."""

from __future__ import annotations

import html
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import orjson
from aiohttp import web

CANONICAL = "https://harbourtimes.example/live/2024/nov/20/storm-live"


@dataclass(frozen=True)
class Post:
    ident: str
    headline: str
    body: str
    published: str
    modified: str | None = None


def live_page(posts: list[Post], *, canonical: str = CANONICAL) -> bytes:
    """A LiveBlogPosting page: JSON-LD with relative post ids, and the posts as articles."""
    updates = []
    for p in posts:
        u = {"@type": "BlogPosting", "@id": f"#{p.ident}", "headline": p.headline, "datePublished": p.published}
        if p.modified:
            u["dateModified"] = p.modified
        updates.append(u)
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": canonical},
            {"@type": "LiveBlogPosting", "@id": canonical, "headline": "Storm live", "liveBlogUpdate": updates},
        ],
    }
    articles = "".join(
        f'<article id="{p.ident}"><h2>{html.escape(p.headline)}</h2><p>{html.escape(p.body)}</p></article>'
        for p in posts
    )
    return (
        "<!doctype html><html><head>"
        f'<link rel="canonical" href="{canonical}">'
        f'<script type="application/ld+json">{orjson.dumps(ld).decode()}</script>'
        f"</head><body>{articles}</body></html>"
    ).encode()


@dataclass
class LivePage:
    """What the server serves now; each request is logged with its time and conditional headers."""

    body: bytes = b""
    version: int = 1
    fail_next: int = 0
    requests: list[tuple[float, dict[str, str], int]] = field(default_factory=list)

    def set(self, body: bytes) -> None:
        self.body, self.version = body, self.version + 1

    @property
    def etag(self) -> str:
        return f'"v{self.version}"'


@asynccontextmanager
async def serve(page: LivePage, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve ``page`` at ``/saved/storm.html`` (a path unlike its canonical URL); yields the URL."""

    async def handler(request: web.Request) -> web.Response:
        conditional = {k: v for k, v in request.headers.items() if k in ("If-None-Match", "If-Modified-Since")}
        if page.fail_next > 0:
            page.fail_next -= 1
            status = 503
        elif request.headers.get("If-None-Match") == page.etag:
            status = 304
        else:
            status = 200
        page.requests.append((time.monotonic(), conditional, status))
        if status == 503:
            return web.Response(status=503, text="busy")
        if status == 304:
            return web.Response(status=304, headers={"ETag": page.etag})
        return web.Response(body=page.body, content_type="text/html", headers={"ETag": page.etag})

    app = web.Application()
    app.router.add_get("/saved/storm.html", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://{host}:{port}/saved/storm.html"
    finally:
        await runner.cleanup()
