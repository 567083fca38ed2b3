"""The gazetteer and place resolution."""

from __future__ import annotations

import time

import pytest

from streams.extract.gazetteer import gazetteer

from .helpers import facts_of, one


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Two people were killed in Kharkiv.", "UA-63"),
        ("Two people were killed in Kharkov.", "UA-63"),
        ("Two people were killed in Stavropol.", "RU-STA"),
        ("Two people were killed in Bashkortostan.", "RU-BA"),
        ("Two people were killed in Kursk.", "RU-KRS"),
        ("Two people were killed in the Kursk region.", "RU-KRS"),
        ("Two people were killed in Donetsk oblast.", "UA-14"),
        ("Two people were killed in Zaporizhzhia.", "UA-23"),
        ("Two people were killed in Zaporizhia.", "UA-23"),
        ("Two people were killed in the village of Sudzha.", "RU-KRS"),
        ("Two people were killed in Kryvyi Rih.", "UA-12"),
        ("Two people were killed in Rostov-on-Don.", "RU-ROS"),
        ("Russian shelling killed two people in Pokrovsk.", "UA-14"),
        ("Two people were killed in Ukraine's second-largest city.", "UA-63"),
        ("Two people were killed in the Moscow region.", "RU-MOS"),
        ("Two people were killed in Moscow.", "RU-MOW"),
        ("two people were killed in kharkiv , police said .", "UA-63"),
        ("a car bomb rocks kabul , killing two people , police said .", "AF-KAB"),
        ("an explosion rocked bangkok and killed two people .", "TH-10"),
    ],
)
def test_region_codes(sentence: str, code: str) -> None:
    f = one(sentence, "killed")
    assert (f.region_code, f.country) == (code, code[:2])


def test_place_as_written() -> None:
    assert one("Two people were killed in the Kursk region.", "killed").place == "Kursk region"


@pytest.mark.parametrize(
    "sentence",
    [
        "Most people were asleep when 3 people were killed.",
        "Lenin's statue stood where 3 people were killed.",
        "Mir station reported that 3 people were killed.",
        "Lloyd Austin said 3 people were killed.",
        "On sale now: 3 people were killed.",
    ],
)
def test_common_words_and_names_are_not_towns(sentence: str) -> None:
    assert one(sentence, "killed").place is None


def test_never_guesses_an_unnamed_town() -> None:
    assert one("Three people were killed in a small village.", "killed").region_code is None


def test_gazetteer_builds_fast() -> None:
    gazetteer.cache_clear()
    t = time.perf_counter()
    g = gazetteer()
    elapsed = time.perf_counter() - t
    assert len(g.names) > 30000
    assert elapsed < 6.0, f"gazetteer took {elapsed:.2f}s"


def test_prefers_ukraine_and_russia_in_war_text() -> None:
    got = facts_of("Russian shelling killed 2 people in Pokrovsk.", "killed")
    assert got[0].country == "UA"
