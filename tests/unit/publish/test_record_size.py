"""An event too large for the log is refused alone, before the index takes it in.

Kafka refuses a whole transaction when one of its records is over the limit, so before this check
one such request failed every request sent with it, and again on each of the 40 retries, until the
publisher gave up broken (``tests/integration/test_publish.py`` shows the others go through).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from liveledger.publish.errors import RecordTooLarge
from liveledger.publish.publisher import Publisher
from liveledger.publish.requests import parse_request
from liveledger.publish.sender import MAX_EVENT_BYTES
from liveledger.settings import Settings


def test_an_event_over_the_record_limit_is_refused_and_not_indexed() -> None:
    pub = Publisher(Settings(), clock=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    huge = parse_request({"entry_id": "big", "blog_id": "b", "body": "x" * MAX_EVENT_BYTES}, 1, 2 * MAX_EVENT_BYTES)
    with pytest.raises(RecordTooLarge, match="entry 'big' of blog 'b': its event is 10"):
        pub._decide(huge)
    assert pub.index.events == 0 and pub.index.entry("b", "big") is None
    fits = parse_request({"entry_id": "big", "blog_id": "b", "body": "x" * (MAX_EVENT_BYTES - 999)}, 1, 10**7)
    outcome, record = pub._decide(fits)
    assert outcome.status == "published" and record is not None and len(record.raw) <= MAX_EVENT_BYTES
