"""Per-clause sources and the noun-phrase limits of real reporting, in our own words.

Normal case and lowercased-tokenised, as the live-blog samples are.
"""

from __future__ import annotations

import re

import pytest

from streams.extract.attribution import find_attribution
from streams.extract.claimants import claimant_id, claimant_ids
from streams.extract.tokens import tokenize

from .helpers import facts_of


def both(s: str) -> list[str]:
    low = re.sub(r"([.,:;()!?@])", r" \1 ", s.lower())
    return [s, re.sub(r"\s+", " ", low).strip()]


def by_value(text: str, metric: str) -> dict[int | None, tuple[str | None, str | None]]:
    return {
        (f.best if f.best is not None else f.low if f.low is not None else f.high): (
            f.claimant.lower() if f.claimant else None,
            f.relay.lower() if f.relay else None,
        )
        for f in facts_of(text, metric)
    }


@pytest.mark.parametrize(
    "text",
    both("The district hospital said 12 people were hurt, though rescuers say at least 20 people were hurt."),
)
def test_a_contrastive_clause_has_its_own_source(text: str) -> None:
    got = by_value(text, "injured")
    assert got[12] == ("district hospital", None)
    assert got[20] == ("rescuers", None)


@pytest.mark.parametrize(
    "text",
    both("Reuters is reporting 30 dead, while the Kenya Times is reporting that 41 people died in the blast."),
)
def test_each_outlet_keeps_its_own_figure(text: str) -> None:
    got = by_value(text, "killed")
    assert got[30] == (None, "reuters")
    assert got[41] == (None, "kenya times")


@pytest.mark.parametrize(
    "text", both("At least six people died in the fire, although some reports say up to ten died.")
)
def test_unnamed_reports_are_no_claimant(text: str) -> None:
    got = by_value(text, "killed")
    assert got[6] == (None, None)
    assert got[10] == (None, None)


@pytest.mark.parametrize(
    "text", both("Seven people were killed and 20 were hurt, while 3 are missing, the coastguard said.")
)
def test_a_source_closing_the_sentence_speaks_for_every_clause(text: str) -> None:
    assert by_value(text, "killed")[7] == ("coastguard", None)
    assert by_value(text, "missing")[3] == ("coastguard", None)


@pytest.mark.parametrize(
    "text", both("Maria Ionescu, of the county emergency hospital, said 14 wounded people had been admitted.")
)
def test_a_person_before_an_of_aside_is_the_source(text: str) -> None:
    assert by_value(text, "injured")[14][0] == "maria ionescu"


def test_a_pronoun_ends_the_phrase_before_the_verb() -> None:
    s = "the minister did not say why he said 40 soldiers had died ."
    a = find_attribution(s, tokenize(s))
    assert a is not None and a.claimant is None and a.pronoun


@pytest.mark.parametrize("text", both("The Kabul-based Afghan health monitor said 9 people were killed."))
def test_where_a_body_sits_is_no_part_of_its_name(text: str) -> None:
    assert by_value(text, "killed")[9][0] == "afghan health monitor"


def test_tokenised_possessives_do_not_use_up_the_phrase() -> None:
    s = "the head of chile ' s civil protection agency rosa al-varez has told reporters 8 died ."
    a = find_attribution(s, tokenize(s))
    assert a is not None and a.claimant is not None and a.claimant.startswith("head of chile")


def test_courtesy_titles_join_the_full_name() -> None:
    ids = claimant_ids(["foreign minister Anna-Lena Okafor", "Ms Okafor"], ["DE"])
    assert ids["Ms Okafor"] == ids["foreign minister Anna-Lena Okafor"] == "anna-lena okafor"
    low = claimant_ids(["foreign minister anna-lena okafor", "mr okafor"], [])
    assert low["mr okafor"] == "anna-lena okafor"
    assert claimant_id("the undersecretary for civil defence") != "civil defence"
