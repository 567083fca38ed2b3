"""Classes of place misses found on public atrocity and conflict-event reports, each fixed as a class.

- a country's own kind of administrative area names the country ("X upazila" is in Bangladesh);
- former country names of ISO 3166-3 resolve to their successor ("Zaire" is the DR Congo);
- weapons named like places are not places ("Grad rockets", "Molotov cocktails");
- a figure placed only at country level takes the one finer place the entry names in that country.
"""

from __future__ import annotations

import pytest

from streams.extract.gazetteer import admin_word_countries, gazetteer

from .helpers import facts_of, one


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("a clash in the bazar of mirpur upazila left five hurt", {"BD"}),
        ("two upazilas of the district were cut off", {"BD"}),
        ("the barangay captain said", {"PH"}),
        ("a woreda administrator and a kebele chairman", {"ET"}),
        ("raipur is a city in chhattisgarh", set()),  # no administrative word at all
        ("the upazilar was closed", set()),  # a longer word is not the administrative one
    ],
)
def test_admin_words_name_their_country(text: str, countries: set[str]) -> None:
    assert admin_word_countries(text) == frozenset(countries)


def test_an_upazila_keeps_namesake_towns_abroad_out() -> None:
    # "Raipur" and "Mirpur" are also cities of India and Pakistan: in an upazila they are in Bangladesh.
    f = one("Rival groups clashed in Raipur upazila on Friday, injuring 11 people.", "injured")
    assert f.country == "BD"
    f = one("Police fired on a crowd in Mirpur upazila, killing two people.", "killed")
    assert f.country == "BD"


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Soldiers killed 30 villagers in eastern Zaire last week.", "CD"),
        ("The army killed 12 students in Burma on Tuesday.", "MM"),
        ("Gunmen killed 4 people in East Timor.", "TL"),
        ("Police shot dead 5 protesters in Swaziland.", "SZ"),
    ],
)
def test_former_country_names(sentence: str, country: str) -> None:
    assert one(sentence, "killed").country == country


def test_a_former_name_that_is_now_a_region_stays_the_region() -> None:
    # Sikkim was a country until 1975 (ISO 3166-3) and is now an Indian state: the state it is.
    assert "sikkim" not in gazetteer().countries
    f = one("A landslide of rebel fire killed 6 people in Sikkim.", "killed")
    assert (f.country, f.region_code) == ("IN", "IN-SK")


def test_the_angolan_province_named_zaire_is_still_read_as_a_province() -> None:
    f = one("Fighting killed 9 people in Zaire province, Angola.", "killed")
    assert (f.country, f.region_code) == ("AO", "AO-ZAI")


@pytest.mark.parametrize(
    "sentence",
    [
        "Militants fired Grad rockets at the market, killing 13 people.",
        "Protesters threw Molotov cocktails and 3 people were killed.",
    ],
)
def test_weapons_named_like_places_are_no_places(sentence: str) -> None:
    f = one(sentence, "killed")
    assert (f.place, f.region_code, f.country) == (None, None, None)


def test_a_country_level_figure_takes_the_entrys_one_place_in_that_country() -> None:
    text = (
        "Seven civilians were killed in an air raid in southern Lebanon on Friday. "
        "The raid flattened two houses in the village of Nabatieh, a police source said."
    )
    f = one(text, "killed")
    assert (f.country, f.region_code) == ("LB", "LB-NA")


def test_no_refinement_when_the_entry_names_two_regions_of_the_country() -> None:
    text = "Seven civilians were killed in southern Lebanon on Friday. Earlier raids hit Nabatieh and Baalbek."
    f = one(text, "killed")
    assert (f.country, f.region_code) == ("LB", None)


def test_no_refinement_for_a_place_in_another_country() -> None:
    text = "Twelve people were killed in Syria on Monday. Later, 3 were killed in Tripoli, Lebanon."
    syria = [f for f in facts_of(text, "killed") if f.best == 12]
    assert [(f.country, f.region_code) for f in syria] == [("SY", None)]


@pytest.mark.parametrize(
    ("key", "spellings"),
    [
        ("deir ez zor", {"deir al zor", "deir el zor", "deir ezzor"}),
        ("nabatieh", {"nabatiyeh"}),
        ("az zabadani", {"zabadani"}),  # a leading article is never swapped for another, only dropped
        ("al bab", set()),  # not down to a word of three letters
        ("homs", set()),
    ],
)
def test_arabic_spellings(key: str, spellings: set[str]) -> None:
    from streams.extract.gazetteer_build import arabic_spellings

    assert arabic_spellings(key) == spellings


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        ("Shelling killed 8 people in Deir Ezzor on Monday.", "SY-DY"),
        ("An air raid killed 4 people in Nabatiyeh.", "LB-NA"),
        ("Troops killed 11 protesters in Jisr al-Shughur.", "SY-ID"),
    ],
)
def test_transliterations_of_arabic_town_names(sentence: str, region: str) -> None:
    assert one(sentence, "killed").region_code == region


def test_a_namesake_city_abroad_is_not_read_before_an_upazila() -> None:
    # "Raipur" is an Indian city of half a million, and a Bangladeshi upazila too.
    f = one("A school was set on fire in Raipur upazila; 3 people were hurt.", "injured")
    assert (f.country, f.region_code) == ("BD", None)


def test_a_toll_across_the_country_is_not_narrowed() -> None:
    text = "Across Syria, 40 people were killed on Friday. Most of the protests were in Hama, activists said."
    f = one(text, "killed")
    assert (f.country, f.region_code) == ("SY", None)


def test_a_country_toll_is_not_narrowed_to_a_place_with_its_own_toll() -> None:
    text = (
        "Air raids killed 25 people in Yemen on Sunday, medics said. "
        "In the port city of Hodeidah, a raid on a market killed at least six."
    )
    tolls = {f.best or f.low: (f.country, f.region_code) for f in facts_of(text, "killed")}
    assert tolls[25] == ("YE", None)
    assert tolls[6] == ("YE", "YE-HU")
