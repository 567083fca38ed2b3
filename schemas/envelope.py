"""The stored envelope: type name, version, ids, times, payload and chain link.

This is what sits on the Kafka topic, as canonical JSON. It carries the payload
as a plain mapping so that old versions can be upcast before validation.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field

GENESIS_HASH = "0" * 64
_HEX64 = r"^[0-9a-f]{64}$"


class Envelope(BaseModel):
    """One stored event. ``hash`` links it to ``prev_hash``, the blog's last event."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str = Field(min_length=1, max_length=64)
    version: int = Field(ge=1)
    event_id: str
    blog_id: str
    entry_id: str
    published_at: str
    occurred_at: str | None = None
    payload: dict[str, Any]
    prev_hash: str = Field(pattern=_HEX64)
    hash: str = Field(pattern=_HEX64)


def canonical_bytes(doc: dict[str, Any]) -> bytes:
    """Canonical JSON of an envelope mapping, without its ``hash`` field."""
    body = {k: v for k, v in doc.items() if k != "hash"}
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def chain_hash(doc: dict[str, Any]) -> str:
    """The link of an envelope mapping: sha256 over prev_hash and canonical bytes."""
    h = hashlib.sha256()
    h.update(str(doc.get("prev_hash", "")).encode())
    h.update(b"\x00")
    h.update(canonical_bytes(doc))
    return h.hexdigest()
