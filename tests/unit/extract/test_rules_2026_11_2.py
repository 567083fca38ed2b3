"""General rules added in 2026.11.2, each shown with sentences written for these tests.

None of these sentences comes from the evaluation corpus; they show the pattern
in other wording (other places, numbers, officials and verbs).
"""

from __future__ import annotations

from schemas.facts import entry_text
from streams.extract import extract
from tests.unit.extract.helpers import bounds, facts_of, one

# --- one fact per figure: a headline restated in the body ---------------------------------


def test_headline_figure_restated_in_body_is_one_fact_with_body_attributes() -> None:
    title = "Rocket attack on Mykolaiv kills five"
    body = (
        "Five people were killed and nine wounded when rockets hit a market in Mykolaiv, "
        "the regional governor, Vitaliy Kim, said."
    )
    killed = [f for f in extract(title, body) if f.metric == "killed"]
    assert len(killed) == 1
    f = killed[0]
    assert f.best == 5
    assert f.span is not None and f.span[1] <= len(title)  # the first occurrence: the headline
    assert f.subject == "people"
    assert f.claimant == "regional governor Vitaliy Kim"
    assert f.region_code == "UA-48"


def test_headline_figure_takes_the_fuller_qualifier_of_the_body() -> None:
    killed = [
        f
        for f in extract("Shelling kills 4 in Nikopol", "At least four civilians died in the shelling of Nikopol.")
        if f.metric == "killed"
    ]
    assert len(killed) == 1
    assert bounds(killed[0]) == (4, 4, None, "at_least")
    assert killed[0].subject == "civilians"


def test_same_number_in_two_places_stays_two_facts() -> None:
    got = facts_of("Two people were killed in Kherson. Two people were killed in Odesa.", "killed")
    assert sorted(f.region_code or "" for f in got) == ["UA-51", "UA-65"]


def test_same_number_from_two_claimants_stays_two_facts() -> None:
    text = (
        "Ten soldiers were captured, the army said. Ten soldiers were captured, according to the rebels' spokesman."
    )
    assert len(facts_of(text, "captured")) == 2


# --- attribution ------------------------------------------------------------------------------


def test_headline_country_claimant_gives_way_to_the_bodys_ministry() -> None:
    title = "Russia says 30 drones downed over Belgorod"
    body = "Air defence systems destroyed 30 Ukrainian drones over the Belgorod region, the defence ministry said."
    got = [f for f in extract(title, body) if f.metric == "drones_downed"]
    assert len(got) == 1
    assert got[0].claimant == "defence ministry"


def test_headline_without_attribution_takes_the_single_body_source() -> None:
    title = "Eleven injured in Kremenchuk"
    body = "A drone struck a shopping centre in Kremenchuk, regional governor Filip Pronin said."
    f = one(entry_text(title, body), "injured")
    assert f.claimant == "regional governor Filip Pronin"


def test_unattributed_body_sentence_keeps_claimant_null() -> None:
    text = (
        "Flood of drones\n\nSix people were injured in Kropyvnytskyi. "
        "Separately, the mayor said 2 people were killed in Uman."
    )
    assert one(text, "injured").claimant is None


def test_according_to_role_then_name_in_apposition() -> None:
    f = one("Seven people were hurt, according to the city's mayor, Ihor Terekhov.", "injured")
    assert f.claimant == "city's mayor Ihor Terekhov"


def test_strike_repeated_in_body_takes_the_bodys_claimant() -> None:
    title = "Drone strike on Sumy"
    body = "A Russian drone hit a school in Sumy on Friday, the regional administration said."
    strikes = [f for f in extract(title, body) if f.metric == "strikes"]
    assert len(strikes) == 1
    assert strikes[0].claimant == "regional administration"


# --- air defence --------------------------------------------------------------------------------


def test_coordinated_counts_share_the_verb_after_them() -> None:
    got = {(f.metric, f.best) for f in facts_of("The military said 20 of the missiles and 35 of the drones were intercepted.")}
    assert {("missiles_downed", 20), ("drones_downed", 35)} <= got
    assert not any(m.endswith("_launched") for m, _ in got)


def test_shot_down_all_n_fired_gives_downed_and_launched() -> None:
    got = {(f.metric, f.best) for f in facts_of("Air defences shot down all four cruise missiles launched at the port.")}
    assert {("missiles_downed", 4), ("missiles_launched", 4)} <= got


def test_downed_n_fired_by_is_only_downed() -> None:
    got = {(f.metric, f.best) for f in facts_of("Air defences intercepted seven missiles fired by Russia overnight.")}
    assert got == {("missiles_downed", 7)}


def test_single_launched_missile_and_it_was_intercepted() -> None:
    got = facts_of("The rebels launched a cruise missile at Eilat, and it was shot down over the sea.")
    pairs = {(f.metric, f.best) for f in got}
    assert {("missiles_launched", 1), ("missiles_downed", 1)} <= pairs
    launched = next(f for f in got if f.metric == "missiles_launched")
    assert launched.subject == "cruise missile"


def test_a_drone_attack_is_no_launch_count() -> None:
    assert facts_of("A drone attack on a depot near Tver caused a fire.", "drones_launched") == []


def test_partitive_number_without_noun_takes_the_family_of_the_sentence_before() -> None:
    text = "Ukraine fired five missiles at Belgorod overnight. Four were destroyed by air defences, officials said."
    assert one(text, "missiles_downed").best == 4


def test_adverb_between_auxiliary_and_cue() -> None:
    assert bounds(one("Several residents were slightly injured by flying glass.", "injured")) == (None, 3, None, "vague")


# --- places ----------------------------------------------------------------------------------------


def test_place_in_a_list_of_places_is_no_single_place() -> None:
    f = one("More than 30 drones were downed over the Poltava and Sumy regions.", "drones_downed")
    assert f.place is None and f.region_code is None


def test_interception_place_must_be_attached_to_the_figure() -> None:
    f = one("Air defences shot down 12 drones, and debris damaged a house in Sumy.", "drones_downed")
    assert f.place is None
    g = one("Air defences shot down 12 drones over the Sumy region overnight.", "drones_downed")
    assert g.region_code == "UA-59"


def test_place_of_the_claimant_is_not_the_place_of_the_figure() -> None:
    f = one("Three people were injured, the governor of the Kharkiv region said.", "injured")
    assert f.place is None


def test_capital_standing_for_its_government_is_not_a_place() -> None:
    f = one("Kyiv says 40 Russian soldiers were captured.", "captured")
    assert f.place is None


def test_gaza_localities_resolve_to_their_governorate() -> None:
    assert one("An Israeli strike killed nine people in Deir al-Balah.", "killed").region_code == "PS-DEB"
    assert one("Four people were killed in Jenin on Monday.", "killed").region_code == "PS-JEN"
