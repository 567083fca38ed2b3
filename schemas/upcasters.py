"""Upcasters: small chained functions that lift old payloads to the current version.

``UPCASTERS[(type, v)]`` turns a version ``v`` payload into version ``v + 1``.
Stored events are never rewritten; they are upcast every time they are read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.errors import UnknownEventType
from schemas.events import CURRENT_VERSIONS, ENTRY_CORRECTED, ENTRY_PUBLISHED

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]


def _published_v1_to_v2(p: Payload) -> Payload:
    """v1 named the fields ``headline``, ``text`` and ``url``; v2 uses title, body, source_url."""
    out = {k: v for k, v in p.items() if k not in ("headline", "text", "url")}
    out["title"] = p.get("headline", "")
    out["body"] = p.get("text", "")
    if p.get("url") is not None:
        out["source_url"] = p["url"]
    return out


def _add_source_clock(p: Payload) -> Payload:
    """v3 (published) and v2 (corrected) may carry ``source_published_at`` / ``source_updated_at``.

    An older payload predates the source clock: it has no source time, which is what the new
    version's absent fields mean, so its fields carry over unchanged. The version bump exists so
    that code which predates the source clock refuses the new payloads by name ("newer than this
    code knows") instead of failing on unknown fields.
    """
    return dict(p)


UPCASTERS: dict[tuple[str, int], Upcaster] = {
    (ENTRY_PUBLISHED, 1): _published_v1_to_v2,
    (ENTRY_PUBLISHED, 2): _add_source_clock,
    (ENTRY_CORRECTED, 1): _add_source_clock,
}


def upcast(event_type: str, version: int, payload: Payload) -> Payload:
    """Lift ``payload`` from ``version`` to the current version of ``event_type``."""
    current = CURRENT_VERSIONS.get(event_type)
    if current is None:
        raise UnknownEventType(f"unknown event type {event_type!r}")
    if version > current:
        raise UnknownEventType(
            f"{event_type} version {version} is newer than this code knows ({current}); upgrade liveledger"
        )
    while version < current:
        step = UPCASTERS.get((event_type, version))
        if step is None:
            raise UnknownEventType(f"no upcaster for {event_type} v{version} -> v{version + 1}")
        payload = step(payload)
        version += 1
    return payload
