"""Metric cues, interceptions versus strikes, per, cumulative and subject."""

from __future__ import annotations

import pytest

from .helpers import facts_of, one


@pytest.mark.parametrize(
    ("text", "metric", "best"),
    [
        ("Four people were killed overnight.", "killed", 4),
        ("Four people died after the blast.", "killed", 4),
        ("The blast left 4 dead.", "killed", 4),
        ("The death toll rose to 14 on Sunday.", "killed", 14),
        ("The strike killed 4 and wounded 9 more.", "killed", 4),
        ("Nine people were wounded by debris.", "injured", 9),
        ("Nine were hurt, medics reported.", "injured", 9),
        ("Nine people were injured in the attack.", "injured", 9),
        ("The battalion suffered 40 casualties.", "casualties", 40),
        ("Seven fishermen remain missing after the storm.", "missing", 7),
        ("Guards captured 15 enemy soldiers near the river.", "captured", 15),
        ("Twenty soldiers were taken prisoner.", "captured", 20),
        ("About 500 residents were evacuated from the village.", "displaced", 500),
        ("Some 2,000 families fled the shelling.", "displaced", 2000),
        ("Police detained 31 people at the rally.", "arrested", 31),
        ("Eleven activists were arrested.", "arrested", 11),
    ],
)
def test_people_metrics(text: str, metric: str, best: int) -> None:
    f = one(text, metric)
    assert f.best == best


def test_killed_and_injured_in_one_sentence() -> None:
    got = {(f.metric, f.best) for f in facts_of("Three people were killed and 12 injured.")}
    assert {("killed", 3), ("injured", 12)} <= got


def test_killed_or_injured_is_casualties() -> None:
    assert one("Twenty people were killed or injured.", "casualties").best == 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air defences downed 83 drones overnight.", {("drones_downed", 83)}),
        ("Air defences shot down 83 drones overnight.", {("drones_downed", 83)}),
        ("Air defences intercepted 83 drones overnight.", {("drones_downed", 83)}),
        ("Air defences destroyed 83 drones overnight.", {("drones_downed", 83)}),
        ("The army launched 120 drones at the city.", {("drones_launched", 120)}),
        ("Air defences downed 83 of 120 drones.", {("drones_downed", 83), ("drones_launched", 120)}),
        ("Crews fired 6 missiles; 4 missiles were intercepted.", {("missiles_launched", 6), ("missiles_downed", 4)}),
        ("The army launched 40 drones and 5 missiles.", {("drones_launched", 40), ("missiles_launched", 5)}),
    ],
)
def test_interceptions(text: str, expected: set[tuple[str, int]]) -> None:
    assert {(f.metric, f.best) for f in facts_of(text)} == expected


def test_interceptions_are_never_strikes() -> None:
    assert facts_of("Air defences repelled a drone attack and downed 20 drones.", "strikes") == []


@pytest.mark.parametrize(
    ("text", "weapon", "target"),
    [
        ("A drone fell on an oil depot in the Kursk region.", "drone", "oil depot"),
        ("A guided bomb strike on Kharkiv damaged homes.", "guided bomb", "homes"),
        ("Overnight, a drone attack on the region of Belgorod was reported.", "drone", None),
        ("A missile struck a residential building in Odesa.", "missile", "residential building"),
        ("Artillery shelling hit the outskirts of Kherson.", "artillery", None),
    ],
)
def test_strike_without_number_is_one_strike(text: str, weapon: str, target: str | None) -> None:
    f = one(text, "strikes")
    assert (f.best, f.qualifier, f.weapon) == (1, "exact", weapon)
    assert f.target == target
    assert f.place is not None


def test_casualties_and_strike_from_one_sentence() -> None:
    got = facts_of("A guided-bomb strike on Kharkiv killed 3 people.")
    assert {f.metric for f in got} == {"killed", "strikes"}
    strike = next(f for f in got if f.metric == "strikes")
    assert (strike.weapon, strike.region_code) == ("guided bomb", "UA-63")


@pytest.mark.parametrize(
    "text",
    [
        "Workers went on a hunger strike last week.",
        "The minister threatened to strike back.",
        "Leaders warned of possible missile strikes.",
        "He suffered a heart attack.",
    ],
)
def test_not_strikes(text: str) -> None:
    assert facts_of(text, "strikes") == []


def test_numbered_strikes() -> None:
    assert one("Jets carried out 40 air strikes on the region.", "strikes").best == 40


def test_per_rate() -> None:
    f = one("The army is losing some 1,250 soldiers a day.", "casualties")
    assert (f.best, f.qualifier, f.per) == (1250, "about", "day")


@pytest.mark.parametrize(
    "text",
    [
        "The death toll in the region has reached 1,364.",
        "Since the start of the war, 1,364 people have been killed in the region.",
        "In total since February 2022, 1,364 people have been killed there.",
    ],
)
def test_cumulative(text: str) -> None:
    assert one(text, "killed").cumulative is True


def test_incident_is_not_cumulative() -> None:
    assert one("The death toll from Saturday's strike rose to 11.", "killed").cumulative is False


def test_troops_and_subject() -> None:
    f = one("Some 10,000 North Korean troops are now in the region.", "troops")
    assert (f.best, f.subject) == (10000, "North Korean troops")


@pytest.mark.parametrize(
    ("text", "subject"), [("Five civilians were killed.", "civilians"), ("Two children died.", "children")]
)
def test_subject(text: str, subject: str) -> None:
    assert one(text, "killed").subject == subject


def test_zero_forms() -> None:
    assert one("No one was killed, officials said.", "killed").best == 0
    assert one("There were no deaths.", "killed").best == 0
