"""Landmarks a distance is measured from, and the side of a divided region the entry names (session 7).

Sentences are ours; only the place names are real.
"""

from __future__ import annotations

import pytest

from streams.extract.entry_countries import entry_countries
from streams.extract.gazetteer import gazetteer
from streams.extract.places import find_places
from streams.extract.tokens import tokenize
from tests.unit.extract.helpers import both_tokenised, one, where


@pytest.mark.parametrize(
    "text",
    both_tokenised("Warplanes bombed a camp at Jilib, 120 km (75 miles) north of Kismayu, and killed eleven."),
)
def test_a_place_a_distance_is_measured_from_is_no_scene(text: str) -> None:
    assert where(one(text, "killed")) == ("SO-JD", "SO")  # Jilib (Middle Juba), not Kismayu (Lower Juba)


@pytest.mark.parametrize(
    "text",
    both_tokenised(
        "Police fired on marchers at a mine in Dinajpur district, 270 kilometres north of the capital, Dhaka. "
        "Five marchers were killed."
    ),
)
def test_the_landmark_does_not_stop_the_entrys_one_place(text: str) -> None:
    # The figure's sentence names no place: the entry's one place is the district, the capital only a landmark.
    assert where(one(text, "killed")) == ("BD-14", "BD")


@pytest.mark.parametrize("text", both_tokenised("Gunmen shot dead six shepherds north of Kabul."))
def test_a_bearing_without_a_distance_still_names_the_area(text: str) -> None:
    assert where(one(text, "killed")) == ("AF-KAB", "AF")


@pytest.mark.parametrize(
    "text",
    both_tokenised(
        "Mortar rounds fired across the line fell on hamlets in Pakistani Kashmir overnight. "
        "Four women were killed in Kashmir, local officials said."
    ),
)
def test_a_divided_region_takes_the_side_the_entry_names(text: str) -> None:
    assert where(one(text, "killed")) == ("PK-JK", "PK")


@pytest.mark.parametrize("text", both_tokenised("Four women were killed in Kashmir, police said."))
def test_a_divided_region_with_no_side_named_keeps_its_news_sense(text: str) -> None:
    assert where(one(text, "killed")) == ("IN-JK", "IN")


@pytest.mark.parametrize(
    "text", both_tokenised("Human rights groups and opposition figures said the army had killed 12 villagers.")
)
def test_an_organisations_word_is_no_other_spelling_of_a_town(text: str) -> None:
    # "Human" is a GeoNames alternate of Uman (UA-71): as the first word of "Human rights" it names no place.
    gaz = gazetteer()
    assert find_places(text, tokenize(text), gaz, False, entry_countries(text, gaz)) == []
    assert where(one(text, "killed")) == (None, None)
