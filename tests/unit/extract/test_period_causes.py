"""Figures of an earlier killing named as a cause or a time mark, and country totals with an
adjective (``streams.extract.period``).

"in revenge for the deaths of nine herders" and "three days after the massacre of 80 people"
count another, past event; "killed across the war-torn country" is a total over many incidents.
Such figures are marked ``cumulative`` and never feed the incident tally. Sentences are written
for these tests; none is copied from any source. Each is checked as written and lowercased and
tokenised.
"""

from __future__ import annotations

import pytest

from schemas.facts import Fact
from tests.unit.extract.helpers import both_tokenised, facts_of


def killed(text: str) -> list[tuple[int | None, bool]]:
    return sorted((f.best if f.best is not None else f.low, f.cumulative) for f in facts_of(text, "killed"))


def incident_tally(facts: list[Fact]) -> int | None:
    points = [f.best if f.best is not None else f.low for f in facts if f.metric == "killed" and not f.cumulative]
    return max((p for p in points if p is not None), default=None)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[
            (t, [(4, False), (9, True)])
            for t in both_tokenised("Gunmen killed four farmers near Gao in revenge for the deaths of nine herders.")
        ],
        *[
            (t, [(2, True), (6, False)])
            for t in both_tokenised(
                "Soldiers shot dead six traders in retaliation for the earlier killing of two guards."
            )
        ],
        *[
            (t, [(7, False), (80, True)])
            for t in both_tokenised(
                "At least seven villagers were killed two days after the massacre of more than 80 people close by."
            )
        ],
    ],
)
def test_an_earlier_killing_named_as_cause_is_no_incident_figure(text: str, want: list[tuple[int, bool]]) -> None:
    assert killed(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # the report's own incident, named as what something else follows
        *both_tokenised("A curfew was imposed after the killing of 12 people in the market."),
        *both_tokenised("Talks stalled following the deaths of five protesters in the capital."),
    ],
)
def test_a_bare_after_the_killing_of_stays_the_incident(text: str) -> None:
    assert killed(text) in ([(12, False)], [(5, False)])


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[
            (t, 105)
            for t in both_tokenised(
                "At least 149 people were killed across the war-torn country on Sunday, among them 105 civilians."
            )
        ],
        *[(t, None) for t in both_tokenised("Clashes killed 40 people across the whole country on Friday.")],
        # a river is no country: the figure stays the incident's
        *[(t, 20) for t in both_tokenised("Militants killed 20 people across the river from the town.")],
    ],
)
def test_a_country_total_with_an_adjective_is_no_incident(text: str, want: int | None) -> None:
    assert incident_tally(facts_of(text)) == want


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("The club sacked its coach in revenge for the defeat of the under-21 side."),
        *both_tokenised("Fans marched across the football-mad country after the win."),
        *both_tokenised("Shares fell three days after the death of the founder of the firm."),
    ],
)
def test_no_fact_outside_conflict(text: str) -> None:
    assert facts_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised(
            "Nine people killed in Kidal brought the total of civilians killed in the war to 412 since March."
        ),
        *both_tokenised("Nine deaths in Kidal on Monday took the toll of the conflict to 412 since March."),
    ],
)
def test_a_past_tense_update_clause_keeps_the_incident_apart_from_the_running_total(text: str) -> None:
    assert killed(text) == [(9, False), (412, True)]
