"""Relays named by a word that stands for the outlet before, counted cited sources, journalists' tweets.

Sentences are our own, in normal case and lowercased/tokenised as live-blog
samples come; names and handles are invented.
"""

from __future__ import annotations

import pytest

from streams.extract import extract
from streams.extract.outlets import outlet, outlet_id
from tests.unit.extract.helpers import both, both_tokenised, facts_of


def sources(body: str, metric: str) -> list[tuple[str | None, str | None]]:
    return [((f.claimant or "").lower() or None, (f.relay or "").lower() or None) for f in facts_of(body, metric)]


@pytest.mark.parametrize(
    "body",
    both_tokenised(
        "The toll from the market fire was raised again, the Associated Press reports. "
        "At least 14 people are dead, the agency said, citing the city fire brigade."
    ),
)
def test_the_agency_is_the_outlet_named_before(body: str) -> None:
    assert sources(body, "killed") == [("city fire brigade", "associated press")]


@pytest.mark.parametrize(
    "body",
    both_tokenised(
        "AFP is reporting a higher toll from the depot blast. "
        "It quotes two port officials as saying 31 workers were killed."
    ),
)
def test_it_quotes_is_the_outlet_named_before(body: str) -> None:
    assert sources(body, "killed") == [("two port officials", "afp")]


@pytest.mark.parametrize("body", both_tokenised("The mayor said 6 died. The paper reported that 3 were hurt."))
def test_the_paper_names_no_claimant_without_an_outlet_before(body: str) -> None:
    assert sources(body, "injured") == [(None, None)]


@pytest.mark.parametrize(
    ("body", "claimant"),
    [
        *((b, "three witnesses") for b in both("Reuters, citing three witnesses, said 9 protesters were shot dead.")),
        *((b, "two medics") for b in both("At least 5 died, Reuters said, quoting two medics at the clinic.")),
    ],
)
def test_a_cited_source_may_open_with_its_count(body: str, claimant: str) -> None:
    assert sources(body, "killed") == [(claimant, "reuters")]


@pytest.mark.parametrize(
    "body",
    both("The Guardian's Tom Vale, quoting rescue workers, reports that 11 people were hurt in the collapse."),
)
def test_an_outlets_journalist_citing_a_source_is_the_outlets_relay(body: str) -> None:
    assert sources(body, "injured") == [("rescue workers", "guardian")]


@pytest.mark.parametrize(
    "body",
    both_tokenised(
        "The Guardian's Tom Vale is outside the stadium. "
        "Tom Vale (@tomvale) Stadium stewards: 7 fans injured in the crush"
    ),
)
def test_a_tweet_by_an_outlets_journalist_named_before_is_that_outlets_claim(body: str) -> None:
    # an outlet naming no source of its own makes the claim itself (through its journalist, not as him)
    assert sources(body, "injured") == [("guardian", None)]


@pytest.mark.parametrize(
    "body",
    [
        *both_tokenised("My colleague Ana Pell is at the march. Ana Pell (@anapell) 4 arrests by the bridge"),
        *both_tokenised("Riot police moved in, Ana Pell reports. Ana Pell (@anapell) 4 arrests by the bridge"),
    ],
)
def test_a_tweet_by_the_blogs_own_reporter_has_no_claimant(body: str) -> None:
    assert [f.claimant for f in facts_of(body, "arrested")] == [None]


@pytest.mark.parametrize("body", both("Ana Pell (@anapell) Police say 4 were arrested near the bridge"))
def test_a_tweet_by_someone_not_named_before_is_unchanged(body: str) -> None:
    assert [(f.claimant or "").lower() for f in facts_of(body, "arrested")] == ["police"]


@pytest.mark.parametrize(
    "body",
    both_tokenised("The minister gave new figures. His statement raises the overall confirmed death toll to 44."),
)
def test_confirmed_before_a_toll_is_an_adjective_not_a_speech_verb(body: str) -> None:
    assert [f.claimant for f in facts_of(body, "killed")] != ["overall"]


@pytest.mark.parametrize(
    "body",
    both(
        "President Arlo Venn visited the site, where he told Canal 9 - in figures unlike those "
        "given by his deputy - that 17 bodies had been found."
    ),
)
def test_a_figure_given_by_someone_in_an_aside_does_not_replace_the_speaker(body: str) -> None:
    got = [f.claimant for f in extract("", body) if f.metric == "killed"]
    assert got and all((c or "").lower() != "his deputy" for c in got)


def test_outlet_names_and_ids() -> None:
    assert outlet("the Telegraph") is not None
    assert outlet("jeune afrique") is not None
    assert outlet_id("the official Petra news agency") == outlet_id("Petra news agency")
    assert outlet_id("state news agency") != outlet_id("news agency")


def test_the_newspaper_after_a_paper_named_as_the_source_is_that_paper() -> None:
    # cased text only: lowercased, an unknown paper's name reads as a person's, which "the newspaper" never is
    body = "At least 30 miners were feared dead, the state-run Morning Courier said. The newspaper said 4 guards died."
    assert [c for c, _ in sources(body, "killed")] == ["state-run morning courier"] * 2


@pytest.mark.parametrize(
    "body",
    both_tokenised("Agence France-Presse (@afp) Breaking: 12 killed in market blast: interior ministry"),
)
def test_a_hyphenated_author_whose_handle_spells_none_of_it_is_found(body: str) -> None:
    assert sources(body, "killed") == [("interior ministry", "agence france-presse")]


@pytest.mark.parametrize(
    "body",
    both_tokenised(
        "The Guardian's Omar al-Rashidi is in the square. Omar al-Rashidi (@omarr) Hospital officials: 9 people wounded"
    ),
)
def test_a_hyphenated_journalists_tweet_is_carried_by_their_outlet(body: str) -> None:
    assert sources(body, "injured") == [("hospital officials", "guardian")]


@pytest.mark.parametrize(
    "body",
    both_tokenised(
        "From the Guardian's Berlin correspondent: Ida Marr (@idamarr) 14 of the injured are critical, police say"
    ),
)
def test_a_tweet_credited_to_an_outlets_correspondent_just_before_is_carried_by_that_outlet(body: str) -> None:
    assert sources(body, "injured") == [("police", "guardian")]


@pytest.mark.parametrize(
    "body",
    both_tokenised(
        "A port official told Reuters the search was ending. The official said 22 bodies had been recovered."
    ),
)
def test_a_shorter_form_of_the_claimant_just_before_keeps_its_relay(body: str) -> None:
    assert sources(body, "killed") == [("port official", "reuters")]  # the fuller form, as written before


@pytest.mark.parametrize(
    "body",
    both_tokenised("A port official told Reuters the search was ending. The mayor said 22 bodies had been recovered."),
)
def test_another_claimant_after_a_relayed_one_takes_no_relay(body: str) -> None:
    assert sources(body, "killed") == [("mayor", None)]
