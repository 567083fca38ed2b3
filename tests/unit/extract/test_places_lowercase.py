"""Places in lowercased, tokenised live-blog text, and towns of the entry's own countries.

Every sentence here is invented for the test; none is taken from real reporting.
"""

from __future__ import annotations

import pytest

from schemas.facts import Fact
from streams.extract import extract
from tests.unit.extract.helpers import where


def killed(body: str, title: str = "") -> Fact:
    found = [f for f in extract(title, body) if f.metric in ("killed", "injured")]
    assert len(found) == 1, f"expected one killed or injured fact in {body!r}, got {found}"
    return found[0]


def test_small_town_counts_in_lowercase_text_when_its_county_is_named() -> None:
    f = killed("three people died when a coach overturned near wigton , cumbria , police said .")
    assert where(f) == ("GB-CMA", "GB")


def test_small_town_alone_in_lowercase_text_is_no_place() -> None:
    # Without its county nothing says that a word this rare is the English town of that name.
    f = killed("three people died when a coach overturned near wigton , police said .")
    assert f.region_code is None


def test_single_word_town_of_the_entry_country_is_found() -> None:
    # Towns below the worldwide floor are indexed per country; their first words must open a look-up too.
    f = killed("Gunmen killed 4 people in Silloth, Cumbria, on Friday, the police said.")
    assert where(f) == ("GB-CMA", "GB")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("at least 30 people were wounded in the tunis bombing , officials said .", ("TN-11", "TN")),
        ("the death toll from the nairobi attack rose to 12 , the red cross said .", ("KE-30", "KE")),
    ],
)
def test_name_before_an_event_noun_is_where_it_happened(body: str, expected: tuple[str, str]) -> None:
    assert where(killed(body)) == expected


def test_city_named_after_the_capital_in_apposition() -> None:
    f = killed("five people were killed in the capital , kathmandu , on monday .")
    assert where(f) == ("NP-P3", "NP")


def test_english_city_takes_no_nation_as_its_region() -> None:
    # England is a nation of ISO 3166-2:GB, not the city's region: the country alone.
    assert where(killed("Two men were killed in a stabbing in London on Sunday, police said.")) == (None, "GB")
    assert where(killed("Two men were killed in a stabbing in Manchester on Sunday, police said.")) == ("GB-MAN", "GB")


def test_news_nouns_that_are_town_names_are_no_place() -> None:
    f = killed("two people were injured at the airport , officials said .")
    assert f.region_code is None and f.country is None
    f = killed("Hurricane Irma killed 4 people in Florida, officials said.")
    assert where(f) == ("US-FL", "US")


@pytest.mark.parametrize("day", ["Thursday", "March"])
def test_weekday_after_a_city_ends_its_name(day: str) -> None:
    # Wire copy dates a place without "on": the weekday is no part of the name, and the city counts
    # even where the entry names another country elsewhere.
    body = (
        f"Fighters stormed a market in Mogadishu {day}, and six civilians were killed, witnesses said. "
        "The president was away in Ethiopia."
    )
    assert where(killed(body)) == ("SO-BN", "SO")


def test_event_named_as_a_reference_is_not_the_scene() -> None:
    # The arrests are linked to the attacks in another city; they took place elsewhere.
    f = one_arrest("police detained three men on monday in connection with the lyon attacks , officials said .")
    assert f.region_code is None


def one_arrest(body: str) -> Fact:
    found = [f for f in extract("", body) if f.metric == "arrested"]
    assert len(found) == 1, found
    return found[0]


def test_city_after_in_counts_though_the_entry_names_another_country() -> None:
    # Another country named in passing does not make a sizeable town "abroad" and so no place.
    body = "two men have been arrested in rotherham after a fake appeal for flood victims in pakistan ."
    assert where(one_arrest(body)) == ("GB-ROT", "GB")


def test_village_named_like_a_foreign_city_stays_no_place() -> None:
    # "Gare" is a station in Paris and a district here: after "in" and before "(", it is no French city.
    f = killed("Jets struck targets in Gare (Amedi area), Dahuk, Iraq, killing 3 fighters.")
    assert f.country == "IQ"
