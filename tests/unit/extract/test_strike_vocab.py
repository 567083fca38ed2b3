"""Strikes reported by any hitting verb, and the other senses of those words kept out.

"Russian drones pounded Kharkiv overnight." once gave no fact: "pounded" was a
strike verb of the strike context but missing from the sentence prefilter.
"""

from __future__ import annotations

import pytest

from schemas.facts import CASUALTY_METRICS

from .helpers import facts_of, one


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Russian drones pounded Kharkiv before dawn.", "UA-63"),
        ("Russian drones targeted the port in Odesa.", "UA-51"),
        ("Russian artillery shelled Kharkiv through the night.", "UA-63"),
        ("Russian missiles hammered Odesa overnight.", "UA-51"),
        ("Russian glide bombs battered Kharkiv on Sunday.", "UA-63"),
        ("Russian missiles struck Odesa port.", "UA-51"),
        ("A Russian drone hit Kharkiv late on Friday.", "UA-63"),
        ("Russian warplanes bombarded Kharkiv overnight.", "UA-63"),
        ("Russian drones slammed into Odesa overnight.", "UA-51"),
    ],
)
def test_a_hitting_verb_without_a_number_is_a_strike(text: str, region: str) -> None:
    f = one(text, "strikes")
    assert (f.best, f.region_code, f.actor) == (1, region, "Russia")


@pytest.mark.parametrize(
    "text",
    [
        "Dock workers went on strike in Odesa.",
        "Russian miners went on strike in Kemerovo.",
        "Teachers in Kharkiv have been on strike since Monday.",
        "The Ukrainian striker scored twice in Kharkiv.",
        "The striker's late strike in the second half sealed the win.",
        "The Ukrainian batsman finished with a strike rate of 140.",
        "Strike action at the port of Odesa entered its third day.",
        "The bank targeted 2% inflation.",
        "Russia's central bank targeted inflation of 4% next year.",
        "The team pounded their rivals 5-0.",
        "The Ukrainian team hammered the hosts 3-0 in Kharkiv.",
        "Shakhtar battered their opponents in Lviv on Saturday.",
    ],
)
def test_other_senses_give_no_strike_and_no_casualties(text: str) -> None:
    got = [f for f in facts_of(text) if f.metric == "strikes" or f.metric in CASUALTY_METRICS]
    assert got == []


def test_a_weapon_keeps_a_strike_among_sport_words() -> None:
    """Sport words only silence a weaponless strike: a missile on a stadium is still one."""
    assert one("A Russian missile hit the stadium in Kharkiv where the team trains.", "strikes").weapon == "missile"
