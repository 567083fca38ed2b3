from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from schemas.events import EntryContent, EntryPublished
from schemas.facts import FLAT_FIELDS, Fact, entry_text
from schemas.generate import OUT_DIR, documents, render


def test_fact_needs_a_value_and_ordered_bounds() -> None:
    with pytest.raises(ValidationError, match="at least one of low, best, high"):
        Fact(metric="killed")
    with pytest.raises(ValidationError, match="greater than high"):
        Fact(metric="killed", low=10, high=3)
    with pytest.raises(ValidationError, match="metric"):
        Fact.model_validate({"metric": "deaths", "best": 1})
    with pytest.raises(ValidationError, match="region_code"):
        Fact(metric="killed", best=1, region_code="Kharkiv")


def test_flat_form_has_the_contract_fields_in_order() -> None:
    f = Fact(metric="drones_downed", best=83, claimant="Russian defence ministry", relay="TASS", span=(10, 19))
    flat = f.to_flat("e1")
    assert tuple(flat) == FLAT_FIELDS
    assert flat["span"] == [10, 19] and flat["entry_id"] == "e1"
    assert f.point == 83


def test_entry_text_joins_title_and_body() -> None:
    assert entry_text("Head", "Body") == "Head\n\nBody"
    assert entry_text("", "Body") == "Body"


def test_control_characters_and_naive_times_are_rejected() -> None:
    with pytest.raises(ValidationError, match="control character U\\+0000 at position 2"):
        EntryContent(body="ab\x00c")
    with pytest.raises(ValidationError, match="timezone"):
        EntryPublished(
            event_id="e",
            blog_id="b",
            entry_id="x",
            published_at=datetime(2024, 1, 1),  # a naive time: the point of the test
            content=EntryContent(body="x"),
        )
    assert EntryContent(body="line one\nline two\ttab").body.startswith("line one")


def test_json_schema_files_are_current() -> None:
    """Fails when a model changed without `python -m schemas.generate`."""
    docs = documents()
    assert {"entry.published.v3.json", "entry.corrected.v2.json", "entry.retracted.v1.json"} <= set(docs)
    for name, doc in docs.items():
        path = OUT_DIR / name
        assert path.exists(), f"{path} is missing: run python -m schemas.generate"
        assert path.read_bytes() == render(doc), f"{path} is stale: run python -m schemas.generate"
