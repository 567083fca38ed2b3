"""A jail's prisoners are counted people, not captives of war."""

from __future__ import annotations

from streams.extract import extract


def _facts(body: str) -> list[tuple[str, int | None]]:
    return [(f.metric, f.best) for f in extract("", body)]


def test_the_prisoners_of_a_jail_wing_are_no_captured_figure() -> None:
    assert _facts("The jail holds 900 men, and 140 prisoners were in the east wing when the riot began.") == []


def test_lowercased_jail_counts_are_no_figure_either() -> None:
    assert _facts("the prison inspector found 60 prisoners sharing cells built for one .") == []


def test_prisoners_of_war_stay_captured() -> None:
    got = _facts("The army said 40 prisoners of war were moved from a prison near the front line.")
    assert ("captured", 40) in got


def test_captives_without_jail_words_stay_captured() -> None:
    assert ("captured", 12) in _facts("The brigade said it took 12 prisoners near the river crossing.")
