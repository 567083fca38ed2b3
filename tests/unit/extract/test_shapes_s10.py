"""Figure shapes of session 10 (issue 9): general classes counted on real text nobody here wrote.

Every sentence is written for these tests in the style of real reporting (often lowercased and
tokenised, as real live-blog copies are); none is copied from any source.
"""

from __future__ import annotations

from tests.unit.extract.helpers import bounds, facts_of


def _all(text: str) -> list[tuple[str, int | None, int | None, int | None, str]]:
    return sorted(((f.metric, *bounds(f)) for f in facts_of(text)), key=str)


# --- a single person described by an age decade ("a man in his 40s") -------------------------


def test_a_man_in_his_decade_was_killed_is_one_death() -> None:
    assert _all("a man in his 50s was killed when scaffolding came down on a street in leeds .") == [
        ("killed", None, 1, None, "exact")
    ]


def test_a_woman_in_her_mid_decade_has_died() -> None:
    assert _all("A woman in her mid-70s has died after the crash on the coast road.") == [
        ("killed", None, 1, None, "exact")
    ]


def test_a_man_in_his_decade_was_arrested() -> None:
    assert _all("police say a man in his 30s was arrested at a flat in the town centre .") == [
        ("arrested", None, 1, None, "exact")
    ]


def test_an_age_decade_with_no_fate_is_no_count() -> None:
    assert facts_of("a woman in her 60s was walking her dog along the canal when she saw the van .") == []


# --- a typed double hyphen opens and closes an aside, as an em dash does -----------------------


def test_double_hyphen_aside_between_count_and_verb() -> None:
    assert _all("Witnesses said 210 villagers -- most of them elderly -- were slain by the militia.") == [
        ("killed", None, 210, None, "exact")
    ]


def test_em_dash_aside_still_skipped() -> None:
    assert _all("About 40 farmers — most of them from one clan — were killed in the raid.") == [
        ("killed", None, 40, None, "about")
    ]


def test_unclosed_double_hyphen_is_no_aside() -> None:
    assert facts_of("the final score was 3 -- 1 after extra time .") == []


# --- a counted group and one more person named with it ("three children and a woman") ---------


def test_group_and_a_person_after_the_verb_make_a_total() -> None:
    facts = facts_of("A shell that hit the market killed five children and a woman on Sunday.", "killed")
    assert sorted(f.best for f in facts) == [5, 6]
    assert [f.subject for f in facts if f.best == 6] == ["people"]


def test_group_and_a_person_before_the_verb_make_a_total() -> None:
    assert 9 in [f.best for f in facts_of("Eight pilgrims and a driver died when the bus left the road.", "killed")]


def test_an_armed_group_and_a_person_stay_apart() -> None:
    # the two sides of a fight are reported apart, never summed into one toll
    assert sorted(f.best for f in facts_of("troops killed six insurgents and a shepherd in the raid .", "killed")) == [
        6
    ]
    assert 5 not in [f.best for f in facts_of("Four cadres and a porter were killed in the gunfight.", "killed")]


def test_a_thing_after_the_group_adds_nobody() -> None:
    assert [f.best for f in facts_of("the flood killed four people and a horse .", "killed")] == [4]


# --- counted rockets or shells that land are strikes, as counted bombs are ---------------------


def test_rockets_that_hit_are_strikes() -> None:
    assert _all("the military said 31 rockets hit the south on tuesday .") == [("strikes", None, 31, None, "exact")]


def test_rockets_fired_from_a_place_that_have_hit_are_strikes_not_launches() -> None:
    facts = _all("so far today , 52 rockets fired from the strip have hit the north ; 14 more were intercepted .")
    assert ("strikes", None, 52, None, "exact") in facts
    assert not any(f[0] == "missiles_launched" for f in facts)


def test_shells_that_landed_are_strikes() -> None:
    assert _all("Five shells landed on the market square overnight.") == [("strikes", None, 5, None, "exact")]


def test_rockets_fired_are_still_launches() -> None:
    assert _all("militants fired 45 rockets at the border towns .") == [("missiles_launched", None, 45, None, "exact")]


def test_rockets_intercepted_are_no_landing() -> None:
    assert [f.metric for f in facts_of("Nine rockets were intercepted over the city.")] == ["missiles_downed"]


# --- fractions of a round number ------------------------------------------------------------


def test_half_a_million_is_five_hundred_thousand() -> None:
    assert _all("Half a million people have fled the fighting in the north.") == [
        ("displaced", None, 500_000, None, "exact")
    ]


def test_nearly_a_quarter_of_a_million_is_an_upper_bound() -> None:
    assert _all("officials think nearly a quarter of a million people have been displaced by the floods .") == [
        ("displaced", None, None, 250_000, "nearly")
    ]


def test_half_a_dozen_keeps_its_value_and_takes_its_qualifier() -> None:
    assert _all("half a dozen soldiers were killed in the ambush .") == [("killed", None, 6, None, "vague")]
    assert _all("nearly half a dozen people were injured .") == [("injured", None, None, 6, "nearly")]


def test_a_fraction_of_a_group_is_no_count() -> None:
    assert facts_of("half of the residents have fled and a third of the homes are damaged .") == []


# --- "those killed (in the crash) included N ...": the group named before its members -----------


def test_those_killed_in_the_crash_included_counts() -> None:
    assert _all("those killed in the collision included 120 passengers and nine crew members .") == [
        ("killed", None, 120, None, "exact"),
        ("killed", None, 9, None, "exact"),
    ]


def test_those_injured_include_with_a_colon() -> None:
    assert ("injured", None, 14, None, "exact") in _all("those injured include : 14 students and a teacher .")


def test_people_arrested_during_the_raid_include() -> None:
    assert _all("the people arrested during the raids include three cousins .") == [
        ("arrested", None, 3, None, "exact")
    ]


def test_those_affected_include_is_no_metric() -> None:
    assert facts_of("those affected include 300 families in the valley .") == []


# --- "the execution of N prisoners" is a killing, whatever the victims' status -----------------


def test_execution_of_prisoners_is_killed_not_captured() -> None:
    assert _all("Witnesses described the execution of 14 prisoners behind the barracks.") == [
        ("killed", None, 14, None, "exact")
    ]


def test_slaughter_of_villagers_is_killed() -> None:
    assert _all("rights groups condemned the slaughter of 35 herders near the river .") == [
        ("killed", None, 35, None, "exact")
    ]


# --- tolls written as labels, and a comma before "to" ----------------------------------------


def test_death_toll_with_a_colon_is_a_label() -> None:
    assert _all("the latest death toll : 312") == [("killed", None, 312, None, "exact")]


def test_injury_toll_with_a_colon() -> None:
    assert _all("Injury toll: 140") == [("injured", None, 140, None, "exact")]


def test_metric_words_as_colon_labels() -> None:
    assert _all("the dead : 17 , the injured : 52 .") == [
        ("injured", None, 52, None, "exact"),
        ("killed", None, 17, None, "exact"),
    ]


def test_toll_risen_again_comma_to() -> None:
    assert _all("the death toll from the landslide has risen again , to 1,410 .") == [
        ("killed", None, 1410, None, "exact")
    ]


def test_a_score_with_a_colon_is_no_toll() -> None:
    assert facts_of("the score : 3 - 1 after the break .") == []


# --- a single person, their place, then a comma aside before the verb ------------------------


def test_a_person_in_a_town_then_an_aside_has_died() -> None:
    assert _all("a person in galway , close to the harbour , has died after a wall collapsed .") == [
        ("killed", None, 1, None, "exact")
    ]


def test_a_woman_in_a_county_and_state_was_killed() -> None:
    assert _all("a woman in marion county , oregon , was killed by a falling branch .") == [
        ("killed", None, 1, None, "exact")
    ]


def test_an_aside_without_a_fate_is_no_count() -> None:
    assert facts_of("a woman from luton , whose son was hurt in a crash , has said she wants to help .") == []


def test_an_apposition_is_not_a_second_person() -> None:
    facts = facts_of("Workers rioted after a rickshaw driver, a labourer from Bihar, was lynched.", "killed")
    assert [f.best for f in facts] == [1]


# --- a comma right before the verb ends a long subject ---------------------------------------


def test_a_bracketed_name_then_a_stray_comma_before_the_verb() -> None:
    assert _all("Nine members of the Valley Farmers Union [VFU], were allegedly shot dead by troops.") == [
        ("killed", None, 9, None, "exact")
    ]


def test_a_long_including_aside_that_closes_late() -> None:
    text = (
        "At least 27 members of the cleric-led Unity Movement of the East, including two of his nephews, were killed."
    )
    assert ("killed", 27, 27, None, "at_least") in _all(text)


def test_the_driver_described_by_an_apposition_is_one_death() -> None:
    assert _all("the driver , a man in his 30s , was declared dead in the ambulance .") == [
        ("killed", None, 1, None, "exact")
    ]


# --- a single person named with "the" whose fate is told in the passive ------------------------


def test_the_pilot_was_killed_is_one_death() -> None:
    assert _all("the co-pilot was killed when the transport plane came down near the ridge .") == [
        ("killed", None, 1, None, "exact")
    ]


def test_the_suspect_has_been_arrested() -> None:
    assert _all("the wounded suspect has been arrested , officers said .") == [("arrested", None, 1, None, "exact")]


def test_the_guard_was_wounded() -> None:
    assert _all("The guard was wounded in the exchange of fire.") == [("injured", None, 1, None, "exact")]


def test_a_definite_person_in_another_phrase_is_no_count() -> None:
    assert facts_of("the pilot of the jet that was hit said he was fine .") == []
    assert facts_of("the man said his brother was arrested .") == []


def test_a_sports_injury_of_a_definite_person_is_no_count() -> None:
    assert facts_of("the captain was injured in the first half and had to leave the pitch .") == []


# --- one person who suffered injuries ------------------------------------------------------------


def test_a_man_sustained_serious_injuries_is_one_injured() -> None:
    assert _all("a man sustained serious injuries when the van hit him .") == [("injured", None, 1, None, "exact")]


def test_two_words_of_severity_before_the_harm() -> None:
    assert _all("A woman suffered serious head injuries in the collision.") == [("injured", None, 1, None, "exact")]
    assert _all("four people suffered minor burn injuries .") == [("injured", None, 4, None, "exact")]


def test_suffering_something_else_is_no_injury() -> None:
    assert facts_of("a man suffered a heart attack at the wheel .") == []
    assert facts_of("a company suffered heavy losses last year .") == []


# --- one person and a count of the others of the same group -----------------------------------


def test_the_cleric_and_seven_other_worshippers_is_eight() -> None:
    bests = sorted(
        f.best for f in facts_of("The priest and six other worshippers were killed when the shell hit.", "killed")
    )
    assert bests == [6, 7]


def test_killed_the_mayor_and_five_other_people() -> None:
    assert 6 in [f.best for f in facts_of("gunmen killed the mayor and five other people .", "killed")]


def test_a_named_leader_and_others_in_cased_text() -> None:
    text = "Movement leader Sheikh Omar Salim and seven other men with him were killed by the missile."
    assert 8 in [f.best for f in facts_of(text, "killed")]


def test_a_place_and_other_places_adds_nobody() -> None:
    assert facts_of("Kharkiv and two other cities were hit overnight .", "killed") == []
