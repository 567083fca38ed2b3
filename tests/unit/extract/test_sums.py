"""Victims counted in parts joined by "and" add up to one toll (``streams.extract.sums``).

Sentences are written for these tests; none is copied from any source. Each is
checked as written and lowercased, as real live-blog copies come lowercased.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both, facts_of


def killed(text: str) -> list[int | None]:
    return sorted(f.best if f.best is not None else f.low for f in facts_of(text, "killed"))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, [2, 3, 5]) for t in both("Two nurses and three patients were killed when the clinic was shelled.")],
        *[(t, [1, 4, 5]) for t in both("The drone strike killed four farmers and one shepherd near the well.")],
        *[(t, [1, 6, 7]) for t in both("A teacher and six pupils died when the roof of the school fell in.")],
        *[(t, [2, 3, 4, 9]) for t in both("Gunmen shot dead three traders, four porters and two drivers on the road.")],
    ],
)
def test_coordinated_parts_add_up(text: str, want: list[int]) -> None:
    assert killed(text) == want


def test_bounds_of_the_parts_carry_into_the_total() -> None:
    text = "At least 4 villagers and 3 herders were killed in the raid."
    total = [f for f in facts_of(text, "killed") if f.best == 7]
    assert [(f.low, f.best, f.qualifier, f.subject) for f in total] == [(7, 7, "at_least", "people")]
    more = [f for f in facts_of("More than 20 farmers and 5 traders were killed.", "killed") if f.low == 25]
    assert [(f.low, f.best, f.qualifier) for f in more] == [(25, None, "more_than")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a breakdown of a total already stated
        *[(t, [2, 4, 10]) for t in both("Ten people, including four children and two women, were killed.")],
        *[(t, [40, 60, 100]) for t in both("The toll rose to 100 (60 men and 40 women) by the evening.")],
        *[(t, [2, 4, 6]) for t in both("Six pilgrims, two women and four children, were killed on the bus.")],
        # two places, two clauses
        *[(t, [2, 5]) for t in both("Five were killed in the market and two in the port.")],
        # the two sides of a fight
        *[(t, [3, 9]) for t in both("Nine hostages and three gunmen were killed when troops stormed the hotel.")],
    ],
)
def test_parts_that_are_no_sum_stay_apart(text: str, want: list[int]) -> None:
    assert killed(text) == want


@pytest.mark.parametrize("text", both("The fever has infected 80 people and one person has died."))
def test_another_verbs_object_is_no_part(text: str) -> None:
    assert 81 not in killed(text)


def test_other_metrics_are_never_summed_with_killed() -> None:
    assert killed("Three people were killed and two others were wounded.") == [3]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        *[(t, 6) for t in both("Five porters were killed along with their driver on the pass.")],
        *[(t, 4) for t in both("Bandits shot dead three herders along with their uncle.")],
    ],
)
def test_a_counted_group_killed_along_with_a_companion_adds_up(text: str, total: int) -> None:
    assert total in killed(text)


@pytest.mark.parametrize("text", both("Five porters were killed along with their mules on the pass."))
def test_along_with_things_adds_no_one(text: str) -> None:
    assert killed(text) == [5]
