"""Figure shapes of atrocity reports and live blogs (issue 9, third session).

Every sentence is written for these tests in the style of real reporting; none
is copied from any source. Each shape is checked as written and lowercased,
since real live-blog copies come lowercased and tokenised. Every test of a
shape fails without the rule it names; the four guards (what a rule must not
take: wounded people moved, held nouns with no fate, "no one" acting on
something, a scaled decimal) hold before and after.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both, bounds, facts_of


def killed(text: str) -> list[int | None]:
    return [f.best if f.best is not None else f.low for f in facts_of(text, "killed")]


def metrics(text: str) -> list[tuple[str, int | None]]:
    return [(f.metric, f.best if f.best is not None else f.low) for f in facts_of(text) if f.metric != "strikes"]


# --- verbs of killing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "n"),
    [
        *[(t, 41) for t in both("Villagers said the militia massacred 41 herders near the river.")],
        *[(t, 58) for t in both("The exiles accused the army of massacring 58 farmers in the hills.")],
        *[(t, 12) for t in both("Raiders slaughtered 12 villagers before dawn.")],
        *[(t, 90) for t in both("The unit killed and tortured 90 detainees over a month.")],
        *[(t, 6) for t in both("Gunmen attacked the farm, killing a family of six.")],
        *[(t, 19) for t in both("The patrol killed a total of 19 men at the checkpoint.")],
    ],
)
def test_active_verbs_of_killing(text: str, n: int) -> None:
    assert killed(text) == [n]


@pytest.mark.parametrize("text", both("The week of riots has claimed nine lives in the capital."))
def test_claimed_lives(text: str) -> None:
    assert killed(text) == [9]


@pytest.mark.parametrize(
    "text", both("Rights groups say the police carried out 33 extrajudicial executions last year.")
)
def test_executions_as_a_noun_of_killing(text: str) -> None:
    assert killed(text) == [33]


@pytest.mark.parametrize("text", both("Eleven members of the clan were wiped out in the raid."))
def test_wiped_out(text: str) -> None:
    assert killed(text) == [11]


# --- between the subject and its verb ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both("Four nurses were last weekend killed when the clinic was shelled."),
        *both("Four nurses were on Sunday killed when the clinic was shelled."),
        *both("Four nurses were yesterday killed when the clinic was shelled."),
    ],
)
def test_time_phrase_between_auxiliary_and_participle(text: str) -> None:
    assert killed(text) == [4]


@pytest.mark.parametrize("text", both("The minister said 23 people were very seriously injured in the blast."))
def test_very_before_an_adverb(text: str) -> None:
    assert [f.best for f in facts_of(text, "injured")] == [23]


@pytest.mark.parametrize(
    "text",
    [
        *both("Seven fishermen, four of whom were brothers, were killed at sea by the gunboat."),
        *both("Seven fishermen, four of them brothers, were killed at sea by the gunboat."),
    ],
)
def test_an_aside_of_a_part_between_count_and_verb(text: str) -> None:
    assert 7 in killed(text)


# --- what the counted people are ---------------------------------------------------------------------


@pytest.mark.parametrize("text", both("Nine displaced Yemenis, including three children, were killed by the shelling."))
def test_a_participle_as_an_adjective_before_the_noun(text: str) -> None:
    assert 9 in killed(text) and not facts_of(text, "displaced")


@pytest.mark.parametrize("text", both("Soldiers shot dead 15 displaced people at the camp gate."))
def test_the_verb_before_outranks_an_adjective_participle(text: str) -> None:
    assert killed(text) == [15] and not facts_of(text, "displaced")


def test_wounded_people_moved_stay_injured() -> None:
    assert metrics("30 wounded soldiers were evacuated to the capital.") == [("injured", 30)]


@pytest.mark.parametrize("text", both("Six detainees were killed when the prison was hit."))
def test_held_people_with_a_killing_verb(text: str) -> None:
    assert metrics(text) == [("killed", 6)]


@pytest.mark.parametrize("text", both("Three hostages and five kidnappers were killed in the rescue."))
def test_held_people_share_the_verb_of_the_next_count(text: str) -> None:
    assert sorted(metrics(text)) == [("killed", 3), ("killed", 5)]


def test_held_nouns_keep_their_own_metric_without_a_fate() -> None:
    assert metrics("The camp shelters 2,000 refugees and 150 detainees.") == [("displaced", 2000), ("arrested", 150)]


@pytest.mark.parametrize("text", both("Troops killed four men and at least 30 injured near the border."))
def test_the_verb_before_the_first_count_is_its_own(text: str) -> None:
    assert metrics(text) == [("killed", 4), ("injured", 30)]


@pytest.mark.parametrize("text", both("Ten members of one family were killed in the air raid."))
def test_one_family_is_no_count(text: str) -> None:
    assert killed(text) == [10]


# --- coordination and lists -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both("Militants shot dead three guards as well as two drivers."),
    ],
)
def test_as_well_as_shares_the_verb(text: str) -> None:
    assert sorted(killed(text)) == [2, 3]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the members add up to the dead (streams.extract.sums): 2 + 1 = 3
        *[(t, [2, 3, 1]) for t in both("The dead, two women and one boy, were buried on Friday.")],
        *[(t, [2, 3, 1]) for t in both("Those killed were two women and one boy.")],
        # members of a count already given add up to nothing new
        *[(t, [2, 1]) for t in both("Among the 14 people killed at the market were two women and one boy.")],
    ],
)
def test_a_tally_named_before_its_members(text: str, want: list[int]) -> None:
    assert [n for n in killed(text) if n != 14] == want


@pytest.mark.parametrize("text", both("People injured included 9 Italians, four Dutch students and two Poles."))
def test_a_list_after_included(text: str) -> None:
    assert [f.best for f in facts_of(text, "injured")] == [9, 4, 2]


@pytest.mark.parametrize(
    "text", both("Five hikers are missing after the storm in the hills - three near the lake, and two in the pass.")
)
def test_list_after_a_longer_phrase(text: str) -> None:
    assert [f.best for f in facts_of(text, "missing")] == [5, 3, 2]


@pytest.mark.parametrize("text", both("Two people are dead and 17 treated in three hospitals."))
def test_treated_in_hospitals(text: str) -> None:
    assert metrics(text) == [("killed", 2), ("injured", 17)]


# --- zeros, ones, tolls and bounds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        *[(t, "killed") for t in both("No one died in the flood, the mayor said.")],
        *[(t, "injured") for t in both("No-one was injured when the bus left the road.")],
    ],
)
def test_no_one_with_a_bare_verb(text: str, metric: str) -> None:
    assert metrics(text) == [(metric, 0)]


def test_no_one_acting_on_something_is_no_zero() -> None:
    assert metrics("No one killed the rumour in time.") == []


@pytest.mark.parametrize("text", both("One driver was killed and another passenger was badly injured."))
def test_another_person(text: str) -> None:
    assert metrics(text) == [("killed", 1), ("injured", 1)]


@pytest.mark.parametrize("text", both("The coroner said upward of 20 people are dead."))
def test_upward_of(text: str) -> None:
    assert [bounds(f) for f in facts_of(text, "killed")] == [(20, None, None, "more_than")]


@pytest.mark.parametrize(
    "text",
    both(
        "The death toll from the fire that swept through the crowded night market in the old town on Sunday rose to 31."
    ),
)
def test_a_long_toll_phrase(text: str) -> None:
    assert killed(text) == [31]


@pytest.mark.parametrize("text", both("The final death toll - 44 casualties - was given by the coroner."))
def test_casualties_labelled_as_a_death_toll(text: str) -> None:
    assert metrics(text) == [("killed", 44)]


@pytest.mark.parametrize("text", both("Rescuers recovered the body of one climber on Monday."))
def test_the_body_of_one(text: str) -> None:
    assert killed(text) == [1]


# --- not counts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", both("By 9.00 strikes were reported across the region."))
def test_a_clock_time_with_two_decimals_is_no_count(text: str) -> None:
    assert facts_of(text) == []


def test_a_scaled_decimal_is_still_a_count() -> None:
    assert metrics("About 1.5 million people have fled.") == [("displaced", 1500000)]


@pytest.mark.parametrize("text", both("Brent crude fell to $70 a barrel after a dock strike in the port ended."))
def test_a_strike_among_words_of_finance_is_no_attack(text: str) -> None:
    assert facts_of(text) == []


# --- event notes ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *both("Police killed 4 more gunmen in a second raid on Friday."),
        *both("A crowd beat to death four more suspects in the market."),
    ],
)
def test_more_after_an_active_verb_is_the_act_s_count(text: str) -> None:
    assert killed(text) == [4]


def test_more_bodies_found_stay_an_increment_of_a_toll_beside_them() -> None:
    # alone, the increment is the only report of these dead (session 6); beside a toll it only feeds it
    assert killed("Four more bodies were found in the river.") == [4]
    assert killed("The toll rose to 19 after four more bodies were found in the river.") == [19]


@pytest.mark.parametrize("text", ["5 fishermen's bodies were found on the shore.", "5 farmers' bodies were found."])
def test_a_possessive_subject(text: str) -> None:
    assert killed(text) == [5]


@pytest.mark.parametrize("text", both("A local Farmers Union (FU) leader was shot dead near the depot."))
def test_an_acronym_in_brackets_inside_a_singular_subject(text: str) -> None:
    assert killed(text) == [1]
