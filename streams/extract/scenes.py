"""Which of a sentence's places are the scene of its figures, beyond the words around each figure.

Places that are no scene (``off_scene``: a vigil elsewhere, where a victim's family
lives) and
figures placed in a list of places (``in_listed_places``). Pure functions over
one entry's sentences, for the extractor.
"""

from __future__ import annotations

import re

from streams.extract.cues import Figure
from streams.extract.gazetteer import Place
from streams.extract.landmarks import opens_landmark
from streams.extract.placing import Sentence, event_places


def in_listed_places(text: str, sent: Sentence) -> bool:
    """Whether a sentence places its events in a list of places and in no single one ("hundreds were
    killed in the Oromia and Amhara regions"): its figures then take no entry-wide place."""
    own = [p for p in event_places(sent) if p.kind not in ("country", "mention")]
    if len(own) == 1 and _AND_PLURAL_RE.match(text, own[0].end):
        return True  # "the Oromia and Amhara regions", the second name unknown to the gazetteer
    if not own and sent.toks and _IN_PLURAL_RE.search(text, sent.start, sent.toks[-1].end):
        return True  # the same in lowercase text, where neither name was read without its "region"
    regions = {p.region_code or p.text.lower() for p in own}  # "Orikhove, Luhansk": one region, no list
    return len(regions) >= 2 and all(p in sent.listed for p in own)


_IN_PLURAL_RE = re.compile(
    r"\b(?:in|across)\s+(?:the\s+)?[a-z-]+\s+(?:and|&)\s+[a-z-]+\s+(?:regions|provinces|states|governorates)\b",
    re.IGNORECASE,
)
_AND_PLURAL_RE = re.compile(
    r"\s+(?:and|&)\s+(?:the\s+)?[a-z-]+(?:\s+[a-z-]+)?\s+(?:regions|provinces|states|governorates|districts)\b",
    re.IGNORECASE,
)


#: Before a place: where mourners gathered, not where the dead were killed ("a vigil in Karachi").
_MOURNED_RE = re.compile(
    r"\b(?:vigils?|memorials?|commemorations?|tributes?)\b"  # not "mourners": gunmen do fire on mourners
    r"[^.,;:]{0,30}?\b(?:in|at|outside)\s+(?:the\s+)?(?:[a-z-]+\s+)?$",
    re.IGNORECASE,
)
#: Before a place: where a person comes from ("his parents from Maidstone", "a tourist from Lyon"); those
#: arrested or abducted "from" a place were there ("police detained 40 men from the capital").
_ORIGIN_RE = re.compile(
    r"\b(?:parents|family|families|couple|tourists?|nationals?|citizens?|students?|pupils?|victims?|relatives)"
    r"(?:\s+(?![a-z]+ed\b)[a-z]+){0,3}\s*,?\s+from\s+(?:the\s+)?$",  # not "abducted from X", "men from X"
    re.IGNORECASE,
)
#: After a place set aside, its locator: "from Maidstone, in Kent", "in Karachi, Pakistan".
_LOCATOR_RE = re.compile(r"\s*,?\s*(?:in\s+)?(?:the\s+)?")


def off_scene(text: str, places: list[Place]) -> list[Place]:
    """The places of a sentence without those it names as where people mourned or came from.

    Vigils and tributes gather far from the scene, and where a victim's family
    lives is no place of the attack; the locator right after such a place
    ("Maidstone, in Kent") goes with it. A name that opens a street's, park's or river's name
    ("Gorky Park") is no place either.
    """
    out: list[Place] = []
    dropped_end = -1
    for p in places:
        lo = max(0, p.start - 60)
        locator = dropped_end >= 0 and (m := _LOCATOR_RE.match(text, dropped_end)) is not None and m.end() == p.start
        if locator or _MOURNED_RE.search(text, lo, p.start) or _ORIGIN_RE.search(text, lo, p.start):
            dropped_end = p.end
            continue
        if opens_landmark(text, p.start, p.end, p.kind):  # "Gorky Park", "Shevchenko Boulevard": a name, no place
            dropped_end = -1
            continue
        dropped_end = -1
        out.append(p)
    return out


def listed_after(text: str, f: Figure, sent: Sentence) -> bool:
    """Whether the first place after ``f`` opens a list of places ("61 died in India and Bangladesh")."""
    after = [p for p in sent.places if p.start >= f.end and p.kind != "mention"]
    if not after or after[0] not in sent.listed or after[0].start - f.end > _LIST_REACH:
        return False
    head = after[0]
    first = head.region_code or head.country
    return any(
        (q.region_code or q.country) != first and not (q.kind == "country" and q.country == head.country)
        for q in sent.listed
        if q.kind != "mention"
    )  # "Shebekino, Belgorod", "Hyderabad, Pakistan": a town and where it lies, no list


#: How far after a figure the list of its places may start: "61 were killed in neighbouring India and ...".
_LIST_REACH = 40
