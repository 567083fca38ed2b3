"""Canonical claimant ids for more variants: vague levels of a post, a body's short name, a descriptor before it.

Also pins that the evaluator's comparison stays strict: another source is never the same claimant.
"""

from __future__ import annotations

from schemas.facts import Fact
from streams.extract.claimants import claimant_ids
from streams.extract.evaluate import same_claimant


def test_a_regional_or_local_title_is_the_one_person_holding_that_post() -> None:
    ids = claimant_ids(["the regional governor", "Lakeshire governor Anna Berg"], ["UA"])
    assert ids["the regional governor"] == ids["Lakeshire governor Anna Berg"] == "anna berg"
    ids = claimant_ids(["a local fire chief", "Northam fire chief Tom Reyes"], [])
    assert ids["a local fire chief"] == "tom reyes"


def test_a_vague_title_with_two_holders_or_another_post_stays_apart() -> None:
    two = claimant_ids(["the regional governor", "Lakeshire governor Anna Berg", "Dalby governor Ivo Kern"], [])
    assert two["the regional governor"] not in ("anna berg", "ivo kern")
    other = claimant_ids(["the regional governor", "Northam fire chief Tom Reyes"], [])
    assert other["the regional governor"] != "tom reyes"


def test_the_idf_is_the_israeli_military_and_not_another_body() -> None:
    ids = claimant_ids(["the IDF", "the Israeli military", "Israel Defense Forces", "Israeli police"], [])
    assert ids["the IDF"] == ids["the Israeli military"] == ids["Israel Defense Forces"] == "il:military"
    assert ids["Israeli police"] != "il:military"


def test_a_descriptor_before_the_name_is_dropped() -> None:
    ids = claimant_ids(
        ["monitoring group the Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"], []
    )
    assert len(set(ids.values())) == 1
    assert claimant_ids(["the group"], [])["the group"] == "group"


def _fact(claimant: str, cid: str, country: str | None = None) -> Fact:
    return Fact(metric="killed", best=3, qualifier="exact", claimant=claimant, claimant_id=cid, country=country)


def test_the_comparison_never_joins_two_sources() -> None:
    p = _fact("Russia's defence ministry", "ru:defence ministry", "UA")
    assert same_claimant(p, "the defence ministry", [p])
    assert not same_claimant(p, "the health ministry", [p])
    assert not same_claimant(p, "Ukraine's defence ministry", [p])
    army = _fact("the army", "ua:army", "UA")
    assert not same_claimant(army, "the air force", [army])
    person = _fact("regional governor Anna Berg", "anna berg", "UA")
    assert not same_claimant(person, "Ivo Kern", [person])
    assert not same_claimant(person, "the mayor", [person])
