"""Everyday senses of "strike" on real non-conflict blogs (s7), in our own words, as written and tokenised."""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of, one


@pytest.mark.parametrize(
    "text",
    both_tokenised("The minister says the coming junior doctors' strike will be the longest in the service's history.")
    + both_tokenised("Thousands of employees walked out in one of the largest US strikes in a decade.")
    + both_tokenised("The chart lists the strikes a warehouse worker can get; three strikes and a worker is fired.")
    + both_tokenised("88 mins: Leeds strike on the break and the keeper has no chance."),
)
def test_labour_discipline_and_sport_strikes_are_no_attacks(text: str) -> None:
    assert facts_of(text, "strikes") == []


@pytest.mark.parametrize(
    "text",
    both_tokenised("US strikes on the port killed 12 people, officials said.")
    + both_tokenised("An Israeli strike hit a house in Rafah overnight."),
)
def test_a_real_strike_with_an_actor_still_counts(text: str) -> None:
    assert one(text, "strikes").best == 1
