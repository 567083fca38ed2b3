"""Live-blog place rules of the tenth session: classes of region misses on real posts, in our own words.

Every sentence here is invented for the test; only the place names are real.
"""

from __future__ import annotations

import pytest

from streams.extract.place_slots import in_modifier_slot
from streams.extract.tokens import tokenize
from tests.unit.extract.helpers import one_in_post as one
from tests.unit.extract.helpers import where

# --- a place in the modifier slot of an incident or venue noun -------------------------------------------


@pytest.mark.parametrize(
    ("body", "metric", "expected"),
    [
        ("# update : madrid train bombing toll climbs to 40 , officials say", "killed", ("ES-M", "ES")),
        ("lyon knife attack : three people hurt , police say .", "injured", ("FR-69", "FR")),
        ("the kabul attack left 12 people dead , the ministry said .", "killed", ("AF-KAB", "AF")),
        ("the gunman opened fire in a texas nightclub and killed five people .", "killed", ("US-TX", "US")),
        ("the toll from the marseille terror attack rose to nine .", "killed", ("FR-13", "FR")),
    ],
)
def test_a_place_before_an_incident_or_venue_noun_places_the_figure(
    body: str, metric: str, expected: tuple[str, str]
) -> None:
    assert where(one(body, metric)) == expected


def test_another_event_named_by_its_place_is_no_scene() -> None:
    # "linked to the X attacks" speaks of an earlier event; the arrest is where the sentence says.
    f = one("a man linked to the madrid bombings was one of 3 people arrested in lisbon .", "arrested")
    assert where(f) == ("PT-11", "PT")


def test_the_slot_needs_an_article_an_opener_or_a_number_before_the_name() -> None:
    t = "troops from madrid attack positions , killing four ."
    assert not in_modifier_slot(tokenize(t, 0, len(t)), 2, 3)
    t = "madrid attack : four killed"
    assert in_modifier_slot(tokenize(t, 0, len(t)), 0, 1)


# --- a city named like an ordinary word, only in the slot before an incident noun ------------------------


def test_a_city_named_like_a_common_word_before_an_attack_noun() -> None:
    f = one("# breaking : nice lorry attack death toll now 60 , ministry says", "killed")
    assert where(f) == ("FR-06", "FR")


@pytest.mark.parametrize(
    "body",
    [
        "it was a nice day until the shelling , which killed four people .",
        "a man shooting at police was one of 3 people killed .",
        "reading the report , we learn that 5 people were killed .",
    ],
)
def test_a_common_word_outside_the_slot_is_no_city(body: str) -> None:
    assert one(body, "killed").country is None


# --- a region and the unit inside it that bears its name: the finer one ---------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "riot police killed two protesters in the mining town of boke in guinea on tuesday .",
        "Riot police killed two protesters in Boke on Tuesday.",
    ],
)
def test_a_name_of_a_region_and_its_own_prefecture_gives_the_prefecture(body: str) -> None:
    assert where(one(body, "killed")) == ("GN-BK", "GN")  # the prefecture, inside the region GN-B


def test_a_district_written_with_its_division_keeps_the_district() -> None:
    # Chittagong names a division and a district inside it; after another district it is the division.
    f = one("Gunmen shot dead three farmers at a market in Ramgarh upazila (Khagrachhari, Chittagong).", "killed")
    assert where(f) == ("BD-29", "BD")


def test_finest_of_two_nested_codes() -> None:
    from streams.extract.gazetteer import finest

    assert finest({"BD-B", "BD-10"}) == "BD-10"
    assert finest({"BD-10", "BD-29"}) is None
    assert finest({"GN-BK"}) is None


# --- an embassy that an attack struck is the scene, not a source's seat ----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "two guards were killed in an attack on the french embassy in kabul last year .",
        "Gunmen stormed the French embassy in Kabul, killing two guards.",
    ],
)
def test_an_attacked_embassy_is_the_scene(body: str) -> None:
    assert where(one(body, "killed")) == ("AF-KAB", "AF")


def test_an_embassy_that_speaks_is_still_no_scene() -> None:
    f = one("a spokesman for the embassy in kabul said two guards were killed in jalalabad .", "killed")
    assert where(f) == ("AF-NAN", "AF")


# --- "the <town> neighbourhood of <part>": the town's --------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("rescuers pulled 14 bodies from a school in the mexico city neighborhood of tlalpan .", ("MX-CMX", "MX")),
        ("a car bomb killed nine people in the central baghdad neighbourhood of mansour .", ("IQ-BG", "IQ")),
        ("A car bomb killed nine people in the central Baghdad neighbourhood of Mansour.", ("IQ-BG", "IQ")),
    ],
)
def test_a_town_named_before_one_of_its_neighbourhoods(body: str, expected: tuple[str, str]) -> None:
    assert where(one(body, "killed")) == expected


def test_a_sector_of_a_district_is_no_town_of_its_name() -> None:
    # "Keran sector of Kupwara district": a sector of the district named after it, not Kara's Keran in Togo.
    f = one("Two militants were killed in a gunfight in Keran sector of Kupwara district on Thursday.", "killed")
    assert f.country != "TG"


# --- outside a city that is a region of its own: the region around it ----------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Shelling killed three villagers outside Kyiv on Monday.", ("UA-32", "UA")),
        ("a drone strike just outside kyiv killed two people .", ("UA-32", "UA")),
        ("An air raid on a farm east of the capital Sanaa killed six civilians.", ("YE-SN", "YE")),
        ("A mortar round killed four people in a Damascus suburb.", ("SY-RD", "SY")),
    ],
)
def test_a_scene_outside_a_city_region_lies_in_the_region_around_it(body: str, expected: tuple[str, str]) -> None:
    assert where(one(body, "killed")) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Shelling killed three people in Kyiv on Monday.",
        "Three people were killed in a missile strike near Kyiv TV tower.",  # a landmark of the city: in it
    ],
)
def test_the_city_itself_keeps_its_own_code(body: str) -> None:
    assert where(one(body, "killed")) == ("UA-30", "UA")


def test_a_city_whose_region_holds_it_keeps_its_region() -> None:
    # Baghdad governorate holds the city: there is no other region around it to move to.
    assert where(one("A car bomb killed nine people just outside Baghdad.", "killed")) == ("IQ-BG", "IQ")


# --- an entry that names no place and one nationality of people at home -------------------------------


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("Peruvian officials said on Friday that guards had shot dead four inmates during the riot.", "PE"),
        ("Five Palestinians were killed in the raid on Tuesday, medics said.", "PS"),
    ],
)
def test_one_nationality_of_people_at_home_gives_the_country(body: str, country: str) -> None:
    assert one(body, "killed").country == country


@pytest.mark.parametrize(
    "body",
    [
        "Israeli jets killed six people overnight, a rescue worker said.",  # aircraft strike from afar
        "A car was hit by Russian artillery and two people were killed.",  # a weapon crosses the border
        "Peruvian officials said Chilean troops had killed two herders.",  # two nationalities: no one country
    ],
)
def test_forces_weapons_or_two_nationalities_give_no_country(body: str) -> None:
    assert one(body, "killed").country is None


# --- a compass word before a country cut into compass-named regions ------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Rebels killed eleven villagers in northern Uganda on Sunday.", ("UG-N", "UG")),
        ("in western rwanda , floods killed 14 people overnight .", ("RW-04", "RW")),
        ("A landmine killed four farmers in eastern Sri Lanka.", ("LK-5", "LK")),
    ],
)
def test_a_compass_word_names_the_compass_region(body: str, expected: tuple[str, str]) -> None:
    assert where(one(body, "killed")) == expected


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("Gunmen killed three traders in northern Cameroon.", "CM"),  # North, Far North and North-West
        ("Shelling killed three people in southern Lebanon.", "LB"),  # no unit of the country is "South" alone
        ("Fighters from northern Uganda killed three people in Bunia.", "CD"),  # where they come from
    ],
)
def test_a_compass_word_elsewhere_names_no_region(body: str, country: str) -> None:
    f = one(body, "killed")
    assert f.country == country and f.region_code in (None, "CD-IT")


def test_a_tie_between_the_place_before_and_the_place_after_goes_to_the_place_after() -> None:
    # "<event place> attack : N killed in <town>": the town after "killed in" is the figure's own place.
    f = one("madrid attack : six suspects killed in getafe in a second raid", "killed")
    assert f.place == "getafe"
