"""The mapper: the only place that knows both domain events and stored envelopes.

``encode`` turns a domain event into canonical envelope bytes with its chain
link; ``decode`` turns bytes back into the envelope and the current-version
domain event, upcasting on the way.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson
from pydantic import TypeAdapter, ValidationError

from schemas.envelope import Envelope, chain_hash
from schemas.errors import DecodeError, ValidationFailed
from schemas.events import CURRENT_VERSIONS, DomainEvent, EntryRetracted
from schemas.upcasters import upcast

_EVENT_ADAPTER: TypeAdapter[DomainEvent] = TypeAdapter(DomainEvent)


def format_time(dt: datetime) -> str:
    """UTC ISO 8601 with microseconds and a ``Z``: the one stored time format."""
    if dt.tzinfo is not UTC:  # a time already in UTC (the publisher's clock) is not converted again
        dt = dt.astimezone(UTC)
    # what isoformat(timespec="microseconds") gives, with "Z" for "+00:00", at two thirds of its cost
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % (  # noqa: UP031 (an f-string costs twice as much)
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond,
    )  # fmt: skip


def describe_validation_error(e: ValidationError, *, tags: frozenset[str] = frozenset()) -> str:
    """One line per problem, each naming the field path (union tags in ``tags`` left out)."""
    parts = []
    for err in e.errors():
        path = list(err["loc"])
        if path and path[0] in tags:
            path = path[1:]
        loc = ".".join(str(x) for x in path) or "(root)"
        parts.append(f"{loc}: {err['msg']}")
    return "; ".join(parts)


def payload_of(event: DomainEvent) -> dict[str, Any]:
    if isinstance(event, EntryRetracted):
        return {"reason": event.reason}
    return event.content.model_dump(mode="json", exclude_defaults=True)


def content_fields(event: DomainEvent) -> dict[str, Any]:
    """The envelope fields that say what ``event`` holds: all but its id, version, acceptance time and link.

    Two events with equal content fields are the same content (the publisher's dedupe digest).
    """
    return fields_of(event.type, event.blog_id, event.entry_id, event.occurred_at, payload_of(event))


def fields_of(
    event_type: str, blog_id: str, entry_id: str, occurred_at: datetime | None, payload: dict[str, Any]
) -> dict[str, Any]:
    """``content_fields`` from their parts (``payload`` as ``payload_of`` gives it)."""
    return {
        "type": event_type,
        "blog_id": blog_id,
        "entry_id": entry_id,
        "occurred_at": format_time(occurred_at) if occurred_at else None,
        "payload": payload,
    }


def seal(fields: dict[str, Any], event_id: str, published_at: str, prev_hash: str) -> tuple[bytes, str]:
    """Canonical envelope bytes and chain hash from ``content_fields`` and the rest of the envelope.

    ``published_at`` is the acceptance time as ``format_time`` gives it. The same bytes as
    ``encode`` of the event with that id and acceptance time; a publisher that has the content
    fields already (for its digest) seals them without building them twice.
    """
    doc = dict(fields)
    doc["version"] = CURRENT_VERSIONS[fields["type"]]
    doc["event_id"] = event_id
    doc["published_at"] = published_at
    doc["prev_hash"] = prev_hash
    link = doc["hash"] = chain_hash(doc)
    return orjson.dumps(doc, option=orjson.OPT_SORT_KEYS), link


class ContentBytes(NamedTuple):
    """``content_fields`` serialized once, in pieces of the canonical (sorted-key) JSON of an envelope.

    The envelope's keys in sorted order are blog_id, entry_id, event_id, hash, occurred_at, payload,
    prev_hash, published_at, type, version; the content fields are the keys 1, 2, 5, 6 and 9 of them.
    ``digest_input`` is ``orjson.dumps(content_fields, OPT_SORT_KEYS)``; ``seal_content`` puts the rest
    of an envelope between the pieces. The payload, the bulk of an event, is serialized once for both.
    """

    event_type: str
    ids: bytes  # {"blog_id":…,"entry_id":…
    middle: bytes  # ,"occurred_at":…,"payload":{…}
    kind: bytes  # ,"type":…

    def digest_input(self) -> bytes:
        return self.ids + self.middle + self.kind + b"}"


def content_bytes(
    event_type: str, blog_id: str, entry_id: str, occurred_at: datetime | None, payload: dict[str, Any]
) -> ContentBytes:
    """``fields_of`` of these parts, serialized (the same bytes as ``orjson.dumps`` of the mapping, sorted)."""
    dumps = orjson.dumps
    return ContentBytes(
        event_type,
        b'{"blog_id":' + dumps(blog_id) + b',"entry_id":' + dumps(entry_id),
        b',"occurred_at":'
        + dumps(format_time(occurred_at) if occurred_at else None)
        + b',"payload":'
        + dumps(payload, option=orjson.OPT_SORT_KEYS),
        b',"type":' + dumps(event_type),
    )


def seal_content(content: ContentBytes, event_id: str, published_at: str, prev_hash: str) -> tuple[bytes, str]:
    """``seal`` of serialized content fields: the same envelope bytes and chain hash, built from the pieces.

    ``schemas.envelope.canonical_bytes`` is the envelope without ``hash``; the chain hash is SHA-256
    over ``prev_hash``, a NUL and those bytes (``schemas.envelope.chain_hash``).
    """
    dumps = orjson.dumps
    before = content.ids + b',"event_id":' + dumps(event_id)
    after = (
        content.middle
        + b',"prev_hash":'
        + dumps(prev_hash)
        + b',"published_at":'
        + dumps(published_at)
        + content.kind
        + b',"version":'
        + dumps(CURRENT_VERSIONS[content.event_type])
        + b"}"
    )
    link = hashlib.sha256(prev_hash.encode() + b"\x00" + before + after).hexdigest()
    return before + b',"hash":' + dumps(link) + after, link


def envelope_dict(event: DomainEvent, prev_hash: str) -> dict[str, Any]:
    """The envelope mapping for ``event``, linked after ``prev_hash``."""
    doc = content_fields(event)
    doc["version"] = CURRENT_VERSIONS[event.type]
    doc["event_id"] = event.event_id
    doc["published_at"] = format_time(event.published_at)
    doc["prev_hash"] = prev_hash
    doc["hash"] = chain_hash(doc)
    return doc


def encode(event: DomainEvent, prev_hash: str) -> tuple[bytes, str]:
    """Canonical bytes of ``event`` and its chain hash."""
    return seal(content_fields(event), event.event_id, format_time(event.published_at), prev_hash)


def parse_envelope(raw: bytes) -> tuple[dict[str, Any], Envelope]:
    """The raw mapping and validated envelope of ``raw``; no upcasting yet."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        raise DecodeError(f"not JSON: {e}") from e
    if not isinstance(doc, dict):
        raise DecodeError(f"envelope must be a JSON object, got {type(doc).__name__}")
    try:
        env = Envelope.model_validate(doc)
    except ValidationError as e:
        raise ValidationFailed(f"bad envelope: {describe_validation_error(e)}") from e
    return doc, env


def to_event(env: Envelope) -> DomainEvent:
    """The current-version domain event held by ``env``."""
    payload = upcast(env.type, env.version, dict(env.payload))
    data: dict[str, Any] = {
        "type": env.type,
        "event_id": env.event_id,
        "blog_id": env.blog_id,
        "entry_id": env.entry_id,
        "published_at": env.published_at,
        "occurred_at": env.occurred_at,
    }
    if env.type == "entry.retracted":
        data.update(payload)
    else:
        data["content"] = payload
    try:
        return _EVENT_ADAPTER.validate_python(data)
    except ValidationError as e:
        raise ValidationFailed(f"bad {env.type} event {env.event_id}: {describe_validation_error(e)}") from e


def decode(raw: bytes) -> tuple[Envelope, DomainEvent]:
    """Envelope and domain event from stored bytes. Raises ``SchemaError`` subclasses."""
    _, env = parse_envelope(raw)
    return env, to_event(env)


def link_ok(doc: dict[str, Any]) -> bool:
    """Whether the stored ``hash`` of an envelope mapping matches its content."""
    return chain_hash(doc) == doc.get("hash")
