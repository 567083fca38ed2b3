"""Canonical claimant ids on lowercased, tokenised text (issue 9 item 4), in our own words."""

from __future__ import annotations

from streams.extract.claimants import claimant_ids


def test_a_tokenised_possessive_is_the_same_institution() -> None:
    ids = claimant_ids(["moldova 's border police", "the moldovan border police", "border police"], ["MD"])
    assert set(ids.values()) == {"md:border police"}


def test_the_bare_ministry_takes_the_tokenised_fuller_naming() -> None:
    ids = claimant_ids(["belarus 's interior ministry", "the ministry"], [])
    assert ids["the ministry"] == ids["belarus 's interior ministry"] == "by:interior ministry"


def test_a_place_possessive_is_one_body_with_or_without_the_s() -> None:
    ids = claimant_ids(["odesa 's city council", "odesa city council"], [])
    assert ids["odesa 's city council"] == ids["odesa city council"]


def test_a_lowercased_name_after_a_region_title_is_the_person() -> None:
    ids = claimant_ids(["governor of the sumy region volodymyr artiukh", "artiukh", "the governor"], ["UA"])
    assert set(ids.values()) == {"volodymyr artiukh"}


def test_a_lowercased_name_after_title_of_place_is_the_person() -> None:
    ids = claimant_ids(["mayor of lviv andriy sadovyi", "sadovyi"], [])
    assert ids["sadovyi"] == ids["mayor of lviv andriy sadovyi"] == "andriy sadovyi"


def test_different_people_and_bodies_keep_different_ids() -> None:
    ids = claimant_ids(["mayor of lviv andriy sadovyi", "governor of the sumy region volodymyr artiukh"], [])
    assert len(set(ids.values())) == 2
    bodies = claimant_ids(["head of the regional military administration", "the health ministry"], [])
    assert len(set(bodies.values())) == 2
