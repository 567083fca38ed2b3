"""Where a figure lies when its own words say little: the entry's country and region, outlets, witnesses."""

from __future__ import annotations

import pytest

from streams.extract.gazetteer import normalize

from .helpers import one


def test_an_outlet_named_after_a_country_names_no_country() -> None:
    f = one("Agence France Presse reported that gunmen killed four farmers near a well.", "killed")
    assert f.country is None
    g = one("The Times of Israel said a rocket killed two men in a field outside Sderot.", "killed")
    assert g.country == "IL"  # the place of the event still counts, only the outlet's name does not


def test_a_placeless_figure_takes_the_one_country_the_entry_places_its_figures_in() -> None:
    text = (
        "Officials in Niger said soldiers killed nine herders in southern Chad. Another 20 were wounded, a medic said."
    )
    assert one(text, "injured").country == "TD"  # Niger is where the officials are, not where it happened


def test_two_scene_countries_leave_a_placeless_figure_without_one() -> None:
    text = "Shelling killed five people in Armenia and three in Azerbaijan. Another 30 were wounded, officials said."
    assert one(text, "injured").country is None


def test_a_country_is_narrowed_to_the_one_region_the_entry_names_in_it() -> None:
    # The entry names one place in Kenya, and says the attack took place there: the figure lies in it
    # (issue 9, public places: a country-level figure takes the entry's one finer place in that country).
    text = "Gunmen killed eight people in western Kenya on Sunday, police said. The attack took place in Kisumu County."
    f = one(text, "killed")
    assert (f.country, f.region_code) == ("KE", "KE-17")


@pytest.mark.parametrize(
    "text",
    [
        "Villagers in Bani Qais in northern Hajjah province said an air raid killed nine people.",
        "Witnesses in Hajjah province said an air raid killed nine people.",
    ],
)
def test_witnesses_on_the_scene_keep_their_place(text: str) -> None:
    f = one(text, "killed")
    assert (f.country, f.region_code) == ("YE", "YE-HJ")


def test_an_official_elsewhere_still_does_not_place_the_figure() -> None:
    f = one("The ministry in Kyiv said shelling killed two people in Kherson.", "killed")
    assert f.region_code == "UA-65"


@pytest.mark.parametrize(
    ("written", "key"),
    [("Diyarbakır", "diyarbakir"), ("Łódź", "lodz"), ("Tromsø", "tromso"), ("Đà Nẵng", "da nang")],
)
def test_letters_unicode_does_not_decompose_fold_to_their_latin_base(written: str, key: str) -> None:
    assert normalize(written) == key


def test_a_turkish_province_spelt_with_a_dotless_i() -> None:
    assert one("Two people were killed in Şanlıurfa on Monday.", "killed").region_code == "TR-63"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # "the capital" of the one country the entry names is a scene of its own
        ("Shells killed nine people at a bus stop in the capital, officials in Yemen said.", "YE-SA"),
        # outside a capital that is a region of its own: the region around it (Sanaa governorate)
        ("Shells killed nine people at a bus stop outside the capital, officials in Yemen said.", "YE-SN"),
        ("Shells killed nine people at a bus stop outside the capital, officials in Chad said.", "TD-ND"),
        ("the toll in nepal rose to 181 in the capital , police said .", "NP-P3"),
        # the capital's own name after it is read instead
        ("A bomb killed 11 people in the capital, Kabul, police said.", "AF-KAB"),
    ],
)
def test_the_capital_of_the_entrys_one_country(text: str, region: str) -> None:
    assert one(text, "killed").region_code == region


def test_the_capital_of_no_country_or_of_two_stays_unplaced() -> None:
    assert one("Police said 4 people were killed in the capital on Friday.", "killed").region_code is None
    text = "Troops from Chad and Niger said 4 people were killed in the capital on Friday."
    assert one(text, "killed").region_code is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Clashes in Nepal's capital killed at least 15 people, the police said.", "NP-P3"),
        ("Clashes in Chad's capital killed at least 15 people, the police said.", "TD-ND"),
        ("New clashes in the Central African Republic capital killed nine traders.", "CF-BGF"),
    ],
)
def test_a_countrys_capital_named_by_the_country(text: str, region: str) -> None:
    assert one(text, "killed").region_code == region


def test_a_capital_people_come_from_is_no_scene() -> None:
    f = one("Troops from Nepal's capital killed 3 people in Pokhara.", "killed")
    assert f.region_code == "NP-P4"
