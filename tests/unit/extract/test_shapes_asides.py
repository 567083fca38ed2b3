"""Figure shapes of issue 9, fourth session: asides between a count and its verb, members of a
counted group, ages set off by commas, and strikes that are only intended.

Every sentence is written for these tests in the style of real reporting; none is copied from
any source. Each is checked as written and lowercased (real live-blog copies come lowercased
and tokenised). The guards (lists, partitives, counts before a comma) hold before and after.
"""

from __future__ import annotations

import pytest

from streams.extract.public_eval import carries_report, states_count, tally_figure
from tests.unit.extract.helpers import both, facts_of


def values(text: str, metric: str) -> list[int | None]:
    return [f.best if f.best is not None else f.low for f in facts_of(text, metric)]


# --- a comma aside of any wording between the count and its verb -----------------------------------


@pytest.mark.parametrize(
    ("text", "n"),
    [
        *[(t, 4) for t in both("Four farmers, members of one clan, were killed when a rocket hit their truck.")],
        *[(t, 21) for t in both("21 people, who were queueing for water, were killed by the blast.")],
        *[(t, 11) for t in both("11 civilians, have been killed in fighting near the dam.")],
        *[(t, 5) for t in both("Five fishermen, all from one village, died when the boat was shelled.")],
        *[(t, 6) for t in both("Six gunmen, affiliated with the rebel group were killed in a police raid.")],
        *[(t, 4) for t in both("Four traders, suspected of smuggling were shot dead by guards.")],
        *[(t, 3) for t in both("Three herders of the valley, out with their goats, were shot dead by police.")],
        *[(t, 2) for t in both("Two activists of the union, its youth wing, were killed in the clash.")],
    ],
)
def test_aside_between_count_and_verb(text: str, n: int) -> None:
    assert values(text, "killed")[:1] == [n]


@pytest.mark.parametrize("text", both("Four farmers, members of one clan, were killed when a rocket hit their truck."))
def test_count_inside_the_aside_is_no_count(text: str) -> None:
    assert values(text, "killed") == [4]  # "of one clan": a count inside a phrase


@pytest.mark.parametrize(
    "text", both("The monitors said 40 civilians, three soldiers and two rebels were killed in the province.")
)
def test_list_of_counts_sharing_one_verb(text: str) -> None:
    assert values(text, "killed") == [40, 3, 2]


@pytest.mark.parametrize("text", both("Five refugees, two men and three boys, were killed when the truck was hit."))
def test_refugees_killed_are_killed(text: str) -> None:
    assert values(text, "killed")[0] == 5
    assert values(text, "displaced") == []


@pytest.mark.parametrize("text", both("The dead comprised 15 civilians, 14 soldiers and five rebels."))
def test_comprised_tally(text: str) -> None:
    assert values(text, "killed") == [15, 14, 5]


@pytest.mark.parametrize(
    ("text", "metric", "n"),
    [
        *[(t, "drones_downed", 20) for t in both("Russia launched 50 drones, 20 of which were shot down.")],
        *[(t, "injured", 12) for t in both("Five were killed, and 12 were wounded.")],
        *[(t, "arrested", 12) for t in both("Police arrested 12 men, who were later released, after the clash.")],
    ],
)
def test_guards_lists_and_clauses_keep_their_own_verbs(text: str, metric: str, n: int) -> None:
    assert values(text, metric) == [n]
    if metric == "injured":
        assert values(text, "killed") == [5]


# --- members of a counted group ---------------------------------------------------------------------


@pytest.mark.parametrize("text", both("He was one of six military police officers killed in the ambush."))
def test_one_of_n_killed_counts_the_n(text: str) -> None:
    assert values(text, "killed") == [6]


@pytest.mark.parametrize("text", both("One of the two pilots was killed."))
def test_one_of_the_two_was_killed_counts_the_one(text: str) -> None:
    assert values(text, "killed") == [1]


# --- small shapes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", both("Last year 66 people were killed or seriously injured on the roads."))
def test_killed_or_seriously_injured_is_casualties(text: str) -> None:
    assert values(text, "casualties") == [66]
    assert values(text, "killed") == []


@pytest.mark.parametrize("text", both("Medics recovered the corpses of 15 soldiers near the river."))
def test_corpses_of(text: str) -> None:
    assert values(text, "killed") == [15]


@pytest.mark.parametrize("text", both("Half a dozen protesters were arrested outside the embassy."))
def test_half_a_dozen(text: str) -> None:
    assert values(text, "arrested") == [6]


@pytest.mark.parametrize(
    "text",
    [
        *both("Karim Uddin, 55, was beaten to death by a mob."),
        *both("John Marsh , aged 30 , has been arrested ."),
        *both("Tom Reed , 36 , of Mill Lane , was arrested ."),
        *both("Two men , aged 40 and 36 , have been arrested ."),
        *both("Five men , aged between 30 and 55 , were also detained ."),
    ],
)
def test_ages_set_off_by_commas_are_no_counts(text: str) -> None:
    assert all(v not in (30, 36, 55) for f in facts_of(text) for v in (f.low, f.best, f.high))


@pytest.mark.parametrize(
    ("text", "n"),
    [
        *[(t, 12) for t in both("The strike killed 12, police said.")],
        *[(t, 14) for t in both("Shelling killed 14, 12 of them children.")],
    ],
)
def test_counts_before_a_comma_stay_counts(text: str, n: int) -> None:
    assert values(text, "killed")[0] == n


# --- strikes that are only intended, and labour statistics --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both("Markets slipped as the regime said it was considering a missile strike on the island."),
        *both("The regime has outlined details for a missile strike near the island."),
        *both("Just 40,000 working days were lost to strikes in the public sector last year."),
        *both("Public sector strikes hit a record low."),
    ],
)
def test_no_strike_event(text: str) -> None:
    assert facts_of(text, "strikes") == []


@pytest.mark.parametrize("text", both("Details of the missile strike on the port emerged on Monday."))
def test_details_of_a_strike_is_an_event(text: str) -> None:
    assert len(facts_of(text, "strikes")) == 1


# --- the evaluation's own measures ------------------------------------------------------------------------


def test_dates_and_split_notes_do_not_state_a_count() -> None:
    assert not states_count("On 4 March 2020, 14 militants were killed. Fatalities split over 3 events (4).", 4)
    assert states_count("On 4 March, 4 people died.", 4)
    assert states_count("The mayor said 3 died.", 3)
    assert not states_count("On 3 May 2020, 4 people were killed. Fatalities split between 2 events.", 2)
    assert not states_count("On 3 May 2020, clashes. Fatalities coded as 10 and spread between 3 locations.", 3)
    assert states_count("On 3 May 2020, 3 died.", 3)
    assert states_count("Officials warned that 40 may die.", 40)


def test_tally_figure_is_the_largest_incident_figure() -> None:
    facts = facts_of("At least 11 people, including five civilians, were killed.")
    assert sorted(f.best for f in facts if f.metric == "killed") == [5, 11]
    assert tally_figure(facts) == 11
    running = facts[0].model_copy(update={"best": 3000, "low": None, "cumulative": True})
    rate = facts[0].model_copy(update={"best": 400, "low": None, "per": "day"})
    assert tally_figure([*facts, running, rate]) == 11  # a running total and a rate are no incident's figure
    assert tally_figure([]) is None


def test_carries_report() -> None:
    assert not carries_report("Daily total reported at http://example.org/a?b=3")
    assert carries_report("Gunmen killed a farmer in the north.")
    assert carries_report("Shelling killed 12 on Monday.")


# --- a country's total over many incidents is no incident -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both("At least 27 people were killed in unrest across Syria on Sunday, monitors said."),
        *both("Across the country, 31 people were killed on Friday."),
        *both("As many as 90 people were killed nationwide on Monday."),
    ],
)
def test_nationwide_total_is_cumulative(text: str) -> None:
    got = facts_of(text, "killed")
    assert len(got) == 1 and got[0].cumulative


@pytest.mark.parametrize(
    "text", both("At least 15 civilians were killed in raids across the country, 12 of them in the city of Homs.")
)
def test_a_place_share_of_a_nationwide_total_is_an_incident(text: str) -> None:
    got = {f.best: f.cumulative for f in facts_of(text, "killed")}
    assert got == {15: True, 12: False}


@pytest.mark.parametrize("text", both("Shelling killed 12 people in the city of Kharkiv on Monday."))
def test_one_place_is_an_incident(text: str) -> None:
    assert [f.cumulative for f in facts_of(text, "killed")] == [False]


# --- verbs separated from their count by a day, quotes, a relative clause or a place --------------------


@pytest.mark.parametrize(
    ("text", "n"),
    [
        *[(t, 25) for t in both("The raids killed on Friday 25 civilians and injured 130 others.")],
        *[(t, 12) for t in both("Shelling killed overnight 12 people in the city.")],
        *[(t, 19) for t in both('A total of 19 villagers were "gunned down" by soldiers.')],
        *[(t, 40) for t in both("The agency said 40 people who had been queueing at a bakery had been killed.")],
        *[(t, 10) for t in both("Ten civilians who were caught in the crossfire were killed.")],
        *[(t, 8) for t in both("Eight herders from Dorra, Somalia were apparently killed in crossfire.")],
        *[(t, 8) for t in both("Eight members of the People's Front [PF], were allegedly shot dead by troops.")],
        *[(t, 11) for t in both("Rebels have killed 11 aid workers taken hostage from a clinic, the UN said.")],
        *[(t, 2) for t in both("Two suspects who police said were also smugglers were shot dead in a firefight.")],
    ],
)
def test_verb_apart_from_its_count(text: str, n: int) -> None:
    assert values(text, "killed")[:1] == [n]


@pytest.mark.parametrize(
    ("text", "metric", "n"),
    [
        *[(t, "captured", 11) for t in both("Gunmen took 11 aid workers hostage.")],
        *[(t, "arrested", 5) for t in both("Five gunmen who attacked the village were arrested.")],
        *[(t, "injured", 12) for t in both("12 people who were injured were taken to hospital.")],
    ],
)
def test_relative_clause_guards(text: str, metric: str, n: int) -> None:
    assert values(text, metric) == [n]
    assert values(text, "killed") == []


@pytest.mark.parametrize("text", both("The 96 fans who died were remembered at the service."))
def test_a_known_group_named_again_is_no_new_count(text: str) -> None:
    assert values(text, "killed") == []


@pytest.mark.parametrize("text", both("His troops killed 800+ protesters in a week."))
def test_a_plus_sign_is_more_than(text: str) -> None:
    (f,) = facts_of(text, "killed")
    assert (f.low, f.best, f.qualifier) == (800, None, "more_than")


# --- takings, and killings by pronoun ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "n"),
    [
        *[(t, "captured", 6) for t in both("Six traders were kidnapped by the gang.")],
        *[(t, "captured", 12) for t in both("Gunmen kidnapped 12 students from the school.")],
        *[(t, "killed", 2) for t in both("Two civilians in their 20s were arrested by the army and killed.")],
        *[(t, "killed", 6) for t in both("Six men, suspected of theft were kidnapped by a gang and later executed.")],
        *[(t, "killed", 2) for t in both("Gunmen targeted two guards in the town, killing them on the spot.")],
    ],
)
def test_takings_and_killings_by_pronoun(text: str, metric: str, n: int) -> None:
    assert values(text, metric) == [n]


@pytest.mark.parametrize(
    ("text", "metric", "n"),
    [
        *[(t, "arrested", 12) for t in both("Police arrested 12 men, questioning them for hours.")],
        *[(t, "drones_launched", 40) for t in both("Russia launched 40 drones, destroying them.")],
    ],
)
def test_other_verbs_by_pronoun_keep_the_metric(text: str, metric: str, n: int) -> None:
    assert values(text, metric) == [n]
    assert values(text, "killed") == []


@pytest.mark.parametrize(
    "text",
    [
        *both("A ranger was shot dead by gunmen at his wedding."),
        *both("A prisoner who was beaten in police custody died after being taken to hospital."),
    ],
)
def test_singular_deaths_past_a_relative_clause(text: str) -> None:
    assert values(text, "killed") == [1]


@pytest.mark.parametrize("text", both("A woman who fled the city was interviewed on the radio."))
def test_singular_with_no_fate_is_no_count(text: str) -> None:
    assert facts_of(text) == []
