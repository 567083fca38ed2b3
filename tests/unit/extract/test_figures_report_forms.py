"""Forms of real reports: inline markup, "not less than", a toll with a clause after it, and
country-wide totals behind an aside or a quote (issue 9, fifth session).

Sentences are written for these tests; none is copied from any source. Each is
checked as written and lowercased.
"""

from __future__ import annotations

import pytest

from streams.extract.tokens import tokenize
from tests.unit.extract.helpers import both, bounds, facts_of


@pytest.mark.parametrize("text", both("Eleven herders were <b>killed</b> when the camp was raided."))
def test_inline_markup_around_a_word_is_dropped(text: str) -> None:
    assert [f.best for f in facts_of(text, "killed")] == [11]


def test_markup_tokens_go_and_offsets_stay() -> None:
    text = "two <i>were</i> hurt"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["two", "were", "hurt"]
    assert [text[t.start : t.end] for t in toks] == ["two", "were", "hurt"]
    assert [t.text for t in tokenize("3 < 5 > 2")] == ["3", "<", "5", ">", "2"]  # not a tag: kept


@pytest.mark.parametrize("text", both("Not less than 14 villagers were killed in the raid."))
def test_not_less_than_is_a_lower_bound(text: str) -> None:
    assert [bounds(f) for f in facts_of(text, "killed")] == [(14, 14, None, "at_least")]


@pytest.mark.parametrize("text", both("The toll later climbed to 31 with the death of two of the wounded."))
def test_a_toll_keeps_its_metric_before_a_clause_on_the_wounded(text: str) -> None:
    assert 31 in [f.best for f in facts_of(text, "killed")]
    assert 31 not in [f.best for f in facts_of(text, "injured")]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        *[(t, 64) for t in both("At least 64 people, most of them civilians, were killed across Yemen on Monday.")],
        *[(t, 88) for t in both('The agency reported "Across Sudan, 88 people were killed on Friday."')],
    ],
)
def test_a_country_wide_total_is_cumulative_behind_an_aside_or_a_quote(text: str, n: int) -> None:
    assert [(f.best or f.low, f.cumulative) for f in facts_of(text, "killed")] == [(n, True)]


@pytest.mark.parametrize("text", both("Nine were killed in the market, and 40 across the country."))
def test_a_place_figure_after_a_comma_stays_an_incident(text: str) -> None:
    assert next((f.best, f.cumulative) for f in facts_of(text, "killed")) == (9, False)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        *[(t, 300) for t in both("Several hundred troops were flown in overnight.")],
        *[(t, 3000) for t in both("A few thousand residents fled the town.")],
    ],
)
def test_several_hundred_is_three_hundred(text: str, n: int) -> None:
    assert [f.best for f in facts_of(text) if f.metric != "strikes"] == [n]


@pytest.mark.parametrize(
    "text",
    [
        *both("Officers arrested four men in a raid on a flat in the city centre."),
        *both("Two cooks face deportation after a raid by immigration officers on the kitchen."),
    ],
)
def test_a_police_raid_is_no_strike(text: str) -> None:
    assert facts_of(text, "strikes") == []


@pytest.mark.parametrize(
    "text",
    [
        *both("An army raid on the village killed six farmers, police said."),
        *both("Troops and police killed 4 gunmen in a raid on a hideout."),
    ],
)
def test_a_military_raid_stays_a_strike(text: str) -> None:
    assert len(facts_of(text, "strikes")) == 1


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        *[(t, "arrested") for t in both("Detectives arrested a 31-year-old woman at the port.")],
        *[(t, "arrested") for t in both("Border guards detained a photographer near the crossing.")],
        *[(t, "captured") for t in both("The militia captured a pilot after the crash.")],
    ],
)
def test_one_person_taken_by_the_verb_before(text: str, metric: str) -> None:
    assert [(f.metric, f.best) for f in facts_of(text) if f.metric != "strikes"] == [(metric, 1)]


@pytest.mark.parametrize(
    "text",
    [
        *both("Two MPs who voted against involvement in air strikes explained their reasons."),
        *both("The navy said its ships were not involved in missile strikes on the port."),
        *both("A plaque recalls the bombing of the harbour during the Second World War."),
        *both("Veterans remember the WW2 air raid on the shipyard."),
    ],
)
def test_strikes_as_a_topic_or_of_a_past_war_are_no_strike(text: str) -> None:
    assert facts_of(text, "strikes") == []


@pytest.mark.parametrize("text", both("Air strikes on the depot near Kherson killed two guards."))
def test_a_strike_event_stays(text: str) -> None:
    assert len(facts_of(text, "strikes")) == 1


@pytest.mark.parametrize(
    ("text", "n"),
    [
        *[(t, 120) for t in both("At least 120 herders, and probably many more, were killed in the raids.")],
        *[(t, 40) for t in both("At least 40 people, and possibly more, have died in the floods.")],
    ],
)
def test_an_open_upper_end_between_count_and_verb(text: str, n: int) -> None:
    assert [f.low for f in facts_of(text, "killed")] == [n]


@pytest.mark.parametrize("text", both("Five were killed, and 12 more were wounded in the blast."))
def test_a_second_clause_after_and_is_no_aside(text: str) -> None:
    assert [f.best for f in facts_of(text, "killed")] == [5]
