"""Canonical claimant ids: one id per claimant across titles, possessives and names."""

from __future__ import annotations

import pytest

from streams.extract.claimants import claimant_id, claimant_ids

from .helpers import facts_of

GOVERNOR_VARIANTS = [
    "regional governor Ivan Fedorov",
    "Zaporizhzhia governor Ivan Fedorov",
    "governor Ivan Fedorov",
    "Ivan Fedorov",
]


@pytest.mark.parametrize("lower", [False, True])
def test_titles_of_one_person_share_the_name_as_id(lower: bool) -> None:
    mentions = [m.lower() if lower else m for m in [*GOVERNOR_VARIANTS, "Fedorov", "the governor"]]
    ids = claimant_ids(mentions, ["UA"])
    assert set(ids.values()) == {"ivan fedorov"}, ids


@pytest.mark.parametrize("lower", [False, True])
def test_possessive_demonym_and_bare_forms_of_an_institution_are_one(lower: bool) -> None:
    mentions = ["Ukraine's air force", "the Ukrainian air force", "the air force", "Ukraine’s air force"]
    mentions = [m.lower() if lower else m for m in mentions]
    assert set(claimant_ids(mentions, []).values()) == {"ua:air force"}


def test_the_bare_form_takes_the_entry_country() -> None:
    assert claimant_ids(["the air force"], ["UA", "UA"]) == {"the air force": "ua:air force"}
    assert claimant_ids(["air force"], ["RU"]) == {"air force": "ru:air force"}
    # No single country: the id stays unqualified rather than guess.
    assert claimant_ids(["the air force"], ["UA", "RU"]) == {"the air force": "air force"}
    assert claimant_ids(["the air force"], []) == {"the air force": "air force"}


def test_an_institution_named_with_its_country_keeps_that_country() -> None:
    ids = claimant_ids(["Russia's defence ministry", "defence ministry in Kyiv", "the ministry of defence"], ["UA"])
    assert ids["Russia's defence ministry"] == "ru:defence ministry"
    assert ids["defence ministry in Kyiv"] == "ua:defence ministry"
    # Named with two countries in the entry: unqualified, never a guess.
    assert ids["the ministry of defence"] == "defence ministry"


def test_a_named_body_is_not_given_the_entry_country() -> None:
    ids = claimant_ids(["Magen David Adom", "SBU security service", "local officials"], ["IL"])
    assert ids == {
        "Magen David Adom": "magen david adom",
        "SBU security service": "sbu security service",
        "local officials": "local officials",
    }


def test_a_surname_without_its_full_name_in_the_entry_stays_itself() -> None:
    assert claimant_ids(["Fedorov"], ["UA"]) == {"Fedorov": "fedorov"}
    # Two people share the surname: no guess.
    ids = claimant_ids(["governor Ivan Fedorov", "mayor Petro Fedorov", "Fedorov"], [])
    assert ids["Fedorov"] == "fedorov"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("US secretary of state Antony Blinken", "antony blinken"),
        ("Pentagon spokesperson Sabrina Singh", "sabrina singh"),
        ("WHO director-general Tedros Adhanom Ghebreyesus", "tedros adhanom ghebreyesus"),
        ("the regional governor, Oleh Syniehubov", "oleh syniehubov"),
        ("Ukraine’s commander-in-chief Oleksandr Syrskyi", "oleksandr syrskyi"),
        ("Russia", "ru:government"),
        ("Moscow", "ru:government"),
        ("the Russian government", "ru:government"),
        ("South Korean official", "kr:official"),
        ("South Korea and its allies", "south korea and its allies"),
        ("Houthi-run Al Masirah TV", "houthi-run al masirah tv"),
        ("RFE/RL", "rfe-rl"),
    ],
)
def test_one_mention(mention: str, expected: str) -> None:
    assert claimant_id(mention) == expected


def test_ids_never_hold_key_separators() -> None:
    for m in ["a|b said", "x/y office", "the | /", "governor A|B"]:
        assert "|" not in claimant_id(m) and "/" not in claimant_id(m)


GOVERNOR_ENTRY = (
    "Strike on Zaporizhzhia kills three\n\n"
    "Three people were killed in a missile strike on Zaporizhzhia, regional governor Ivan Fedorov said. "
    "Twelve people were injured, Fedorov added."
)


@pytest.mark.parametrize("text", [GOVERNOR_ENTRY, GOVERNOR_ENTRY.lower()])
def test_the_extractor_gives_every_wording_of_the_governor_one_id(text: str) -> None:
    facts = [f for f in facts_of(text) if f.claimant]
    assert {f.metric for f in facts} >= {"killed", "injured"}
    assert {f.claimant_id for f in facts} == {"ivan fedorov"}
    # The name as written (its fullest form in the entry) is kept for display.
    assert all(f.claimant is not None and "fedorov" in f.claimant.lower() for f in facts)


AIR_FORCE_ENTRY = (
    "Russia launched 83 drones overnight, Ukraine's air force says\n\n"
    "Air defences shot down 60 of them, the air force said."
)


@pytest.mark.parametrize("text", [AIR_FORCE_ENTRY, AIR_FORCE_ENTRY.lower()])
def test_the_extractor_joins_the_air_force_with_ukraines_air_force(text: str) -> None:
    launched = facts_of(text, "drones_launched")
    downed = facts_of(text, "drones_downed")
    assert launched and downed
    assert launched[0].claimant_id == downed[0].claimant_id == "ua:air force"
    assert downed[0].claimant is not None and downed[0].claimant.lower() == "air force"  # as written


def test_a_fact_without_a_claimant_has_no_id() -> None:
    assert all(f.claimant_id is None for f in facts_of("Three people were killed in Kharkiv.") if f.claimant is None)
