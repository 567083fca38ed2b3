"""Walkouts named together (s8): one labour strike named makes the sentence's other strikes walkouts too."""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of


@pytest.mark.parametrize(
    "text",
    both_tokenised("A general strike shut the ports today, and big strikes in Porto are set for Monday.")
    + both_tokenised("After the tube strike, more strikes in Leeds are planned over pensions."),
)
def test_strikes_beside_a_named_walkout_are_walkouts(text: str) -> None:
    assert facts_of(text, "strikes") == []


@pytest.mark.parametrize(
    "text",
    both_tokenised("A general strike shut the city as drone strikes hit the port overnight.")
    + both_tokenised("A general strike shut the city as missile strikes hit the port overnight, killing 3."),
)
def test_a_weapon_keeps_its_strike_beside_a_walkout(text: str) -> None:
    assert len(facts_of(text, "strikes")) == 1


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised(
            "Officials said Russia launched 12 strikes on Sumy region as a general strike began in France."
        ),
        *both_tokenised("Russia carried out strikes on Kharkiv overnight as a general strike shut down Belgium."),
    ],
)
def test_a_launched_strike_stays_an_attack_beside_a_walkout(text: str) -> None:
    # review finding (session 8): the walkout named in the same sentence had removed the attack
    assert [f.metric for f in facts_of(text)] == ["strikes"]
