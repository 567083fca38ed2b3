"""Canonical claimant ids: one id per claimant, whatever wording an entry uses for it.

The extractor keeps each claimant as written (for display) and gives it an id
(``Fact.claimant_id``) that the views key on. Ids are computed per entry, from
the entry's claimant mentions and the countries of its facts only, so the same
entry always gets the same ids (worker and replay agree by construction).

- **A person** is their name: "regional governor Ivan Fedorov", "Zaporizhzhia
  governor Ivan Fedorov", "governor ivan fedorov" and "Ivan Fedorov" are all
  ``"ivan fedorov"``. The name is what follows the last title word, or a phrase
  without any title or institution word; in cased text its words must be
  capitalised. A bare surname ("Fedorov"), or a title alone ("the governor"),
  takes the id of the one person of the entry it fits.
- **An institution** is its country code and its words: "Ukraine's air force",
  "the Ukrainian air force", "air force of Ukraine" and "the air force in Kyiv"
  are ``"ua:air force"``. An unqualified mention ("the air force") takes the
  country the entry gives the same words elsewhere, else, for a national
  institution (air force, army, ministry, police ...), the one country of the
  entry's facts. A country or capital alone ("Russia says", "Moscow claimed")
  is that country's government, ``"ru:government"``.
- Anything else is its lowercase words, a leading article dropped.

Ids never hold the view-key separators ``/`` and ``|``. Works the same on
lowercased, tokenised text ("governor ivan fedorov said").

>>> ids = claimant_ids(["Ukraine's air force", "air force"], [])
>>> ids["air force"]
'ua:air force'
>>> claimant_ids(["regional governor Ivan Fedorov", "Fedorov"], ["UA"])["Fedorov"]
'ivan fedorov'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from streams.extract.acronyms import share_acronyms
from streams.extract.claimant_countries import COUNTRY_WORDS as _COUNTRY_WORDS
from streams.extract.claimant_words import (
    APOSTROPHES,
    ARTICLES,
    BODY_KINDS,
    DESCRIPTOR_WORDS,
    FUNCTION_WORDS,
    GOVERNMENT,
    KINDS,
    LEADING_DROP,
    MAX_DESCRIPTOR,
    NATIONAL_WORDS,
    NOT_NAMES,
    SEPARATORS,
    SPELLINGS,
    TITLE_WORDS,
    TOKEN_RE,
    VAGUE_LEVELS,
)
from streams.extract.claimant_words import INSTITUTION_WORDS as INSTITUTION_WORDS  # read by other stages from here
from streams.extract.mojibake import repair
from streams.extract.tokens import words

#: The same table for other stages (outlets: "Ukrainian television" names no outlet).
COUNTRY_WORDS = _COUNTRY_WORDS
_MAX_COUNTRY_WORDS = max(len(k.split()) for k in _COUNTRY_WORDS)

#: Above this many distinct mentions in one entry, mentions are not compared with each other.
MAX_MENTIONS = 128
MAX_ID = 200


@dataclass(frozen=True, slots=True)
class _Parsed:
    country: str | None
    title: tuple[str, ...]  # title and institution words, country qualifiers removed
    name: tuple[str, ...]  # a person's name, lowercase; empty for an institution


#: Names of one body by its own short form: the IDF is Israel's military.
_ALIASES = {
    "idf": _Parsed("IL", ("military",), ()),
    "israel defense forces": _Parsed("IL", ("military",), ()),
    "israel defence forces": _Parsed("IL", ("military",), ()),
}


def claimant_ids(mentions: Sequence[str], countries: Iterable[str | None]) -> dict[str, str]:
    """The id of every claimant mention of one entry.

    ``mentions`` are the entry's claimants as written, in entry order (repeats
    allowed); ``countries`` are the alpha-2 countries of the entry's facts.
    """
    distinct = list(dict.fromkeys(m for m in mentions if m and m.strip()))
    if len(distinct) > MAX_MENTIONS:
        # Pathological input: every mention on its own, so the work stays linear.
        return {m: _id(p, {m: p}, set(), {}, None) for m in distinct if (p := _parse(m)) is not None}
    parsed = {m: _parse(m) for m in distinct}
    people = {p.name for p in parsed.values() if len(p.name) >= 2}
    entry_countries = {c for c in countries if c}
    entry_country = next(iter(entry_countries)) if len(entry_countries) == 1 else None
    # Institution words given a country somewhere in the entry ("Ukraine's air force").
    qualified: dict[tuple[str, ...], set[str]] = {}
    for p in parsed.values():
        if p.country and not p.name and p.title:
            qualified.setdefault(p.title, set()).add(p.country)
    ids = {m: _id(parsed[m], parsed, people, qualified, entry_country) for m in distinct}
    return share_acronyms(ids, INSTITUTION_WORDS | TITLE_WORDS)  # "World Health Organization" is "WHO"


def claimant_id(mention: str) -> str:
    """The id of one mention without entry context (editor facts, tests)."""
    return claimant_ids([mention], []).get(mention, "")


def _id(
    p: _Parsed,
    parsed: dict[str, _Parsed],
    people: set[tuple[str, ...]],
    qualified: dict[tuple[str, ...], set[str]],
    entry_country: str | None,
) -> str:
    return _raw_id(p, parsed, people, qualified, entry_country).translate(SEPARATORS)[:MAX_ID]


def _raw_id(
    p: _Parsed,
    parsed: dict[str, _Parsed],
    people: set[tuple[str, ...]],
    qualified: dict[tuple[str, ...], set[str]],
    entry_country: str | None,
) -> str:
    if p.name:
        if len(p.name) <= 2:
            # "Fedorov" (or "Ivan Fedorov") alone: the entry's one person with that surname.
            full = [n for n in people if n[-len(p.name) :] == p.name and n != p.name]
            if len(full) == 1:
                return " ".join(full[0])
        return " ".join(p.name)
    if not p.title:
        return f"{p.country.lower()}:{GOVERNMENT}" if p.country else ""
    if _is_title(p.title) and p.country is None:
        # "the governor", "regional governor": the one person of the entry with that title.
        # "regional" and "local" say only that the post is below the country's: "Zaporizhzhia governor" is one.
        wanted = set(p.title) - VAGUE_LEVELS
        fits = {q.name for q in parsed.values() if q.name and wanted <= set(q.title) and len(q.name) >= 2}
        if len(fits) == 1:
            return " ".join(next(iter(fits)))
    country = p.country
    if country is None:
        # a body never stands for the people in it: "police" is not "police officials"
        wider = {
            (q.country, q.title)
            for q in parsed.values()
            if not q.name and set(p.title) < set(q.title) and not _people_added(p.title, q.title)
        }
        if len(wider) == 1:
            # "the ministry" in an entry that names "Russia's defence ministry"
            c, title = next(iter(wider))
            return _raw_id(_Parsed(c, title, ()), parsed, people, qualified, entry_country)
        named = qualified.get(p.title, set())
        if len(named) == 1:
            country = next(iter(named))
        elif not named and entry_country and _is_generic(p.title):
            country = entry_country
    words_ = " ".join(p.title)
    return f"{country.lower()}:{words_}" if country else words_


def _people_added(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``full`` names people of the body ``short`` names ("police officials" beside "police")."""
    return any(w in _PEOPLE or _is_title_word(w) for w in set(full) - set(short))


def _is_title(title: tuple[str, ...]) -> bool:
    return any(_is_title_word(w) for w in title) and not any(w in NATIONAL_WORDS for w in title)


def _is_generic(title: tuple[str, ...]) -> bool:
    """A national institution named only by common words ("the air force", "health ministry")."""
    return any(w in NATIONAL_WORDS for w in title) and all(
        w in INSTITUTION_WORDS or _is_title_word(w) or w in FUNCTION_WORDS for w in title
    )


def is_title_word(w: str) -> bool:
    """Whether ``w`` is a title ("governor", "director-general")."""
    return _is_title_word(w)


def _is_title_word(w: str) -> bool:
    """ "governor", "director-general", "commander-in-chief"."""
    return w in TITLE_WORDS or ("-" in w and any(part in TITLE_WORDS for part in w.split("-")))


def qualified_only(short: str, full: str) -> bool:
    """Whether ``full`` is the body ``short`` names with only a country added ("Ukraine's air force")."""
    a, b = _parse(short), _parse(full)
    return not a.name and not b.name and bool(a.title) and a.title == b.title and a.country is None


def _parse(mention: str) -> _Parsed:
    mention = repair(mention)  # "gã©rard collomb" is "gérard collomb"
    head, comma, tail = mention.partition(",")
    if comma and head.strip() and tail.strip():
        person, role = _parse(head), _parse(tail)
        if person.name and not person.title and role.title and not role.name:
            return _Parsed(role.country or person.country, role.title, person.name)  # "Jane Roe, the mayor"
    raw = _join_possessives(TOKEN_RE.findall(mention.translate(APOSTROPHES)))
    while raw and raw[0].lower() in LEADING_DROP:
        raw = raw[1:]
    lead = next((i for i, w in enumerate(raw[: MAX_DESCRIPTOR + 1]) if w.lower() == "the"), 0)
    if lead and all(w.lower() in DESCRIPTOR_WORDS for w in raw[:lead]):
        raw = raw[lead + 1 :]  # "monitoring group the Syrian Observatory": the name the descriptor introduces
    if len(raw) >= 2 and raw[0].lower() in KINDS and raw[1].lower() not in INSTITUTION_WORDS | FUNCTION_WORDS:
        raw = raw[1:]  # "the casino Resorts World Manila", "airline TransAsia": the kind word is no part of the name
    body = _named_body(raw)
    if body is not None:
        return _Parsed(None, body, ())  # "the UN refugee agency UNHCR", "rights group Amnesty International": a body
    alias = _ALIASES.get(" ".join(raw).lower())
    if alias is not None:
        return alias
    cased = any(ch.isupper() for ch in mention)
    low = [SPELLINGS.get(t.lower(), t.lower()) for t in raw]
    country, start = _leading_country(low)
    low, raw = low[start:], raw[start:]
    end_country, end = _trailing_country(low)
    if end_country is not None:
        country = country or end_country
        low, raw = low[:end], raw[:end]
    low = _member_of(_ministry_of(low))
    if len(low) != len(raw):
        raw = low  # reordered: only the lowercase form matters from here
    name = _name(low, raw, cased)
    # "Dubai's media office" and "Dubai media office" are one body
    title = tuple(_strip_possessive(w) for w in low[: len(low) - len(name)] if w not in ARTICLES)
    return _Parsed(country, title, tuple(name))


def _named_body(raw: list[str]) -> tuple[str, ...] | None:
    """The body's own name that closes "<description> <kind word> <name>", lowercase; None when there is none."""
    low = [w.lower() for w in raw]
    d = max((i for i, w in enumerate(low[:-1]) if w in BODY_KINDS), default=-1)
    tail = low[d + 1 :]
    if d < 1 or len(tail) > MAX_DESCRIPTOR or any(w in NOT_NAMES or _is_title_word(w) or "'" in w for w in tail):
        return None
    return tuple(tail)


def _join_possessives(raw: list[str]) -> list[str]:
    """Tokenised text's "ukraine 's air force" read as "ukraine's air force"."""
    if "'s" not in raw and "'" not in raw:
        return raw
    out: list[str] = []
    for t in raw:
        if t in ("'s", "'") and out:
            out[-1] += t
        else:
            out.append(t)
    return out


def _strip_possessive(w: str) -> str:
    return w[:-2] if w.endswith("'s") else w[:-1] if w.endswith("s'") else w


def _leading_country(low: list[str]) -> tuple[str | None, int]:
    """The country a phrase opens with ("Ukraine's", "South Korean", "US") and the words it takes."""
    for n in range(min(_MAX_COUNTRY_WORDS, len(low)), 0, -1):
        if n < len(low) and low[n] in FUNCTION_WORDS:
            continue  # "South Korea and its allies" is no South Korean body
        key = " ".join([*low[: n - 1], _strip_possessive(low[n - 1])])
        code = _COUNTRY_WORDS.get(key)
        if code is not None:
            return code, n
    return None, 0


def _trailing_country(low: list[str]) -> tuple[str | None, int]:
    """A closing "in Kyiv" or "of Ukraine" and where it starts."""
    for n in range(min(_MAX_COUNTRY_WORDS, len(low) - 2), 0, -1):
        k = len(low) - n
        if low[k - 1] in ("in", "of") and k - 1 >= 1:
            code = _COUNTRY_WORDS.get(" ".join(low[k:]))
            if code is not None:
                return code, k - 1
    return None, len(low)


def _ministry_of(low: list[str]) -> list[str]:
    """ "ministry of defence" -> "defence ministry", so both wordings are one institution."""
    if len(low) >= 3 and low[-3] in ("ministry", "minister") and low[-2] == "of":
        return [*low[:-3], low[-1], low[-3]]
    return low


def _member_of(low: list[str]) -> list[str]:
    """ "doctor with MSF", "spokesman for the police" -> "MSF doctor", "police spokesman": one post, two wordings."""
    k = next((i for i, w in enumerate(low) if w in ("with", "for")), 0)
    tail = [w for w in low[k + 1 :] if w not in ARTICLES]
    if k and all(_is_title_word(w) for w in low[:k]) and 1 <= len(tail) <= 3 and not FUNCTION_WORDS & set(tail):
        return [*tail, *low[:k]]
    return low


def _name(low: list[str], raw: list[str], cased: bool) -> list[str]:
    """The person's name that closes the phrase, lowercase; empty when there is none."""
    k = len(low)
    while k > 0 and _name_word(low[k - 1], raw[k - 1], cased):
        k -= 1
    name = low[k:]
    if not name or len(name) > 4:
        return []
    if k == 0:
        return name if cased else _lowercase_name(name)  # "Ivan Fedorov", "Magen David Adom"
    if _is_title_word(low[k - 1]) or _title_end(low[:k]):
        return name  # "governor Ivan Fedorov", "secretary of state Antony Blinken"
    if cased and len(name) >= 2 and low[k - 1] in INSTITUTION_WORDS:
        return name  # "Ukraine's military intelligence Kyrylo Budanov"
    if not cased and len(name) >= 2 and low[k - 1] in INSTITUTION_WORDS and any(map(_is_title_word, low[:k])):
        return name  # lowercased "governor of the kharkiv region oleh syniehubov"
    if not cased and len(name) >= 3 and low[k - 1] == "of" and k >= 2 and _is_title_word(low[k - 2]):
        return name[-2:]  # lowercased "mayor of kos george kyritsis": the place, then the name
    return []  # "Houthi-run Al Masirah TV": not a person after a title


def _title_end(head: list[str]) -> bool:
    """Whether ``head`` ends like a title ("secretary of state", "head of the region")."""
    return len(head) >= 3 and head[-2] == "of" and head[-3] in TITLE_WORDS


def _lowercase_name(name: list[str]) -> list[str]:
    """A lowercase phrase without a title is a name only when nothing in it is a known word."""
    return name if all(w not in _COUNTRY_WORDS for w in name) else []


def _name_word(w: str, raw: str, cased: bool) -> bool:
    if _is_title_word(w) or w in INSTITUTION_WORDS or w in FUNCTION_WORDS or w in _COUNTRY_WORDS:
        return False  # "director-general" too
    if "'" in w or not any(ch.isalpha() for ch in w):
        return False
    if "-" in w and any(part in _COUNTRY_WORDS for part in w.split("-")):
        return False  # "Russian-installed"
    return not cased or raw[:1].isupper()


def stands_for(short: str, full: str) -> bool:
    """Whether mention ``short`` (whose words all appear in ``full``) is a shorter form of it.

    A name stands for the person it names: "Fedorov", "Ivan Fedorov" and "governor
    Fedorov" for "regional governor Ivan Fedorov". A title stands for its holder
    ("the Belgorod governor"). A body stands for a fuller naming of itself ("the
    ministry" for "Russia's defence ministry"), never for people in it: "NATO" is not
    "NATO spokeswoman Oana Lungescu", "police" not "Jakarta's police chief", and "the
    Russian military" not "Russian military officials".
    """
    a, b = _parse(short), _parse(full)
    if a.name and short.islower() and not full.islower():
        a = _Parsed(a.country, a.title + a.name, ())  # in cased text a lowercase phrase names no one
    if a.name:
        if not b.name or not set(a.name) <= set(b.name):
            return False
        return set(a.title) <= set(b.title) and (a.country is None or a.country == b.country)
    if _is_title(a.title):
        return True
    if qualified_only(short, full) or (a.title and a.title[-1] in _PEOPLE):
        return False  # "the air force" beside "Ukraine's air force"; "officials" beside "police officials"
    added = {*b.title, *b.name} - set(a.title)
    if added <= FUNCTION_WORDS | {"'s", "s"}:
        return False  # "Nepal police" and "Nepal's police": one wording, kept as written (one id)
    return not any(_is_title_word(w) or w in _PEOPLE for w in added)


_PEOPLE = words("officials sources staff spokesperson spokespeople")


def is_person(mention: str) -> bool:
    """Whether a mention names a person, by name or by title ("Ivan Fedorov", "the mayor of Accumoli")."""
    p = _parse(mention)
    return bool(p.name) or (bool(p.title) and _is_title(p.title))
