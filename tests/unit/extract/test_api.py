"""The public API: ordering, spans, determinism, version, purity, and a failing extractor raising."""

from __future__ import annotations

import subprocess
import sys

import pytest

from schemas.facts import Fact, entry_text
from streams.extract import EXTRACTOR_VERSION, ExtractionError, extract, extract_text

TITLE = "Strike on Kharkiv kills 3, injures 12"
BODY = (
    "Subscribe to our newsletter for more updates.\n\n"
    "At least three people were killed and 12 injured when a guided bomb hit a residential building "
    "in Kharkiv, the regional governor said. Separately, air defences shot down 40 of 55 drones "
    "overnight, the air force said."
)


def test_extract_spans_point_into_entry_text() -> None:
    facts = extract(TITLE, BODY)
    text = entry_text(TITLE, BODY)
    assert facts
    for f in facts:
        assert isinstance(f, Fact)
        assert f.span is not None
        s, e = f.span
        assert 0 <= s < e <= len(text)
        assert f.extractor_version == EXTRACTOR_VERSION
    starts = [f.span[0] for f in facts if f.span]
    assert starts == sorted(starts)
    metrics = {(f.metric, f.best) for f in facts}
    assert {("killed", 3), ("injured", 12), ("drones_downed", 40), ("drones_launched", 55)} <= metrics


def test_headline_numbers() -> None:
    got = {(f.metric, f.best) for f in extract(TITLE, "")}
    assert {("killed", 3), ("injured", 12)} <= got


def test_deterministic() -> None:
    a = [f.model_dump() for f in extract(TITLE, BODY)]
    b = [f.model_dump() for f in extract(TITLE, BODY)]
    assert a == b


def test_empty_and_boilerplate() -> None:
    assert extract_text("") == []
    assert extract("", "Sign up for our newsletter. Follow us on social media.") == []


def test_version_shape() -> None:
    parts = EXTRACTOR_VERSION.split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts)


def test_package_imports_no_faust_and_builds_nothing_at_import() -> None:
    code = (
        "import sys, streams.extract as x; "
        "assert 'faust' not in sys.modules and 'aiokafka' not in sys.modules; "
        "from streams.extract.gazetteer import gazetteer; "
        "assert gazetteer.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_failing_extractor_raises_naming_its_version_and_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    boom = ZeroDivisionError("span arithmetic went wrong")

    def broken(text: str) -> list[Fact]:
        raise boom

    monkeypatch.setattr("streams.extract._extract_text", broken)
    with pytest.raises(ExtractionError) as info:
        extract(TITLE, BODY)
    e = info.value
    assert e.__cause__ is boom, "the original exception is kept"
    assert e.extractor_version == EXTRACTOR_VERSION
    message = str(e)
    assert f"extractor {EXTRACTOR_VERSION} failed: ZeroDivisionError: span arithmetic went wrong" in message
    assert "dead-letters" in message and "liveledger audit rederive" in message, "says what the operator should do"
    with pytest.raises(ExtractionError):
        extract_text("Three people were killed.")


def test_a_failing_extractor_never_answers_an_empty_list(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> list[Fact]:
        raise IndexError("list index out of range")

    monkeypatch.setattr("streams.extract._extract_text", broken)
    with pytest.raises(ExtractionError):
        extract_text("")


def test_extract_text_rejects_a_non_str_with_type_error() -> None:
    for value in (b"three killed", None, 3):
        with pytest.raises(TypeError, match="extract_text expects str"):
            extract_text(value)  # type: ignore[arg-type]
