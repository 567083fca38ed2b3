"""Sentence shapes and everyday senses found on real live blogs and event notes (issue 9).

Each sentence is written for these tests, in the style of real reporting (and
often lowercased and tokenised, as real live-blog copies are); none is copied
from any source. Every test fails without the rule it names.
"""

from __future__ import annotations

from tests.unit.extract.helpers import bounds, facts_of, one


def _all(text: str) -> list[tuple[str, int | None, int | None, int | None, str]]:
    return sorted(((f.metric, *bounds(f)) for f in facts_of(text)), key=str)


# --- numbers that are no count -----------------------------------------------------------------


def test_one_of_a_group_is_a_person_singled_out_not_a_count() -> None:
    assert _all("Seven people were detained in the raids . one of the suspects was freed on monday .") == [
        ("arrested", None, 7, None, "exact")
    ]


def test_one_of_the_injured_is_still_a_count_of_the_injured() -> None:
    assert [f.best for f in facts_of("One of the wounded died in hospital overnight.")] == [1]


def test_typed_together_at_least() -> None:
    assert bounds(one("a militia raid kills atleast 6 in the hills", "killed")) == (6, 6, None, "at_least")


def test_as_high_as_is_an_upper_bound() -> None:
    assert bounds(one("officials fear the toll could be as high as 80 dead .", "killed")) == (None, None, 80, "up_to")


def test_possibly_is_about() -> None:
    assert bounds(one("The blast killed possibly 7 people.", "killed")) == (None, 7, None, "about")


# --- between the subject and its verb ----------------------------------------------------------


def test_hearsay_verb_before_to_have_been() -> None:
    assert one("Nine bandits are suspected to have been killed in the raid.", "killed").best == 9


def test_manner_adverb_between_auxiliary_and_participle() -> None:
    assert one("Some 40 villagers were deliberately killed by the militia.", "killed").best == 40
    assert one("two guards were allegedly shot dead at the gate .", "killed").best == 2


def test_a_verdict_on_old_deaths_is_no_report() -> None:
    assert facts_of("the court ruled that the 12 miners were unlawfully killed .") == []


def test_taken_then_killed_is_a_killing() -> None:
    assert one("Five herders were abducted and killed by gunmen.", "killed").best == 5
    assert facts_of("Five herders were abducted and killed by gunmen.", "captured") == []


def test_taken_then_shot_dead_is_a_killing() -> None:
    assert one("3 traders were kidnapped and shot dead on the highway .", "killed").best == 3


def test_relative_clause_carries_the_verb() -> None:
    assert bounds(one("she met some of more than 300 people who were injured in the blast .", "injured")) == (
        300,
        None,
        None,
        "more_than",
    )


def test_relative_clause_with_an_object_is_an_act() -> None:
    assert facts_of("the 4 gunmen who killed 9 villagers were never caught .", "killed")[0].best == 9
    assert [f.best for f in facts_of("6 raiders who killed the guard were never caught .", "killed")] == []


def test_a_known_group_named_again_is_no_report() -> None:
    assert facts_of("a memorial for the 39 climbers who died on the ridge opened today .") == []


# --- tallies -----------------------------------------------------------------------------------


def test_a_tally_word_labels_a_bracketed_count() -> None:
    assert _all("ministry update : dead ( 412 ) injured ( 1020 )") == [
        ("injured", None, 1020, None, "exact"),
        ("killed", None, 412, None, "exact"),
    ]


def test_toll_with_an_aside_between_it_and_its_number() -> None:
    assert one("the death toll in the province , according to the red cross , is 73 .", "killed").best == 73


def test_a_forecast_toll_is_no_figure() -> None:
    assert facts_of("the number of those killed is likely to rise to more than 90 , medics warned .") == []


def test_number_of_strikes_reached() -> None:
    assert one("the total number of air strikes on the region has reached 212 .", "strikes").best == 212


def test_fatalities_range_from() -> None:
    assert bounds(one("Reports on fatalities range from 3 to 5.", "killed")) == (3, None, 5, "exact")


def test_toll_is_up_to_means_it_rose_to() -> None:
    assert bounds(one("the death toll is up to 27 , the paper says .", "killed")) == (None, 27, None, "exact")


def test_toll_then_a_coordinated_injured_count() -> None:
    assert _all("the death toll has reached 310 and 1200 people have been injured .") == [
        ("injured", None, 1200, None, "exact"),
        ("killed", None, 310, None, "exact"),
    ]


def test_dead_or_missing_is_neither_count() -> None:
    assert facts_of("the mudslide left more than 200 people dead or missing .", "killed") == []


# --- lists and breakdowns ----------------------------------------------------------------------


def test_list_of_counts_by_place_inherits_the_metric() -> None:
    text = "officials reported 40 deaths in the north , 12 in the capital , six in the port and one in the hills ."
    assert sorted(f.best or 0 for f in facts_of(text, "killed")) == [1, 6, 12, 40]


def test_list_after_a_dash_breaks_a_toll_down() -> None:
    text = "31 people were killed in the clashes - 14 soldiers , 12 civilians and five policemen ."
    assert sorted(f.best or 0 for f in facts_of(text, "killed")) == [5, 12, 14, 31]
    assert facts_of(text, "troops") == []


def test_list_without_commas_in_the_same_shape() -> None:
    text = "among those killed are : four from chad three from niger one from mali ."
    assert sorted(f.best or 0 for f in facts_of(text, "killed")) == [1, 3, 4]


def test_bracketed_breakdown_of_a_toll() -> None:
    text = "the toll has reached 2,340 ( 610 children and 402 women ) ."
    assert sorted(f.best or 0 for f in facts_of(text, "killed")) == [402, 610, 2340]


def test_a_list_item_needs_a_place_or_people_after_it() -> None:
    assert facts_of("7 people were killed , 20 cars burned .", "killed")[0].best == 7
    assert len(facts_of("7 people were killed , 20 cars burned .", "killed")) == 1


def test_including_is_read_in_its_own_sentence_only() -> None:
    text = (
        "Gunmen killed 8 villagers, including 2 boys, the governor said. "
        "A local priest named all 8 victims, including 2 boys, the mayor said."
    )
    assert sorted(f.best or 0 for f in facts_of(text, "killed")) == [2, 8]


def test_incl_is_short_for_including() -> None:
    text = "kabul - 30 civilians injured in the blast - incl 6 women and 4 children"
    assert sorted(f.best or 0 for f in facts_of(text, "injured")) == [4, 6, 30]


def test_a_plural_total_with_a_singular_verb_is_not_the_count() -> None:
    assert [f.best for f in facts_of("one of the three guards on the roof was killed .", "killed")] == [1]


# --- strikes -----------------------------------------------------------------------------------


def test_bombs_dropped_are_strikes() -> None:
    assert one("a total of 14 bombs were dropped on the depot .", "strikes").best == 14


def test_an_attack_on_a_place_alone_is_no_strike() -> None:
    assert facts_of("three people were killed in a knife attack in the old town .", "strikes") == []
    assert facts_of("the candidate renewed his attacks on migrants at the rally .", "strikes") == []


def test_an_aerial_attack_names_its_weapon() -> None:
    assert one("an aerial attack on the clinic in the valley killed 4 .", "strikes").weapon == "air strike"


# --- verbs and nouns of the lexicon ------------------------------------------------------------


def test_taken_alive_is_captured() -> None:
    assert one("three of the raiders were taken alive , police said .", "captured").best == 3


def test_house_arrest_is_an_arrest() -> None:
    assert one("48 people have been placed under house arrest .", "arrested").best == 48


def test_murder_of_is_a_killing() -> None:
    assert one("the town mourned the murder of six of its teachers .", "killed").best == 6


def test_drowned_is_killed() -> None:
    assert one("At least 17 migrants drowned when their boat capsized.", "killed").low == 17


# --- second round: more shapes of real copy -----------------------------------------------------


def test_declared_dead() -> None:
    assert one("the 14 passengers declared as dead were all from the same village .", "killed").best == 14


def test_a_change_from_one_figure_to_another_gives_both() -> None:
    text = "the number of wounded people has risen from 23 to 29 , the police say ."
    assert sorted(f.best or 0 for f in facts_of(text, "injured")) == [23, 29]


def test_were_among_those_killed() -> None:
    assert bounds(one("at least 5 medics were among those killed in the raid .", "killed")) == (5, 5, None, "at_least")


def test_a_single_person_among_the_dead_is_part_of_another_count() -> None:
    assert (
        facts_of("Twelve people died in the blast. A 60-year-old teacher was among the dead.", "killed")[0].best == 12
    )
    assert len(facts_of("Twelve people died in the blast. A 60-year-old teacher was among the dead.", "killed")) == 1


def test_a_number_glued_into_a_word_does_not_end_a_long_subject() -> None:
    text = "four members of a local family and a 2-year-old girl were killed when the house was shelled ."
    assert sorted(f.best or 0 for f in facts_of(text, "killed")) == [1, 4]


def test_being_treated_at_a_hospital_is_injured() -> None:
    assert one("11 tourists are being treated at the city hospital .", "injured").best == 11


def test_a_planted_bomb_is_no_strike() -> None:
    assert facts_of("a bomb attack near the shrine killed 6 people .", "strikes") == []
    assert facts_of("a roadside bomb hit the army convoy .", "strikes") == []
    assert one("guided bombs hit the town overnight .", "strikes").weapon == "guided bomb"


def test_no_arrests_and_no_reports_of_deaths_are_zeros() -> None:
    assert bounds(one("the march ended peacefully and no arrests were made .", "arrested")) == (None, 0, None, "exact")
    assert bounds(one("There are no reports of deaths after the tremor.", "killed")) == (None, 0, None, "exact")


def test_homeless_martyred_and_disappeared() -> None:
    assert one("the storm left 300 dead and thousands homeless .", "displaced").best == 1000
    assert one("police said 7 people were martyred in the blast .", "killed").best == 7
    assert one("at least 4 aid workers have disappeared .", "missing").low == 4


def test_expected_to_is_a_forecast_not_hearsay() -> None:
    assert facts_of("some 20,000 people are expected to be evacuated next week .") == []


def test_a_list_gap_stops_at_and() -> None:
    text = "there were 9 deaths among the crew and the guests , and 3 officers have resigned ."
    assert [f.best for f in facts_of(text, "killed")] == [9]


def test_counted_strikes_with_a_direction() -> None:
    assert one("three airstrikes west of the dam destroyed two bunkers .", "strikes").best == 3


def test_a_military_campaign_is_no_politics() -> None:
    assert bounds(one("the air force had flown over 90 air strikes since the campaign began .", "strikes"))[0] == 90


def test_an_aircraft_model_number_is_no_count() -> None:
    assert facts_of("the jets were 4 rafale and mirage 2000 fighters .", "troops") == []


def test_a_pair_of_single_people_is_one_count_of_two() -> None:
    assert _all("a shopkeeper and his son were killed in the crossfire .") == [("killed", None, 2, None, "exact")]
    assert _all("a nurse and a driver were injured .") == [("injured", None, 2, None, "exact")]
    assert _all("a man was killed and a woman was injured .") == [
        ("injured", None, 1, None, "exact"),
        ("killed", None, 1, None, "exact"),
    ]


# --- third round: event notes -------------------------------------------------------------------


def test_one_of_a_group_with_a_verb_of_its_own_counts() -> None:
    assert one("Two gunmen fired at the patrol, and one of the men was killed.", "killed").best == 1
    assert one("Troops raided the camp and killed one of its leaders.", "killed").best == 1


def test_one_of_a_group_takes_no_metric_from_the_count_before() -> None:
    text = "the raid was the murder of nine of its staff , one of its editors told reporters ."
    assert [f.best for f in facts_of(text, "killed")] == [9]
    assert facts_of("The blast killed 40 people, one of the deadliest attacks this year.", "strikes") == []


def test_executed_people_are_killed() -> None:
    assert one("two gunmen executed three young men outside a bar .", "killed").best == 3


def test_a_definite_pair_of_people() -> None:
    assert _all("The teacher and her son died in the fire.") == [("killed", None, 2, None, "exact")]
    assert _all("the man and the woman spoke to reporters .") == []


def test_a_bare_verb_with_an_object_is_the_subjects_act() -> None:
    assert _all("two gunmen killed three villagers outside a bar .") == [("killed", None, 3, None, "exact")]
    assert _all("12 killed 30 injured in blast") == [
        ("injured", None, 30, None, "exact"),
        ("killed", None, 12, None, "exact"),
    ]


def test_a_multiword_cue_ends_the_counted_subject() -> None:
    assert one("Eight people lost their lives when the ferry sank.", "killed").best == 8


def test_as_well_as_inside_a_long_subject() -> None:
    text = "12 rebels as well as two guides were killed in the ambush ."
    assert sorted(f.best or 0 for f in facts_of(text, "killed")) == [2, 12]
