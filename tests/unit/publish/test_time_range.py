"""A time with no UTC form is a rejected line, never an OverflowError.

"0001-01-01T00:00:00+05:00" and "9999-12-31T23:59:59-05:00" parse, but every stored time is
written in UTC, where they fall outside the years 1 to 9999. A source time overflowed inside
validation (the error escaped ``parse_request``: the CLI crashed, the API answered 500); an
``occurred_at`` was accepted and overflowed later when its envelope was written, which failed
every request of its transaction.
"""

from __future__ import annotations

import orjson
import pytest

from liveledger.publish.batch import read_requests
from liveledger.publish.publisher import Publisher
from liveledger.publish.requests import InputError, parse_line
from liveledger.settings import Settings

_OUTSIDE = ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"]


def _line(**extra: str) -> bytes:
    return orjson.dumps({"entry_id": "e1", "blog_id": "b", "body": "Three were killed.", **extra})


@pytest.mark.parametrize("field", ["occurred_at", "source_published_at", "source_updated_at"])
@pytest.mark.parametrize("when", _OUTSIDE)
def test_a_time_outside_utc_years_is_a_rejected_line(field: str, when: str) -> None:
    with pytest.raises(InputError, match=f"line 4: .*{field}.* lies outside the years 1 to 9999 in UTC"):
        parse_line(_line(**{field: when}), 4, 100_000)
    good, rejected = read_requests([_line(occurred_at="2024-11-20T06:00:00+05:00"), _line(**{field: when})], 100_000)
    assert [n for n, _ in good] == [1] and [r["line"] for r in rejected] == [2]


def test_times_at_the_edges_of_utc_are_taken_and_written() -> None:
    req = parse_line(
        _line(occurred_at="0001-01-01T05:00:00+05:00", source_published_at="2024-11-20T06:00:00Z"), 1, 100_000
    )
    assert req is not None
    outcome, record = Publisher(Settings())._decide(req)
    assert outcome.status == "published" and record is not None
    assert orjson.loads(record.raw)["occurred_at"] == "0001-01-01T00:00:00.000000Z"
