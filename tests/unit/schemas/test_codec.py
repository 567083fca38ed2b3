from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest

from schemas.codec import decode, encode, link_ok, parse_envelope
from schemas.envelope import GENESIS_HASH, chain_hash
from schemas.errors import DecodeError, UnknownEventType, ValidationFailed
from schemas.events import EntryContent, EntryCorrected, EntryPublished, EntryRetracted
from schemas.facts import Fact

T0 = datetime(2024, 11, 20, 14, 5, tzinfo=UTC)


def published(**kw: object) -> EntryPublished:
    base: dict[str, object] = {
        "event_id": "ev-1",
        "blog_id": "ukraine-live",
        "entry_id": "e1",
        "published_at": T0,
        "content": EntryContent(title="Strike on Kharkiv", body="Three people died, officials said."),
    }
    base.update(kw)
    return EntryPublished.model_validate(base)


def test_round_trip_keeps_every_field() -> None:
    fig = Fact(metric="killed", best=3, claimant="regional governor")
    ev = published(
        occurred_at=datetime(2024, 11, 20, 6, 0, tzinfo=UTC),
        content=EntryContent(title="t", body="b", source_url="https://example.org/x", author="desk", figures=(fig,)),
    )
    raw, h = encode(ev, GENESIS_HASH)
    env, back = decode(raw)
    assert back == ev
    assert env.hash == h and env.prev_hash == GENESIS_HASH
    assert env.type == "entry.published" and env.version == 3


def test_correction_and_retraction_round_trip() -> None:
    corr = EntryCorrected(
        event_id="ev-2", blog_id="b", entry_id="e1", published_at=T0, content=EntryContent(body="fixed")
    )
    retr = EntryRetracted(event_id="ev-3", blog_id="b", entry_id="e1", published_at=T0, reason="wrong town")
    for ev in (corr, retr):
        raw, _ = encode(ev, GENESIS_HASH)
        assert decode(raw)[1] == ev


def test_chain_links_events_and_detects_any_change() -> None:
    _, h1 = encode(published(), GENESIS_HASH)
    raw2, h2 = encode(published(event_id="ev-2", entry_id="e2"), h1)
    doc2 = orjson.loads(raw2)
    assert doc2["prev_hash"] == h1 and link_ok(doc2)
    tampered = dict(doc2, payload=dict(doc2["payload"], body="Thirty people died."))
    assert not link_ok(tampered)
    assert chain_hash(tampered) != h2


def test_encoding_is_canonical_and_deterministic() -> None:
    assert encode(published(), GENESIS_HASH) == encode(published(), GENESIS_HASH)
    raw, _ = encode(published(), GENESIS_HASH)
    assert raw == orjson.dumps(orjson.loads(raw), option=orjson.OPT_SORT_KEYS)


def _v1_envelope() -> dict[str, object]:
    doc: dict[str, object] = {
        "type": "entry.published",
        "version": 1,
        "event_id": "ev-old",
        "blog_id": "b",
        "entry_id": "e9",
        "published_at": "2023-02-24T05:00:00.000000Z",
        "occurred_at": None,
        "payload": {"headline": "Old headline", "text": "Old body", "url": "https://example.org/old"},
        "prev_hash": GENESIS_HASH,
    }
    doc["hash"] = chain_hash(doc)
    return doc


def test_v1_published_is_upcast_to_v2_on_read() -> None:
    env, ev = decode(orjson.dumps(_v1_envelope()))
    assert env.version == 1
    assert isinstance(ev, EntryPublished)
    assert ev.content.title == "Old headline"
    assert ev.content.body == "Old body"
    assert ev.content.source_url == "https://example.org/old"


def test_unknown_type_and_future_version_are_named() -> None:
    doc = _v1_envelope()
    with pytest.raises(UnknownEventType, match=r"unknown event type .entry\.deleted."):
        decode(orjson.dumps(dict(doc, type="entry.deleted")))
    with pytest.raises(UnknownEventType, match="newer than this code knows"):
        decode(orjson.dumps(dict(doc, version=9)))


@pytest.mark.parametrize(
    ("raw", "error", "text"),
    [
        (b"\xff\xfe", DecodeError, "not JSON"),
        (b"[1, 2]", DecodeError, "JSON object"),
        (b'{"type": "entry.published"}', ValidationFailed, "version"),
    ],
)
def test_bad_bytes_raise_schema_errors(raw: bytes, error: type[Exception], text: str) -> None:
    with pytest.raises(error, match=text):
        decode(raw)


def test_payload_validation_names_the_field() -> None:
    doc = _v1_envelope()
    doc["version"] = 2
    doc["payload"] = {"title": "x"}
    with pytest.raises(ValidationFailed, match=r"content\.body"):
        decode(orjson.dumps(doc))
    _, env = parse_envelope(orjson.dumps(_v1_envelope()))
    assert env.event_id == "ev-old"
