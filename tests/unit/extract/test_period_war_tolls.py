"""The toll of a war or campaign told in passing, or of the past months or years (``streams.extract.period``).

A report of one massacre often recalls what the whole campaign has killed: "part of a drive
which killed thousands", "unrest that has claimed 2,000 lives". That figure is a running total
and never the incident's; the incident's own figure must stay the tally. A day's fighting that
"killed" people is left as the incident. Sentences are written for these tests; none is copied
from any source. Each is checked as written and lowercased and tokenised.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of


def killed(text: str) -> list[tuple[int | None, bool]]:
    return sorted(
        (f.best if f.best is not None else f.low if f.low is not None else f.high, f.cumulative)
        for f in facts_of(text, "killed")
    )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[
            (t, [(60, False), (1000, True)])
            for t in both_tokenised(
                "Militiamen killed 60 farmers near the dam. "
                "It belonged to a campaign which killed thousands of herders."
            )
        ],
        *[
            (t, [(9, False), (10000, True)])
            for t in both_tokenised(
                "Nine traders died when troops fired on the market, "
                "in a conflict that has claimed tens of thousands of lives."
            )
        ],
        *[
            (t, [(3, False), (20, True)])
            for t in both_tokenised("Gunmen killed three guards in the delta, where clan violence has killed scores.")
        ],
        *[
            (t, [(5, False), (900, True)])
            for t in both_tokenised(
                "Five aid workers were killed near the border of the region, "
                "whose war, which has killed about 900 people, goes on."
            )
        ],
        *[
            (t, [(12, False), (800, True)])
            for t in both_tokenised("Rebels killed 12 villagers, recalling the genocide which killed up to 800 people.")
        ],
    ],
)
def test_a_war_toll_in_passing_is_a_running_total(text: str, want: list[tuple[int, bool]]) -> None:
    assert killed(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, [(29, False)]) for t in both_tokenised("Fighting that killed 29 civilians broke out at dawn.")],
        *[(t, [(14, False)]) for t in both_tokenised("Violence in the province killed 14 people on Monday.")],
        *[(t, [(8, False)]) for t in both_tokenised("The raid, which killed eight people, began before dawn.")],
    ],
)
def test_a_day_of_fighting_or_a_raid_stays_the_incident(text: str, want: list[tuple[int, bool]]) -> None:
    assert killed(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[
            (t, [(4, False), (300, True)])
            for t in both_tokenised(
                "Police shot dead four marchers on Sunday. About 300 people have died over the past seven months."
            )
        ],
        *[(t, [(100, True)]) for t in both_tokenised("Hundreds of people have died in the last few years of unrest.")],
        # days are one episode, and "last" before an attack is no span
        *[(t, [(50, False)]) for t in both_tokenised("Fifty people were killed in the past three days of fighting.")],
        *[(t, [(12, False)]) for t in both_tokenised("Twelve people were killed in the last attack on the town.")],
    ],
)
def test_a_toll_over_the_past_months_or_years_is_a_running_total(text: str, want: list[tuple[int, bool]]) -> None:
    assert killed(text) == want


@pytest.mark.parametrize(
    "text",
    both_tokenised(
        "A drone strike killed three civilians in Kherson on Tuesday, the deadliest attack there in the last few years."
    )
    + both_tokenised(
        "Two soldiers were killed in Kharkiv on Monday, the first deaths in the city in the past five months."
    ),
)
def test_a_span_a_superlative_compares_with_is_no_running_total(text: str) -> None:
    # The incident is compared with the span, not counted over it (review finding, session 8).
    got = [f for f in facts_of(text) if f.metric in ("killed", "strikes")]
    assert any(f.metric == "killed" for f in got)
    assert not any(f.cumulative for f in got)
