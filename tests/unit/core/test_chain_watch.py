"""The worker's incremental chain check: the rules of ``audit verify-log``, one record at a time."""

from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from replay.chain import verify_chain
from replay.source import decode_record
from streams.core.chain_watch import ChainWatch
from streams.core.records import Position
from tests.unit.log_builders import BLOG, TOPIC, encoded, published

KEY = BLOG.encode()


def chain(n: int) -> list[bytes]:
    return encoded([published(f"e{i}", f"Entry {i}.", n=i) for i in range(n)])


def watched(raws: list[bytes], offsets: list[int] | None = None) -> ChainWatch:
    watch = ChainWatch()
    for offset, raw in zip(offsets or range(len(raws)), raws, strict=True):
        watch.observe(0, offset, KEY, raw)
    return watch


def test_a_clean_chain_is_verified_to_its_last_offset_from_genesis() -> None:
    s = watched(chain(4)).status()
    assert s["ok"] and s["records"] == 4 and s["problems"] == []
    blog = s["blogs"][BLOG]
    assert (blog["verified_to_offset"], blog["events"], blog["from_genesis"], blog["ok"]) == (3, 4, True, True)


def test_altered_missing_and_reordered_events_are_named_with_their_offset() -> None:
    raws = chain(5)
    doc = orjson.loads(raws[2])
    doc["payload"]["body"] = "Something else."
    altered = orjson.dumps(doc)
    s = watched([raws[0], raws[1], altered, raws[3]]).status()
    assert [(p["kind"], p["offset"]) for p in s["problems"]] == [("altered", 2)]
    assert not s["ok"] and not s["blogs"][BLOG]["ok"]

    s = watched([raws[0], raws[1], raws[3]]).status()  # raws[2] deleted
    assert [(p["kind"], p["offset"]) for p in s["problems"]] == [("missing event", 2)]

    s = watched([raws[0], raws[2], raws[1]]).status()  # swapped
    assert {p["kind"] for p in s["problems"]} >= {"missing event", "reordered or forked"}


def test_redelivery_is_not_a_duplicate_and_a_resumed_worker_anchors_on_what_it_sees_first() -> None:
    raws = chain(4)
    watch = watched(raws[:3])
    watch.observe(0, 1, KEY, raws[1])  # redelivered after a restart: skipped
    watch.observe(0, 3, KEY, raws[3])
    assert watch.status()["ok"] and watch.records == 4

    resumed = watched(raws[2:], offsets=[2, 3]).status()  # committed offset was 2
    assert resumed["ok"], resumed["problems"]
    assert resumed["blogs"][BLOG]["from_genesis"] is False and resumed["blogs"][BLOG]["from_offset"] == 2


def test_unreadable_bytes_are_a_problem_not_an_exception() -> None:
    watch = ChainWatch(max_problems=1)
    watch.observe(0, 0, KEY, None)
    watch.observe(0, 1, KEY, b"[1, 2]")
    s = watch.status()
    assert s["problem_count"] == 2 and [p["kind"] for p in s["problems"]] == ["unreadable"]


def test_a_decode_failure_of_any_type_is_a_problem_not_an_exception() -> None:
    """The entries agent hands over whatever its decode raised; a non-schema error (e.g. a bug, or a
    limit of the JSON parser) must not make the watch decode again and raise, failing the batch."""
    watch = ChainWatch()
    watch.observe(0, 0, KEY, b"{}", ValueError("not a schema error"))
    s = watch.status()
    assert s["problem_count"] == 1 and s["problems"][0]["kind"] == "unreadable"
    assert "not a schema error" in str(s["problems"][0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["keep", "drop", "alter", "repeat", "swap"]), min_size=1, max_size=8))
def test_the_watch_from_offset_zero_finds_what_verify_log_finds(ops: list[str]) -> None:
    raws = chain(len(ops) + 1)
    log: list[bytes] = []
    for i, op in enumerate(ops):
        raw = raws[i]
        if op == "drop":
            continue
        if op == "alter":
            doc = orjson.loads(raw)
            doc["payload"]["body"] = "Changed."
            raw = orjson.dumps(doc)
        log.append(raw)
        if op == "repeat":
            log.append(raw)
        if op == "swap" and len(log) >= 2:
            log[-1], log[-2] = log[-2], log[-1]
    log.append(raws[-1])
    report = verify_chain([decode_record(Position(TOPIC, 0, o), KEY, raw) for o, raw in enumerate(log)])
    status = watched(log).status()
    assert status["problems"] == report.problems
    assert status["ok"] == report.ok


def test_a_partition_back_after_a_rebalance_anchors_again_instead_of_reporting_a_missing_event() -> None:
    raws = chain(6)
    watch = watched(raws[:3])  # offsets 0-2; then the partition went to another worker for 3-4
    stale = watched(raws[:3])
    stale.observe(0, 5, KEY, raws[5])
    assert [p["kind"] for p in stale.status()["problems"]] == ["missing event"], "what a stale head reports"

    watch.forget([0])
    watch.observe(0, 5, KEY, raws[5])
    s = watch.status()
    assert s["ok"], s["problems"]
    blog = s["blogs"][BLOG]
    assert (blog["from_offset"], blog["verified_to_offset"], blog["from_genesis"]) == (5, 5, False)


def test_problems_found_before_a_rebalance_stay_reported() -> None:
    raws = chain(3)
    doc = orjson.loads(raws[1])
    doc["payload"]["body"] = "Changed."
    watch = watched([raws[0], orjson.dumps(doc)])
    watch.forget([0])
    watch.observe(0, 2, KEY, raws[2])
    s = watch.status()
    assert not s["ok"] and [(p["kind"], p["offset"]) for p in s["problems"]] == [("altered", 1)]


def test_a_record_the_consumer_dropped_and_read_again_settles_the_missing_event_it_caused() -> None:
    raws = chain(5)
    watch = watched(raws[:2])
    watch.observe(0, 3, KEY, raws[3])  # offset 2 fetched but dropped unprocessed
    assert [p["kind"] for p in watch.status()["problems"]] == ["missing event"]
    watch.observe(0, 2, KEY, raws[2])  # read again from the committed offset
    watch.observe(0, 3, KEY, raws[3])  # and what follows it, redelivered
    watch.observe(0, 4, KEY, raws[4])
    s = watch.status()
    assert s["ok"] and s["problems"] == [] and s["blogs"][BLOG]["ok"], s["problems"]


def test_a_late_record_that_was_altered_or_truly_elsewhere_settles_nothing() -> None:
    raws = chain(5)
    doc = orjson.loads(raws[2])
    doc["payload"]["body"] = "Changed."
    watch = watched(raws[:2])
    watch.observe(0, 3, KEY, raws[3])
    watch.observe(0, 2, KEY, orjson.dumps(doc))  # same stored hash, content altered
    watch.observe(1, 0, KEY, raws[4])  # another partition
    assert [p["kind"] for p in watch.status()["problems"]] == ["missing event"]
    later = watched(raws[:2])
    later.observe(0, 3, KEY, raws[3])
    later.observe(0, 1, KEY, raws[1])  # a redelivery that is not the missing event
    assert not later.status()["ok"]
