"""Figure rules of session 8: counts of things that are not people, clauses with their own verb,
adverbs before the verb, old tolls, strikes as a policy topic.

Sentences are written for these tests; none is copied from any source.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of


def values(text: str, metric: str) -> list[int | None]:
    return [f.best if f.best is not None else f.low for f in facts_of(text, metric)]


# --- vehicles and animals are not people -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("The aid agency said 14 ambulances and 25 buses carrying the wounded left the enclave."),
        *both_tokenised("A dairy farm reported that 3000 cattle have died in the drought."),
        *both_tokenised("Some 8000 chickens died of the virus at the plant."),
    ],
)
def test_vehicles_and_animals_are_no_casualties(text: str) -> None:
    assert [f.metric for f in facts_of(text) if f.metric in ("killed", "injured", "casualties")] == []


def test_people_beside_the_vehicles_still_count() -> None:
    text = "Four people were hurt when the convoy of 12 ambulances was shelled."
    assert values(text, "injured") == [4]


# --- a second count with a verb of its own does not inherit the first one's metric ------------


@pytest.mark.parametrize(
    "text",
    both_tokenised("The agency says 31 people have died and 4800 people have been affected by the flooding."),
)
def test_a_coordinated_count_with_its_own_verb_is_not_a_list_item(text: str) -> None:
    assert values(text, "killed") == [31]


@pytest.mark.parametrize(
    "text", both_tokenised("Roughly 400 people took part in the march and several organisers were detained.")
)
def test_a_count_that_did_something_else_is_not_arrested(text: str) -> None:
    assert values(text, "arrested") == [3]


@pytest.mark.parametrize("text", both_tokenised("About 150 people marched and two students were arrested."))
def test_a_bridge_to_the_verb_stops_at_another_count(text: str) -> None:
    assert values(text, "arrested") == [2]


@pytest.mark.parametrize("text", both_tokenised("Nine were killed in the market, three outside and one died later."))
def test_a_list_item_may_be_placed_by_an_adverb(text: str) -> None:
    assert sorted(values(text, "killed")) == [1, 3, 9]


@pytest.mark.parametrize(
    "text", both_tokenised("Officials said one Dutch tourist and one Chilean student were among the dead.")
)
def test_a_coordinated_count_shares_among_the_dead(text: str) -> None:
    assert sorted(v for v in values(text, "killed") if v == 1) == [1, 1]


# --- an adverb between the auxiliary and the verb ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Three local reporters were briefly detained after filming the protest."),
        *both_tokenised("Two farmers were wrongly arrested at the checkpoint, their lawyer said."),
    ],
)
def test_an_adverb_before_the_participle_is_skipped(text: str) -> None:
    assert len(values(text, "arrested")) == 1


# --- strikes as the topic of a decision or a debate --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Rome is weighing whether to extend air strikes into the desert province."),
        *both_tokenised("A new survey shows wide support for Danish air strikes on the group."),
        *both_tokenised("The cabinet's decision to launch air strikes drew protests."),
        *both_tokenised("The committee split: seven yes to airstrikes, five against."),
    ],
)
def test_strikes_as_a_policy_topic_are_no_strike(text: str) -> None:
    assert values(text, "strikes") == []


@pytest.mark.parametrize("text", both_tokenised("Coalition air strikes hit a depot near the river on Monday."))
def test_a_strike_event_is_still_a_strike(text: str) -> None:
    assert values(text, "strikes") == [1]


# --- a hoped-for zero is no report -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("What a terrible scene. I hope that no one was killed."),
        *both_tokenised("We are praying no one was hurt in the blaze."),
    ],
)
def test_a_hoped_for_zero_is_no_figure(text: str) -> None:
    assert facts_of(text) == []


@pytest.mark.parametrize("text", both_tokenised("Firefighters said no one was hurt in the blaze."))
def test_a_reported_zero_still_counts(text: str) -> None:
    assert [f.best for f in facts_of(text)] == [0]


# --- a count placed among a group --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        *[(t, [4]) for t in both_tokenised("Four Norwegians have been identified among the dead, the embassy said.")],
        *[(t, [1, 7]) for t in both_tokenised("One Canadian engineer was among seven people killed in the blast.")],
        *[(t, [2, 13]) for t in both_tokenised("Two nurses were among the 13 killed at the clinic.")],
    ],
)
def test_a_count_among_a_counted_group(text: str, want: list[int]) -> None:
    assert sorted(v for v in values(text, "killed") if v is not None) == want


@pytest.mark.parametrize("text", both_tokenised("Three girls were among those injured."))
def test_among_those_injured_is_injured(text: str) -> None:
    assert values(text, "injured") == [3]


# --- lists of counts that share one verb at the end --------------------------------------------


@pytest.mark.parametrize(
    "text",
    both_tokenised("Five medics, two drivers, four guards and one cook were among the dead, the charity said."),
)
def test_a_comma_list_of_counts_shares_its_verb(text: str) -> None:
    assert sorted(v for v in values(text, "killed") if v is not None and v < 12) == [1, 2, 4, 5]


@pytest.mark.parametrize("text", both_tokenised("The army said 14 soldiers, 6 civilians and 3 policemen were wounded."))
def test_a_comma_list_of_injured(text: str) -> None:
    assert sorted(v for v in values(text, "injured") if v is not None and v < 23) == [3, 6, 14]


# --- a harm with its severity ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("Local media said about seven people have suffered minor injuries in the tremor."),
        *both_tokenised("Seven passengers sustained serious wounds when the bus overturned."),
    ],
)
def test_suffered_minor_injuries_is_injured(text: str) -> None:
    assert values(text, "injured") == [7]


# --- intercontinental missiles -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both_tokenised("In May the regime test-fired three ICBMs into the sea."),
        *both_tokenised("In May the regime testfired three ICBMs into the sea."),
    ],
)
def test_icbms_test_fired_are_missiles_launched(text: str) -> None:
    assert values(text, "missiles_launched") == [3]


@pytest.mark.parametrize("text", both_tokenised("Villagers killed two herders whose goats had strayed onto the farm."))
def test_the_counted_noun_ends_before_whose(text: str) -> None:
    assert values(text, "killed") == [2]


@pytest.mark.parametrize("text", both_tokenised("Gunmen killed 20 herders and 83 cows in the raid."))
def test_animals_beside_people_are_left_out(text: str) -> None:
    assert values(text, "killed") == [20]


# --- a walkout named in the sentence makes its other bare strikes walkouts --------------------


@pytest.mark.parametrize(
    "text", both_tokenised("A general strike shut Lisbon today over pension cuts, with big strikes in Spain on Monday.")
)
def test_strikes_beside_a_general_strike_are_walkouts(text: str) -> None:
    assert values(text, "strikes") == []


@pytest.mark.parametrize("text", both_tokenised("The bus strike goes on, while Russian strikes hit Kharkiv overnight."))
def test_a_strike_with_an_actor_beside_a_walkout_stays(text: str) -> None:
    assert values(text, "strikes") == [1]
