"""The lineage core: the record of a contribution, its sentence, and its fate."""

from __future__ import annotations

from streams.core.lineage import (
    MAX_SENTENCE,
    clipped_sentence,
    contribution_record,
    explain_document,
    fate,
    sentence_at,
)
from streams.core.pipeline import entry_facts
from streams.core.records import Position
from streams.views.routing import plan
from tests.unit.log_builders import TOPIC, killed, published, retracted

BODY = "Calm start. At least 3 people were killed in Kharkiv, the governor said. More soon."


def no_facts(title: str, body: str) -> list:  # type: ignore[type-arg]
    return []


def test_sentence_at_finds_the_sentence_around_a_span() -> None:
    start = BODY.index("At least")
    assert sentence_at(BODY, [start, start + 17]) == "At least 3 people were killed in Kharkiv, the governor said."
    assert sentence_at(BODY, None) is None
    assert sentence_at("", [0, 1]) is None
    assert sentence_at("One\nTwo three", [5, 8]) == "Two three"


def _records(events: list) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    out = []
    keys: dict[str, list[str]] = {}
    for n, ev in enumerate(events):
        ef = entry_facts(ev, Position(TOPIC, 0, n), no_facts, "test")
        contributions, keys = plan(ef, keys)
        out += [(c.key, contribution_record(c, ef)) for c in contributions if c.view == "casualties"]
    return out


def test_a_correction_supersedes_and_a_retraction_removes() -> None:
    first = published("e1", BODY, [killed(3)], n=1)
    fixed = published("e1", BODY.replace("3", "4"), [killed(4)], n=2, corrected=True)
    gone = retracted("e1", n=3)
    pairs = _records([first, fixed, gone])
    assert [r["event_type"] for _, r in pairs] == ["entry.published", "entry.corrected", "entry.retracted"]
    doc = explain_document("casualties", pairs[0][0], None, reversed(pairs))  # any order in, log order out
    statuses = [(c["status"], c["changed_by_event"]) for c in doc["contributions"]]
    assert statuses == [
        ("retracted", "ev-e1-3"),
        ("retracted", "ev-e1-3"),
        ("removed by retraction", "ev-e1-3"),
    ]
    assert doc["contributions"][0]["facts"][0]["best"] == 3 and doc["contributions"][2]["facts"] == []
    assert doc["contributions"][0]["title"] == "Update e1"

    now = _records([first, fixed])
    assert fate(now[0][1], now[1][1]) == ("superseded by correction", "ev-e1-2")
    assert fate(now[1][1], now[1][1]) == ("current", None)


def test_a_very_long_sentence_is_cut_around_its_figure() -> None:
    text = "word " * 2000 + "at least 7 people were killed " + "and more words " * 2000 + "."
    start = text.index("at least 7")
    clipped = clipped_sentence(text, [start, start + 17])
    assert clipped is not None and "at least 7 people" in clipped
    assert clipped.startswith("…") and clipped.endswith("…") and len(clipped) == MAX_SENTENCE + 2
    assert clipped_sentence(BODY, [12, 20]) == sentence_at(BODY, [12, 20])
