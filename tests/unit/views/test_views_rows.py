"""View state as rows: one row per (state key, entry); folding rows gives the states ``apply`` gives,
and a row's size depends on its entry only, never on how many entries share the key."""

from __future__ import annotations

import dataclasses
import random

import orjson
import pytest

from schemas.facts import Fact
from streams.core.viewset import ViewSet
from streams.views.contrib import Contribution, State, apply
from streams.views.limits import RecordTooLarge, check_size
from streams.views.render import render_all
from streams.views.routing import plan
from streams.views.rows import apply_row, group_rows, row_key, split_row_key
from tests.unit.views.views_builders import event

KEY = "UA-63/2024-11-20"


def contrib(entry: str, second: int, best: int, offset: int = 0) -> Contribution:
    stamp = (f"2024-11-20T10:{second // 60:02d}:{second % 60:02d}.000000Z", 0, offset)
    return Contribution("casualties", KEY, f"b/{entry}", stamp, ({"best": best},) if best >= 0 else ())


def test_a_row_key_splits_back_into_its_state_key_and_entry_key() -> None:
    for state, entry in [(KEY, "b/e1"), ("gov|killed|people|2024-11|UA-63", "blog-ua/e-7"), ("b/e1", "b/e1")]:
        assert split_row_key(row_key(state, entry)) == (state, entry)
    with pytest.raises(ValueError, match="not a view row key"):
        split_row_key(b"UA-63/2024-11-20")


def test_folding_rows_gives_the_state_apply_gives_in_any_order_with_redeliveries() -> None:
    rng = random.Random(7)
    cs = [contrib(f"e{i % 9}", i, rng.randrange(-1, 50), offset=i) for i in range(120)]
    expected: State | None = None
    for c in cs:
        expected = apply(expected, c)
    for _ in range(5):
        shuffled = cs + rng.sample(cs, 40)  # some delivered twice
        rng.shuffle(shuffled)
        rows: dict[bytes, dict[str, object]] = {}
        writes = 0
        for c in shuffled:
            key = row_key(c.key, c.entry_key)
            record = apply_row(rows.get(key), c)  # type: ignore[arg-type]
            if record is not None:
                rows[key] = record
                writes += 1
        assert group_rows(rows.items()) == {KEY: expected}  # type: ignore[arg-type]
        assert writes <= len(shuffled) - 40, "a repeated contribution writes nothing"


def test_a_rows_size_does_not_grow_with_the_keys_history() -> None:
    """The record a write stores (what its changelog record carries) is the entry's own, however old the key."""
    rows: dict[bytes, dict[str, object]] = {}
    sizes = []
    for i in range(2000):
        c = contrib(f"e{i:05d}", i % 3600, 10 + i % 7, offset=i)
        record = apply_row(None, c)
        assert record is not None
        rows[row_key(c.key, c.entry_key)] = record
        sizes.append(len(orjson.dumps(record)))
    # only the offset's digits differ (0 .. 1999): the 2,000th write stores what the first one did
    assert max(sizes) - min(sizes) <= 3, "a row's size does not grow with the key's history"
    assert len(group_rows(rows.items())[KEY]["entries"]) == 2000  # type: ignore[arg-type]


def test_viewset_hot_key_keeps_every_entry_and_renders_the_latest() -> None:
    views = ViewSet()
    where = {"place": "Odesa", "region_code": "UA-51", "country": "UA", "claimant": "governor"}
    for i in range(3000):
        fact = Fact(metric="killed", best=i + 1, **where)
        views.apply_entry(
            event(
                f"e{i}",
                [fact],
                published_at=f"2024-11-20T{10 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z",
                offset=i,
            )
        )
    state = views.state("casualties", "UA-51/2024-11-20/unspecified")
    assert state is not None and len(state["entries"]) == 3000
    [doc] = render_all("casualties", "UA-51/2024-11-20", state)
    assert doc["metrics"]["killed"]["best"] == 3000 and len(doc["entries"]) == 3000


def test_a_contribution_over_the_limit_is_refused_before_anything_is_applied() -> None:
    views = ViewSet(max_record_bytes=2000)
    small = event(
        "e1", [Fact(metric="killed", best=2, region_code="UA-63")], published_at="2024-11-20T10:00:00Z", offset=0
    )
    many = [Fact(metric="killed", best=n, region_code="UA-63", claimant=f"claimant {n}") for n in range(40)]
    big = event("e2", many, published_at="2024-11-20T10:00:01Z", offset=1)
    views.apply_entry(small)
    before = views.document("casualties")
    with pytest.raises(
        RecordTooLarge, match=r"entry blog-ua/e2: its contribution to casualties key 'UA-63/2024-11-20'"
    ):
        views.apply_entry(big)
    assert views.document("casualties") == before, "nothing of the refused entry was applied"
    assert views.entry_keys("blog-ua/e2") == {}
    cs, _ = plan(big, {})
    with pytest.raises(RecordTooLarge) as err:
        check_size(cs[0], 2000)
    assert err.value.size > 2000 and err.value.limit == 2000


def test_a_packed_row_unpacks_to_the_record_and_is_smaller() -> None:
    from streams.views.routing import ITEM_FIELDS, route
    from streams.views.rows import pack, unpack

    where = {"region_code": "UA-63", "country": "UA", "place": "Kharkiv"}
    facts = [
        Fact(metric="killed", best=3, claimant="governor", weapon="guided bomb", span=(0, 7), **where),
        Fact(metric="injured", low=10, high=12, claimant="governor", span=(9, 20), **where),
        Fact(metric="drones_downed", best=40, claimant="air force"),
    ]
    ef = event("e1", facts, published_at="2024-11-20T10:00:00Z", offset=5, occurred_at="2024-11-20T08:00:00Z")
    for c in route(ef):
        assert all(tuple(it) == ITEM_FIELDS for it in c.items), "fact_item makes exactly ITEM_FIELDS"
        record = apply_row(None, c)
        assert record is not None
        stored = pack(record, ITEM_FIELDS)
        assert unpack(orjson.loads(orjson.dumps(stored)), ITEM_FIELDS) == record
        assert len(orjson.dumps(stored)) < 0.75 * len(orjson.dumps(record)), c.view
    odd = {"stamp": ["t", 0, 1], "items": [{"entry_id": "e1"}]}  # not the view's fields: stored as it is
    assert pack(odd, ITEM_FIELDS) == odd and unpack(odd, ITEM_FIELDS) == odd
    tombstone = {"stamp": ["t", 0, 2], "items": []}
    assert unpack(pack(tombstone, ITEM_FIELDS), ITEM_FIELDS) == tombstone


def test_rows_keep_their_ids_in_the_entry_key_and_timeline_rows_unpack_to_the_record() -> None:
    from streams.core.timeline import TIMELINE_CODEC, timeline_contribution
    from streams.views.routing import ITEM_FIELDS, route
    from streams.views.rows import item_codec, unpack

    facts = [
        Fact(metric="killed", best=3, claimant="governor", span=(0, 7), region_code="UA-63", country="UA"),
        Fact(metric="strikes", best=1, weapon="drone", span=(9, 20), region_code="UA-63", country="UA"),
    ]
    ef = event("e1", facts, published_at="2024-11-20T10:00:00Z", offset=5, occurred_at="2024-11-20T08:00:00Z")
    codec = item_codec(ITEM_FIELDS)
    for c in route(ef):
        record = apply_row(None, c)
        assert record is not None
        stored = orjson.loads(orjson.dumps(codec.pack(record, c.entry_key)))
        assert stored.get("e") == 1 and codec.unpack(stored, c.entry_key) == record
        with pytest.raises(ValueError, match="read without the entry key"):
            unpack(stored, ITEM_FIELDS)
    tl = timeline_contribution(ef)
    record = apply_row(None, tl)
    assert record is not None
    stored = orjson.loads(orjson.dumps(TIMELINE_CODEC.pack(record, tl.entry_key)))
    assert TIMELINE_CODEC.unpack(stored, tl.entry_key) == record
    assert len(orjson.dumps(stored)) < len(orjson.dumps(record)) - 150, "fact keys, nulls and ids are not stored"
    other = {**stored, "f": "00000000"}
    with pytest.raises(ValueError, match="fact layout"):
        TIMELINE_CODEC.unpack(other, tl.entry_key)
    later = dataclasses.replace(ef, facts=(), retracted=True, position=dataclasses.replace(ef.position, offset=9))
    gone = apply_row(record, timeline_contribution(later))  # a retraction: the tombstone is stored as it is
    assert gone is not None and TIMELINE_CODEC.unpack(TIMELINE_CODEC.pack(gone, tl.entry_key), tl.entry_key) == gone


def _common_by_definition(items: list[dict[str, object]]) -> dict[str, object]:
    """The values ``pack`` keeps once, by their definition: those of the first item, not empty, that
    every other item has equal (the key order is the first item's)."""
    first, rest = items[0], items[1:]
    return {k: v for k, v in first.items() if v is not None and all(it[k] == v for it in rest)}


def test_pack_keeps_once_exactly_the_values_every_item_shares_in_the_first_items_order() -> None:
    from streams.views.rows import _common, pack, unpack

    rng = random.Random(11)
    fields = ("a", "b", "c", "d", "e")
    choices: list[object] = [None, 0, 1, 1.0, True, "x", "y", [1, 2], {"k": 1}]
    for _ in range(400):
        items = [{f: rng.choice(choices) for f in fields} for _ in range(rng.randrange(1, 5))]
        for it in items[1:]:
            if rng.random() < 0.5:
                it.update({k: v for k, v in items[0].items() if rng.random() < 0.7})
        common = _common(items)
        assert list(common.items()) == list(_common_by_definition(items).items())
        if any(type(v) in (bool, float) for it in items for v in it.values()):
            continue  # 1, 1.0 and True are equal, so kept once as the first item's: no round trip to check
        record = {"stamp": ["t", 0, 1], "items": items}
        assert unpack(pack(record, fields), fields) == record
