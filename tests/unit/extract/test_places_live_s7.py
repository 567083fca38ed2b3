"""Places on real live-blog shapes (s7): claimants' titles, mourners and origins, parts and lists.

Sentences are our own; each is checked as written and lowercased/tokenised.
"""

from __future__ import annotations

import pytest

from tests.unit.extract.helpers import both_tokenised, facts_of, one


@pytest.mark.parametrize(
    "text",
    both_tokenised("Ankara's governor now says 17 people have died in the blast.")
    + both_tokenised("The ministry in Kyiv said five people were killed.")
    + both_tokenised("Five people died, the consul general in Istanbul said."),
)
def test_a_claimant_s_title_does_not_place_the_figure(text: str) -> None:
    assert one(text, "killed").region_code is None


@pytest.mark.parametrize(
    "text",
    both_tokenised(
        "The toll from the school siege stands at 140. Candles were lit for the victims at a vigil in Lahore."
    ),
)
def test_a_vigil_elsewhere_is_no_scene(text: str) -> None:
    f = one(text, "killed")
    assert f.region_code is None


@pytest.mark.parametrize(
    "text",
    both_tokenised(
        "Police have listed 20 foreign nationals as missing after the quake. "
        "The family of one, from Leeds, in West Yorkshire, has appealed for news."
    )
    + both_tokenised(
        "Police have listed 20 foreign nationals as missing after the quake. "
        "His parents from Leeds, in West Yorkshire, have appealed for news."
    ),
)
def test_where_a_victim_s_family_lives_is_no_scene(text: str) -> None:
    assert one(text, "missing").region_code is None


@pytest.mark.parametrize(
    "text",
    both_tokenised(
        "Officials say the national death toll has risen to 160. "
        "The toll in Khyber Pakhtunkhwa province alone has jumped to 120."
    ),
)
def test_a_part_s_place_is_not_the_whole_s(text: str) -> None:
    by_best = {f.best: f for f in facts_of(text, "killed")}
    assert by_best[160].region_code is None
    assert by_best[120].region_code == "PK-KP"


@pytest.mark.parametrize(
    "text",
    both_tokenised(
        "Eight people were killed in the Oromia region on Monday. "
        "Hundreds died in protests in the Oromia and Amhara regions last year."
    ),
)
def test_a_figure_placed_in_a_list_of_regions_takes_no_single_one(text: str) -> None:
    by_best = {f.best: f for f in facts_of(text, "killed")}
    assert by_best[8].region_code == "ET-OR"
    assert by_best[100].region_code is None and by_best[100].country == "ET"


@pytest.mark.parametrize(
    "text", both_tokenised("The blasts killed 20 people, including 12 in Kabul and three in Pakistan, officials said.")
)
def test_a_part_s_place_before_another_part_is_not_that_part_s(text: str) -> None:
    by_best = {f.best: f for f in facts_of(text, "killed")}
    assert by_best[12].region_code == "AF-KAB"
    assert (by_best[3].region_code, by_best[3].country) == (None, "PK")


@pytest.mark.parametrize(
    "text",
    both_tokenised("Another 30 died in India and Bangladesh, while state media reported 9 dead in Tibet."),
)
def test_a_figure_placed_in_a_list_of_countries_does_not_take_a_later_figure_s_place(text: str) -> None:
    by_best = {f.best: f for f in facts_of(text, "killed")}
    assert by_best[30].region_code is None
    assert by_best[9].region_code == "CN-XZ"


@pytest.mark.parametrize("text", both_tokenised("Shelling killed two in Shebekino, Belgorod, the governor said."))
def test_a_town_and_its_region_are_no_list(text: str) -> None:
    assert one(text, "killed").region_code == "RU-BEL"


@pytest.mark.parametrize(
    "text",
    both_tokenised("A girl was abducted from Hyderabad, Sindh, by armed men on Monday.")
    + both_tokenised("Police detained 40 men from Karachi, Sindh, after the clashes."),
)
def test_those_taken_from_a_place_were_there(text: str) -> None:
    f = facts_of(text)[0]
    assert f.region_code == "PK-SD"


@pytest.mark.parametrize(
    "text", both_tokenised("Gunmen opened fire on mourners near a village in Borno state, killing nine people.")
)
def test_mourners_attacked_are_at_the_scene(text: str) -> None:
    assert one(text, "killed").region_code == "NG-BO"
