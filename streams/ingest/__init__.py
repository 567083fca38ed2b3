"""Pure parsers that turn a live blog as it exists on the web into publish requests.

No I/O: each takes the bytes of a source and returns a :class:`ParsedSource`, whose records are
requests in the JSON-lines shape of ``liveledger publish``, each labelled with where it came from,
and whose ``skipped`` lists everything that did not become a request, with the reason.

* :func:`parse_source` sniffs the format: an HTML page with schema.org ``LiveBlogPosting``
  JSON-LD (:mod:`streams.ingest.jsonld`), an RSS 2.0 or Atom feed (:mod:`streams.ingest.feeds`),
  or JSON lines (:mod:`streams.ingest.jsonl`).
* :mod:`streams.ingest.follow` compares two readings of one source: what is new, what changed
  (a correction) and what was removed from between its neighbours (a retraction).
"""

from __future__ import annotations

from streams.ingest.errors import IngestError, NoBlogId, NoLiveBlog, UnknownFormat
from streams.ingest.feeds import parse_feed
from streams.ingest.jsonl import parse_json_lines
from streams.ingest.jsonld import parse_live_blog_page
from streams.ingest.model import Kind, ParsedSource, Record, Skipped

__all__ = [
    "IngestError",
    "Kind",
    "NoBlogId",
    "NoLiveBlog",
    "ParsedSource",
    "Record",
    "Skipped",
    "UnknownFormat",
    "parse_source",
    "sniff",
]


def sniff(data: bytes, content_type: str | None = None) -> Kind:
    """The format of ``data``: ``html``, ``rss`` (RSS or Atom, told apart later) or ``jsonl``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "jsonl"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "rss"
    if b"<html" in head or b"<!doctype html" in head or b"<head" in head or b"<body" in head:
        return "html"
    ct = (content_type or "").lower()
    if "html" in ct:
        return "html"
    if "xml" in ct or "rss" in ct or "atom" in ct:
        return "rss"
    if "json" in ct:
        return "jsonl"
    raise UnknownFormat(
        "not an HTML page, an RSS/Atom feed or JSON lines (it starts with "
        f"{data[:40]!r}); give a live-blog page, a feed or a JSON-lines file"
    )


def parse_source(data: bytes, *, blog_id: str | None = None, content_type: str | None = None) -> ParsedSource:
    """Read ``data`` as a live blog. Raises IngestError subclasses when the whole source is unusable."""
    kind = sniff(data, content_type)
    if kind == "html":
        return parse_live_blog_page(data, blog_id)
    if kind == "rss":
        return parse_feed(data, blog_id)
    return parse_json_lines(data, blog_id)
