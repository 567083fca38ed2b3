"""Claimants on real live-blog shapes (s7), in our own words, as written and lowercased/tokenised."""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import attr, both_tokenised, one


@pytest.mark.parametrize(
    "text",
    both_tokenised("Amir Hussain, Pakistan's interior minister, told Reuters the toll had reached 40."),
)
def test_a_name_with_a_possessive_role_then_told_an_outlet(text: str) -> None:
    assert attr(text) == ("amir hussain", "reuters")


@pytest.mark.parametrize(
    "text",
    both_tokenised("Nine people were killed, according to the website, quoting the country's acting consul general."),
)
def test_an_acting_role_after_a_possessive_is_kept_whole(text: str) -> None:
    claimant, _ = attr(text)
    assert claimant is not None and claimant.replace(" 's", "'s") == "country's acting consul general"


@pytest.mark.parametrize(
    "text",
    both_tokenised("A man was found dead in his flat, which had been hit by a shell, reports Agence France-Presse."),
)
def test_a_relative_clause_after_a_place_names_no_source(text: str) -> None:
    assert attr(text) == (None, "agence france-presse")


@pytest.mark.parametrize(
    "text",
    both_tokenised("According to the latest death toll, at least 14 people have been killed.")
    + both_tokenised("According to provisional figures, at least 14 people have been killed."),
)
def test_a_toll_or_figures_are_no_claimant(text: str) -> None:
    f = one(text, "killed")
    assert f.claimant is None


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        *(
            (t, "bbc afrique")
            for t in both_tokenised(
                "At least two soldiers were killed at a checkpoint, BBC Afrique's Anne Mbala reports."
            )
        ),
        *(
            (t, "guardian")
            for t in both_tokenised(
                "At least two soldiers were killed at a checkpoint, the Guardian's Tom Reed reports."
            )
        ),
    ],
)
def test_an_outlet_s_journalist_reports_the_outlet_s_claim_not_his_own(text: str, outlet: str) -> None:
    # an outlet naming no source of its own makes the claim itself; its journalist is neither claimant nor relay
    f = one(text, "killed")
    assert ((f.claimant or "").lower(), f.relay) == (outlet, None)


@pytest.mark.parametrize("text", both_tokenised("France's defence ministry said two soldiers were killed."))
def test_a_country_s_ministry_is_still_a_claimant(text: str) -> None:
    assert one(text, "killed").claimant is not None


@pytest.mark.parametrize("text", both_tokenised("#Chad army says 12 rebels were killed."))
def test_a_hashtag_before_a_source_is_dropped(text: str) -> None:
    claimant = one(text, "killed").claimant
    assert claimant is not None and claimant.lower() == "chad army"
