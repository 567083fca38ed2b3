"""The publisher seals envelopes from the request, without building the domain event.

What it writes must be the very bytes the mapper (``schemas.codec.encode``) writes for the event,
and the digest it keeps must be the one the index computes from the event read back: otherwise a
restart would see an entry it published as "already published with different content".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from liveledger.publish.index import content_digest
from liveledger.publish.publisher import Outcome, Publisher
from liveledger.publish.requests import Request, parse_request
from liveledger.settings import Settings
from schemas.codec import decode, encode
from schemas.envelope import GENESIS_HASH

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=3))])
_WHEN = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1), timezones=_ZONES)
_FIGURE = st.fixed_dictionaries(
    {"metric": st.sampled_from(["killed", "injured", "strikes"]), "best": st.integers(0, 10_000)},
    optional={"region_code": st.sampled_from(["UA-63", "SD-DN"]), "claimant": _TEXT},
)
_CONTENT = st.fixed_dictionaries(
    {"body": _TEXT.filter(bool)},
    optional={
        "title": _TEXT,
        "occurred_at": _WHEN.map(lambda d: d.isoformat()),
        "source_url": st.just("https://example.org/post"),
        "author": _TEXT,
        "figures": st.lists(_FIGURE, max_size=2),
        "source_published_at": _WHEN.map(lambda d: d.isoformat()),
        "source_updated_at": _WHEN.map(lambda d: d.isoformat()),
    },
)

_NOW = datetime(2031, 1, 1, tzinfo=UTC)  # after every source time: none is refused as in the future


def _req(doc: dict[str, Any]) -> Request:
    return parse_request(doc, 1, 100_000)


def _written(pub: Publisher, req: Request) -> tuple[Outcome, bytes]:
    prev = pub.index.head(req.blog_id).hash
    outcome, append = pub._decide(req)
    assert append is not None and outcome.published_at is not None
    at = datetime.fromisoformat(outcome.published_at)
    expected, link = encode(pub._to_event(req, at, outcome.event_id), prev)
    assert append.raw == expected  # the mapper's bytes, byte for byte
    assert pub.index.head(req.blog_id).hash == link
    return outcome, append.raw


def _digest_read_back(raw: bytes) -> str:
    _, event = decode(raw)
    return content_digest(event)


@settings(max_examples=60, deadline=None)
@given(first=_CONTENT, second=_CONTENT, reason=_TEXT.filter(str.strip))
def test_sealed_bytes_and_digests_equal_the_mappers(first: dict[str, Any], second: dict[str, Any], reason: str) -> None:
    pub = Publisher(Settings(), clock=lambda: _NOW)
    ids = {"entry_id": "e1", "blog_id": "b1"}
    new = _req({**first, **ids})
    _, raw = _written(pub, new)
    state = pub.index.entry("b1", "e1")
    assert state is not None and state.published_digest == _digest_read_back(raw)
    assert pub._decide(new)[0].status == "duplicate"  # the same request again is recognised

    corr = _req({**second, **ids, "type": "correction"})
    _, raw = _written(pub, corr)
    state = pub.index.entry("b1", "e1")
    assert state is not None and _digest_read_back(raw) in state.correction_digests

    _, raw = _written(pub, _req({**ids, "type": "retraction", "reason": reason}))
    assert decode(raw)[0].prev_hash != GENESIS_HASH
    state = pub.index.entry("b1", "e1")
    assert state is not None and state.retracted
