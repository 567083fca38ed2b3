"""A place named inside an incident's hashtag, as quoted tweets in live blogs give it."""

from __future__ import annotations

from streams.extract import extract


def _got(body: str) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(f.metric, f.best, f.region_code, f.country) for f in extract("", body)]


def test_a_city_in_an_attack_tag_places_the_figure() -> None:
    assert ("injured", 9, "BE-BRU", "BE") in _got("9 people were hurt near the station # brusselsattacks")


def test_a_country_in_a_quake_tag_gives_the_country_only() -> None:
    assert ("killed", 40, None, "NP") in _got("At least 40 people have died, police said. #NepalQuake")


def test_a_labour_strike_tag_is_no_place_and_no_fact() -> None:
    assert _got("Thousands of commuters walked to work on Tuesday. # tubestrike") == []


def test_a_tag_without_an_incident_noun_is_left_to_the_place_finder() -> None:
    got = _got("Two men were arrested after the match # leedsunited")
    assert all(region is None for _, _, region, _ in got)
