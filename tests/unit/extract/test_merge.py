"""Restated figures in one entry (streams/extract/merge.py), in sentences written for these tests."""

from __future__ import annotations

from schemas.facts import entry_text
from tests.unit.extract.helpers import bounds, facts_of


def _killed(title: str, body: str) -> list[tuple[int | None, int | None, int | None, str]]:
    return [bounds(f) for f in facts_of(entry_text(title, body), "killed")]


def test_a_body_restatement_keeps_the_first_wording() -> None:
    body = "Five people were killed in the attack. The bomber killed at least 5 and wounded 30."
    assert _killed("", body) == [(None, 5, None, "exact")]


def test_a_headline_takes_its_body_wording_once() -> None:
    body = "Seven people were killed in the raid on the clinic. There were at least seven deaths among the staff."
    assert _killed("Seven killed in raid on clinic", body) == [(None, 7, None, "exact")]


def test_a_headline_still_takes_a_fuller_qualifier_from_its_body() -> None:
    body = "At least three people were killed in a missile strike on Kharkiv."
    assert _killed("Three killed in Kharkiv strike", body) == [(3, 3, None, "at_least")]


def test_the_same_count_in_two_countries_is_two_figures() -> None:
    body = "Two hikers were killed by a landslide in Kenya. Two hikers also died in a storm in Tanzania."
    assert sorted(f.country or "" for f in facts_of(entry_text("", body), "killed")) == ["KE", "TZ"]
