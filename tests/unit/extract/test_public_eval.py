"""The readers and scores of ``liveledger eval --format acled|cir|pitf``, on tiny files written here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from schemas.facts import Fact
from streams.extract.public_eval import PublicDataError, evaluate_public, read_rows, states_count


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


PITF = (
    ",Country,Region,Deaths.Number,Description\n"
    '1,SUD,North Darfur,12,"Militia fighters killed 12 herders near a well."\n'
    '2,"SYR ",Aleppo,No Information,"Shelling hit a bakery queue."\n'
    '3,NGA,Borno State,10,"Gunmen killed eight villagers and two guards."\n'
    '4,GZS,,3,"An air strike killed three people."\n'
)


def test_pitf_rows_map_its_own_country_codes_and_skip_uncoded_counts(tmp_path: Path) -> None:
    rows = list(read_rows(_write(tmp_path, "pitf.csv", PITF), "pitf"))
    assert [(r.country, r.region, r.fatalities) for r in rows] == [
        ("SD", "SD-DN", 12),  # SUD is PITF's code for Sudan
        ("SY", "SY-HL", None),  # a trailing space in the code; "No Information" is no count
        ("NG", "NG-BO", 10),
        ("PS", None, 3),  # GZS: Gaza
    ]


def _fake(answers: dict[str, list[Fact]]) -> object:
    def run(title: str, body: str) -> Sequence[Fact]:
        return next((v for k, v in answers.items() if k in body), [])

    return run


def test_killed_found_counts_stated_rows_and_killed_exact_counts_all(tmp_path: Path) -> None:
    rows = list(read_rows(_write(tmp_path, "pitf.csv", PITF), "pitf"))
    answers = {
        "herders": [Fact(metric="killed", qualifier="exact", best=12, region_code="SD-DN", country="SD")],
        "villagers": [Fact(metric="killed", qualifier="exact", best=8, region_code="NG-BO", country="NG")],
    }
    res = evaluate_public(rows, _fake(answers))  # type: ignore[arg-type]
    # row 3 codes 10 but its text states 8 and 2: not scored in "found", scored (and missed) in "exact"
    assert (res.killed.correct, res.killed.total) == (1, 2)
    assert (res.killed_all.correct, res.killed_all.total) == (1, 3)
    assert (res.region.correct, res.region.total) == (2, 2)
    assert (res.country.correct, res.country.total) == (2, 2)


def test_a_file_without_the_columns_of_its_format_is_named(tmp_path: Path) -> None:
    p = _write(tmp_path, "other.csv", "a,b\n1,2\n")
    with pytest.raises(PublicDataError, match=r"other\.csv: not a pitf file"):
        list(read_rows(p, "pitf"))
    with pytest.raises(PublicDataError, match="unknown format"):
        list(read_rows(p, "nope"))


def test_acled_fatalities_that_are_not_numbers_name_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.csv", "notes,fatalities,admin1,country\nSome note.,many,Kabul,Afghanistan\n")
    with pytest.raises(PublicDataError, match=r"a\.csv:2: fatalities"):
        list(read_rows(p, "acled"))


def test_states_count_ignores_the_coders_own_remarks() -> None:
    assert states_count("Troops killed 14 people.", 14)
    assert states_count("Fourteen? No: fourteen were not stated, but twelve were.", 12)
    assert not states_count("A clash left several dead. Fatalities coded as 10.", 10)
    assert not states_count("Losses of 1,400 tonnes.", 14)


PITF_PLACES = (
    ",Country,Region,District,Locality,Deaths.Number,Description\n"
    '1,SYR,Western,Hama Governate,Hama,5,"Shelling killed five."\n'
    '2,NGA,,,Maiduguri,3,"A bomb killed three."\n'
    '3,ISR,Gaza,,,2,"A strike killed two."\n'
    '4,SUD,Southern Darfur,,,4,"Raiders killed four."\n'
    '5,SYR,Southern,,Kiswah (Damascus),6,"Six were shot."\n'
    '6,SYR, , ,multiple locations,7,"Seven died."\n'
    '7,TUR,Diyarbakir,,,1,"One died."\n'
)


def test_pitf_region_comes_from_region_then_district_then_the_coded_town(tmp_path: Path) -> None:
    rows = list(read_rows(_write(tmp_path, "pitf.csv", PITF_PLACES), "pitf"))
    assert [r.region for r in rows] == [
        "SY-HM",  # "Western" is a part of Syria, not a subdivision: the District names the governorate
        "NG-BO",  # only the town is coded
        "PS-GZA",  # PITF files Gaza under ISR: the name is looked up in PS first
        "SD-DS",  # "Southern Darfur" is South Darfur
        "SY-RD",  # a coder's note in brackets is dropped from the town's name
        None,  # no place that one region holds
        "TR-21",
    ]
    assert rows[5].admin1 == "multiple locations"  # counted as not resolvable, named in the report
