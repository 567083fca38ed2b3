"""Figure rules of session 6: increments, added dead, updating clauses, earlier events, hurt tolls.

Sentences are written for these tests; none is copied from any source.
"""

from __future__ import annotations

import pytest

from streams.extract.public_counts import tally_figure
from tests.unit.extract.helpers import both, both_tokenised, facts_of


def killed(text: str) -> list[tuple[int | None, bool]]:
    return [(f.best if f.best is not None else f.low, f.cumulative) for f in facts_of(text, "killed")]


# --- an increment with no toll beside it is the report itself ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Eleven more people were killed overnight as gangs fought the police in the port."),
        *both_tokenised("Four more villagers were shot dead on Sunday by the militia."),
    ],
)
def test_a_lone_increment_is_a_figure(text: str) -> None:
    values = [v for v, _ in killed(text)]
    assert values and values[0] in (11, 4)


@pytest.mark.parametrize(
    "text", both_tokenised("The toll from the fire rose to 57 after four more people died in hospital.")
)
def test_an_increment_beside_its_toll_only_feeds_it(text: str) -> None:
    assert killed(text) == [(57, False)]


# --- the added dead of the same scene make one toll ------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, 6) for t in both("Four men were killed when a shell landed. Two other men died of their wounds.")],
        *[(t, 21) for t in both("Gunmen shot dead 12 pilgrims on the road. Another nine people died in the raid.")],
        *[(t, 9) for t in both("Eight people died in the blast and a further one died in hospital later.")],
    ],
)
def test_added_dead_of_the_same_scene_sum(text: str, want: int) -> None:
    assert tally_figure(facts_of(text)) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # another scene or another day: another incident, never summed
        *[(t, 14) for t in both("Troops killed 14 marchers on Sunday and three others on Monday.")],
        *[(t, 14) for t in both("Fourteen were killed in the capital, while five others died in a nearby village.")],
        # a coordinated part is summed as a list already, not added twice
        *[(t, 13) for t in both("The bomb killed eleven pupils and two others near the school.")],
        # a noun of deaths is a class of its own, not more of the same dead
        *[(t, 300) for t in both("Some 300 people were killed. A further 40 deaths were blamed on hunger.")],
    ],
)
def test_added_dead_elsewhere_or_coordinated_are_not_summed_again(text: str, want: int) -> None:
    assert tally_figure(facts_of(text)) == want


# --- an updating clause keeps the incident's figure apart from the running total --------------


@pytest.mark.parametrize(
    "text",
    [
        *both("Nine people died in riots on Friday, bringing the total dead in the unrest to 210 since March."),
        *both("Nine people died in riots on Friday bringing the overall number of dead to 210 since March."),
    ],
)
def test_the_figure_before_an_updating_clause_is_the_incident(text: str) -> None:
    assert (9, False) in killed(text)


@pytest.mark.parametrize(
    "text", both("Another 40 people were killed in the crackdown since the last round of talks in June.")
)
def test_dead_since_the_last_meeting_are_a_running_total(text: str) -> None:
    assert killed(text) == [(40, True)]


@pytest.mark.parametrize("text", both("Eight people were killed in the clashes that began last night."))
def test_since_last_night_is_no_running_total(text: str) -> None:
    assert killed(text) == [(8, False)]


# --- an earlier event recalled ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", both("The army put down a revolt in the same city 30 years ago, killing as many as 10,000 people.")
)
def test_an_event_years_ago_is_no_part_of_the_incident(text: str) -> None:
    assert [c for _, c in killed(text)] == [True]


@pytest.mark.parametrize("text", both("At least 25 people have been killed in four days of protests, a group said."))
def test_a_span_of_days_stays_one_episode(text: str) -> None:
    # PITF and ACLED code a few days of protests as one event: no running total
    assert killed(text) == [(25, False)]


# --- tolls of the hurt, and the death total ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        *[(t, "injured", 31) for t in both("A second report raised the wounded toll to 31.")],
        *[(t, "injured", 31) for t in both("The injured toll climbed to 31 on Tuesday.")],
        *[(t, "killed", 23) for t in both("A hospital official put the death total at 23.")],
    ],
)
def test_hurt_tolls_and_the_death_total(text: str, metric: str, value: int) -> None:
    found = facts_of(text)
    assert [(f.metric, f.best) for f in found] == [(metric, value)]


@pytest.mark.parametrize("text", both("Nine prisoners were summarily executed by the guards."))
def test_summarily_is_an_adverb_before_the_verb(text: str) -> None:
    assert killed(text) == [(9, False)]


@pytest.mark.parametrize(
    "text", both("Police raided a flat after a 12-hour siege, killing three men and one woman, officials said.")
)
def test_a_hyphenated_compound_is_no_breakdown_dash(text: str) -> None:
    assert tally_figure(facts_of(text)) == 4


@pytest.mark.parametrize(
    "text", both_tokenised("Divers found 31 bodies; the 15 others who are still missing are sought.")
)
def test_the_people_still_missing_are_a_count_of_now(
    text: str,
) -> None:
    assert [(f.metric, f.best) for f in facts_of(text) if f.metric == "missing"] == [("missing", 15)]


@pytest.mark.parametrize("text", both_tokenised("Flowers were laid for the 50 miners who died in the collapse."))
def test_a_known_group_of_dead_named_again_stays_no_count(text: str) -> None:
    assert killed(text) == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, [1]) for t in both_tokenised("The fever has infected 45 people and one person has died.")],
        *[(t, [9]) for t in both_tokenised("The storm has affected 200 people and nine have died.")],
        # a speech verb is no active verb: its report's counts still share the cue
        *[(t, [4, 2]) for t in both_tokenised("Officials reported four guards and two drivers were killed.")],
    ],
)
def test_the_object_of_an_active_verb_takes_no_later_clause_s_cue(text: str, want: list[int]) -> None:
    values = [v for v, _ in killed(text)]
    assert all(w in values for w in want)
    assert 45 not in values and 200 not in values  # the infected and the affected are no dead


@pytest.mark.parametrize(
    "text",
    both(
        "At least nine farmers on the far side of the Green Line (GL) in the hill sector of Tana district "
        "were killed on Monday."
    ),
)
def test_a_long_subject_of_places_reaches_its_verb(text: str) -> None:
    assert killed(text) == [(9, False)]


@pytest.mark.parametrize(
    "text",
    both(
        "Five men, including a suspected member of a banned group from the north were gunned down "
        "in a police raid in Lyari, Karachi."
    ),
)
def test_an_unclosed_including_aside_is_not_closed_by_a_far_comma(text: str) -> None:
    assert killed(text) == [(5, False)]
