"""The source clock in the schemas: round trip, upcasting of older versions, the future check, safe ids."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from schemas.codec import decode, encode
from schemas.envelope import GENESIS_HASH, chain_hash
from schemas.events import _ID_PATTERN, EntryContent, EntryCorrected, EntryPublished, EntryRetracted
from schemas.ids import readable_part, safe_id
from schemas.source_clock import MAX_SOURCE_SKEW, SourceTimeInFuture, check_source_times, source_time

T0 = datetime(2024, 11, 20, 14, 5, tzinfo=UTC)
KYIV = timezone(timedelta(hours=2))


def _event(content: EntryContent, kind: type[EntryPublished] | type[EntryCorrected] = EntryPublished) -> object:
    return kind(event_id="ev-1", blog_id="b", entry_id="e1", published_at=T0 + timedelta(days=700), content=content)


def test_source_times_round_trip_and_are_stored_in_utc() -> None:
    content = EntryContent(
        body="Two people were hurt.",
        source_published_at=datetime(2024, 11, 20, 16, 5, tzinfo=KYIV),
        source_updated_at=datetime(2024, 11, 20, 16, 40, tzinfo=KYIV),
    )
    ev = _event(content)
    assert isinstance(ev, EntryPublished)
    raw, _ = encode(ev, GENESIS_HASH)
    doc = orjson.loads(raw)
    assert doc["version"] == 3
    assert doc["payload"]["source_published_at"] == "2024-11-20T14:05:00Z"
    assert doc["payload"]["source_updated_at"] == "2024-11-20T14:40:00Z"
    assert decode(raw)[1] == ev
    assert ev.published_at != ev.content.source_published_at, "acceptance time stays its own clock"


def test_an_entry_without_source_times_encodes_as_before() -> None:
    raw, _ = encode(_event(EntryContent(body="x")), GENESIS_HASH)  # type: ignore[arg-type]
    assert "source_published_at" not in orjson.loads(raw)["payload"]


def test_a_naive_source_time_is_refused_by_name() -> None:
    with pytest.raises(ValidationError, match=r"source_published_at\s+Value error, datetime must carry a timezone"):
        EntryContent(body="x", source_published_at=datetime(2024, 11, 20, 14, 5))  # naive on purpose


@pytest.mark.parametrize("text", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_a_time_with_no_utc_form_is_refused_by_name(text: str) -> None:
    moment = datetime.fromisoformat(text)
    outside = r"Value error, .* lies outside the years 1 to 9999 in UTC"
    with pytest.raises(ValidationError, match=rf"source_published_at\s+{outside}"):
        EntryContent(body="x", source_published_at=moment)
    with pytest.raises(ValidationError, match=rf"occurred_at\s+{outside}"):
        EntryPublished(
            event_id="ev1",
            blog_id="b",
            entry_id="e1",
            published_at=datetime(2024, 11, 20, tzinfo=UTC),
            occurred_at=moment,
            content=EntryContent(body="x"),
        )


def _stored(event_type: str, version: int, payload: dict[str, object]) -> bytes:
    doc: dict[str, object] = {
        "type": event_type,
        "version": version,
        "event_id": "ev-old",
        "blog_id": "b",
        "entry_id": "e9",
        "published_at": "2024-02-24T05:00:00.000000Z",
        "occurred_at": None,
        "payload": payload,
        "prev_hash": GENESIS_HASH,
    }
    doc["hash"] = chain_hash(doc)
    return orjson.dumps(doc)


def test_v2_published_and_v1_corrected_are_upcast_with_no_source_time() -> None:
    env, pub = decode(_stored("entry.published", 2, {"title": "Old", "body": "Old body"}))
    assert env.version == 2 and isinstance(pub, EntryPublished)
    assert pub.content.body == "Old body" and pub.content.source_published_at is None
    env, corr = decode(_stored("entry.corrected", 1, {"body": "Fixed body"}))
    assert env.version == 1 and isinstance(corr, EntryCorrected)
    assert corr.content.body == "Fixed body" and corr.content.source_updated_at is None
    _, v1 = decode(_stored("entry.published", 1, {"headline": "H", "text": "T"}))
    assert isinstance(v1, EntryPublished) and (v1.content.title, v1.content.body) == ("H", "T")


def test_a_source_time_ahead_of_acceptance_beyond_the_skew_is_refused() -> None:
    check_source_times(EntryContent(body="x", source_published_at=T0 + MAX_SOURCE_SKEW), T0)
    with pytest.raises(SourceTimeInFuture, match=r"source_published_at 2024-11-20T14:10:01\+00:00 .*skew"):
        check_source_times(EntryContent(body="x", source_published_at=T0 + MAX_SOURCE_SKEW + timedelta(seconds=1)), T0)
    with pytest.raises(SourceTimeInFuture, match="source_updated_at"):
        check_source_times(EntryContent(body="x", source_updated_at=T0 + timedelta(days=1)), T0)


def test_where_each_event_stands_on_the_source_clock() -> None:
    posted, edited = T0, T0 + timedelta(minutes=30)
    content = EntryContent(body="x", source_published_at=posted, source_updated_at=edited)
    assert source_time(_event(content)) == posted  # type: ignore[arg-type]
    assert source_time(_event(content, EntryCorrected)) == edited  # type: ignore[arg-type]
    only_posted = EntryContent(body="x", source_published_at=posted)
    assert source_time(_event(only_posted, EntryCorrected)) is None  # type: ignore[arg-type]
    assert source_time(_event(EntryContent(body="x"))) is None  # type: ignore[arg-type]
    only_updated = EntryContent(body="x", source_updated_at=edited)
    assert source_time(_event(only_updated)) == edited  # type: ignore[arg-type]
    retraction = EntryRetracted(event_id="ev", blog_id="b", entry_id="e1", published_at=T0, reason="gone")
    assert source_time(retraction) is None


def test_safe_ids_keep_the_readable_part_and_differ_by_origin() -> None:
    a = safe_id("https://news.example/live/ukraine#block-1")
    b = safe_id("https://other.example/live/ukraine#block-1")
    assert a.startswith("block-1-") and b.startswith("block-1-") and a != b
    assert readable_part("https://news.example/live/2024/nov/20/ukraine-war") == "ukraine-war"
    assert readable_part("https://news.example/") == "news.example"
    assert safe_id("https://news.example/p/caf%C3%A9").startswith("caf-")
    assert safe_id("#") .startswith("item-")
    assert safe_id("x" * 500) == safe_id("x" * 500)


@given(st.text(min_size=1, max_size=300))
def test_every_original_maps_to_a_valid_stable_id(original: str) -> None:
    out = safe_id(original)
    assert re.fullmatch(_ID_PATTERN, out), out
    assert safe_id(original) == out

