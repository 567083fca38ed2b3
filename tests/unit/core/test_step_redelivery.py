"""A batch read again after a kill plans against the index its first run wrote.

faust writes the local store at once, so the redelivered batch meets its own later events in the
index. An older event then plans tombstones for the keys its correction touched: safe for the views
(the older stamp loses) but no part of the entry's history, so it is marked not ``current`` and the
lineage leaves it out.
"""

from __future__ import annotations

from schemas.facts import Fact
from streams.core.records import EntryFacts, Position
from streams.core.step import step


def event(offset: int, event_type: str, facts: tuple[Fact, ...]) -> EntryFacts:
    return EntryFacts(
        blog_id="b",
        entry_id="e1",
        event_id=f"ev{offset}",
        event_type=event_type,
        published_at=f"2024-11-20T10:00:{offset:02d}.000000Z",
        occurred_at="2024-11-20T08:00:00.000000Z",
        position=Position("entries", 0, offset),
        facts=facts,
        text="",
        extractor_version="test",
    )


KHARKIV = Fact(metric="killed", best=3, place="Kharkiv", region_code="UA-63", country="UA")
SUMY = Fact(metric="killed", best=3, place="Sumy", region_code="UA-59", country="UA")


def test_a_redelivered_publish_behind_its_correction_is_not_current() -> None:
    publish = event(1, "entry.published", (KHARKIV,))
    correction = event(2, "entry.corrected", (SUMY,))
    first = step({}, [publish, correction])
    assert [p.current for p in first.planned] == [True, True]

    again = step(first.index, [publish, correction])
    assert [p.current for p in again.planned] == [False, True]
    stale_keys = {c.key for c in again.planned[0].contributions if c.view == "casualties"}
    assert any(k.startswith("UA-59/") for k in stale_keys), "what the stale plan would have recorded"
    assert again.index == {"b/e1": first.index["b/e1"]}, "the index stays at the correction"
