"""Check a log against heads recorded outside it: signed checkpoints, or an exported anchor file.

An anchor says "blog B had N events, the N-th with hash H". The log passes when the N-th event
of B, in log order, still has hash H. A tail rewritten with valid hashes fails here even though
the hash chain itself is whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from replay.source import LogRecord


@dataclass(frozen=True, slots=True)
class Anchor:
    blog_id: str
    events: int
    head: str
    source: str  # where the anchor came from, for the report: "checkpoint signed 2026-...", "anchor file x"


def blog_hashes(records: Iterable[LogRecord]) -> dict[str, list[str]]:
    """Each blog's event hashes in log order (partition, offset); unreadable records are left out."""
    out: dict[str, list[str]] = {}
    for rec in sorted(records, key=lambda r: (r.position.partition, r.position.offset)):
        if rec.envelope is not None:
            out.setdefault(rec.envelope.blog_id, []).append(rec.envelope.hash)
    return out


def check_anchors(hashes: Mapping[str, list[str]], anchors: Iterable[Anchor]) -> list[dict[str, Any]]:
    """A problem (verify-log's shape) for each anchor the log no longer matches."""
    problems: list[dict[str, Any]] = []
    for a in anchors:
        chain = hashes.get(a.blog_id, [])
        if a.events < 1:
            kind, detail = "bad anchor", f"{a.source} covers {a.events} events"
        elif len(chain) < a.events:
            kind, detail = (
                "truncated",
                f"{a.source} covers {a.events} events, but the log holds {len(chain)} of this blog",
            )
        elif chain[a.events - 1] != a.head:
            kind, detail = (
                "rewritten",
                f"event {a.events} of the blog has hash {chain[a.events - 1][:16]}..., but {a.source} "
                f"says {a.head[:16]}...: the log was rewritten after it",
            )
        else:
            continue
        problems.append({"partition": None, "offset": None, "blog_id": a.blog_id, "kind": kind, "detail": detail})
    return problems


def anchors_from_report(doc: Mapping[str, Any], source: str) -> list[Anchor]:
    """Anchors from a saved ``audit verify-log --json`` document (its ``blogs`` heads)."""
    blogs = doc.get("blogs")
    if not isinstance(blogs, Mapping):
        raise ValueError(f"{source}: expected the JSON of `liveledger audit verify-log --json` (a 'blogs' object)")
    out = []
    for blog, info in sorted(blogs.items()):
        try:
            out.append(Anchor(str(blog), int(info["events"]), str(info["head"]), source))
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{source}: blog {blog!r} has no events/head ({e!r})") from e
    return out
