"""A live blog from an HTML page's schema.org ``LiveBlogPosting`` JSON-LD (via ``extruct``).

* Every ``<script type="application/ld+json">`` block is read on its own, so one broken block
  is listed in ``skipped`` and the others still count. ``@graph`` and nesting (a ``WebPage``
  whose ``mainEntity`` is the live blog) are walked.
* The page's canonical URL is the ``LiveBlogPosting`` ``@id`` (or ``url``) when absolute, else
  ``<link rel="canonical">``, else ``og:url``. Relative ids resolve against it, never against
  where the page was read from, so a saved copy and the live page give the same ids.
* Each ``liveBlogUpdate`` item becomes one entry: its id from ``@id`` / ``url``
  (:func:`schemas.ids.safe_id`), its text from ``articleBody``, else from the page element the
  id's fragment names, with tags, scripts and styles removed and paragraphs kept as lines. Its
  ``datePublished`` / ``dateModified`` are the source clock; ``contentReferenceTime`` (schema.org's
  "the specific time described"), when given, is the occurred time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html

from schemas.ids import safe_id
from streams.ingest.errors import NoBlogId, NoLiveBlog
from streams.ingest.model import Item, ParsedSource, Record, Skipped
from streams.ingest.text import clean_text, html_to_text
from streams.ingest.times import BadTime, parse_time

_SCRIPTS = lxml.etree.XPath('descendant-or-self::script[@type="application/ld+json"]')
_POST_TYPES = frozenset({"BlogPosting", "NewsArticle", "Article", "SocialMediaPosting", "LiveBlogPosting"})


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type")
    names = t if isinstance(t, list) else [t]
    return {n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)}


def _walk(node: object) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``node``, outermost first; a live blog's own updates are not entered."""
    if isinstance(node, list):
        for x in node:
            yield from _walk(x)
    elif isinstance(node, dict):
        yield node
        for k, v in node.items():
            if k != "liveBlogUpdate":
                yield from _walk(v)


def json_ld_blocks(tree: lxml.html.HtmlElement, skipped: list[Skipped]) -> list[object]:
    """The decoded JSON-LD blocks of a page; a block that is not JSON is listed in ``skipped``."""
    extractor = JsonLdExtractor()
    blocks: list[object] = []
    for n, script in enumerate(_SCRIPTS(tree), start=1):
        try:
            blocks.extend(extractor.extract_items(script))
        except ValueError as e:
            skipped.append(Skipped(f"JSON-LD block {n}", f"not valid JSON, block ignored ({e})"))
    return blocks


def _meta_url(tree: lxml.html.HtmlElement) -> str | None:
    for xp in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for v in tree.xpath(xp):
            if isinstance(v, str) and is_absolute(v.strip()):
                return v.strip()
    return None


def _text_of(value: object) -> str:
    if isinstance(value, list):
        return "\n".join(_text_of(v) for v in value)
    if isinstance(value, dict):
        return _text_of(value.get("text") or value.get("name") or "")
    return clean_text(value) if isinstance(value, str) else ""


def _author(value: object) -> str | None:
    names = [_text_of(v) for v in (value if isinstance(value, list) else [value]) if v]
    joined = ", ".join(n for n in names if n)
    return joined[:200] or None


def _element_text(tree: lxml.html.HtmlElement, original: str) -> str:
    """The text of the page element whose id is the fragment of ``original`` ("" if none)."""
    fragment = urldefrag(original).fragment
    if not fragment:
        return ""
    for el in tree.xpath("//*[@id=$id]", id=fragment):
        return html_to_text(lxml.html.tostring(el, encoding="unicode"))
    return ""


def _item(node: dict[str, Any], base: str | None, tree: lxml.html.HtmlElement) -> Item:
    """One live-blog update as an Item. Raises ValueError naming what is wrong."""
    raw_id = node.get("@id") or node.get("url")
    if not isinstance(raw_id, str) or not raw_id.strip():
        raise ValueError("no @id or url, so it has no stable id")
    original = urljoin(base, raw_id.strip()) if base else raw_id.strip()
    title = _text_of(node.get("headline") or node.get("name") or "")
    body = _text_of(node.get("articleBody"))
    if not body:
        body = _element_text(tree, original)
        if title and body.startswith(title + "\n"):
            body = body[len(title) + 1 :]  # the post's own heading, already its title
    if not body:
        raise ValueError("no articleBody, and no element in the page with the id of its fragment")
    try:
        posted = parse_time(node.get("datePublished"), "datePublished")
        edited = parse_time(node.get("dateModified"), "dateModified")
        occurred = parse_time(node.get("contentReferenceTime"), "contentReferenceTime")
    except BadTime as e:
        raise ValueError(str(e)) from None
    author = _author(node.get("author"))
    return Item(safe_id(original), original, title[:1000], body, posted, edited, author, occurred)


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def parse_live_blog_page(data: bytes | str, blog_id: str | None = None) -> ParsedSource:
    """The live blog in an HTML page. Raises NoLiveBlog, or NoBlogId when nothing names the blog."""
    tree = parse_html(data.encode() if isinstance(data, str) else data, encoding="UTF-8")
    skipped: list[Skipped] = []
    blocks = json_ld_blocks(tree, skipped)
    blogs = [n for n in _walk(blocks) if "LiveBlogPosting" in _types(n)]
    if not blogs:
        found = sorted({t for n in _walk(blocks) for t in _types(n)})
        raise NoLiveBlog(
            "the page has no schema.org LiveBlogPosting JSON-LD"
            + (f" (its JSON-LD has only {', '.join(found)})" if found else " (it has no readable JSON-LD at all)")
            + "".join(f"; {s.where}: {s.error}" for s in skipped)
        )
    blog = blogs[0]
    for other in blogs[1:]:
        skipped.append(Skipped(f"LiveBlogPosting {other.get('@id', '?')}", "a second live blog in the page; not read"))
    page_url = _meta_url(tree)
    raw_blog = next((v.strip() for v in (blog.get("@id"), blog.get("url")) if isinstance(v, str) and v.strip()), None)
    blog_original = raw_blog if raw_blog and is_absolute(raw_blog) else None
    if blog_original is None and page_url is not None:
        blog_original = urljoin(page_url, raw_blog) if raw_blog else page_url
    if blog_id is None:
        if blog_original is None:
            raise NoBlogId("the page names no canonical URL (LiveBlogPosting @id, link rel=canonical, og:url)")
        blog_id = safe_id(urldefrag(blog_original).url)  # the page is the blog: "#liveblog" names no other
    out = ParsedSource("html", blog_id, blog_original, skipped=skipped)
    updates = _as_list(blog.get("liveBlogUpdate"))
    for n, node in enumerate(updates, start=1):
        label = f"liveBlogUpdate {n}"
        if not isinstance(node, dict):
            out.skipped.append(Skipped(label, f"expected a JSON object, got {type(node).__name__}"))
            continue
        if node.get("@id") or node.get("url"):
            label += f" ({node.get('@id') or node.get('url')})"
        types = _types(node)
        if types and not types & _POST_TYPES:
            out.skipped.append(Skipped(label, f"@type {', '.join(sorted(types))} is not a blog post"))
            continue
        try:
            item = _item(node, blog_original, tree)
        except ValueError as e:
            out.skipped.append(Skipped(label, str(e)))
            continue
        out.records.append(Record(label, item.request(blog_id)))
    if not out.records and not out.skipped:
        raise NoLiveBlog("the page's LiveBlogPosting has no liveBlogUpdate items")
    return out
