"""A live blog from an RSS 2.0 or Atom feed (via ``feedparser``, given bytes: it fetches nothing).

The blog is the feed's ``link`` (else its ``id``); each item's id is its GUID / Atom ``id``, else
its ``link``, resolved against the feed's link when relative and made safe by
:func:`schemas.ids.safe_id`. The text is the item's full content when it has one, else its
summary, as plain text. Times are the raw ``published`` / ``updated`` strings, parsed here so that
a time without an offset is refused by name rather than taken as UTC.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import feedparser

from schemas.ids import safe_id
from streams.ingest.errors import NoBlogId, NoLiveBlog
from streams.ingest.jsonld import is_absolute
from streams.ingest.model import Item, Kind, ParsedSource, Record, Skipped
from streams.ingest.text import clean_text
from streams.ingest.times import BadTime, parse_time


def _raw_time(entry: Any, *names: str) -> str | None:
    for name in names:
        v = dict.get(entry, name)  # the raw mapping: feedparser's own get() files pubDate under "updated" too
        if isinstance(v, str) and v.strip():
            return v
    return None


def _item(entry: Any, base: str | None) -> Item:
    guid, link = entry.get("id"), entry.get("link")
    if isinstance(guid, str) and guid.strip():
        original = guid.strip()  # a GUID or Atom id is a name, not a link: never resolved
    elif isinstance(link, str) and link.strip():
        original = urljoin(base, link.strip()) if base else link.strip()
    else:
        raise ValueError("no guid, id or link, so it has no stable id")
    contents = entry.get("content") or []
    html = contents[0].get("value", "") if contents else entry.get("summary", "")
    body = clean_text(html or "")
    if not body:
        raise ValueError("no content or summary text")
    try:
        posted = parse_time(_raw_time(entry, "published", "created"), "published")
        edited = parse_time(_raw_time(entry, "updated"), "updated")
    except BadTime as e:
        raise ValueError(str(e)) from None
    author = clean_text(entry.get("author", "") or "")[:200] or None
    title = clean_text(entry.get("title", "") or "")[:1000]
    return Item(safe_id(original), original, title, body, posted, edited, author)


def parse_feed(data: bytes | str, blog_id: str | None = None) -> ParsedSource:
    """The live blog in an RSS or Atom feed. Raises NoLiveBlog for a feed without items."""
    d = feedparser.parse(data.encode() if isinstance(data, str) else data)
    version = str(d.get("version") or "")
    if not version:
        reason = f" ({d.get('bozo_exception')})" if d.get("bozo") else ""
        raise NoLiveBlog(f"not an RSS or Atom feed{reason}")
    kind: Kind = "atom" if version.startswith("atom") else "rss"
    feed = d.get("feed", {})
    link = feed.get("link") or feed.get("id")
    base = link.strip() if isinstance(link, str) and is_absolute(link.strip()) else None
    if blog_id is None:
        if not isinstance(link, str) or not link.strip():
            raise NoBlogId("the feed has no link or id naming the blog")
        blog_id = safe_id(base or link.strip())
    out = ParsedSource(kind, blog_id, base)
    entries = d.get("entries") or []
    if not entries:
        raise NoLiveBlog(f"the {kind} feed has no items")
    for n, entry in enumerate(entries, start=1):
        named = entry.get("id") or entry.get("link")
        label = f"item {n}" + (f" ({named})" if named else "")
        try:
            item = _item(entry, base)
        except ValueError as e:
            out.skipped.append(Skipped(label, str(e)))
            continue
        out.records.append(Record(label, item.request(blog_id)))
    return out
