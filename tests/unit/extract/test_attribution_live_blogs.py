"""Claimant and relay on the shapes real live blogs use, in our own words, normal case and lowercased.

Each test pins one rule of ``attribution``, ``phrases``, ``outlets``, ``trail``,
``coreference`` or ``claimants.stands_for``.
"""

from __future__ import annotations

import re

import pytest

from streams.extract.attribution import find_attribution
from streams.extract.claimants import stands_for
from streams.extract.outlets import outlet
from streams.extract.tokens import tokenize

from .helpers import attr, facts_of, one


def both(s: str) -> list[str]:
    """The text as written, and lowercased and tokenised as the live-blog corpus is."""
    low = re.sub(r"([.,:;()!?@])", r" \1 ", s.lower())
    return [s, "\n\n".join(re.sub(r"\s+", " ", part).strip() for part in low.split("\n\n"))]


def who(text: str, metric: str = "killed") -> tuple[str | None, str | None]:
    f = one(text, metric)
    return (f.claimant.lower() if f.claimant else None, f.relay.lower() if f.relay else None)


# --- outlets named by their wording, not only by the list ---


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the Flemish news agency Vlaams", "Vlaams"),
        ("public broadcaster Kanal Drei", "Kanal Drei"),
        ("the regional news site Lake Voice", "Lake Voice"),
        ("the Riverside Herald", "Riverside Herald"),
        ("Karak News", "Karak News"),
        ("Reuters news agency", "Reuters"),
    ],
)
def test_an_outlet_is_known_by_its_wording(phrase: str, name: str) -> None:
    assert outlet(phrase) == name
    assert outlet(phrase.lower()) == name.lower()


@pytest.mark.parametrize(
    "phrase",
    ["Ukrainian television", "the Japan Meteorological Agency", "Lebanon's state news agency NNA", "bad news"],
)
def test_a_body_or_a_generic_medium_is_no_named_outlet(phrase: str) -> None:
    assert outlet(phrase) is None
    assert outlet(phrase.lower()) is None


@pytest.mark.parametrize("text", both("The Flemish news agency Vlaams said two people were killed."))
def test_a_news_agency_speaking_is_the_claimant(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text) == ("vlaams", None)


# --- the progressive and the outlet that relays another source ---


@pytest.mark.parametrize("text", both("The Riverside Herald is reporting that four people were killed."))
def test_is_reporting_names_the_outlet(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text) == ("riverside herald", None)


@pytest.mark.parametrize(
    "text", both("Reuters is reporting that the state news agency has said that six people were killed.")
)
def test_an_outlet_quoted_by_another_outlet_is_the_claimant(text: str) -> None:
    assert who(text) == ("state news agency", "reuters")


@pytest.mark.parametrize("text", both("More from AFP on the raid: eight people were killed near the port."))
def test_more_from_an_outlet_is_its_claim(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text) == ("afp", None)


@pytest.mark.parametrize("text", both("The health minister said on Kanal Drei radio that 14 people were killed."))
def test_said_on_an_outlet_is_its_relay(text: str) -> None:
    assert who(text) == ("health minister", "kanal drei radio")


# --- the subject of the speech verb ---


@pytest.mark.parametrize(
    "text", both("Omar Haddad, who was named interim army chief on Sunday, has said 50 rebels were killed.")
)
def test_a_relative_clause_between_the_source_and_its_verb(text: str) -> None:
    assert who(text)[0] == "omar haddad"


@pytest.mark.parametrize("text", both("The Coastal Rights Monitor, a Geneva-based watchdog, put the death toll at 17."))
def test_an_indefinite_apposition_describes_the_source_before_it(text: str) -> None:
    assert attr(text)[0] == "coastal rights monitor"


@pytest.mark.parametrize("text", both("The port authority has revised the death toll down to 33."))
def test_revising_the_death_toll_is_a_claim(text: str) -> None:
    assert attr(text)[0] == "port authority"


@pytest.mark.parametrize("text", both("The observatory still puts the number of dead at nine."))
def test_an_adverb_between_the_source_and_its_verb(text: str) -> None:
    assert attr(text)[0] == "observatory"


@pytest.mark.parametrize("text", both("Nine people died, according to the Paris-based Coastal Rights Monitor."))
def test_where_a_body_is_based_is_no_part_of_its_name(text: str) -> None:
    assert attr(text)[0] == "coastal rights monitor"


def test_a_breaking_label_run_into_the_headline_is_dropped() -> None:
    assert attr("breakingharbour police chief : 12 killed in the blast")[0] == "harbour police chief"


def test_a_tokenised_closing_quote_is_no_part_of_the_source() -> None:
    assert attr("the toll has risen to 21 , '' district police chief amir khan told the agency .")[0] == (
        "district police chief amir khan"
    )


@pytest.mark.parametrize("text", both("An official with the mountain rescue department said six climbers died."))
def test_an_official_with_a_department(text: str) -> None:
    assert attr(text)[0] == "official with the mountain rescue department"


@pytest.mark.parametrize(
    "text", both("They had received the names of 20 victims and awaited detailed reports from the north, Haddad said.")
)
def test_reports_after_an_adjective_is_a_noun(text: str) -> None:
    assert attr(text)[0] == "haddad"


def test_a_place_before_a_headline_reports_is_no_source() -> None:
    got = find_attribution(
        s := "at least 40 people killed in chad and niger reports",
        tokenize("at least 40 people killed in chad and niger reports"),
    )
    assert got is None or got.claimant is None, s


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        *[
            (t, "central command")
            for t in both(
                "A drone destroyed a truck, our correspondent reports, drawing on a notice from Central Command."
            )
        ],
        *[(t, "hospital director") for t in both("AP is reporting 34 dead on the basis of the hospital director.")],
    ],
)
def test_the_source_a_report_draws_on_is_the_claimant(text: str, claimant: str) -> None:
    assert attr(text)[0] == claimant


@pytest.mark.parametrize("text", both("Two women died, according to the Harbour Times, writes Jane Doe."))
def test_a_byline_is_the_blog_not_a_claimant(text: str) -> None:
    assert attr(text) == (None, "harbour times")


@pytest.mark.parametrize("text", both("Update - Reuters: a ministry official says 61 people died."))
def test_an_outlet_before_a_colon_is_the_relay(text: str) -> None:
    assert attr(text) == ("ministry official", "reuters")


@pytest.mark.parametrize("text", both("The last three strikes were near the dam, Maya notes."))
def test_notes_is_a_speech_verb(text: str) -> None:
    assert attr(text)[0] == "maya"


@pytest.mark.parametrize("text", both("In the ministry's latest release it said the total has reached 124."))
def test_it_after_a_document_is_its_owner(text: str) -> None:
    assert attr(text)[0] == "ministry"


# --- what a pronoun stands for (trail) ---


@pytest.mark.parametrize(
    "text",
    both("The mayor of Lakeside confirmed four dead, according to state radio. Earlier it reported that 6 died."),
)
def test_it_never_stands_for_a_person(text: str) -> None:
    six = [f for f in facts_of(text, "killed") if f.best == 6]
    # "it" is state radio, not the mayor; an outlet naming no source of its own makes the claim itself
    assert [((f.claimant or "").lower(), f.relay) for f in six] == [("state radio", None)]


@pytest.mark.parametrize(
    "text",
    both(
        "The toll reached 900, according to the news site Lake Voice, citing the interior ministry. "
        "It says 700 are hurt."
    ),
)
def test_it_after_an_outlet_citing_a_body_is_the_outlet(text: str) -> None:
    # "it" is the outlet, naming no source of its own for the 700: it makes the claim itself
    assert who(text, "injured") == ("lake voice", None)


@pytest.mark.parametrize(
    "text",
    both(
        "Gunmen killed 19 guards, officials said, the Associated Press reports: police officials said the attack "
        "began at dawn. They said 39 others were wounded."
    ),
)
def test_they_is_the_claimant_named_last_with_its_relay(text: str) -> None:
    assert who(text, "injured") == ("police officials", "associated press")


@pytest.mark.parametrize("text", both("The governor said the city was calm. Earlier, we reported that 90 people died."))
def test_we_is_the_blog_itself(text: str) -> None:
    assert one(text, "killed").claimant is None


@pytest.mark.parametrize(
    "text",
    both(
        "At least 400 died in the siege, reports Reuters, citing the Coastal Rights Monitor. "
        "The organisation said it had counted 412 deaths."
    ),
)
def test_the_organisation_is_the_body_not_the_outlet_quoting_it(text: str) -> None:
    f = next(f for f in facts_of(text, "killed") if f.best == 412)
    assert ((f.claimant or "").lower(), f.relay) == ("coastal rights monitor", None)


# --- embedded tweets ---


@pytest.mark.parametrize(
    "text",
    both(
        "Harbour News (@harbournews) firefighters report 11 dead and 25 wounded at the terminal "
        "Lena Kowalska (@lkowalska) update: 20 injured at the terminal"
    ),
)
def test_each_tweet_in_a_sentence_is_its_own_authors(text: str) -> None:
    hurt = {f.best: ((f.claimant or "").lower(), (f.relay or "").lower()) for f in facts_of(text, "injured")}
    assert hurt[25] == ("firefighters", "harbour news")
    assert hurt[20] == ("lena kowalska", "")


@pytest.mark.parametrize(
    "text",
    both("Valley Police (@valleypolice) totals as of noon are as follows. In the valley 1302 dead and 4228 injured."),
)
def test_a_tweet_goes_on_into_the_next_sentence(text: str) -> None:
    assert who(text, "injured") == ("valley police", None)


def test_a_tweet_does_not_go_on_past_a_sentence_between() -> None:
    text = "Valley Police (@valleypolice) totals at noon. The rain kept on. 4228 injured."
    assert who(text, "injured") == (None, None)


# --- coreference: which short mention stands for which fuller one ---


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Fedorov", "regional governor Ivan Fedorov", True),
        ("haddad", "interim army chief general omar haddad", True),
        ("the ministry", "Russia's defence ministry", True),
        ("Belgorod governor", "Belgorod governor Vyacheslav Gladkov", True),
        ("NATO", "NATO spokeswoman Oana Lungescu", False),
        ("police", "Jakarta's police chief", False),
        ("Russian military", "Russian military officials", False),
        ("officials", "police officials", False),
        ("nepal police", "nepal 's police", False),
        ("the air force", "Ukraine's air force", False),
    ],
)
def test_what_a_short_mention_stands_for(short: str, full: str, expected: bool) -> None:
    assert stands_for(short, full) is expected


@pytest.mark.parametrize(
    "text",
    both("Federal prosecutor Anna Kowalczyk speaks to reporters. Kowalczyk said 31 people were killed."),
)
def test_a_surname_takes_the_titled_name_given_elsewhere(text: str) -> None:
    assert who(text)[0] == "federal prosecutor anna kowalczyk"


@pytest.mark.parametrize(
    "text",
    both("The blast killed 7, police said. Harbour police chief Omar Haddad said the site was sealed."),
)
def test_a_body_does_not_become_a_person_of_the_entry(text: str) -> None:
    assert who(text)[0] == "police"


@pytest.mark.parametrize(
    "text",
    both(
        "Three killed in harbour blast\n\n"
        "Three people were killed, harbour police spokesman Omar Haddad said. "
        "Karim Saleh (@ksaleh) 3 killed at the harbour."
    ),
)
def test_a_headline_takes_its_first_restatements_source(text: str) -> None:
    assert who(text)[0] == "harbour police spokesman omar haddad"


@pytest.mark.parametrize("text", both("The Riverside Herald is now reporting that at least 60 people were killed."))
def test_an_adverb_inside_is_reporting(text: str) -> None:
    # an outlet naming no source of its own makes the claim itself
    assert who(text) == ("riverside herald", None)


@pytest.mark.parametrize("text", both("The minister said on Kanal Drei radio this morning that 31 people were killed."))
def test_said_on_an_outlet_followed_by_a_time(text: str) -> None:
    assert who(text) == ("minister", "kanal drei radio")


@pytest.mark.parametrize(
    "text",
    both("A local journalist cited firefighters for the toll. Firefighters report 11 dead at the terminal."),
)
def test_a_titled_mention_never_runs_over_a_verb(text: str) -> None:
    assert who(text)[0] == "firefighters"


@pytest.mark.parametrize(
    "text",
    both(
        "132 killed in attacks so far this year\n\n"
        "The assault brings to 132 the number killed in attacks this year. "
        "The network's regional editor Paul Kirby writes that the country has entered a tense period."
    ),
)
def test_a_headline_takes_no_source_from_a_sentence_without_figures(text: str) -> None:
    assert who(text)[0] is None


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        *[
            (t, "coast guard and harbour rescuers")
            for t in both("Eleven people drowned, the coast guard and harbour rescuers said.")
        ],
        *[(t, "police and the un") for t in both("Eleven people drowned, according to police and the UN.")],
    ],
)
def test_two_sources_joined_by_and_are_one_claim(text: str, claimant: str) -> None:
    assert attr(text)[0] == claimant


@pytest.mark.parametrize("text", both("Gunmen killed 3 people and police said the road was closed."))
def test_and_after_a_count_joins_no_sources(text: str) -> None:
    assert attr(text)[0] == "police"


@pytest.mark.parametrize("text", both("Another official, Rana Idris, said at least eight people were killed."))
def test_another_official_in_apposition_is_the_person_named(text: str) -> None:
    assert attr(text)[0] == "rana idris"


def test_the_world_health_organization_in_capitals_is_no_relative_pronoun() -> None:
    assert attr("At least 70 people died, WHO chief Tedros Adhanom Ghebreyesus said.")[0] == (
        "who chief tedros adhanom ghebreyesus"
    )
