"""The pure parts of the ingest shell: what one reading asks the publisher for, and the poll schedule."""

from __future__ import annotations

from liveledger.ingest.run import MAX_BACKOFF_S, next_delay, plan
from streams.ingest import ParsedSource, Record


def rec(entry_id: str, posted: str | None, body: str = "text") -> Record:
    doc: dict[str, object] = {"entry_id": entry_id, "blog_id": "b", "body": body}
    if posted:
        doc["source_published_at"] = posted
    return Record(f"item {entry_id}", doc)


def test_new_posts_go_oldest_first_and_changes_become_corrections_and_retractions() -> None:
    page = [rec("p3", "2024-11-20T10:00:00.000000Z"), rec("p2", None), rec("p1", "2024-11-20T08:00:00.000000Z")]
    _, todo = plan(ParsedSource("html", "b", None, records=page), None)
    assert [(what, doc["entry_id"]) for what, _, doc in todo] == [("new", "p1"), ("new", "p3"), ("new", "p2")]
    later = [rec("p4", "2024-11-20T11:00:00.000000Z"), page[0], rec("p1", "2024-11-20T08:00:00.000000Z", "edited")]
    changes, todo = plan(ParsedSource("html", "b", None, records=later), page)
    assert [(what, doc["entry_id"]) for what, _, doc in todo] == [
        ("new", "p4"),
        ("correction", "p1"),
        ("retraction", "p2"),
    ]
    assert todo[1][2]["type"] == "correction" and todo[1][2]["body"] == "edited"
    assert todo[2][2] == {"type": "retraction", "entry_id": "p2", "blog_id": "b", "reason": "removed from source"}
    assert [r.entry_id for r in changes.unchanged] == ["p3"]


def test_json_lines_keep_their_own_types() -> None:
    lines = [
        Record("line 1", {"entry_id": "e1", "body": "x"}),
        Record("line 2", {"type": "retraction", "entry_id": "e1"}),
    ]
    _, todo = plan(ParsedSource("jsonl", None, None, records=lines), None)
    assert [what for what, _, _ in todo] == ["new", "retraction"]


def test_polls_never_come_faster_than_the_interval_and_back_off_after_errors() -> None:
    assert next_delay(30, 0) == 30
    assert [next_delay(30, n) for n in (1, 2, 3)] == [60, 120, 240]
    assert next_delay(30, 50) == MAX_BACKOFF_S
    assert next_delay(3600, 3) == 3600, "a long interval is never shortened by the cap"
