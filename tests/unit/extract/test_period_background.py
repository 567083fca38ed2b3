"""Running totals and earlier years are kept out of incident tallies (``streams.extract.period``).

Sentences are written for these tests; none is copied from any source.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both, facts_of


def cumulative(text: str) -> list[tuple[int | None, bool]]:
    return [(f.best if f.best is not None else f.low, f.cumulative) for f in facts_of(text, "killed")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a reminder of an earlier year is no part of today's incident
        *[(t, [(500000, True)]) for t in both("In 1994, militias killed some 500,000 people across the country.")],
        *[(t, [(3000, True)]) for t in both('"In 2003, more than 3,000 people were killed by police in the state.')],
        # a total since an uprising, the protests or a year is a running total
        *[(t, [(1800, True)]) for t in both("The toll has passed 1,800 since the uprising began in March.")],
        *[(t, [(240, True)]) for t in both("At least 240 protesters were killed since the demonstrations started.")],
        *[(t, [(75, True)]) for t in both("Rebels have killed 75 villagers since 2009, the mayor said.")],
        # "the worst ... since" compares: the figure is today's
        *[(t, [(30, False)]) for t in both("At least 30 were killed in the worst clashes since the uprising began.")],
        *[(t, [(12, False)]) for t in both("Troops killed 12 people on Monday in the first raid since 2011.")],
        # a year inside the sentence is a date, not an earlier time
        *[(t, [(9, False)]) for t in both("On 4 May 2004, gunmen killed nine farmers in the valley.")],
    ],
)
def test_running_totals_and_earlier_years(text: str, want: list[tuple[int, bool]]) -> None:
    assert cumulative(text) == want
