"""``--as-of`` (and the API's ``as_of``) outside what UTC can write is a BadCutoff, not an OverflowError.

A moment in the year 9999 west of UTC, or in the year 1 east of it, parses, but converting it to
UTC overflows: the OverflowError escaped ``replay --as-of`` as a crash and the API as a 500.
"""

from __future__ import annotations

import pytest

from liveledger.api.asof import parse_moment
from replay.errors import BadCutoff
from replay.rebuild import parse_as_of
from streams.query.documents import QueryError


@pytest.mark.parametrize("text", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_a_moment_utc_cannot_write_is_a_bad_cutoff(text: str) -> None:
    with pytest.raises(BadCutoff, match="outside the years 1 to 9999"):
        parse_as_of(text)
    with pytest.raises(QueryError, match="as_of: "):
        parse_moment(text)


def test_moments_at_the_edges_that_utc_can_write() -> None:
    assert parse_as_of("9999-12-31T23:59:59+00:00") == "9999-12-31T23:59:59.000000Z"
    assert parse_as_of("0001-01-01T05:00:00+05:00") == "0001-01-01T00:00:00.000000Z"
    assert parse_as_of("2024-11-20") == "2024-11-20T23:59:59.999999Z"


def test_an_event_time_with_no_utc_form_is_an_unreadable_record_not_a_crash() -> None:
    """A record whose published time has no UTC form is refused where it is decoded, naming the field
    (the worker dead-letters it at stage decode): replay crashed with its OverflowError."""
    from replay.source import decode_record
    from schemas.codec import seal
    from schemas.envelope import GENESIS_HASH
    from streams.core.records import Position

    fields = {"type": "entry.published", "blog_id": "b", "entry_id": "e", "occurred_at": None, "payload": {"body": "x"}}
    raw, _ = seal(fields, "ev-1", "0001-01-01T00:00:00+05:00", GENESIS_HASH)
    rec = decode_record(Position("entries", 0, 0), b"b", raw)
    assert rec.event is None
    assert rec.error is not None and "0001-01-01T00:00:00+05:00 lies outside the years 1 to 9999 in UTC" in rec.error
