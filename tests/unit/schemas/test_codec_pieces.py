"""The envelope built from serialized pieces is the envelope of the mapping, byte for byte.

``content_bytes`` and ``seal_content`` (the publisher's path) must give what ``orjson.dumps`` of the
content fields and ``seal`` (the mapping, sorted, hashed by ``schemas.envelope.chain_hash``) give,
for any ids, times and payloads; ``format_time`` must give what ``isoformat`` gives.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.codec import content_bytes, fields_of, format_time, seal, seal_content
from schemas.envelope import GENESIS_HASH, chain_hash
from schemas.events import CURRENT_VERSIONS

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_ZONES = st.sampled_from(
    [UTC, timezone(timedelta(0)), timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=11))]
)
_WHEN = st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31), timezones=_ZONES)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
_PAYLOAD = st.dictionaries(_TEXT, _JSON, max_size=5)


def _old_format_time(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@settings(max_examples=300, deadline=None)
@given(when=_WHEN)
def test_format_time_is_isoformat_in_utc_with_a_z(when: datetime) -> None:
    assert format_time(when) == _old_format_time(when)


def test_format_time_of_the_first_and_last_years() -> None:
    for when in (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)):
        assert format_time(when) == _old_format_time(when)


@settings(max_examples=300, deadline=None)
@given(
    event_type=st.sampled_from(sorted(CURRENT_VERSIONS)),
    blog_id=_TEXT,
    entry_id=_TEXT,
    occurred_at=st.none() | _WHEN,
    payload=_PAYLOAD,
    event_id=_TEXT,
    published_at=_WHEN,
    prev_hash=st.sampled_from([GENESIS_HASH, "ab" * 32]),
)
def test_pieces_seal_the_bytes_of_the_mapping(
    event_type: str,
    blog_id: str,
    entry_id: str,
    occurred_at: datetime | None,
    payload: dict[str, Any],
    event_id: str,
    published_at: datetime,
    prev_hash: str,
) -> None:
    fields = fields_of(event_type, blog_id, entry_id, occurred_at, payload)
    content = content_bytes(event_type, blog_id, entry_id, occurred_at, payload)
    assert content.digest_input() == orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)
    at = format_time(published_at)
    raw, link = seal_content(content, event_id, at, prev_hash)
    assert (raw, link) == seal(fields, event_id, at, prev_hash)
    doc = orjson.loads(raw)
    assert doc["hash"] == link == chain_hash(doc)  # what replay checks
