"""Reading a PITF row's coded place as ISO 3166-2 (``liveledger eval --format pitf``): session 7's fixes.

The rows are written here in our own words; only place names and codes are real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.extract.geodata import parents
from streams.extract.public_eval import pitf_region, read_rows, resolve_locality


@pytest.mark.parametrize(
    ("country", "region", "district", "locality", "iso"),
    [
        # The coded District is the city, the Locality a market in it: the city's region.
        ("SO", None, "Mogadishu", "a market", "SO-BN"),
        # "Sana'a Governate" for a report from Sanaa city: ISO 3166-2 codes the city apart (YE-SA).
        ("YE", "Western", "Sana'a Governate", "Sanaa", "YE-SA"),
        # "Gaza" (the Strip) for Beit Lahiya, which lies in North Gaza.
        ("IL", "Gaza", None, "Beit Lahiya", "PS-NGZ"),
        # A town inside the coded region changes nothing: the coded (coarser) region stays the answer.
        ("SY", "Hama Governate", None, "Hama", "SY-HM"),
        # A small coded village never overrides the coded region (it may be a namesake's).
        ("SY", "Southern", "Damascus Governate", "No Such Hamlet", "SY-DI"),
    ],
)
def test_pitf_region_prefers_the_coded_citys_own_region(
    country: str, region: str | None, district: str | None, locality: str | None, iso: str
) -> None:
    assert pitf_region(country, region, district, locality) == iso


def test_a_town_far_larger_than_its_namesakes_settles_the_coded_locality() -> None:
    # Srinagar: the city of over a million in IN-JK, not the small town in Uttarakhand.
    assert resolve_locality("IN", "Srinagar") == "IN-JK"
    assert resolve_locality("IN", "Srinagar", min_population=10_000_000) is None


def test_iso_parents_fill_in_where_the_geonames_first_level_is_isos_second() -> None:
    up = parents()
    assert up["UG-304"] == "UG-N"  # Gulu district lies in the Northern region
    assert up["MW-MZ"] == "MW-N"
    assert up["FR-13"] == "FR-PAC"  # from GeoNames, as before


def test_pitf_rows_read_the_district_as_a_town(tmp_path: Path) -> None:
    p = tmp_path / "pitf.csv"
    p.write_text(
        ",Country,Region,District,Locality,Deaths.Number,Description\n"
        '1,SOM,,Mogadishu,a cattle market,4,"A grenade killed four traders."\n'
        '2,YEM,Western,Sanaa Governate,Sanaa,2,"A sniper killed two marchers."\n',
        encoding="utf-8",
    )
    assert [r.region for r in read_rows(p, "pitf")] == ["SO-BN", "YE-SA"]
