"""A place name in the modifier slot of an incident or venue noun, and the cities named like common words.

Lowercased live blogs name a scene by putting the place before the noun of the incident or of the
venue: "the paris attacks", "a florida nightclub", "the kabul attack", "manchester bombing : 22 dead".
The slot is narrow: the name follows an article, a number, or the start of a clause (a headline, a
hashtag, a colon) and comes right before an incident noun (after at most one word of the attack's
kind: "truck", "terror", "suicide") or a venue noun. "Linked to the paris attacks", "since the kabul
bombing" speak of another event, and are no scene.

A city whose name is an ordinary word ("nice", "reading", "mobile") is read only in that slot before an
incident noun, after "the" or at the start of a clause, never elsewhere ("a nice truck", "a man shooting
at police" name no city; "the nice truck attack" does).
"""

from __future__ import annotations

import functools

from streams.extract.gazetteer import DIRECTION_WORDS as DIRECTIONS
from streams.extract.gazetteer import Gazetteer, Place, _Candidate, normalize
from streams.extract.place_rules import EVENT_NOUNS, LOCALITY_NOUNS
from streams.extract.place_senses import PART_NOUNS
from streams.extract.tokens import Token, words

#: Nouns of an incident that a name before them places ("the paris attacks", "the orlando gunman").
INCIDENT_NOUNS = EVENT_NOUNS | words("gunman gunmen bomber bombers attacker attackers shooter shooters")
#: Nouns of a venue that a name before them places ("a florida nightclub", "a jerusalem synagogue").
VENUE_NOUNS = PART_NOUNS | words(
    "nightclub club bar restaurant cafe hotel concert school mall synagogue temple shrine theatre theater"
)
#: One word of the attack's kind between the name and the incident noun ("nice truck attack").
_KIND_WORDS = words(
    "truck lorry van car bus train rocket terror terrorist suicide bomb knife gun mass hostage militant"
)
#: Tokens that open a clause or a headline before the slot ("# manchester attack", ": paris attacks").
_OPENERS = frozenset({":", "#", "-", "–", "—", "(", '"', "``", "“", ";"})
#: Words before "the" that make the incident another one than the figure's ("linked to the paris attacks").
_OTHER_EVENT = words("to with since after before like than unlike following")
#: A city named like an ordinary word is read in the slot only if it is this large ("nice", "reading").
COMMON_CITY_POPULATION = 100_000


def slot_noun(toks: list[Token], j: int, venues: bool = True) -> int | None:
    """The index of the incident (or venue) noun that the name ending before token ``j`` modifies, if any."""
    if j >= len(toks):
        return None
    low = toks[j].low
    if low in INCIDENT_NOUNS or (venues and low in VENUE_NOUNS):
        return j
    if low in _KIND_WORDS and j + 1 < len(toks) and toks[j + 1].low in INCIDENT_NOUNS:
        return j + 1
    return None


#: Nouns of a part of a town that a name before them and "of" after them call the town's ("the X suburb of Y").
_TOWN_PARTS = (LOCALITY_NOUNS - words("sector")) | words("suburb suburbs district area")


def town_part_after(toks: list[Token], i: int, j: int) -> bool:
    """Whether the name ``toks[i:j]`` is the town of a part named after it ("the brussels district of molenbeek",
    "in the central baghdad neighbourhood of karrada"): the town's, not a street's or a neighbourhood's.
    Only after "the": "in Keran sector of Kupwara district" names a sector of the district after it."""
    if j + 2 >= len(toks) or toks[j].low not in _TOWN_PARTS or toks[j + 1].low != "of" or toks[j + 2].kind != "word":
        return False
    prev = toks[i - 1] if i > 0 else None
    before = toks[i - 2] if prev is not None and prev.low in DIRECTIONS and i >= 2 else prev
    return before is not None and before.low == "the"


def in_modifier_slot(toks: list[Token], i: int, j: int, venues: bool = True) -> bool:
    """Whether the name ``toks[i:j]`` stands in the modifier slot of an incident or venue noun.

    >>> from streams.extract.tokens import tokenize
    >>> t = "the toll from the paris terror attacks rose to 130 ."
    >>> in_modifier_slot(tokenize(t, 0, len(t)), 4, 5)
    True
    >>> t = "a suspect linked to the paris attacks was held ."
    >>> in_modifier_slot(tokenize(t, 0, len(t)), 5, 6)
    False
    """
    if town_part_after(toks, i, j):
        return True
    prev = toks[i - 1] if i > 0 else None
    if slot_noun(toks, j, venues) is None:
        return False
    if prev is None or prev.text in _OPENERS or prev.kind == "num":
        return True
    if prev.low not in ("the", "a", "an"):
        return False
    return i < 2 or toks[i - 2].low not in _OTHER_EVENT


@functools.lru_cache(maxsize=1)
def _cities_file() -> bytes:
    from streams.extract.geodata import _data_file

    return _data_file("cities15000.json")


@functools.lru_cache(maxsize=256)
def common_city(key: str) -> _Candidate | None:
    """The largest city of :data:`COMMON_CITY_POPULATION` or more named ``key`` (a one-word key), if any.

    The gazetteer leaves such names out ("nice", "reading"); their records are cut out of the GeoNames
    file by their name, so the 16 MB file is never parsed whole.
    """
    import orjson

    from streams.extract.geodata import _city

    raw, best = _cities_file(), None
    needle = b'"name": "' + key.capitalize().encode() + b'"'
    at = raw.find(needle)
    while at >= 0:
        start, end = raw.rfind(b"{", 0, at), raw.find(b"}", at)
        rec = _city(orjson.loads(raw[start : end + 1]), False)
        if rec.population >= COMMON_CITY_POPULATION and (best is None or rec.population > best.population):
            best = _Candidate(5.0 * rec.population, rec.country, rec.region_code, rec.population)
        at = raw.find(needle, end)
    return best


def common_city_at(toks: list[Token], i: int, gaz: Gazetteer, lower_mode: bool) -> tuple[Place, int] | None:
    """A city named like an ordinary word, in the slot before an incident noun ("the nice truck attack")."""
    t = toks[i]
    if t.kind != "word" or t.low not in gaz.common or not (lower_mode or t.is_cap):
        return None
    if i > 0 and (toks[i - 1].low in ("a", "an") or toks[i - 1].kind == "num"):
        return None  # "a man shooting at police": a definite event only ("the nice attack", "reading attack :")
    if not in_modifier_slot(toks, i, i + 1, venues=False):
        return None
    cand = common_city(normalize(t.text))
    if cand is None:
        return None
    return Place(t.start, t.end, t.text, cand.region_code, cand.country, "city"), i + 1
