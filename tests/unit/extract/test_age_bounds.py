"""An age limit of the people counted is no count (``streams.extract.not_counts``).

"four pupils, all under 14" counts four pupils; the 14 is how old they were at most. Sentences
are written for these tests; none is copied from any source.
"""

from __future__ import annotations

import pytest

from streams.extract.numbers import find_numbers
from streams.extract.tokens import tokenize

from .helpers import both, facts_of


def killed(text: str) -> list[int | None]:
    return sorted(f.best for f in facts_of(text, "killed"))


@pytest.mark.parametrize(
    "text",
    [
        *both("Four pupils, all under 14, died when the school bus was hit."),
        *both("A shell killed three boys, all below 12, near the well."),
    ],
)
def test_an_age_limit_after_a_count_is_no_figure(text: str) -> None:
    assert killed(text) in ([4], [3])


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Children under 5 and girls below 10 were vaccinated.", []),
        ("Under 20 people turned up.", [20]),  # no age word before "under": a bound on a count
        ("All under 100 metres of the road was flooded.", []),  # a unit, not an age
    ],
)
def test_which_numbers_are_age_limits(text: str, values: list[int]) -> None:
    found = [m.best if m.best is not None else m.high for m in find_numbers(tokenize(text))]
    assert found == values
