"""Review findings of the seventh session: occupations are no labour dispute, a rank is no further group."""

from __future__ import annotations

import pytest

from streams.extract import extract
from tests.unit.extract.helpers import both, both_tokenised


def values(text: str, metric: str) -> list[tuple[int | None, int | None, int | None]]:
    return [(f.low, f.best, f.high) for f in extract("", text) if f.metric == metric]


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Two air strikes hit the depot where 40 workers were sheltering, the governor said."),
        *both_tokenised("Three missile strikes hit the plant, its employees said."),
        *both_tokenised("Four drone strikes hit the port as aid workers fled the area."),
    ],
)
def test_an_occupation_does_not_make_strikes_a_walkout(text: str) -> None:
    assert values(text, "strikes") and values(text, "strikes")[0][1] in (2, 3, 4)


@pytest.mark.parametrize(
    "text",
    [
        *both("Bandits shot dead two herders and a third died later in hospital."),
        *both_tokenised("Soldiers shot dead two traders and a third died of his wounds overnight."),
    ],
)
def test_a_rank_is_never_added_to_the_group_before_it(text: str) -> None:
    killed = values(text, "killed")
    assert (3, 3, None) in killed, killed
    assert all((f[1] or f[0] or 0) <= 3 for f in killed), f"a total beyond the rank was made up: {killed}"


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Two players were hurt and a third was injured in training before the cup final."),
        *both_tokenised("The coach said a fourth was injured in the warm-up before kick-off."),
    ],
)
def test_a_rank_in_a_game_is_no_casualty(text: str) -> None:
    assert values(text, "injured") == []
