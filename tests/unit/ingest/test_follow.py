"""Comparing two readings of a source: new, changed, removed from between neighbours, dropped off an edge."""

from __future__ import annotations

from streams.ingest.follow import compare
from streams.ingest.model import Record


def r(entry_id: str, body: str = "same") -> Record:
    return Record(f"item {entry_id}", {"entry_id": entry_id, "blog_id": "b", "body": body})


def ids(records: list[Record]) -> list[str]:
    return [x.entry_id for x in records]


def test_a_first_reading_is_all_new() -> None:
    c = compare(None, [r("a"), r("b")])
    assert ids(c.new) == ["a", "b"] and not (c.changed or c.removed or c.dropped or c.unchanged)


def test_edited_removed_and_added_between_two_readings() -> None:
    before = [r("p5"), r("p4"), r("p3"), r("p2"), r("p1")]  # newest first, as live pages list them
    after = [r("p6"), r("p5"), r("p4", "edited text"), r("p2"), r("p1")]
    c = compare(before, after)
    assert ids(c.new) == ["p6"]
    assert ids(c.changed) == ["p4"] and c.changed[0].request["body"] == "edited text"
    assert ids(c.unchanged) == ["p5", "p2", "p1"]
    assert ids(c.removed) == ["p3"] and not c.dropped


def test_posts_that_scroll_out_of_the_window_are_dropped_never_retracted() -> None:
    before = [r("p5"), r("p4"), r("p3"), r("p2"), r("p1")]
    c = compare(before, [r("p7"), r("p6"), r("p5"), r("p4"), r("p3")])  # the two oldest fell off the page
    assert ids(c.dropped) == ["p2", "p1"] and not c.removed
    c = compare(before, [r("p3"), r("p2"), r("p1")])  # a window from the other side
    assert ids(c.dropped) == ["p5", "p4"] and not c.removed


def test_a_reading_that_lists_nothing_known_retracts_nothing() -> None:
    c = compare([r("a"), r("b"), r("c")], [r("x")])
    assert ids(c.dropped) == ["a", "b", "c"] and not c.removed and ids(c.new) == ["x"]


def test_several_removed_between_survivors() -> None:
    before = [r(x) for x in "abcdef"]
    c = compare(before, [r("a"), r("d"), r("f")])
    assert ids(c.removed) == ["b", "c", "e"] and not c.dropped
