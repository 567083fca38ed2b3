"""Areas that no one ISO 3166-2 unit is, compass words before them, hyphenated country pairs, and more
demonyms: the country of a figure where the report names no finer place, and the unit where it does."""

from __future__ import annotations

import pytest

from streams.extract.gazetteer import gazetteer
from streams.extract.place_areas import areas, compass_unit

from .helpers import one


@pytest.mark.parametrize(
    ("sentence", "country", "region"),
    [
        # An area over several units: the country, in none of its units.
        ("Gunmen on camels killed 7 herders in Darfur last week.", "SD", None),
        ("Gunmen killed 7 herders in the Darfur region last week.", "SD", None),
        ("Bombing raids killed 15 villagers in Kordofan.", "SD", None),
        ("Militants killed 4 police officers in the Sinai Peninsula.", "EG", None),
        ("A bomb at a bus stop killed 9 commuters in Mindanao.", "PH", None),
        # A compass word and the area's name call one unit together.
        ("Gunmen killed 7 herders in northern Darfur last week.", "SD", "SD-DN"),
        ("Shelling killed 11 people in southern Kordofan on Sunday.", "SD", "SD-KS"),
        ("Militants killed 4 police officers in northern Sinai.", "EG", "EG-SIN"),
        ("A tank shell killed 3 farmers in northern Gaza.", "PS", "PS-NGZ"),
        ("A tank shell killed 3 farmers in the northern Gaza Strip.", "PS", "PS-NGZ"),
        # No unit of that name: the country only.
        ("A tank shell killed 3 farmers in the southern Gaza Strip.", "PS", None),
        ("A tank shell killed 3 farmers in central Gaza.", "PS", None),
        # A whole country after a compass word stays the whole country's, even where a unit is named so.
        ("An air raid killed 8 civilians in southern Lebanon.", "LB", None),
        ("Bandits killed 12 traders in northern Nigeria.", "NG", None),
    ],
)
def test_areas_and_their_compass_units(sentence: str, country: str, region: str | None) -> None:
    f = one(sentence, "killed")
    assert (f.country, f.region_code) == (country, region)


def test_a_compass_area_after_from_is_where_people_come_from() -> None:
    f = one("Fighters from northern Gaza killed 3 guards in Israel.", "killed")
    assert (f.country, f.region_code) == ("IL", None)


def test_every_area_is_no_unit_of_its_own_country() -> None:
    gaz = gazetteer()
    for key, country in areas().items():
        assert gaz.countries.get(key) == country, key
        if key == "gaza":
            continue  # the news's name of the Strip, which one governorate is also called by
        assert not any(r.country == country and r.rank > 0 for r in gaz.regions.get(key, ())), key


def test_compass_unit_needs_an_area_and_a_unit_named_so() -> None:
    gaz = gazetteer()
    assert compass_unit(gaz, "western", "darfur") is not None
    assert compass_unit(gaz, "upper", "darfur") is None  # not a compass word of a unit's name
    assert compass_unit(gaz, "northern", "nigeria") is None  # a country, not an area


def test_two_countries_joined_by_a_hyphen_are_neither_alone() -> None:
    sentence = "Guards clashed near the Cambodia-Vietnam border, leaving 10 people injured."
    f = one(sentence, "injured")
    assert f.place is None and f.country is None


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        # A state's own police, government or court acting, where the report names no place.
        ("Brazilian police shot dead 14 suspected robbers, a rights group said.", "BR"),
        ("Honduran police killed 5 protesters during a march.", "HN"),
        ("Jamaican police killed 25 people in a week of clashes with gunmen.", "JM"),
        # A demonym before a jail or prison places it in that country.
        ("About 40 inmates died in a fire at a Venezuelan jail.", "VE"),
    ],
)
def test_demonyms_of_more_countries(sentence: str, country: str) -> None:
    assert one(sentence, "killed").country == country


def test_a_people_of_several_countries_names_none() -> None:
    f = one("Twelve ethnic Albanian civilians were killed during an army raid.", "killed")
    assert f.country is None


@pytest.mark.parametrize(
    ("sentence", "country", "region"),
    [
        # Words between the article and "capital" leave it the country's capital.
        ("A missile hit a warehouse in the rebel-held Yemeni capital, killing 14 guards.", "YE", "YE-SA"),
        ("Shelling killed 5 market traders in the chaotic capital of Somalia.", "SO", "SO-BN"),
        ("Snipers in Yemen killed 7 marchers on Friday in this capital.", "YE", "YE-SA"),
        # A word that makes it another capital: the country only.
        ("Gunmen killed 6 guards in the provincial capital of Afghanistan.", "AF", None),
        ("A car bomb killed 8 shoppers in the former capital of Nigeria.", "NG", None),
    ],
)
def test_capitals_described_with_more_words(sentence: str, country: str, region: str | None) -> None:
    f = one(sentence, "killed")
    assert (f.country, f.region_code) == (country, region)


def test_a_town_written_with_its_country_after_in() -> None:
    f = one("Gunmen killed 12 people at a cattle camp in Bor in South Sudan on Thursday.", "killed")
    assert (f.country, f.region_code) == ("SS", "SS-JG")  # not the Serbian district of that name


def test_a_name_abroad_before_a_facility_noun_is_the_facility() -> None:
    f = one("Two traders died of their wounds at the Medina hospital in Mogadishu, Somalia.", "killed")
    assert (f.country, f.region_code) == ("SO", "SO-BN")


def test_a_district_before_a_part_noun_after_the_article_stands_in_cased_text() -> None:
    f = one("Shells hit 4 houses in the Swat valley on Thursday, killing 10 villagers.", "killed")
    assert (f.country, f.region_code) == ("PK", "PK-KP")


def test_a_service_that_counts_the_casualties_speaks_from_the_scene() -> None:
    f = one("Kismayo ambulance service chief Hodan Farah says four people died late on Sunday.", "killed")
    assert (f.country, f.region_code) == ("SO", "SO-JH")
    # An official's jurisdiction stays the claimant's place, not the figure's.
    g = one("Two people were injured, the governor of the Kharkiv region said.", "injured")
    assert g.place is None


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        ("gunmen killed 7 herders in northern darfur last week .", "SD-DN"),
        ("gunmen killed 7 herders in darfur last week .", None),
        ("a bomb killed 9 guards in the rebel-held yemeni capital .", "YE-SA"),
    ],
)
def test_areas_and_capitals_in_lowercase_tokenised_text(sentence: str, region: str | None) -> None:
    f = one(sentence, "killed")
    assert f.region_code == region and f.country is not None


def test_rebels_of_a_country_name_it_only_where_they_fight_at_home() -> None:
    text = "Sudanese rebels said on Friday that government bombs had killed six herders in the south of the country."
    assert one(text, "killed").country == "SD"
    assert one("Sudanese rebels killed six herders on Friday.", "killed").country is None  # perhaps abroad


def test_a_small_town_that_is_its_countrys_only_one_stands_after_in_or_at() -> None:
    text = "Militiamen shot 40 men dead at Srebrenica in July. The war in Bosnia went on."
    assert (one(text, "killed").country, one(text, "killed").region_code) == ("BA", "BA-SRP")
    # Where the entry names a region of that country, the town must lie there (a district of that city).
    f = one("Police arrested 42 marchers in Jaro, Iloilo City, Iloilo, on Friday.", "arrested")
    assert f.region_code == "PH-ILI"
