"""Streets, parks and squares named after people or other towns are no place (session 8), and CIR's
Kyiv rows are read as the city ISO 3166-2 makes a region of its own.

Sentences and rows are ours; only place names and codes are real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.extract.landmarks import opens_landmark
from streams.extract.public_eval import read_rows
from tests.unit.extract.helpers import both_tokenised, one, where


@pytest.mark.parametrize(
    "text",
    both_tokenised("A missile hit cars parked on Shevchenko Boulevard in Kyiv, and two people were killed."),
)
def test_a_boulevard_named_after_a_person_places_nothing_and_its_city_does(text: str) -> None:
    # Shevchenko is also a village of Poltava (UA-53): the boulevard's name must not place the figure.
    assert where(one(text, "killed")) == ("UA-30", "UA")


@pytest.mark.parametrize(
    "text",
    [
        "Shelling damaged a cafe in Gorky Park and three people were hurt, the mayor of Kharkiv said.",
        "Shelling damaged a cafe on Taras Shevchenko Boulevard and three people were hurt, the Kyiv mayor said.",
    ],
)
def test_a_landmark_name_never_puts_a_figure_abroad(text: str) -> None:
    # Gorky is Nizhny Novgorod's old name, Taras a town of Kazakhstan: neither is where anyone was hurt.
    f = one(text, "injured")
    assert f.country in (None, "UA")


@pytest.mark.parametrize(
    ("text", "kind", "landmark"),
    [
        ("near Haifa Street in Baghdad", "city", True),
        ("along the Dnipro river", "city", True),  # the river is no place of the city named after it
        ("near the Diyala river", "region", False),  # a river flows through the region it is named after
        ("in Kharkiv City Park", "city", True),  # capitalised: a park named after the city, as Gorky Park is
        ("in kharkiv city park", "city", False),  # lowercased: only a noun right after the name counts
        ("on shevchenko boulevard", "city", True),
        ("Kyiv's Independence Square", "city", False),  # the possessive places the square in Kyiv
        ("in Odesa port", "city", False),
    ],
)
def test_opens_landmark(text: str, kind: str, landmark: bool) -> None:
    words = text.split()
    name = next(w for w in words if w[:1].isupper() or w in ("kharkiv", "shevchenko"))
    start = text.index(name)
    end = start + len(name.split("'")[0])
    assert opens_landmark(text, start, end, kind) is landmark


def test_cir_kyiv_rows_are_the_city_region(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "brief description,country,province,district,town/city\n"
        '"Drone strike on a depot, one hurt",Ukraine,Kyiv Oblast,,Kyiv\n'
        '"Shelling of a school",Ukraine,Kyiv Oblast,,Bucha\n'
        '"Strike on a bridge",Ukraine,Donestk Oblast,,Kramatorsk\n',
        encoding="utf-8",
    )
    rows = list(read_rows(path, "cir"))
    # Kyiv city is UA-30, apart from the oblast; a town of the oblast stays in it; a misspelt
    # province is read through its coded town.
    assert [r.region for r in rows] == ["UA-30", "UA-32", "UA-14"]
