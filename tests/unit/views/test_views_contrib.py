"""The shared reducer: apply is idempotent, commutative and never mutates."""

from __future__ import annotations

import copy
import itertools

import orjson
import pytest

from streams.views.contrib import Contribution, apply, is_empty, live_records


def contrib(entry: str, stamp: tuple[str, int, int], best: int | None = 1) -> Contribution:
    items = () if best is None else ({"entry_id": entry, "metric": "killed", "best": best, "span": [0, 3]},)
    return Contribution(
        view="casualties", key="UA-63/2024-10-02/drone", entry_key=f"b/{entry}", stamp=stamp, items=items
    )


T1 = ("2024-10-02T10:00:00Z", 0, 5)
T2 = ("2024-10-02T10:05:00Z", 0, 9)
T3 = ("2024-10-02T10:05:00Z", 1, 2)


def test_apply_to_nothing_creates_the_entry_record() -> None:
    s = apply(None, contrib("e1", T1, 3))
    assert s == {
        "entries": {
            "b/e1": {"stamp": list(T1), "items": [{"entry_id": "e1", "metric": "killed", "best": 3, "span": [0, 3]}]}
        }
    }


def test_apply_twice_equals_once() -> None:
    c = contrib("e1", T1, 3)
    once = apply(None, c)
    assert apply(once, c) == once
    assert apply(apply(apply(None, c), c), c) == once


def test_apply_does_not_mutate_its_input() -> None:
    s = apply(None, contrib("e1", T1, 3))
    snapshot = copy.deepcopy(s)
    apply(s, contrib("e2", T2, 4))
    apply(s, contrib("e1", T2, 7))
    apply(s, contrib("e1", T2, None))
    assert s == snapshot


def test_newer_stamp_replaces_older_does_not() -> None:
    s = apply(apply(None, contrib("e1", T1, 3)), contrib("e1", T2, 132))
    assert s["entries"]["b/e1"]["items"][0]["best"] == 132
    s2 = apply(s, contrib("e1", T1, 3))  # the old contribution delivered again
    assert s2 == s


def test_stamps_compare_as_tuples_published_then_partition_then_offset() -> None:
    s = apply(apply(None, contrib("e1", T3, 2)), contrib("e1", T2, 1))
    assert s["entries"]["b/e1"]["stamp"] == list(T3)


def test_tombstone_keeps_stamp_and_blocks_resurrection() -> None:
    s = apply(apply(None, contrib("e1", T1, 3)), contrib("e1", T2, None))
    assert is_empty(s)
    assert s["entries"]["b/e1"] == {"stamp": list(T2), "items": []}
    assert is_empty(apply(s, contrib("e1", T1, 3)))


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))))
def test_result_is_a_function_of_the_set_of_contributions(order: tuple[int, ...]) -> None:
    cs = [contrib("e1", T1, 3), contrib("e1", T2, None), contrib("e2", T1, 5), contrib("e2", T3, 8)]
    s = None
    for i in order:
        s = apply(s, cs[i])
    assert s is not None
    assert {k: (r["stamp"], r["items"]) for k, r in s["entries"].items()} == {
        "b/e1": (list(T2), []),
        "b/e2": (list(T3), [cs[3].items[0]]),
    }
    assert [r[0] for r in live_records(s)] == ["b/e2"]


def test_is_empty() -> None:
    assert is_empty(None)
    assert is_empty({"entries": {}})
    assert not is_empty(apply(None, contrib("e1", T1, 0)))


def test_json_round_trip_through_orjson() -> None:
    c = contrib("e1", T2, 12)
    wire = orjson.dumps(c.to_json())
    back = Contribution.from_json(orjson.loads(wire))
    assert back == c
    assert back.stamp == T2 and isinstance(back.stamp, tuple)
    assert apply(None, back) == apply(None, c)
    tomb = contrib("e1", T2, None)
    assert Contribution.from_json(orjson.loads(orjson.dumps(tomb.to_json()))).is_tombstone


def test_state_survives_an_orjson_round_trip() -> None:
    s = apply(apply(None, contrib("e1", T1, 3)), contrib("e2", T2, 4))
    stored = orjson.loads(orjson.dumps(s))
    assert stored == s
    assert apply(stored, contrib("e1", T3, 9)) == apply(s, contrib("e1", T3, 9))
