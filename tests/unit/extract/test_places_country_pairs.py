"""A town written with its country ("in Bentiu, South Sudan") is that country's town (session 7).

The writer's own pair settles a name that other countries have places of, brings in the small
towns of that country, and keeps a namesake abroad out of the entry's countries. Sentences are ours.
"""

from __future__ import annotations

import pytest

from streams.extract.entry_countries import entry_countries
from streams.extract.gazetteer import gazetteer
from tests.unit.extract.helpers import both_tokenised, one, where


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Bor is also a Serbian district: the pair with South Sudan means the town in Jonglei.
        *((t, ("SS-JG", "SS")) for t in both_tokenised("Gunmen killed 14 cattle herders in Bor, South Sudan.")),
        # Bentiu is a town of under 15,000 in GeoNames: the pair with its country brings it in.
        *((t, ("SS-UY", "SS")) for t in both_tokenised("Soldiers shot dead nine traders in Bentiu, South Sudan.")),
        # Lae is also an atoll of the Marshall Islands.
        *((t, ("PG-MPL", "PG")) for t in both_tokenised("A mob killed four men in Lae, Papua New Guinea.")),
        # Cajamarca is also a Peruvian region: the Colombian town of that name is meant.
        *((t, ("CO-TOL", "CO")) for t in both_tokenised("Rebels killed five soldiers near Cajamarca, Colombia.")),
    ],
)
def test_a_town_written_with_its_country_is_that_countrys_town(text: str, expected: tuple[str, str]) -> None:
    assert where(one(text, "killed")) == expected


@pytest.mark.parametrize("text", both_tokenised("Militiamen killed 20 villagers in Bor, Sudan."))
def test_a_name_only_other_countries_have_is_no_place_abroad(text: str) -> None:
    # No town of that name in Sudan's gazetteer: never the Serbian district, only the country written.
    assert where(one(text, "killed")) == (None, "SD")


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Gunmen killed 14 herders in Bor, South Sudan.", {"SS"}),  # neither Sudan (of "South Sudan") nor Serbia
        ("A mob killed four men in Lae, Papua New Guinea.", {"PG"}),  # neither Guinea nor the Marshall Islands
        ("Rebels killed six people in a village of the Democratic Republic of the Congo.", {"CD"}),  # not CG
    ],
)
def test_entry_countries_read_the_whole_country_name_and_the_pair(text: str, countries: set[str]) -> None:
    assert {c for c in entry_countries(text, gazetteer()) if len(c) == 2} == countries
