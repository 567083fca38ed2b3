"""Live-blog place rules of the sixth session: classes of region misses on real posts, in our own words.

Every sentence here is invented for the test; none is taken from real reporting.
"""

from __future__ import annotations

import pytest

from streams.extract import extract
from streams.extract.gazetteer import gazetteer
from streams.extract.place_senses import titled_name, wider_area
from tests.unit.extract.helpers import both, where
from tests.unit.extract.helpers import one_in_post as one

# --- a place past "the" when a part noun follows it -------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("two commuters were killed by a bomb on the moscow metro on monday .", ("RU-MOW", "RU")),
        ("the quake killed 900 people in the kathmandu valley alone .", ("NP-P3", "NP")),
        ("a gunman killed four people at the kabul airport gate .", ("AF-KAB", "AF")),
    ],
)
def test_a_place_named_before_one_of_its_parts_after_the(body: str, expected: tuple[str, str]) -> None:
    assert where(one(body, "killed")) == expected


def test_a_common_noun_after_the_is_still_no_place() -> None:
    # "the metro", "the island" alone name no town, whatever namesakes the gazetteer holds.
    f = one("eleven passengers died in the metro crash and on the island nearby .", "killed")
    assert f.region_code is None


# --- areas that span several first-level units --------------------------------------------------------


def test_the_kasai_region_is_several_provinces_so_only_the_country() -> None:
    for body in both("More than 40 villagers were killed in the Kasai region of Congo, the UN said."):
        assert where(one(body, "killed")) == (None, "CD")


def test_the_kasai_province_is_still_the_province() -> None:
    assert where(one("gunmen killed 12 people in kasai province on friday .", "killed")) == ("CD-KS", "CD")


def test_an_oblast_named_region_is_still_one_unit() -> None:
    assert where(one("a drone killed two people in the moscow region overnight .", "killed")) == ("RU-MOS", "RU")
    assert where(one("Shelling killed three people in the Kharkiv region.", "killed")) == ("UA-63", "UA")


def test_wider_area_needs_two_units_of_one_stem() -> None:
    gaz = gazetteer()
    assert wider_area(gaz, "darfur", "SD", frozenset()) == "SD"
    assert wider_area(gaz, "kharkiv", "UA", frozenset()) is None
    assert wider_area(gaz, "moscow", "RU", frozenset()) is None  # "Moscow oblast" is one unit beside the city


def test_the_niger_delta_region_is_the_country_not_delta_state() -> None:
    f = one("three oil workers were kidnapped in the southern niger delta region last year .", "captured")
    assert where(f) == (None, "NG")


# --- where a source sits is no scene -------------------------------------------------------------------


def test_an_embassy_in_a_city_is_no_scene() -> None:
    f = one("two tourists from oman died in the blasts , the omani embassy in brussels said .", "killed")
    assert f.region_code is None


def test_a_city_where_a_source_told_a_reporter_is_no_scene() -> None:
    body = "the prosecutor told the guardian 's correspondent in lisbon that it had freed five of six detainees ."
    for f in extract("", body):
        assert f.region_code is None, f


def test_told_far_before_the_place_does_not_reach_it() -> None:
    # "told" opens another clause; the place after "that ... in" is the scene.
    f = one("police told reporters that six people were killed in kabul on sunday .", "killed")
    assert where(f) == ("AF-KAB", "AF")


# --- a titled person's surname is no place ---------------------------------------------------------------


def test_a_sheriffs_surname_that_is_a_country_names_no_country() -> None:
    for body in both("Sheriff Scott Israel said 17 people were killed at the school."):
        f = one(body, "killed")
        assert f.country is None and f.region_code is None


def test_titled_name_needs_a_title_and_a_first_name() -> None:
    assert titled_name("sheriff", "scott")
    assert not titled_name("sheriff", "visited")
    assert not titled_name("the", "scott")


# --- a lowercase name that modifies a scene noun ---------------------------------------------------------


def test_a_city_before_a_part_noun_places_the_figure() -> None:
    f = one("the gun attack at a quebec mosque in which six worshippers were killed stunned canada .", "killed")
    assert where(f) == ("CA-QC", "CA")


def test_a_state_before_a_perpetrator_noun_places_the_figure() -> None:
    f = one("the lawyer once defended the arizona gunman who killed six people .", "killed")
    assert where(f) == ("US-AZ", "US")


def test_an_event_noun_after_the_needs_its_own_preposition() -> None:
    # "in connection with the paris attacks" is another event's place, not this arrest's.
    f = one("two men were also arrested in connection with the paris attacks , officials in ghent said .", "arrested")
    assert f.region_code != "FR-75C"


# --- a county's name abroad against a large town of another country ----------------------------------


def test_a_district_abroad_does_not_outweigh_a_large_town_of_its_name() -> None:
    # Norwich is a large English city and a small town in the US; a district of Jamaica shares the name.
    f = one("police in norwich arrested four men after the raid .", "arrested")
    assert f.country != "JM"


def test_a_county_name_that_no_large_town_shares_still_stands() -> None:
    assert where(one("a bomb killed five people in sheffield .", "killed")) == ("GB-SHF", "GB")


# --- whose mission a country's name is --------------------------------------------------------------------


def test_a_country_before_embassy_names_no_country_of_the_entry() -> None:
    # Only the mission's country is named: the toll is placed in no country rather than in that one.
    f = one("He spoke from the French embassy, where he had fled. More than 40 people had died, he said.", "killed")
    assert f.country is None


def test_a_title_and_a_first_name_apart_in_cased_text_are_no_surname() -> None:
    # "Mr. Haddad ... through Lebanon's agency": the title is far from the country's name.
    f = one("Mr. Haddad spoke through Lebanon's news agency. Five people were killed.", "killed")
    assert f.country == "LB"


def test_a_journalist_in_a_place_is_a_victim_there_not_a_seat() -> None:
    f = one("Gunmen abducted a journalist in Shabwah governorate as he drove home from Aden.", "captured")
    assert where(f) == ("YE-SH", "YE")


def test_a_capitalised_valley_after_the_keeps_its_region() -> None:
    # Cased text names the valley itself ("the Tirah Valley"); the district after it places the figure.
    f = one("Airstrikes killed 20 fighters in the Tirah Valley in Khyber district.", "killed")
    assert f.country == "PK"
