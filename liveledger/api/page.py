"""The web page at ``/`` and its static assets, shipped in the package (no CDN)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

_TYPES = {".js": "application/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


@lru_cache(maxsize=1)
def page_html() -> str:
    return resources.files("liveledger.api").joinpath("static/index.html").read_text(encoding="utf-8")


def static_asset(name: str) -> tuple[bytes, str] | None:
    """The bytes and content type of a shipped asset, or None."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in _TYPES:
        return None
    res = resources.files("liveledger.api").joinpath(f"static/{name}")
    if not res.is_file():
        return None
    return res.read_bytes(), _TYPES[suffix]
