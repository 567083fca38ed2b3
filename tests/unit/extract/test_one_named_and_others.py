"""A count of people joined to one person named as a verb's object (``streams.extract.cues``).

"the blast killed a district officer and two others" names two more dead after the officer; the
number has no verb of its own, so the verb before the named person is its verb too. Sentences are
written for these tests; none is copied from any source. Each is checked as written and lowercased.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both, facts_of


def killed(text: str) -> list[int | None]:
    return sorted(f.best if f.best is not None else f.low for f in facts_of(text, "killed"))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        *[(t, 2) for t in both("A roadside bomb killed a district officer and two others near the bridge.")],
        *[(t, 9) for t in both("The air raid killed a local commander but also nine other bystanders.")],
        *[(t, 4) for t in both("Gunmen killed the head of the council and four guards at his gate.")],
    ],
)
def test_the_count_after_one_named_person_is_killed_too(text: str, count: int) -> None:
    assert count in killed(text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # not people: houses are no dead
        *[(t, 14) for t in both("The strike killed a farmer and 14 houses burned down.")],
        # the count has its own verb
        *[(t, 12) for t in both("Shelling killed a woman and 12 people were hurt.")],
    ],
)
def test_a_count_that_is_not_of_the_dead_is_left_alone(text: str, count: int) -> None:
    assert count not in killed(text)
