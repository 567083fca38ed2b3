"""Sentence shapes of real reporting (issue 9, item 2), each in sentences written for these tests.

No sentence here is copied from any source: places and figures are invented
in the style of wire copy and conflict-event notes.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import bounds, facts_of, one


def _killed(text: str) -> list[tuple[int | None, int | None, int | None, str]]:
    return sorted((bounds(f) for f in facts_of(text, "killed")), key=str)


# --- asides between the number and its verb ---------------------------------------------------


def test_among_them_aside_keeps_the_total_and_the_sub_count() -> None:
    text = "At least seven people, among them three children, were killed in a rocket attack on Zaporizhzhia."
    assert _killed(text) == sorted([(7, 7, None, "at_least"), (None, 3, None, "exact")], key=str)


def test_parenthesised_including_aside() -> None:
    text = "Nine villagers (including 4 women) were killed when gunmen raided a hamlet near Mopti."
    assert _killed(text) == sorted([(None, 9, None, "exact"), (None, 4, None, "exact")], key=str)


def test_including_aside_without_commas() -> None:
    text = "Eleven rebels including 3 commanders were killed in an army operation in Ituri."
    assert _killed(text) == sorted([(None, 11, None, "exact"), (None, 3, None, "exact")], key=str)


def test_including_aside_with_an_opening_comma_only() -> None:
    assert _killed("4 guards, including a senior officer were killed in the ambush.") == [(None, 4, None, "exact")]


def test_apposition_between_a_single_count_and_its_verb() -> None:
    f = one("1 boy, a goatherd, was killed by an old mine outside the village.", "killed")
    assert f.best == 1


def test_long_subject_with_of_phrase() -> None:
    f = one("At least nine members of a local vigilante group were killed in the raid.", "killed")
    assert bounds(f) == (9, 9, None, "at_least")


def test_long_subject_with_a_participle() -> None:
    f = one("Three gunmen believed to belong to a bandit gang were shot dead by police.", "killed")
    assert f.best == 3


def test_coordinated_nouns_in_a_subject() -> None:
    assert one("2 nurses and doctors were wounded when the clinic was shelled.", "injured").best == 2


def test_a_capitalised_group_name_that_reads_as_a_verb() -> None:
    assert one("6 IS fighters were killed in an air strike near Deir ez-Zor.", "killed").best == 6


def test_the_injured_count_of_a_following_clause_keeps_the_place() -> None:
    f = one("Eight people were killed in Sumy, and 31 were wounded.", "injured")
    assert f.best == 31 and f.region_code == "UA-59"


# --- verbs of killing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Artillery fire killed 13 people in the market.", 13),
        ("13 people were killed by artillery fire.", 13),
        ("Shelling killed at least 17 civilians in the town.", 17),
        ("Two traders were shot dead at a checkpoint.", 2),
        ("Four men were beaten to death by a mob.", 4),
        ("Five herders were hacked to death overnight.", 5),
        ("3 policemen were shot and killed at a roadblock.", 3),
        ("2 farmers were kidnapped and killed by the militia.", 2),
        ("Unidentified men gunned down 3 shopkeepers.", 3),
        ("The bombing resulted in the death of 6 people.", 6),
        ("The explosion led to the deaths of 8 workers.", 8),
        ("4 miners were fatally wounded in the clash.", 4),
        ("Two people succumbed to their injuries in hospital.", 2),
    ],
)
def test_verbs_of_killing(text: str, best: int) -> None:
    assert one(text, "killed").best == best


def test_kidnapped_and_killed_is_no_injury() -> None:
    assert facts_of("2 farmers were kidnapped and killed by the militia.", "injured") == []


def test_killed_one_and_injured_one_are_two_facts_not_casualties() -> None:
    text = "A roadside bomb killed 1 soldier, and injured 2, near the base."
    assert one(text, "killed").best == 1
    assert one(text, "injured").best == 2
    assert facts_of(text, "casualties") == []


def test_killed_or_injured_after_the_subject_stays_casualties() -> None:
    assert one("14 people were killed or injured in the blast.", "casualties").best == 14


# --- headline style, fatalities, tolls ----------------------------------------------------------


def test_headline_dead_and_injured() -> None:
    text = "7 dead, 22 injured in Odesa port blast"
    assert one(text, "killed").best == 7
    assert one(text, "injured").best == 22


@pytest.mark.parametrize(
    "text",
    [
        "The clashes resulted in 5 fatalities.",
        "Local media reported 5 fatalities.",
        "5 fatalities.",
    ],
)
def test_fatalities(text: str) -> None:
    assert one(text, "killed").best == 5


def test_a_single_fatality() -> None:
    assert one("A man was stabbed during a robbery. 1 fatality.", "killed").best == 1


@pytest.mark.parametrize(
    "text",
    ["Fatalities coded as 4.", "Unknown number of fatalities coded as 10.", "Total fatalities coded to 10."],
)
def test_a_coders_own_count_is_no_report(text: str) -> None:
    # domain.md: a dataset keeps a claim apart from its own coding; the coding is not a figure of the text.
    assert facts_of(text, "killed") == []


def test_the_claim_beside_a_coding_is_found() -> None:
    text = "Fatalities coded as 2 (the rebels reported 6 fatalities)."
    assert [f.best for f in facts_of(text, "killed")] == [6]


@pytest.mark.parametrize(("text", "best"), [("The death toll rose to 42.", 42), ("The toll climbed to 57.", 57)])
def test_toll_updates_are_not_cumulative(text: str, best: int) -> None:
    f = one(text, "killed")
    assert f.best == best and f.cumulative is False


# --- number forms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric", "best"),
    [
        ("Three hundred and twenty people were killed.", "killed", 320),
        ("1.4 million people have fled the fighting.", "displaced", 1_400_000),
        ("Two million people have fled the fighting.", "displaced", 2_000_000),
    ],
)
def test_numbers_in_words(text: str, metric: str, best: int) -> None:
    assert one(text, metric).best == best


def test_which_one_before_a_noun_is_a_count() -> None:
    assert one("Troops exchanged fire, in which one border guard was killed.", "killed").best == 1


def test_which_one_as_a_pronoun_is_no_count() -> None:
    assert facts_of("Officials did not say which one was killed.", "killed") == []


# --- single people --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("A man was killed in the shelling.", "killed"),
        ("One civilian was killed in Kherson.", "killed"),
        ("A soldier died on the way to hospital.", "killed"),
        ("A woman was injured by falling glass.", "injured"),
        ("The drone hit a car, killing a child.", "killed"),
        ("A person was wounded in the attack.", "injured"),
        ("A villager was found dead near the river.", "killed"),
        ("A militant was shot dead in the raid.", "killed"),
        ("A shopkeeper killed in the blast was buried today.", "killed"),
    ],
)
def test_single_people(text: str, metric: str) -> None:
    assert one(text, metric).best == 1


def test_a_single_person_who_kills_is_no_death() -> None:
    assert facts_of("A gunman killed the dog.", "killed") == []


# --- lowercased and tokenised text ----------------------------------------------------------------


def test_lowercased_tokenised_text() -> None:
    f = one("shelling killed at least 14 civilians in south kivu , the un said .", "killed")
    assert bounds(f) == (14, 14, None, "at_least")
    assert f.region_code == "CD-SK"


def test_lowercased_single_person() -> None:
    assert one("a policeman was shot dead in the market , police said .", "killed").best == 1


# --- everyday senses stay out ---------------------------------------------------------------------

_PEOPLE_AND_STRIKES = {"killed", "injured", "casualties", "strikes", "troops", "drones_downed", "missiles_downed"}


@pytest.mark.parametrize(
    "text",
    [
        "The visitors won by 6 wickets.",
        "They beat the champions 4-2 on Sunday.",
        "The striker scored 3 goals in the final.",
        "About 12,000 teachers went on strike over pay.",
        "The strike entered its 4th day.",
        "His strike rate in the series was 131.",
        "Shares fell 7% after the results.",
        "The board killed the deal worth $2 billion.",
        "We killed time for 3 hours at the airport.",
        "It is a killer app with 4 million users.",
        "The company cut 300 jobs and shut 2 plants.",
    ],
)
def test_everyday_senses_give_no_conflict_facts(text: str) -> None:
    assert [f for f in facts_of(text) if f.metric in _PEOPLE_AND_STRIKES] == []


# --- single people in notes of conflict events -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Soldiers shot and killed a farmer near the dam.", "farmer"),
        ("Unknown gunmen shot dead a local trader in the market.", "trader"),
        ("The mob beat a young man to death in the square.", "man"),
        ("A member of a village militia was found dead in his field.", "member"),
        ("A detainee died in custody at the district prison.", "detainee"),
        ("A prisoner was pronounced dead after the riot.", "prisoner"),
        ("The body of a woman was found near the canal.", "woman"),
        ("A civilian woman was killed when a shell hit her home.", "civilian woman"),
        ("A shepherd was stoned and stabbed to death in the hills.", "shepherd"),
    ],
)
def test_single_people_in_event_notes(text: str, subject: str) -> None:
    f = one(text, "killed")
    assert f.best == 1 and f.subject == subject


@pytest.mark.parametrize(
    "text",
    ["The clash ended in 1 death at the border post.", "Rival clans fought, resulting in one death."],
)
def test_a_single_death(text: str) -> None:
    f = one(text, "killed")
    assert f.best == 1 and f.subject is None


def test_objects_beaten_to_death() -> None:
    assert one("Guards shot three men to death at the crossing.", "killed").best == 3


@pytest.mark.parametrize(
    "text",
    [
        "A court sentenced four men to death.",
        "4 men were sentenced to death on Monday.",
        "A man was sentenced to death.",
    ],
)
def test_a_death_sentence_is_no_killing(text: str) -> None:
    assert facts_of(text, "killed") == []


def test_corpses_are_counted_like_bodies() -> None:
    assert one("Six corpses of suspected rebels were found after the air raid.", "killed").best == 6


def test_a_long_subject_whose_verb_is_an_act_is_no_death() -> None:
    assert facts_of("5 gunmen from the gang killed the dog.", "killed") == []


def test_headline_participle_after_a_single_person() -> None:
    assert one("A school guard chopped to death at the market on Friday.", "killed").best == 1


def test_an_active_killer_is_not_the_dead_one() -> None:
    f = one("A police officer shot dead a shopkeeper outside the court.", "killed")
    assert f.subject == "shopkeeper"


def test_an_attempt_to_kill_is_no_death() -> None:
    assert facts_of("Gunmen attempted to kill a commander near his home.", "killed") == []


def test_a_body_of_an_organisation_is_no_corpse() -> None:
    assert facts_of("An umbrella body of six unions met the minister.", "killed") == []


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("Villagers beat to death two men accused of theft.", 2),
        ("Attackers burnt alive three children in the hamlet.", 3),
        ("Police gun down two robbers in the city.", 2),
        ("Soldiers summarily executed four members of the clan.", 4),
        ("An unidentified man, aged 41, was killed in a shoot-out.", 1),
        ("Two farmers were beaten and hacked to death over a land dispute.", 2),
        ("A 19-year-old college student was killed in police firing.", 1),
    ],
)
def test_more_verbs_and_asides(text: str, best: int) -> None:
    assert one(text, "killed").best == best


def test_one_death_and_injuries_keep_their_own_metrics() -> None:
    text = "The clash resulted in one death and six injuries."
    assert one(text, "killed").best == 1
    assert one(text, "injured").best == 6


def test_a_toll_with_a_long_phrase_before_its_verb() -> None:
    f = one("The toll from the collapse of a quarry wall near Likasi rose to 19 on Sunday.", "killed")
    assert f.best == 19 and f.cumulative is False
