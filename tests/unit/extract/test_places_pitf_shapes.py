"""Place shapes common in atrocity reports from many countries: demonyms, capitals, long country names."""

from __future__ import annotations

import pytest

from .helpers import one


@pytest.mark.parametrize(
    ("sentence", "country", "region"),
    [
        # A demonym before a noun names a people, not the Ethiopian region spelt like it.
        ("Police opened fire on Somali protesters in Beledweyne, killing 4.", "SO", "SO-HI"),
        ("Fighting between Afar herders and a militia killed 6 people.", None, None),
        # The region itself, where the name stands as a place.
        ("Clashes killed 9 people in the Somali region.", "ET", "ET-SO"),
        # "the X capital": the capital city of that country.
        ("A car bomb killed 8 people in the Somali capital on Friday.", "SO", "SO-BN"),
        ("Gunmen killed 3 shopkeepers in the Afghan capital.", "AF", "AF-KAB"),
        ("A bomb killed 11 bus passengers in the Sri Lankan capital.", "LK", "LK-1"),
    ],
)
def test_demonyms_and_capitals(sentence: str, country: str | None, region: str | None) -> None:
    f = one(sentence, "killed")
    assert (f.country, f.region_code) == (country, region)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Rebels killed 14 farmers in the Democratic Republic of the Congo.", "CD"),
        ("Rebels killed 14 farmers in the Democratic Republic of Congo.", "CD"),
        ("Rebels killed 14 farmers in DR Congo.", "CD"),
        ("Rebels killed 14 farmers in the Republic of the Congo.", "CG"),
        ("Rebels killed 14 farmers in Congo-Brazzaville.", "CG"),
    ],
)
def test_the_longest_country_name_wins(sentence: str, country: str) -> None:
    assert one(sentence, "killed").country == country


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        ("Mortar fire killed 5 villagers in Pakistani Kashmir.", "PK-JK"),
        ("Mortar fire killed 5 villagers in Azad Kashmir.", "PK-JK"),
        ("Mortar fire killed 5 villagers in the Pakistan-administered part of Kashmir.", "PK-JK"),
        ("Mortar fire killed 5 villagers in the part of Kashmir held by Pakistan.", "PK-JK"),
        ("Mortar fire killed 5 villagers in Indian Kashmir.", "IN-JK"),
        ("Mortar fire killed 5 villagers in Indian-controlled Kashmir.", "IN-JK"),
        ("Mortar fire killed 5 villagers in Kashmir.", "IN-JK"),
    ],
)
def test_the_side_of_a_divided_region(sentence: str, region: str) -> None:
    f = one(sentence, "killed")
    assert (f.region_code, f.country) == (region, region[:2])


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        # No place named: the state whose own police or government act is the country.
        ("Syrian security forces shot dead 7 marchers on Friday.", "SY"),
        ("Sudanese police killed 3 students during a protest.", "SD"),
        # Troops and aircraft act at home only when the entry says so.
        ("Sudanese government warplanes killed 12 villagers in the south of the country.", "SD"),
        ("Sri Lankan armed forces shelled camps in the north of the country, killing 20.", "LK"),
        # Troops and aircraft often act abroad: no country from them alone.
        ("Ethiopian soldiers opened fire on a bus, killing 10 passengers.", None),
        ("Israeli strikes killed 40 people overnight.", None),
        # Two states acting: neither is the place.
        ("Clashes between Indian police and Pakistani troops killed 4.", None),
        # A place named settles it, whoever acts.
        ("Turkish security forces killed 5 fighters in Aleppo.", "SY"),
    ],
)
def test_the_state_acting_at_home(sentence: str, country: str | None) -> None:
    assert one(sentence, "killed").country == country


def test_demonym_first_words_match_the_table() -> None:
    from streams.extract.entry_countries import DEMONYM_FIRSTS
    from streams.extract.geodata import demonyms

    assert {k.split(" ", 1)[0] for k in demonyms() if " " in k} == DEMONYM_FIRSTS


@pytest.mark.parametrize(
    ("sentence", "country", "region"),
    [
        # An armed group's name is no town, though a German city goes by it too.
        ("A missile hit a car of Hamas members, killing 3.", None, None),
        # The delta lies in one country.
        ("Soldiers raided a village in the Niger Delta, killing 12.", "NG", None),
        ("Soldiers raided a village in Niger, killing 12.", "NE", None),
        # Old and tribal names of Khyber Pakhtunkhwa.
        ("Gunmen killed 4 policemen in the North West Frontier Province.", "PK", "PK-KP"),
        ("Jets bombed the North Waziristan tribal area, killing 9.", "PK", "PK-KP"),
    ],
)
def test_names_in_wire_reports(sentence: str, country: str | None, region: str | None) -> None:
    f = one(sentence, "killed")
    assert (f.country, f.region_code) == (country, region)


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        # "a Somali town" places the figure in that country, whoever's troops act there.
        ("Ethiopian soldiers holding a Somali town shot 6 marchers dead.", "SO"),
        ("Troops stormed a Syrian village near the border, killing 8.", "SY"),
        # A city in apposition to "the capital" names its country.
        ("Shelling north of the capital Mogadishu killed 9 civilians.", "SO"),
    ],
)
def test_a_town_of_a_country(sentence: str, country: str) -> None:
    assert one(sentence, "killed").country == country
