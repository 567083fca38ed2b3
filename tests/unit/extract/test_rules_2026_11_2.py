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
    text = "Ten soldiers were captured, the army said. Ten soldiers were captured, according to the rebels' spokesman."
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
    got = {
        (f.metric, f.best)
        for f in facts_of("The military said 20 of the missiles and 35 of the drones were intercepted.")
    }
    assert {("missiles_downed", 20), ("drones_downed", 35)} <= got
    assert not any(m.endswith("_launched") for m, _ in got)


def test_shot_down_all_n_fired_gives_downed_and_launched() -> None:
    got = {
        (f.metric, f.best) for f in facts_of("Air defences shot down all four cruise missiles launched at the port.")
    }
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
    assert bounds(one("Several residents were slightly injured by flying glass.", "injured")) == (
        None,
        3,
        None,
        "vague",
    )


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


def test_town_then_its_region_is_a_locator_not_a_list() -> None:
    f = one("Five drones attacked Yelets, Lipetsk region, overnight.", "drones_launched")
    assert f.region_code == "RU-LIP"


def test_breakdown_by_place_after_including() -> None:
    text = "Air defences destroyed 52 drones overnight, including 14 over the Oryol region and 9 over the Tula region."
    got = {(f.best, f.region_code) for f in facts_of(text, "drones_downed")}
    assert got == {(52, None), (14, "RU-ORL"), (9, "RU-TUL")}


def test_places_inside_an_attribution_are_skipped_even_in_long_sentences() -> None:
    text = (
        "According to the Associated Press, at least five people were wounded when a glide bomb struck "
        "a clinic in Kupiansk, citing local officials."
    )
    assert one(text, "injured").region_code == "UA-63"


# --- troops and captives -------------------------------------------------------------------------


def test_took_n_soldiers_prisoner_is_captured() -> None:
    f = one("Marines took 14 enemy soldiers prisoner near the river, the navy said.", "captured")
    assert f.best == 14 and f.subject == "enemy soldiers"
    assert facts_of("Marines took 14 enemy soldiers prisoner near the river.", "troops") == []


def test_participle_ends_the_counted_subject() -> None:
    f = one("Some 4,000 troops stationed near the border were put on alert.", "troops")
    assert f.subject == "troops"


def test_number_of_troops_put_at() -> None:
    f = one("Officials put the number of foreign troops in the region at nearly 9,000.", "troops")
    assert bounds(f) == (None, None, 9000, "nearly")


def test_headline_troops_and_body_soldiers_are_one_figure() -> None:
    got = [
        f
        for f in extract(
            "Officials: 6,000 Belarusian troops near border",
            "Some 6,000 Belarusian soldiers have massed near the border, officials said.",
        )
        if f.metric == "troops"
    ]
    assert len(got) == 1
    assert bounds(got[0]) == (None, 6000, None, "about")


def test_bodies_of_soldiers_are_killed() -> None:
    assert bounds(one("Reporters saw the bodies of several soldiers near the bridge.", "killed"))[1] == 3


def test_discourse_phrase_in_commas_is_no_name() -> None:
    f = one("The ministry, for its part, said 40 people were detained.", "arrested")
    assert f.claimant == "ministry"


# --- strikes, weapons, actors ------------------------------------------------------------------------


def test_drones_that_hit_are_a_strike_not_a_launch_count() -> None:
    got = facts_of("Two drones hit an energy facility in the Lviv region overnight.")
    assert [f.metric for f in got] == ["strikes"]
    assert got[0].weapon == "drone" and got[0].target == "energy facility"


def test_drones_that_attacked_a_city_are_a_launch_count() -> None:
    assert one("Six drones attacked Cherkasy before dawn.", "drones_launched").best == 6


def test_weapon_vocabulary_is_canonical() -> None:
    cases = {
        "A KAB hit a warehouse in Kharkiv.": "guided bomb",
        "A glide bomb struck a school in Kherson.": "guided bomb",
        "Russian bombs hit a factory in Sumy.": "guided bomb",
        "A Shahed hit a house in Odesa.": "drone",
        "A kamikaze drone struck a car in Nikopol.": "drone",
        "An Iskander hit a hotel in Kharkiv.": "missile",
        "A Kh-101 struck a substation in Lviv.": "missile",
        "An airstrike hit a market in Idlib.": "air strike",
        "An air raid on a hospital in Khartoum was reported.": "air strike",
        "Grad rockets hit a village in Kherson.": "artillery",
        "Mortar fire hit a school in Huliaipole.": "artillery",
        "Artillery fire struck a bus in Nikopol.": "artillery",
    }
    for sentence, weapon in cases.items():
        got = facts_of(sentence, "strikes")
        assert got and got[0].weapon == weapon, (sentence, got)


def test_bombing_without_detail_has_no_weapon() -> None:
    got = facts_of("The bombing of the town centre killed 4 people.", "strikes")
    assert got == [] or got[0].weapon is None


def test_interception_facts_carry_weapon_and_launching_side() -> None:
    f = one("Air defences destroyed 23 Ukrainian drones over the Kursk region.", "drones_downed")
    assert (f.weapon, f.actor) == ("drone", "Ukraine")
    text = "Russia launched 70 drones and 4 missiles overnight. Air defences downed 50 of the drones."
    downed = one(text, "drones_downed")
    assert (downed.weapon, downed.actor) == ("drone", "Russia")
    assert one(text, "missiles_launched").weapon == "missile"


def test_missiles_fired_by_a_side() -> None:
    assert one("Air defences intercepted three missiles fired by Iran.", "missiles_downed").actor == "Iran"


def test_decimal_millions_are_exact() -> None:
    assert one("About 3.7m people have fled the country.", "displaced").best == 3_700_000
    assert facts_of("The ceasefire lasted 1.5 days before 2 people were killed.", "killed")[0].best == 2


# --- fewer false figures ------------------------------------------------------------------------------


def test_increment_is_not_a_figure() -> None:
    text = "The toll in Kramatorsk rose to 9 after three more bodies were pulled from the ruins."
    assert {f.best for f in facts_of(text, "killed")} == {9}


def test_detained_soldiers_are_captured_not_arrested() -> None:
    text = "Border guards detained 11 enemy soldiers near the crossing, the agency said."
    assert one(text, "captured").best == 11
    assert facts_of(text, "arrested") == []


def test_verb_before_wins_over_a_relative_clause() -> None:
    text = "Footage appeared to show troops shooting dead three prisoners who had surrendered."
    assert one(text, "killed").best == 3
    assert facts_of(text, "captured") == []


def test_one_of_the_largest_is_no_count() -> None:
    text = "No one was injured in the fire. The depot, one of the largest in the region, burned for hours."
    assert [f.best for f in facts_of(text)] == [0]


def test_partitive_carries_the_metric_only_at_the_start_of_the_next_sentence() -> None:
    text = "Eight people were injured in Sumy. Two of them were children."
    assert sorted(f.best for f in facts_of(text, "injured")) == [2, 8]


def test_period_summary_and_campaign_are_not_strike_events() -> None:
    assert facts_of("Russian strikes killed seven civilians across the region over the past day.", "strikes") == []
    assert facts_of("Residents described daily shelling of the market district.", "strikes") == []
    assert len(facts_of("Russian strikes on Kherson killed two people on Monday.", "strikes")) == 1


def test_attack_on_a_whole_country_is_a_barrage_not_a_strike() -> None:
    got = {(f.metric, f.best) for f in facts_of("Russia attacked Ukraine overnight with 60 drones and two missiles.")}
    assert got == {("drones_launched", 60), ("missiles_launched", 2)}


def test_none_of_the_missiles_was_intercepted() -> None:
    f = one("Russia fired four missiles at Odesa. None of the missiles were shot down.", "missiles_downed")
    assert bounds(f) == (None, 0, None, "exact")


def test_place_where_it_was_said_is_not_the_figures_place() -> None:
    text = "The minister told a conference in Geneva that 2 million people had fled Sudan."
    f = one(text, "displaced")
    assert (f.region_code, f.country) == (None, "SD")  # a country-level place has no region code


def test_place_as_a_speakers_modifier_is_not_a_place() -> None:
    f = one("A Kyiv official says 3 people were injured.", "injured")
    assert f.place is None


def test_estimate_as_noun_is_no_speech_verb() -> None:
    f = one("Analysts raise their troop estimate to roughly 7,000 soldiers in Belarus.", "troops")
    assert f.claimant is None
    g = one("Western officials estimate that some 7,000 soldiers are in Belarus.", "troops")
    assert g.claimant == "Western officials"


def test_headline_capital_claimant_gives_way_to_the_bodys_source() -> None:
    title = "Kyiv says 15 Russian soldiers captured near Vovchansk"
    body = "Fifteen Russian soldiers were captured near Vovchansk, the general staff said."
    got = [f for f in extract(title, body) if f.metric == "captured"]
    assert len(got) == 1 and got[0].claimant == "general staff"


def test_among_them_is_a_subset_of_the_figure_before() -> None:
    text = "The raid killed 23 people, among them 6 children, the ministry said."
    assert sorted(f.best for f in facts_of(text, "killed")) == [6, 23]


def test_partitive_breakdown_by_place_is_coordinated() -> None:
    text = "Shelling killed seven civilians, four of them in Kurakhove and three in Hirnyk, officials said."
    assert sorted(f.best for f in facts_of(text, "killed")) == [3, 4, 7]


def test_number_of_people_killed_has_risen_to() -> None:
    f = one("The number of people killed in the attack has risen to 19.", "killed")
    assert f.best == 19
