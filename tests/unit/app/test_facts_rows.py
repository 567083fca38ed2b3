"""Items in a facts record of format 3: packed without their event's provenance, unpacked exactly."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from streams.app.facts_rows import Context, pack_item, unpack_item
from streams.core.history import SOURCE_ITEM_FIELDS
from streams.core.timeline import FACT_FIELDS, TIMELINE, TIMELINE_FIELDS
from streams.views.routing import ITEM_FIELDS

CTX = Context("e1", "blog-ua", "ev-1", "2024-11-20T10:00:00.000000Z", "2024-11-20T08:00:00.000000Z", "entries", 2, 41)


def fact_item(**extra: Any) -> dict[str, Any]:
    item = dict.fromkeys(ITEM_FIELDS) | {
        "entry_id": "e1", "blog_id": "blog-ua", "event_id": "ev-1", "published_at": CTX.published_at,
        "occurred_at": CTX.occurred_at, "day": "2024-11-20", "position": CTX.position(), "span": [3, 9], "seq": 2,
        "metric": "killed", "low": 4, "best": 4, "cumulative": False, "place": "Sumy", "region_code": "UA-59",
        "extractor_version": "editor",
    }  # fmt: skip
    return item | extra


def timeline_item(text: str) -> dict[str, Any]:
    fact = dict(zip(FACT_FIELDS, ["killed", None, 4, None, "exact", "Sumy", "UA-59", None, [0, 4]], strict=True))
    return {
        "blog_id": "blog-ua", "entry_id": "e1", "event_type": "entry.corrected", "published_at": CTX.published_at,
        "occurred_at": CTX.occurred_at, "source_published_at": None, "source_updated_at": "2024-11-20T09:00:00Z",
        "title": "Sumy", "text": text, "facts": [fact],
    }  # fmt: skip


def round_trip(view: str, item: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    packed = orjson.loads(orjson.dumps(pack_item(view, CTX, item)))  # through the wire, as a record carries it
    return packed, unpack_item(view, CTX, packed)


@pytest.mark.parametrize(
    "item",
    [fact_item(), fact_item(source_published_at="2024-11-20T07:00:00Z"), fact_item(extractor_version="2026.12.4")],
)
def test_a_fact_item_of_its_event_is_packed_to_its_own_values_and_comes_back_exactly(item: dict[str, Any]) -> None:
    packed, back = round_trip("casualties", item)
    assert isinstance(packed, list) and len(packed) == len(item) - 6  # no ids, times or position
    assert back == item and list(back) == list(item)  # the same fields in the same order
    assert list(back) == list(ITEM_FIELDS if len(item) == len(ITEM_FIELDS) else SOURCE_ITEM_FIELDS)


@pytest.mark.parametrize(
    "item",
    [
        fact_item(event_id="ev-other"),  # provenance that is not its event's
        fact_item(position={"topic": "other", "partition": 2, "offset": 41}),
        {k: v for k, v in fact_item().items() if k != "seq"},  # other fields
        {"n": 1},
    ],
)
def test_any_other_item_is_carried_as_it_is(item: dict[str, Any]) -> None:
    packed, back = round_trip("strikes", item)
    assert packed == item and back == item


@pytest.mark.parametrize("text", ["Sumy\n\nFour were killed.", "Four were killed in Sumy.", ""])
def test_the_timeline_item_leaves_out_its_ids_and_the_title_at_the_head_of_its_text(text: str) -> None:
    item = timeline_item(text)
    packed, back = round_trip(TIMELINE, item)
    assert isinstance(packed, list) and "Sumy\n\n" not in orjson.dumps(packed).decode()
    assert back == item and list(back) == list(TIMELINE_FIELDS) and list(back["facts"][0]) == list(FACT_FIELDS)


def test_a_timeline_item_of_another_shape_is_carried_as_it_is() -> None:
    item = timeline_item("x") | {"entry_id": "e2"}
    assert round_trip(TIMELINE, item) == (item, item)


@pytest.mark.parametrize("junk", [[1, 2, 3], "text", 7, None])
def test_a_packed_item_that_is_not_one_is_refused(junk: Any) -> None:
    with pytest.raises(ValueError):
        unpack_item("casualties", CTX, junk)
    with pytest.raises(ValueError):
        unpack_item(TIMELINE, CTX, junk)
