"""Publish a batch of raw JSON lines or objects and summarise what happened to each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from liveledger.publish.publisher import Outcome, Publisher
from liveledger.publish.requests import InputError, Request, parse_line, parse_request


def read_requests(
    lines: Iterable[bytes | object], max_body_bytes: int, *, decoded: bool = False
) -> tuple[list[tuple[int, Request]], list[dict[str, Any]]]:
    """Parse numbered lines (or decoded JSON values); return the good requests and the rejections."""
    good: list[tuple[int, Request]] = []
    rejected: list[dict[str, Any]] = []
    for n, raw in enumerate(lines, start=1):
        try:
            if decoded:
                req: Request | None = parse_request(raw, n, max_body_bytes)
            else:
                assert isinstance(raw, bytes | str)
                req = parse_line(raw, n, max_body_bytes)
        except InputError as e:
            rejected.append({"line": n, "error": e.reason})
            continue
        if req is not None:
            good.append((n, req))
    return good, rejected


async def publish_batch(
    pub: Publisher, good: list[tuple[int, Request]], rejected: list[dict[str, Any]]
) -> dict[str, Any]:
    """Publish ``good`` with ``pub``; report ``{"published", "duplicates", "rejected"}``."""
    published = duplicates = 0
    rejected = list(rejected)
    for line, result in await pub.publish_many(good):
        if isinstance(result, Outcome):
            if result.status == "published":
                published += 1
            else:
                duplicates += 1
        else:
            rejected.append({"line": line, "error": str(result)})
    rejected.sort(key=lambda r: r["line"])
    return {"published": published, "duplicates": duplicates, "rejected": rejected}
