"""Errors of the ingest parsers: a source that cannot be read as a live blog at all.

A bad *item* is never an error of the whole source: it is listed in ``ParsedSource.skipped``
with its reason, and the good items still land.
"""

from __future__ import annotations


class IngestError(Exception):
    """Root of the ingest parsers: the source as a whole is not a live blog this code can read."""


class UnknownFormat(IngestError):
    """The bytes are neither an HTML page, an RSS/Atom feed nor JSON lines."""


class NoLiveBlog(IngestError):
    """An HTML page without schema.org ``LiveBlogPosting`` JSON-LD, or a feed with no items."""


class NoBlogId(IngestError):
    """The source names no blog (no canonical URL, ``@id`` or feed link): pass ``--blog-id``."""
