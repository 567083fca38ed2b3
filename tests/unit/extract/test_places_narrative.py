"""A figure whose sentence names no place takes the place of the incident told just before it."""

from __future__ import annotations

from streams.extract import extract


def _places(body: str, title: str = "") -> list[tuple[str, int | None, str | None]]:
    return [(f.metric, f.best, f.region_code) for f in extract(title, body)]


def test_the_next_sentence_keeps_the_incidents_place() -> None:
    body = (
        "At least five people, among them two children, were killed in a missile strike on Dnipro, "
        "the regional governor said. Another 40 were wounded."
    )
    got = _places(body)
    assert ("killed", 5, "UA-12") in got
    assert ("injured", 40, "UA-12") in got


def test_a_claimants_seat_does_not_break_the_thread() -> None:
    body = (
        "Fighting around the border town of Kobani has killed at least 300 people in two weeks, "
        "the Syrian Observatory for Human Rights in London said. The monitor counted 312 deaths in all."
    )
    got = _places(body)
    assert ("killed", 300, "SY-HL") in got
    assert ("killed", 312, "SY-HL") in got


def test_a_sentence_naming_another_place_ends_the_thread() -> None:
    body = (
        "Three people were killed by shelling in Kherson on Monday. "
        "In Sumy region, officials reported strikes on power lines. Two more were injured."
    )
    got = _places(body)
    assert ("killed", 3, "UA-65") in got
    assert ("injured", 2, "UA-65") not in got

