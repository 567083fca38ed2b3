"""A part of the wounded who died is a count of dead (``streams.extract.groups.fate_of_the_hurt``).

"four of the injured died overnight" names the group by its earlier state; the verb says what
happened to the four. Sentences are written for these tests; none is copied from any source. Each
is checked as written and lowercased.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both, facts_of


def figures(text: str) -> list[tuple[str, int | None]]:
    return sorted((f.metric, f.best) for f in facts_of(text) if f.metric in ("killed", "injured"))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, [("killed", 4)]) for t in both("Four of the injured died overnight in the district hospital.")],
        *[(t, [("killed", 2)]) for t in both("Two of the wounded later succumbed, doctors said.")],
        *[
            (t, [("injured", 30), ("killed", 3)])
            for t in both("Thirty people were hurt in the blast, and three of the hurt have since died.")
        ],
    ],
)
def test_a_part_of_the_hurt_who_died_is_killed(text: str, want: list[tuple[str, int]]) -> None:
    assert figures(text) == want


@pytest.mark.parametrize("text", both("Six of the wounded were in a critical condition on Sunday."))
def test_a_part_of_the_hurt_with_no_verb_of_dying_stays_injured(text: str) -> None:
    assert figures(text) == [("injured", 6)]
