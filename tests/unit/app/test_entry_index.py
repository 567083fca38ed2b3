"""The entry index keeps each entry's latest stamp; its keys are read from the lineage event row of that stamp.

The lineage event row holds the view keys its event contributes to (folded rows, ``"k"``), so the
entry index need not repeat them (some 150 B an entry). The keys read back must be exactly what
the pure step planned, for any order of publications, corrections and retractions; a record of
an older worker (keys included) must still read; and an index that names an event the lineage
lacks is an error that says what to do, never an empty set of keys.
"""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from hypothesis import HealthCheck, given, settings

from streams.app.lineage import LineageRows
from streams.app.lineage_ops import known_of, record_batch, store_known
from streams.core.records import EntryFacts
from streams.core.step import Known, step
from tests.unit.api.test_asof_cache import MemTable, partitions


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partitions())
def test_keys_read_from_the_lineage_equal_the_planned_keys(events: list[EntryFacts]) -> None:
    generation: Hashable = 1
    rows = LineageRows(MemTable(), lambda: generation)
    index: dict[str, Known] = {}
    stored: dict[str, dict[str, object]] = {}
    for ef in events:
        known = {ef.entry_key: known_of(stored[ef.entry_key], rows, ef.entry_key)} if ef.entry_key in stored else {}
        assert known == {k: v for k, v in index.items() if k == ef.entry_key}  # what the worker plans against
        result = step(known, [ef])
        index.update(result.index)
        for key, new in result.index.items():
            stored[key] = store_known(new, rows)
            assert "keys" not in stored[key]
        record_batch(rows, [(p.entry, p.contributions, None) for p in result.planned if p.current])
    for key, known in index.items():
        assert known_of(stored[key], rows, key) == known
        assert known_of(known.to_json(), rows, key) == known  # an older worker's record, keys included
        assert known_of(known.to_json(), None, key) == known  # a worker without lineage


def test_an_index_record_whose_event_the_lineage_lacks_is_an_error_with_what_to_do() -> None:
    generation: Hashable = 1
    rows = LineageRows(MemTable(), lambda: generation)
    with pytest.raises(ValueError, match="new LIVELEDGER_APP_ID"):
        known_of({"stamp": ["2024-11-20T10:00:00Z", 0, 4]}, rows, "b0/e1")


def test_a_missing_row_of_the_event_being_planned_reads_as_that_events_own_keys() -> None:
    """A kill between an older worker's index write and its lineage write: the redelivered event (or an
    older one of its entry) plans against its own keys; a newer event cannot, its tombstones are unknown."""
    from streams.core.lineage import IndexAhead, index_keys
    from streams.core.records import Position
    from streams.views.routing import plan
    from tests.unit.log_builders import killed

    def event(offset: int, region: str) -> EntryFacts:
        fact = killed(3, place="somewhere", region_code=region, country="UA")
        return EntryFacts("b0", "e1", f"ev{offset}", "entry.published", f"2024-11-20T10:00:0{offset}Z", None,
                          Position("entries", 0, offset), (fact,), "text", "v1")  # fmt: skip

    first, second, third = event(1, "UA-63"), event(2, "UA-59"), event(3, "UA-46")
    generation: Hashable = 1
    rows = LineageRows(MemTable(), lambda: generation)
    doc = {"stamp": list(second.stamp)}  # the index names the second event; the lineage has no row of it
    own = plan(second, {})[1]
    assert own and known_of(doc, rows, "b0/e1", planning=second).keys == own
    assert known_of(doc, rows, "b0/e1", planning=first).keys == plan(first, {})[1]
    with pytest.raises(IndexAhead, match="new LIVELEDGER_APP_ID"):
        known_of(doc, rows, "b0/e1", planning=third)
    assert index_keys(second.stamp, third, {"casualties": ["k"]}) == {"casualties": ["k"]}  # a row read as it is
