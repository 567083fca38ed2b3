"""The country an entry's actors name when it names no place: national parties, a state's own forces, armed
groups that fight at home (``data/actor_countries.tsv``). "BJP workers clashed with police" is in India.

Read only where the entry names no country, region or town (see ``entry_countries``): a place named
outweighs any actor, and an actor of another country that is named beside a place is a visitor.
"""

from __future__ import annotations

import functools
import re

from streams.extract.geodata import read_data


@functools.lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Patterns of the names in any case, of the acronyms as written and in any case; lowercase name -> country."""
    names: dict[str, str] = {}
    acronyms: list[str] = []
    spelled: list[str] = []
    for ln in read_data("actor_countries.tsv"):
        name, country = ln.split("\t")
        names[name.lower()] = country.strip()
        (acronyms if name.replace("-", "").isupper() else spelled).append(name)

    def alternation(items: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    edge = r"(?<![\w-])({})(?![\w-])"
    return (
        re.compile(edge.format(alternation(spelled)), re.IGNORECASE),
        re.compile(edge.format(alternation(acronyms))),
        re.compile(edge.format(alternation(acronyms)), re.IGNORECASE),
        names,
    )


def actor_countries(text: str) -> frozenset[str]:
    """The countries whose own parties, forces or home-fighting armed groups ``text`` names.

    Acronyms count only in capitals ("BNP", not "bnp") unless the whole text is lowercase;
    "BNP Paribas" is a bank, not the Bangladeshi party.
    """
    spelled, acronyms, acronyms_any_case, table = _table()
    lower = not any(c.isupper() for c in text)
    found = {table[m.group(1).lower()] for m in spelled.finditer(text)}
    for m in (acronyms_any_case if lower else acronyms).finditer(text):
        if text[m.end() : m.end() + 8].lower() != " paribas":
            found.add(table[m.group(1).lower()])
    return frozenset(found)
