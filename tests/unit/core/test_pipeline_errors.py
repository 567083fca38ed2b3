"""``entry_facts`` raises when the extractor does: an error is never an entry without facts."""

from __future__ import annotations

import pytest

from schemas.facts import Fact
from streams.core.pipeline import entry_facts
from streams.core.records import Position
from streams.extract import ExtractionError
from tests.unit.log_builders import killed, published, retracted

POSITION = Position("liveledger.entries", 0, 7)


def broken(title: str, body: str) -> list[Fact]:
    raise KeyError("no such gazetteer entry")


def test_a_custom_extractor_error_becomes_an_extraction_error_naming_the_version() -> None:
    event = published("e1", "Three people were killed.", [killed(3)], n=1)
    with pytest.raises(ExtractionError) as info:
        entry_facts(event, POSITION, broken, "test-7")
    assert isinstance(info.value.__cause__, KeyError)
    assert info.value.extractor_version == "test-7"
    assert str(info.value).startswith("extractor test-7 failed: KeyError: 'no such gazetteer entry'.")
    assert "liveledger audit rederive" in str(info.value)


def test_an_extraction_error_passes_through_unwrapped() -> None:
    original = ExtractionError.of("2026.1.0", ValueError("bad span"))

    def raising(title: str, body: str) -> list[Fact]:
        raise original

    with pytest.raises(ExtractionError) as info:
        entry_facts(published("e1", "text", n=1), POSITION, raising, "other")
    assert info.value is original


def test_editor_figures_do_not_hide_a_failing_extractor() -> None:
    with pytest.raises(ExtractionError):
        entry_facts(published("e1", "Three killed.", [killed(3)], n=1), POSITION, broken, "test-7")


def test_a_retraction_needs_no_extractor() -> None:
    ef = entry_facts(retracted("e1", n=2), POSITION, broken, "test-7")
    assert ef.retracted and ef.facts == ()
