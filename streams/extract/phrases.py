"""The noun phrases that name a source, on either side of a speech verb.

"the regional governor, Oleh Syniehubov, said" (left, with the name in
apposition), "..., said the ministry" (right), "according to the head of the
regional administration, Oleh Kiper" (right, with the name after the role). A
phrase is the minimal noun phrase as written, without a leading article, and
never a fragment that opens with a verb or a count (``clean``).
"""

from __future__ import annotations

import re

from streams.extract import sources as src
from streams.extract.claimants import INSTITUTION_WORDS
from streams.extract.outlets import DOCUMENT_MODIFIERS, DOCUMENT_NOUNS, document_owner, outlet
from streams.extract.source_edges import after_passive, before_time, no_source, owns
from streams.extract.source_edges import counted as counts_noun
from streams.extract.tokens import Token, words

CITE_VERBS = frozenset({"cited", "citing", "quoted", "quoting", "cites", "quotes"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_LEFT_STOP = words(
    """
    were was is are has have had been be being that which who whom when while after as but
    because so if then where than or also later earlier previously separately reportedly since
    before until to by with from at on into over killed injured wounded dead died missing said
    says told claimed reported there here this these those though although whereas
    """
)
_ADVERBS_BEFORE_VERB = words(
    """
    also later earlier previously separately reportedly had has have has had initially then now again
    further subsequently still already just repeatedly recently officially publicly formally finally
    even apparently allegedly sometimes often never always immediately quickly privately only
    """
)
_RIGHT_STOP = words(
    """
    that as in on at who which when while after because if on, was were is are had has have said
    says told on the to by with from there
    """
)
_LEADING_DROP = frozenset({"the", "a", "an", "unnamed", "anonymous", "one"})
_RIGHT_SKIP_LEADING = frozenset({"the", "a", "an"})
PASSIVE = frozenset({"were", "was", "been", "be", "are", "is", "being"})
BOUNDARY = frozenset({".", ",", ";", ":", "(", ")", "!", "?", '"', "“", "”", "—", "–", "•", "·", "*", "►", "▪", "`"})
MAX_NP = 9
MAX_RIGHT_NP = 12
#: Right-hand phrases stop here: a participle or verb follows the source ("quoted by AFP").
_RIGHT_BREAK = CITE_VERBS | words("as saying giving putting reported reports said says told tells")
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"})
_NOT_NAME = frozenset({"who", "which", "that", "the", "a", "an", "and", "said", "says", "told"})


def progressive(toks: list[Token], k: int) -> bool:
    """ "is reporting", "are saying": a speech verb in the progressive, not a passive."""
    return toks[k].low.endswith("ing") and toks[k - 1].low in _AUX


_AUX = frozenset({"is", "are", "was", "were", "been"})


def is_pronoun(np: str) -> bool:
    """ "it", and what stands for a source named before: "the report", "its Twitter account"."""
    ws = np.lower().split()
    if not ws or np.lower() in _PRONOUNS | _ANAPHORS or (ws[0] in _POSSESSIVES and ws[-1] in DOCUMENT_NOUNS):
        return True
    return ws[-1] in DOCUMENT_NOUNS and all(w in DOCUMENT_MODIFIERS for w in ws[:-1])


_POSSESSIVES = frozenset({"its", "their", "his", "her"})
#: Nouns that, alone, stand for the body named before ("the organisation said", "the group said").
_ANAPHORS = frozenset({"organisation", "organization", "group", "monitor", "monitoring group", "charity"})


def np_left(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    """The noun phrase before ``toks[k]`` (a speech verb) and its start offset."""
    p = k - 1
    while p >= 0 and toks[p].low in _ADVERBS_BEFORE_VERB and k - p <= 3:  # "has just announced"
        p -= 1
    if p >= 1 and toks[k].low.endswith("ing") and toks[p].low in _AUX:
        p -= 1  # "Reuters is now reporting"
        while p >= 0 and toks[p].low in ("has", "have", "had"):
            p -= 1
    p = before_time(toks, p)  # "Labor earlier this week said": the source is before the adverbial
    while p >= 0 and toks[p].low in _ADVERBS_BEFORE_VERB and k - p <= 8:
        p -= 1
    if p < 0:
        return None
    if toks[p].text == ",":
        # "the regional governor, Oleh Syniehubov, said"
        aside = _aside_start(toks, p)
        if aside is not None:
            # "the official, confirming a report by ..., said": the source is before the aside
            role = _collect_left(toks, aside - 1)
            relative = toks[aside + 1].low in ("who", "which")
            opens = role is not None and (role[0] == 0 or toks[role[0] - 1].text in BOUNDARY)
            if role is not None and ((relative and opens) or _has_role_word(toks, role[0], role[1])):
                words = clean(toks[role[0] : role[1] + 1])
                return (words, toks[role[0]].start) if words else None
        name = _collect_left(toks, p - 1)
        if name is None:
            return None
        ns, ne = name
        if ns >= 3 and toks[ns - 1].low == "of" and toks[ns - 2].text == ",":
            # "Jane Roe, of the city's main hospital, said": the person before the aside speaks
            person = _collect_left(toks, ns - 3)
            words = clean(toks[person[0] : person[1] + 1]) if person is not None else ""
            return (words, toks[person[0]].start) if person is not None and words else None
        owned = (ns + 2 <= ne and toks[ns + 1].text in ("'", "'s", "’s")) or (
            ns < ne and toks[ns].low.endswith(("'s", "’s"))
        )  # "Jane Roe, Pakistan's rural minister, said": a possessive role, as "the city's mayor"
        the_role = (toks[ns].low == "the" or owned) and _has_role_word(toks, ns, ne)  # "Jane Roe, the city's mayor,"
        # "Reprieve, the human rights organisation, says"; "Jane Roe, commander of the coast guard, told"
        described = toks[ns].low == "the" and any(t.low in _DESCRIPTORS for t in toks[ns : ne + 1])
        bare = _has_role_word(toks, ns, min(ne, ns + 2)) and not owns(toks[ns : ne + 1]) and _named_before(toks, ns - 2)
        if ns >= 2 and toks[ns - 1].text == "," and (toks[ns].low in ("a", "an") or the_role or described or bare):
            # "the Syrian Observatory, a Britain-based war monitor, put the toll at 12"
            got = _collect_left(toks, ns - 2)
            words = clean(toks[got[0] : got[1] + 1]) if got is not None else ""
            return (words, toks[got[0]].start) if got is not None and words else None
        if ns >= 1 and toks[ns - 1].text == ",":
            role = _collect_left(toks, ns - 2)
            if role is not None and _role_length(toks, role) <= 5 and _has_role_word(toks, role[0], role[1]):
                rs, re_ = role
                # "the ministry, for its part, said": no name
                named = toks[ns : ne + 1] if _is_name(toks, ns, ne) else []
                # "another official, Fiaz Khan, said": a role that only counts sources; the name is who
                counted = bool(named) and toks[rs].low in ("another", "other")
                words = clean(named if counted else toks[rs : re_ + 1] + named)
                return (words, toks[ns if counted else rs].start) if words else None
        return None
    got = _collect_left(toks, p)
    if got is None:
        return None
    s, e = got
    s = after_passive(toks, s, e)  # "... have been arrested Paris prosecutor Jane Roe said"
    if counts_noun(toks, s, e):
        return None  # "147 fatalities confirmed": what is counted, not who confirms
    if toks[k].low in src.NOUN_VERBS and s >= 1 and toks[s - 1].low == "and" and _after_preposition(toks, s - 1):
        return None  # "43 killed in Afghanistan and Pakistan - reports": a place, then a noun
    if toks[e].low in src.TRAILING_DROP or toks[e].low in src.PREPOSITIONS:
        return None  # "recovered amid reports": a preposition, so "reports" is a noun
    words = clean(toks[s : e + 1])
    return (words, toks[s].start) if words else None


def _aside_start(toks: list[Token], p: int) -> int | None:
    """The comma opening a participle aside that closes at ``toks[p]`` (", confirming a report,")."""
    q = p - 1
    while q > 0 and p - q <= MAX_RIGHT_NP and toks[q].text not in BOUNDARY:
        q -= 1
    if q > 0 and toks[q].text == "," and toks[q + 1].low.endswith("ing") and len(toks[q + 1].low) > 4:
        return q
    if q > 0 and toks[q].text == "," and toks[q + 1].low in ("who", "which"):
        return q  # "Umit Dundar, who has been named acting chief of staff, said"
    return None


def _named_before(toks: list[Token], p: int) -> bool:
    """Whether the phrase ending at ``toks[p]`` is a person's name that opens its clause."""
    got = _collect_left(toks, p)
    return got is not None and (got[0] == 0 or toks[got[0] - 1].text in BOUNDARY) and _is_name(toks, *got)


def _is_name(toks: list[Token], s: int, e: int) -> bool:
    """Whether ``toks[s..e]`` reads as a person's name (capitalised, or in lowercase text no known word)."""
    span = toks[s : e + 1]
    if _cased(toks):
        return all(t.is_cap or t.text in ("-", ".") for t in span)
    hyphen = frozenset(q for q in range(1, len(span) - 1) if span[q].text == "-" and not span[q].space_before)
    return len(span) - len(hyphen) <= 4 and all(
        q in hyphen or (t.kind == "word" and t.low not in src.ROLE_WORDS | INSTITUTION_WORDS | _NOT_NAME | _LEFT_STOP)
        for q, t in enumerate(span)
    )  # "abike dabiri-erewa", tokenised "dabiri - erewa" or "dabiri-erewa"


def issuer(toks: list[Token], k: int) -> tuple[str, int] | None:
    """X of "X has issued a statement saying" (``toks[k]`` is "saying")."""
    p = k - 1
    while p >= 0 and (toks[p].low in DOCUMENT_NOUNS | DOCUMENT_MODIFIERS | DETERMINERS):
        p -= 1
    if p < 1 or toks[p].low not in src.ISSUE_VERBS:
        return None
    p -= 1
    while p >= 0 and toks[p].low in _ADVERBS_BEFORE_VERB:
        p -= 1
    got = _collect_left(toks, p)
    if got is None:
        return None
    words = clean(toks[got[0] : got[1] + 1])
    return (words, toks[got[0]].start) if words else None


def _role_length(toks: list[Token], role: tuple[int, int]) -> int:
    """Token count of a role phrase less its leading article ("the head of the regional administration")."""
    s, e = role
    return e - s - (1 if toks[s].low in _LEADING_DROP else 0)


def _collect_left(toks: list[Token], p: int) -> tuple[int, int] | None:
    if p < 0:
        return None
    if toks[p].low in _PRONOUNS and not (p >= 1 and toks[p - 1].low in DOCUMENT_NOUNS):
        return p, p  # "Dyer did not explain why he said": the pronoun is the whole phrase
    e = p
    s = p + 1
    glue = 0  # tokenised "' s" and "-" inside words ("egypt ' s", "al - zinati") count as no word
    linked = 0  # "the undersecretary for the ministry of the interior": each role link allows a longer phrase
    while p >= 0 and e - p - glue < MAX_NP + linked:
        t = toks[p]
        if p < e and (t.text in ("'", "-") or (t.low == "s" and p >= 1 and toks[p - 1].text == "'")):
            glue += 1
        if t.low in _ROLE_LINKS and p < e and p >= 1 and toks[p - 1].low in src.ROLE_WORDS:
            s = p
            p -= 1  # "an official with the mountaineering department", "a spokesman at the ministry"
            continue
        who = t.text == "WHO" or (t.text == "who" and p == e and p >= 1 and toks[p - 1].low == "the")  # "the who said"
        if t.text in BOUNDARY or t.kind == "num" or (t.low in _LEFT_STOP and not who) or _quote(toks, p):
            break
        if t.low in _TIME_WORDS or (t.low == "night" and p >= 1 and toks[p - 1].low == "last"):
            break  # "the revised toll last night police said": the time ends the phrase before it
        if t.low in _PRONOUNS and p < e and t.text != "US":
            break  # "that he told": no phrase runs over a pronoun
        possessive = p + 1 <= e and toks[p + 1].low in ("its", "their", "his", "her")
        if t.low == "and" and not possessive and not (p >= 1 and p < e and toks[p - 1].low in _JOINED_SOURCES):
            break  # "the Sudanese government and local activists said" goes on
        if t.text == "-" and p == e:
            break
        s = p
        if t.low in ("the", "a", "an") and p < e:
            link = p >= 2 and toks[p - 1].low in ("of", "in", "for", "with", "at", "to", "from")
            # "a representative from the aviation authority"; "the international committee of the Red Cross"
            body_of = link and toks[p - 1].low in ("of", "for") and toks[p - 2].low in INSTITUTION_WORDS
            role_of = link and (_has_role_word(toks, p - 2, p - 2) or body_of or toks[p - 2].low in _ON_SCENE)
            if role_of and e - p - glue <= MAX_NP - 3 + linked:
                linked = min(linked + 3, _MAX_LINKED)
                p -= 2  # "the governor of the Kharkiv region", "officials in the Krasnodar region"
                continue
            break
        p -= 1
    if s > e:
        return None
    return s, e


_MAX_LINKED = 6
#: People a place phrase follows as where they are: "reporters at the scene", "witnesses in the town".
_ON_SCENE = words("reporters journalists correspondents witnesses residents rescuers medics")
_ROLE_LINKS = frozenset({"with", "at", "to"})
#: Where a source sits, after its role: "a source in the crisis centre", "officials at the ministry".
_HELD_IN = ("in", "at", "from")  # "an adviser to the president": the adviser
_TIME_WORDS = words("yesterday today tonight overnight")
#: Words that end a source joined to another by "and" ("the military and Magen David Adom said").
_JOINED_SOURCES = src.ROLE_WORDS | INSTITUTION_WORDS | words("activists sources medics rescuers witnesses monitors")


def _joined(toks: list[Token], q: int) -> bool:
    return q >= 0 and toks[q].low in _JOINED_SOURCES


def _quote(toks: list[Token], p: int) -> bool:
    """Whether ``toks[p]`` is half of a tokenised closing quote ("''")."""
    if toks[p].text != "'":
        return False
    return (p >= 1 and toks[p - 1].text == "'") or (p + 1 < len(toks) and toks[p + 1].text == "'")


def _after_preposition(toks: list[Token], p: int) -> bool:
    """Whether the "and" at ``toks[p]`` joins objects of a preposition ("in Afghanistan and Pakistan")."""
    q = p - 1
    while q >= 0 and p - q <= 4 and toks[q].kind == "word" and toks[q].low not in _LEFT_STOP | _PLACE_PREPOSITIONS:
        q -= 1
    return q >= 0 and q < p - 1 and toks[q].low in _PLACE_PREPOSITIONS


_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "into", "across", "to"})


def np_right(text: str, toks: list[Token], k: int) -> tuple[str, int] | None:
    n = len(toks)
    s = k
    while s < n and toks[s].low in _RIGHT_SKIP_LEADING:
        s += 1
    if s < n and toks[s].low in ("that", "it", "there"):
        return None  # "X, Y, estimates that ...": a clause follows, not the speaker
    e = s
    while e < n and e - s < MAX_RIGHT_NP:
        t = toks[e]
        if t.text in BOUNDARY or t.kind == "num" or t.low in _RIGHT_BREAK:
            break
        if e > s and t.low in _RIGHT_STOP:
            prev = toks[e - 1].low
            held = t.low in _HELD_IN and prev in src.ROLE_WORDS and e + 1 < n and toks[e + 1].low == "the"
            linked = prev in ("of", "for", *_HELD_IN) or (prev == "and" and _joined(toks, e - 2))
            if not held and not (t.low == "the" and linked):
                break  # "office of the presidency", "spokesman for the police", "a source in the crisis centre" go on
        if e > s and t.low == "for" and toks[e - 1].low not in src.ROLE_WORDS | INSTITUTION_WORDS:
            break  # "cited firefighters for the death toll"
        # "the monitoring group", "UK-based monitoring group": a descriptor, not "an official giving ..."
        lead = e + 1 < n and toks[e + 1].low in _DESCRIPTORS and (e == s or toks[e - 1].low.endswith("based"))
        if e > s and len(t.low) > 4 and t.low.endswith("ing") and t.low not in src.ING_NOUNS and not lead:
            break  # "an official giving a figure of 19"
        e += 1
    if e <= s:
        return None
    if toks[e - 1].low in DOCUMENT_NOUNS and e + 1 < n and toks[e].low in ("by", "from", "of"):
        # "an unconfirmed tweet by X", "figures from the UN's office ...": the source is X
        later = np_right(text, toks, e + 1)
        if later is not None:
            return later
    if e + 1 < n and toks[e].low == "the" and toks[e - 1].low in _DESCRIPTORS:
        named = np_right(text, toks, e)  # "monitoring group the Syrian Observatory": the name it describes
        if named is not None:
            return named
    np = toks[s:e]
    if e + 1 < n and toks[e].text == "," and _has_role_word(toks, s, e - 1):
        # "according to the regional head, Oleh Kiper": a role, then the name in apposition
        q = e + 1
        while q < n and q - e <= 4 and toks[q].kind == "word" and (toks[q].is_cap or not _cased(toks)):
            if toks[q].low in _NOT_NAME:
                break
            q += 1
        if q > e + 1 and (q == n or toks[q].text in BOUNDARY or toks[q].low in ("said", "says", "told")):
            np = np + toks[e + 1 : q]
            e = q
    words = clean(np)
    return (words, toks[e - 1].end) if words else None


#: Nouns that describe a body whose name follows them ("the monitoring group the Syrian Observatory").
_DESCRIPTORS = words("group monitor organisation organization charity body watchdog")


def closes(toks: list[Token], end: int) -> bool:
    """Whether the phrase ending at offset ``end`` ends its clause ("..., said the ministry.")."""
    for t in toks:
        if t.start >= end:
            return t.text in BOUNDARY or t.low in src.CLAUSE_END
    return True


def _cased(toks: list[Token]) -> bool:
    return any(t.is_cap for t in toks)


def _has_role_word(toks: list[Token], s: int, e: int) -> bool:
    return any(t.low in src.ROLE_WORDS for t in toks[s : e + 1])


def clean(toks: list[Token]) -> str:
    """The phrase as written (tokens rejoined with their own spacing), minus leading articles.

    Empty when the phrase cannot name who asserts: it opens with a verb or a count
    ("are now coming", "two other men"). A tweet handle or a photo credit before
    the source is dropped ("Peter Spiegel (@x) senior military officer" keeps the officer).
    """
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].text == "@" or (toks[k].text == "/" and outlet(_join(toks)) is None):
            toks = toks[k + 2 :]  # "@ handle", "x/rex/shutterstock": both words go
            break
    while toks and toks[0].low in _LEADING_DROP and not (toks[0].low == "one" and toks[1:2] and toks[1].low == "of"):
        toks = toks[1:]  # "an unnamed official" -> "official"; "one of its staffers" stays whole
    if len(toks) > 3 and toks[1].text == "-" and toks[2].low == "based":
        toks = toks[3:]  # "the London-based Syrian Observatory": where it sits is no part of its name
    elif len(toks) > 1 and toks[0].low.endswith("-based"):
        toks = toks[1:]  # the same written as one token
    while toks and (toks[-1].text == "-" or toks[-1].low in src.TRAILING_DROP):
        toks = toks[:-1]
    if len(toks) >= 3 and toks[-1].low in ("it", "they") and toks[-2].low in DOCUMENT_NOUNS:
        toks = toks[:-1]  # "in the Pentagon's latest release it said"
    if not toks or toks[0].low in src.NOT_HEAD or (toks[0].kind != "word" and toks[0].text not in "#'\""):
        return ""
    if no_source(toks):
        return ""  # "quoted this week in ...", "you 're saying", "reports say": no source
    if all(t.low in DOCUMENT_MODIFIERS and t.low not in src.ROLE_WORDS for t in toks):
        return ""  # "unconfirmed reports that ...": no source named
    owner = document_owner(toks)
    if owner:
        toks = toks[:owner]
    out = _join(toks)
    if owner:
        out = _POSSESSIVE_END.sub("", out)  # "the ministry's latest update" -> "ministry"; "survivors' accounts"
    while out[:8].lower() == "breaking" and out[8:9].isalpha():
        out = out[8:]  # a live blog's "BREAKING" label run into the headline ("Breakingacting army chief")
    return out[:200]


def _join(toks: list[Token]) -> str:
    parts: list[str] = []
    for k, t in enumerate(toks):
        if k and t.space_before and not (t.text == "-" or toks[k - 1].text == "-"):
            parts.append(" ")
        parts.append(t.text)
    return "".join(parts)


_POSSESSIVE_END = re.compile(r"\s*['’ʼ]\s*s?\s*$")
