"""Number forms, the bounds/qualifier table, vague quantities and not-counts (domain.md)."""

from __future__ import annotations

import pytest

from streams.extract.numbers import find_numbers
from streams.extract.tokens import tokenize

from .helpers import bounds, facts_of, one


def _numbers(text: str) -> list[tuple[str, int | None, int | None, int | None, str]]:
    return [(text[m.start : m.end], m.low, m.best, m.high, m.qualifier) for m in find_numbers(tokenize(text))]


# Every row of the bounds/qualifier table, in sentences of our own.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 3 residents fled the town.", (3, 3, None, "at_least")),
        ("More than 3,000 residents fled the town.", (3000, None, None, "more_than")),
        ("Over 3,000 residents fled the town.", (3000, None, None, "more_than")),
        ("Up to 12,000 residents fled the town.", (None, None, 12000, "up_to")),
        ("As many as 12,000 residents fled the town.", (None, None, 12000, "up_to")),
        ("Nearly 11,000 residents fled the town.", (None, None, 11000, "nearly")),
        ("Almost 11,000 residents fled the town.", (None, None, 11000, "nearly")),
        ("Some 1,250 residents fled the town.", (None, 1250, None, "about")),
        ("About 1,250 residents fled the town.", (None, 1250, None, "about")),
        ("Around 1,250 residents fled the town.", (None, 1250, None, "about")),
        ("Roughly 1,250 residents fled the town.", (None, 1250, None, "about")),
        ("36 residents fled the town.", (None, 36, None, "exact")),
    ],
)
def test_bounds_table(text: str, expected: tuple[object, ...]) -> None:
    assert bounds(one(text, "displaced")) == expected


def test_no_casualties_is_zero() -> None:
    f = one("The shelling went on all night but there were no casualties.", "casualties")
    assert (f.best, f.qualifier) == (0, "exact")


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("A dozen homes burned and a dozen people were injured.", 12),
        ("Dozens of people were injured by the blast.", 12),
        ("Hundreds of people were injured by the blast.", 100),
        ("Several people were injured by the blast.", 3),
        ("A few people were injured by the blast.", 3),
        ("Scores of people were injured by the blast.", 20),
        ("Thousands of people were injured by the blast.", 1000),
        ("Tens of thousands of people were injured by the blast.", 10000),
    ],
)
def test_vague_quantities(text: str, best: int) -> None:
    f = one(text, "injured")
    assert (f.best, f.qualifier) == (best, "vague")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between 400 and 600 protesters were detained.", 400, 600),
        ("25,000 to 30,000 protesters were detained.", 25000, 30000),
        ("Two or three protesters were detained.", 2, 3),
    ],
)
def test_ranges(text: str, low: int, high: int) -> None:
    f = one(text, "arrested")
    assert (f.low, f.high) == (low, high)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("thirty-six", 36),
        ("three", 3),
        ("1,364", 1364),
        ("3.5m", 3_500_000),
        ("1.2 million", 1_200_000),
        ("one hundred and twenty-five", 125),
        ("two thousand", 2000),
        ("a hundred", 100),
    ],
)
def test_number_forms(phrase: str, value: int) -> None:
    got = _numbers(f"Officials counted {phrase} refugees.")
    assert [g[2] for g in got] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "A 12-year-old was injured in the blast.",
        "A 12 year old boy sustained injuries.",
        "The $3bn package was approved and 40% of homes were damaged.",
        "On 24 February 2022 troops crossed the border.",
        "Sirens sounded at 10:30 and again at 11pm.",
        "It was the 162nd air strike on the city.",
        "An Su-34 jet and an S-300 battery were seen; F-16s flew over.",
        "Shahed-136 drones and Kh-101 missiles were used.",
        "The front moved 5 km in 48 hours.",
        "A nine-storey building collapsed.",
        "Since 2022 the war has changed.",
    ],
)
def test_not_counts(text: str) -> None:
    assert _numbers(text) == []


def test_age_is_not_a_killed_count_but_the_person_is_one() -> None:
    killed = facts_of("A 12-year-old boy was killed in the strike.", "killed")
    assert [f.best for f in killed] == [1]


def test_at_least_repeated_does_not_break() -> None:
    assert _numbers("at least at least at least 5 drones") == [("at least 5", 5, 5, None, "at_least")]


def test_huge_digit_run_is_no_number() -> None:
    assert _numbers("9" * 5000 + " people were killed") == []
