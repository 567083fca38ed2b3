"""One victim named with the people who died beside them (``streams.extract.companions``).

"a farmer and his son", "a mother and her four children", "a reporter, his wife and
their two sons", "killed along with his driver": the toll is the first victim plus
each companion. Sentences are written for these tests; none is copied from any
source. Each is checked as written and lowercased and tokenised.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of


def killed(text: str) -> list[int | None]:
    return sorted(f.best if f.best is not None else f.low for f in facts_of(text, "killed"))


def largest_killed(text: str) -> int | None:
    got = [v for v in killed(text) if v is not None]
    return max(got) if got else None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the pair or list as a killing verb's object
        *[(t, 5) for t in both_tokenised("A mortar bomb killed a mother and her four children in Kismayo.")],
        *[(t, 3) for t in both_tokenised("Militiamen shot dead a herder and his two brothers near Bunia.")],
        *[(t, 2) for t in both_tokenised("Gunmen killed a shopkeeper and his nephew on Friday night.")],
        *[(t, 4) for t in both_tokenised("The raid killed a village chief and his three young sons.")],
        # the pair or list as the subject of a plural verb
        *[(t, 5) for t in both_tokenised("A reporter, his wife and their three daughters were shot dead at home.")],
        *[(t, 2) for t in both_tokenised("A driver and his 14-year-old son were killed when the shell landed.")],
        # the companion after the verb
        *[(t, 2) for t in both_tokenised("A district official was killed along with his driver in an ambush.")],
        *[(t, 3) for t in both_tokenised("A judge died together with her two bodyguards when the car blew up.")],
    ],
)
def test_companions_add_to_the_victim(text: str, want: int) -> None:
    assert largest_killed(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # an uncounted companion says no number: only the first victim is certain
        *both_tokenised("A farmer and his family were killed in the shelling."),
        *both_tokenised("Gunmen killed a trader and his relatives near the market."),
        # a companion that is no person
        *both_tokenised("Soldiers shot dead a herder and his cattle near the river."),
    ],
)
def test_uncounted_or_non_human_companions_add_nothing(text: str) -> None:
    assert largest_killed(text) == 1


@pytest.mark.parametrize(
    ("text", "metric", "want"),
    [
        *[(t, "arrested", 2) for t in both_tokenised("Police arrested a trader and his brother at the port.")],
        *[(t, "injured", 3) for t in both_tokenised("A nurse and her two children were wounded in the blast.")],
    ],
)
def test_other_fates_count_companions_too(text: str, metric: str, want: int) -> None:
    assert max(f.best or 0 for f in facts_of(text, metric)) == want  # the parts stay as written beside it


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("A father and his two sons scored in the charity match on Sunday."),
        *both_tokenised("The striker and his brother were sent off after the brawl at the derby."),
        *both_tokenised("A union leader and her two deputies walked out of the pay talks."),
        *both_tokenised("A trader and his three partners lost heavily when the shares crashed."),
    ],
)
def test_companions_outside_conflict_give_no_fact(text: str) -> None:
    assert facts_of(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, 12) for t in both_tokenised("Eleven pupils and their teacher died when the rocket struck the school.")],
        *[(t, 5) for t in both_tokenised("Gunmen killed four guards and their commander near the camp.")],
    ],
)
def test_a_counted_group_with_its_companion_adds_up(text: str, want: int) -> None:
    assert largest_killed(text) == want
    assert want - 1 in killed(text)  # the group as written stays beside the total


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Eleven players and their coach celebrated the title in the square."),
        *both_tokenised("Three players and their manager were injured in a bus crash before the derby."),
    ],
)
def test_a_counted_group_with_its_companion_outside_conflict(text: str) -> None:
    assert facts_of(text) == []
