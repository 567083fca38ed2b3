"""Reading coded admin1 names of public data as ISO 3166-2 (``liveledger eval``): the forms session 6 added."""

from __future__ import annotations

import pytest

from streams.extract.public_eval import read_rows, resolve_admin1


@pytest.mark.parametrize(
    ("country", "admin1", "iso"),
    [
        ("PK", "Islamabad Capital Territory", "PK-IS"),  # the capital's own area, named by its city
        ("VN", "Ho Chi Minh City", "VN-SG"),
        ("PK", "Federally Administered Tribal Areas", "PK-KP"),  # merged into Khyber Pakhtunkhwa in 2018
        ("LK", "North", "LK-4"),  # the Northern Province, coded by its compass noun
        ("LK", "North West", "LK-6"),
        ("RS", "Kosovo", "RS-KM"),
        ("NP", "Central", None),  # a development region of before 2015: no province is it
    ],
)
def test_resolve_admin1_forms(country: str, admin1: str, iso: str | None) -> None:
    assert resolve_admin1(country, admin1) == iso


def test_an_acled_admin1_that_is_a_city_reads_as_that_city(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "acled.csv"
    path.write_text(
        "notes,fatalities,admin1,country,iso\n"
        '"A blast in the capital killed 2 people.",2,Naypyidaw,Myanmar,104\n',
        encoding="utf-8",
    )
    (row,) = list(read_rows(path, "acled"))
    assert (row.country, row.region) == ("MM", "MM-18")
