"""``liveledger extract`` with an extractor that fails on one entry: that entry is named on stderr,
the exit status is 1, and the facts of the other entries are printed all the same."""

from __future__ import annotations

import orjson
import pytest
from typer.testing import CliRunner

import streams.extract as extract_api
import streams.extract.extractor as extractor_core
from liveledger.cli.main import build_cli
from schemas.facts import Fact

GOOD = {
    "entry_id": "a1",
    "blog_id": "b",
    "title": "Kharkiv strike",
    "body": "At least three people were killed in a guided bomb strike on Kharkiv, the regional governor said.",
}
BAD = {"entry_id": "a2", "blog_id": "b", "title": "", "body": "TRIGGER-EXTRACTOR-BUG: ten were killed in Sumy."}
LATER = {"entry_id": "a3", "blog_id": "b", "title": "", "body": "Five people were injured in Odesa, officials said."}


@pytest.fixture
def extractor_with_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    real = extractor_core.extract_text

    def core(text: str) -> list[Fact]:
        if "TRIGGER-EXTRACTOR-BUG" in text:
            raise AttributeError("'NoneType' object has no attribute 'start'")
        return real(text)

    monkeypatch.setattr("streams.extract._extract_text", core)


@pytest.mark.usefixtures("extractor_with_a_bug")
def test_a_failing_entry_is_named_and_the_others_are_still_extracted() -> None:
    stdin = b"\n".join(orjson.dumps(e) for e in (GOOD, BAD, LATER))
    result = CliRunner().invoke(build_cli(), ["extract", "-"], input=stdin)
    assert result.exit_code == 1, result.output
    assert "line 2: entry a2: extractor" in result.stderr
    assert extract_api.EXTRACTOR_VERSION in result.stderr and "AttributeError" in result.stderr
    assert "liveledger audit rederive" in result.stderr
    facts = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert {f["entry_id"] for f in facts} == {"a1", "a3"}, "entries before and after the failure"


@pytest.mark.usefixtures("extractor_with_a_bug")
def test_no_failure_no_error() -> None:
    result = CliRunner().invoke(build_cli(), ["extract", "-"], input=orjson.dumps(GOOD))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout
