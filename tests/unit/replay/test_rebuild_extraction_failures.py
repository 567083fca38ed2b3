"""Replay with an extractor that fails on some entries: it completes, lists them, and leaves
them out exactly as the worker does (which dead-letters them): no contribution, no timeline row,
and a failed correction leaves the entry as it stood."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from typer.testing import CliRunner

import streams.extract as extract_api
import streams.extract.extractor as extractor_core
from liveledger.cli.main import build_cli
from replay import run as replay_run
from replay.rebuild import Rebuilt, rebuild
from replay.recorded import Recorded
from replay.source import LogRecord
from schemas.events import DomainEvent
from schemas.facts import Fact
from streams.core.timeline import timeline_document
from streams.query.documents import PARAMS, build
from streams.views.render import canonical_json
from tests.unit.log_builders import TOPIC, killed, log_records, published, retracted

MARK = "TRIGGER-EXTRACTOR-BUG"


def failing_on_mark(title: str, body: str) -> list[Fact]:
    """An extractor with a bug that only some entries reach."""
    if MARK in body:
        raise RuntimeError("injected extractor bug")
    return []


def documents(rebuilt: Rebuilt) -> dict[str, bytes]:
    docs = {view: canonical_json(build(view, rebuilt.views.states(view))) for view in PARAMS}
    docs["timeline"] = canonical_json(timeline_document(rebuilt.timeline))
    return docs


def fold_records(records: Sequence[LogRecord]) -> Rebuilt:
    return rebuild(records, extractor=failing_on_mark, extractor_version="test-bug")


def fold(events: Sequence[DomainEvent]) -> Rebuilt:
    return fold_records(log_records(events))


GOOD_BEFORE = published("e1", "Three killed in Kharkiv.", [killed(3)], n=1)
BAD = published("e2", f"Odesa port hit. {MARK}", [killed(2, place="Odesa", region_code="UA-51", country="UA")], n=2)
GOOD_AFTER = published("e3", "Police say four were killed in Kharkiv.", [killed(4, claimant="police")], n=3)


def test_an_entry_the_extractor_fails_on_is_listed_and_contributes_nothing() -> None:
    with_bad = fold([GOOD_BEFORE, BAD, GOOD_AFTER])
    [failure] = with_bad.failed
    assert (failure.blog_id, failure.entry_id, failure.event_type) == ("blog-ua", "e2", "entry.published")
    assert (failure.position.topic, failure.position.partition, failure.position.offset) == (TOPIC, 0, 1)
    assert "extractor test-bug failed: RuntimeError: injected extractor bug" in failure.error
    assert failure.to_json()["source"] == f"{TOPIC}:0:1"
    assert "blog-ua/e2" in failure.describe() and "injected extractor bug" in failure.describe()
    assert with_bad.events == 2, "the other entries were folded"

    # The same views as a log that never held the failing event, timeline included: what the worker shows.
    records = log_records([GOOD_BEFORE, BAD, GOOD_AFTER])
    without = fold_records([r for r in records if r.position.offset != 1])
    assert without.failed == []
    assert documents(with_bad) == documents(without)
    cas = build("casualties", with_bad.views.states("casualties"))
    assert [i["key"].split("/")[0] for i in cas["items"]] == ["UA-63"], "the Odesa figure is not in the views"


def test_a_correction_the_extractor_fails_on_leaves_the_entry_as_it_stood() -> None:
    bad_fix = published("e1", f"Five killed in Kharkiv. {MARK}", [killed(5)], n=2, corrected=True)
    rebuilt = fold([GOOD_BEFORE, bad_fix, GOOD_AFTER])
    assert [(f.entry_id, f.event_type) for f in rebuilt.failed] == [("e1", "entry.corrected")]
    assert documents(rebuilt) == documents(fold([GOOD_BEFORE, GOOD_AFTER]))
    # A later retraction still removes what the entry contributed before the failed correction.
    gone = fold([GOOD_BEFORE, bad_fix, retracted("e1", n=3)])
    assert build("casualties", gone.views.states("casualties"))["items"] == []


def test_replay_cli_names_the_failed_entry_exits_1_and_prints_the_other_entries_views(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    records = log_records([GOOD_BEFORE, BAD, GOOD_AFTER])

    async def fake_read_log(settings: Any, **kw: Any) -> list[LogRecord]:
        return records

    real = extractor_core.extract_text

    def core_with_bug(text: str) -> list[Fact]:
        if MARK in text:
            raise RuntimeError("injected extractor bug")
        return real(text)

    async def no_facts(settings: Any, **kw: Any) -> Recorded:
        return Recorded()

    monkeypatch.setattr(replay_run, "read_log", fake_read_log)
    monkeypatch.setattr(replay_run, "read_recorded", no_facts)  # the worker never ran: every entry extracted again
    monkeypatch.setattr("streams.extract._extract_text", core_with_bug)  # the real extractor, made to fail on BAD
    result = CliRunner().invoke(build_cli(), ["replay", "--view", "casualties", "--json"])
    assert result.exit_code == 1, result.output
    assert "extraction failed for 1 entry event(s)" in result.stderr
    assert "extracted again: 3 entry event(s): no facts recorded (the worker never processed it)" in result.stderr
    assert f"blog-ua/e2 (entry.published at {TOPIC}:0:1)" in result.stderr
    assert f"extractor {extract_api.EXTRACTOR_VERSION} failed: RuntimeError: injected extractor bug" in result.stderr
    expected = rebuild(
        [r for r in records if r.position.offset != 1],
        extractor=extract_api.extract,
        extractor_version=extract_api.EXTRACTOR_VERSION,
    )
    assert result.stdout.encode() == canonical_json(build("casualties", expected.views.states("casualties"))) + b"\n"


def test_replay_leaves_out_an_entry_too_large_to_store_as_the_worker_dead_letters_it() -> None:
    many = [killed(n, claimant=f"official number {n}") for n in range(1, 40)]
    events = [
        published("e1", "Three killed.", [killed(3)], n=1),
        published("e2", "A long list of figures.", many, n=2),
        published("e1", "Five killed.", many, n=3, corrected=True),  # a correction too large: e1 stays as it was
    ]
    limited = rebuild(log_records(events), extractor=lambda t, b: [], extractor_version="none", max_record_bytes=4096)
    assert [(f.entry_id, f.position.offset) for f in limited.failed] == [("e2", 1), ("e1", 2)]
    assert all("over the limit of 4096 bytes" in f.error for f in limited.failed)
    alone = rebuild(log_records(events[:1]), extractor=lambda t, b: [], extractor_version="none")
    assert documents(limited) == documents(alone)
