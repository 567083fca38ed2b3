"""Live-blog place rules of the fifth session: which place a figure takes, in tokenised lowercase text.

Every sentence here is invented for the test; none is taken from real reporting.
"""

from __future__ import annotations

from streams.extract import extract
from tests.unit.extract.helpers import one_in_post as one
from tests.unit.extract.helpers import where


def test_capital_of_a_country_with_its_possessive_written_apart() -> None:
    f = one("a car bomb wounded five guards near a police post in kenya 's capital , officials said .", "injured")
    assert where(f) == ("KE-30", "KE")


def test_first_name_that_is_a_county_is_no_place() -> None:
    # "Patrick" is a county of Virginia; after "of" before a surname it is a person.
    f = one("the son of patrick mulcahy was one of three firefighters killed in the blaze last week .", "killed")
    assert f.region_code is None


def test_county_name_before_state_is_no_state() -> None:
    # "Island" is a county of Washington, not a state: "the island state" names no place here.
    f = one("two hikers are missing as storms lash the island state , police said .", "missing")
    assert f.region_code is None


def test_street_named_like_a_county_is_no_county() -> None:
    f = one("the bomb destroyed houses in garden street and killed four people .", "killed")
    assert f.region_code is None


def test_headline_country_takes_the_body_town() -> None:
    f = one(
        "two tourists were killed in a blast in mombasa , kenya , police said .",
        "killed",
        title="two tourists killed in kenya",
    )
    assert where(f) == ("KE-28", "KE")


def test_a_country_wide_sentence_stops_the_entry_town_for_other_figures() -> None:
    body = (
        "the death toll in nepal has risen to 900 , officials said . "
        "rescuers in kathmandu dug through the rubble of a temple . "
        "hospitals said 120 people were injured overnight ."
    )
    assert one(body, "injured").region_code is None


def test_a_compass_part_of_a_country_is_no_country_wide_sentence() -> None:
    body = (
        "storms killed twelve people in north-western pakistan on monday . "
        "a bridge collapsed in swat district . officials said 30 people were injured ."
    )
    assert where(one(body, "injured")) == ("PK-KP", "PK")


def test_a_country_wide_toll_leaves_the_other_figure_at_country_level() -> None:
    body = (
        "the death toll from the storms in pakistan has risen to 40 . "
        "a bridge collapsed in swat district . officials said 30 people were injured ."
    )
    assert where(one(body, "injured")) == (None, "PK")


def test_second_country_after_from_is_an_origin_too() -> None:
    f = one("police arrested seven men from iraq and iran at a lorry park on monday .", "arrested")
    assert f.country is None


def test_where_a_reporter_is_based_is_no_scene() -> None:
    f = one("four people were killed in the blast , according to a reporter based in kabul .", "killed")
    assert f.region_code is None


def test_a_total_split_over_two_places_has_neither() -> None:
    body = "the quake killed 210 people : 95 in puebla and 115 in oaxaca , officials said ."
    found = extract("", body)
    whole = next(f for f in found if f.best == 210)
    part = next(f for f in found if f.best == 95)
    assert whole.region_code is None
    assert part.region_code == "MX-PUE"


def test_a_total_with_one_part_placed_keeps_that_place() -> None:
    # As atrocity coders place such an event: where the named part of it happened.
    found = extract("", "troops killed 32 civilians , including 23 in damascus , activists said .")
    assert next(f for f in found if f.best == 32).region_code == "SY-DI"


def test_a_village_of_a_county_name_still_stands() -> None:
    f = one("gunmen killed five people in the village of kalakan , police said .", "killed")
    assert where(f) == ("AF-KAB", "AF")


def test_a_hashtag_names_a_town_as_the_scene() -> None:
    f = one("breaking : 12 people killed in a blast at a market # peshawar", "killed")
    assert where(f) == ("PK-KP", "PK")


def test_a_hashtag_of_a_country_is_a_topic() -> None:
    f = one("the un says 150,000 people have been displaced # gaza", "displaced")
    assert f.region_code is None


def test_a_city_after_for_is_a_side_not_a_scene() -> None:
    body = "Up to 5,000 troops could be sent to fight for Moscow, an official said."
    f = one(body, "troops", title="Officials see more troops going to Russia")
    assert f.region_code is None
