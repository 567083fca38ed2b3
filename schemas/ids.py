"""Safe ids from a source's own ids: the stable mapping from a post URL, ``@id`` or feed GUID.

Entry and blog ids (``schemas.events.Ident``) allow ``A-Z a-z 0-9 . _ : -`` only, while a
source's ids are URLs and GUIDs full of ``/``, ``#``, ``?`` and ``%``. The mapping:

1. the *readable part*: for a URL the fragment (``#block-5512`` gives ``block-5512``), else the
   last non-empty path segment, else the host; for any other id the whole string;
2. every run of characters outside ``A-Z a-z 0-9 . _ -`` in it becomes ``-``, leading and
   trailing ``-``, ``.`` and ``_`` are stripped, and it is cut to 48 characters (``item`` if
   nothing is left);
3. then ``-`` and the first 12 hex digits of the SHA-256 of the whole original, as UTF-8.

The same original always gives the same id, two originals that share a readable part still
get different ids, and the result always matches ``Ident``. The original is kept beside the id
(as the entry's ``source_url``), so nothing is lost; the id is a key, never parsed back.

>>> safe_id("https://news.example/live/2024/nov/20/ukraine-war#block-5512")
'block-5512-84578478c72c'
>>> safe_id("tag:news.example,2024:post/17")
'tag-news.example-2024-post-17-256026688509'
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote, urlsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_READABLE_MAX = 48
_HASH_HEX = 12


def readable_part(original: str) -> str:
    """The part of ``original`` a person recognises: a URL's fragment, last path segment or host."""
    parts = urlsplit(original)
    if parts.scheme in ("http", "https") and parts.netloc:
        if parts.fragment:
            return unquote(parts.fragment)
        segments = [s for s in parts.path.split("/") if s]
        return unquote(segments[-1]) if segments else parts.netloc
    return original


def safe_id(original: str) -> str:
    """The stable, safe id of ``original`` (see the module docstring for the rule)."""
    slug = _UNSAFE.sub("-", readable_part(original)).strip("-._")[:_READABLE_MAX].strip("-._") or "item"
    digest = hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_HEX]
    return f"{slug}-{digest}"
