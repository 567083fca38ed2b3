"""The next victim by rank: "and a fifth died" says the dead now number at least five
(``streams.extract.implicit``).

Sentences are written for these tests; none is copied from any source. Each is checked
as written and lowercased and tokenised.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of


def largest(text: str, metric: str) -> tuple[int | None, str] | None:
    got = [(f.low, f.qualifier) for f in facts_of(text, metric) if f.low is not None]
    return max(got) if got else None


@pytest.mark.parametrize(
    ("text", "metric", "want"),
    [
        *[
            (t, "killed", 4)
            for t in both_tokenised("Troops shot dead at least three marchers and killed a fourth near the bridge.")
        ],
        *[
            (t, "killed", 5)
            for t in both_tokenised("Four men were killed by gunfire, and a fifth died when a grenade hit the car.")
        ],
        *[
            (t, "killed", 6)
            for t in both_tokenised("Five people were killed in the raid. A sixth person was killed by a sniper later.")
        ],
        *[(t, "injured", 3) for t in both_tokenised("Two guards were hurt and a third was wounded in the blast.")],
    ],
)
def test_the_rank_of_the_next_victim_is_a_lower_bound(text: str, metric: str, want: int) -> None:
    assert largest(text, metric) == (want, "at_least")


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("A third of the victims were children."),
        *both_tokenised("A second goal was scored in the final minute of the derby."),
        *both_tokenised("The team won a third straight title on Sunday."),
        *both_tokenised("He was sent off for a second time and a third player was booked."),
        *both_tokenised("A fourth strike day closed the port as the union held out."),
    ],
)
def test_ranks_that_count_no_victim(text: str) -> None:
    assert all(f.metric not in ("killed", "injured") for f in facts_of(text))
