"""Which place each figure of a sentence takes, and the entry's own place when a figure names none.

Pure functions over one sentence's tokens, places, attribution and figures, for the extractor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from schemas.facts import INTERCEPTION_METRICS
from streams.extract.attribution import Attribution
from streams.extract.context import StrikeContext
from streams.extract.cues import Figure
from streams.extract.gazetteer import Place
from streams.extract.geodata import parents
from streams.extract.tokens import Token, words


class Sentence:
    __slots__ = ("attribution", "figures", "headline", "listed", "places", "start", "strike", "toks")

    def __init__(self, start: int, toks: list[Token], headline: bool = False) -> None:
        self.start = start
        self.headline = headline
        self.toks = toks
        self.places: list[Place] = []
        self.attribution: Attribution | None = None
        self.strike: StrikeContext | None = None
        self.figures: list[Figure] = []
        self.listed: set[Place] = set()


def place_for(f: Figure, sent: Sentence, text: str) -> Place | None:
    """The place the sentence attaches to this figure, if any.

    A place on the far side of another figure belongs to that one ("47 drones,
    including 19 over the Kursk region"), unless the figures are coordinated
    ("200 drones and 12 missiles at Ukraine"). A place inside a list of places
    ("over the Sumy and Chernihiv regions") is no single place. Interception
    figures take only a place after them with a preposition ("shot down over Kursk").
    """
    a = sent.attribution
    air = f.metric in INTERCEPTION_METRICS
    best: tuple[tuple[int, int, int, int, int], Place] | None = None
    for p in sent.places:
        if p.kind == "mention" or p in sent.listed:
            continue
        if a is not None and a.covers(p.start, p.end) and not (_local_witness(a) or _service_place(a, p)):
            continue  # "Ukraine's air force said", "the ministry in Kyiv said": the claimant's place
        after = p.start >= f.end
        if not after and _where_said(text, sent.start, p, f):
            continue  # "told a conference in Geneva that 2 million had fled": where it was said
        crossing = _crosses_figure(f, p, sent.figures)
        if after and _owned_by_other(text, f, p, sent.figures) and _split_over_places(text, f, sent):
            continue  # "21 dead: 9 in Puebla, 12 in Morelos": the place of a part, not of the whole
        if not after and _owned_before(text, f, p, sent.figures):
            continue  # "17 in India and one in Tibet": India is the 17's, not the one's
        lo, hi = (f.end, p.start) if after else (p.end, f.start)
        if crossing and any(q in sent.listed and lo <= q.start < hi for q in sent.places):
            continue  # "61 died in India and Bangladesh, and 25 in Tibet": the list is the 61's place
        if air:
            prep = _word_before(text, p.start)
            if crossing or prep not in _AIR_PLACE_PREPS or not (after or prep in _AIR_PLACE_BEFORE):
                continue  # "air defences over Crimea downed 9 missiles" / "shot down 9 over Kursk"
            if _CLAUSE_BREAK_RE.search(text, lo, hi) or text.count(" ", lo, hi) > 10:
                continue  # "downed 12 drones, and debris hit a house in Sumy": another clause's place
        rank = (
            1 if crossing else 0,
            1 if _OTHER_CLAUSE_RE.search(text, lo, hi) else 0,  # "killed 12, while X said it hit a base near Safed"
            1 if air and not after else 0,  # "19 over Kursk and 11 over Bryansk": the place after
            1 if p.kind == "country" else 0,
            (p.start - f.end) if after else (f.start - p.end) * 2 + 1,  # a tie goes to the place after
        )
        if best is None or rank < best[0]:
            best = (rank, p)
    return best[1] if best else None


_AIR_PLACE_PREPS = frozenset(
    {"over", "above", "at", "on", "in", "near", "towards", "toward", "into", "across", "from", "attacked", "targeted"}
)
#: "told a conference in Geneva that 2 million ...": the place is where it was said.
_THAT_RE = re.compile(r"\bthat\b")
_SPEECH_BEFORE_RE = re.compile(r"\b(?:told|tells|said|says|announced|announces|added|adds|stated)\b[^.;]*$")


def _where_said(text: str, sent_start: int, p: Place, f: Figure) -> bool:
    """Whether place ``p`` sits between a speech verb and the "that" of the figure's clause."""
    if _THAT_RE.search(text, p.end, f.start) is None:
        return False
    return _SPEECH_BEFORE_RE.search(text, max(sent_start, p.start - 80), p.start) is not None


#: Before an interception figure, only "air defences over Crimea" or "attacked Kharkiv with 20 drones".
_AIR_PLACE_BEFORE = frozenset({"over", "above", "attacked", "targeted"})
_CLAUSE_BREAK_RE = re.compile(r"[,;:—–()]")
#: Between a figure and a place: the start of another clause with its own subject.
_OTHER_CLAUSE_RE = re.compile(r";|\b(?:while|whereas|meanwhile)\b|,\s*but\b", re.IGNORECASE)
#: The word before a place, past an article and a compass word ("at central Israel", "over the north-east").
_WORD_BEFORE_RE = re.compile(
    r"([A-Za-z]+)[\s,]*(?:the\s+)?(?:(?:(?:north|south)-?)?(?:north|south|east|west)(?:ern)?\s+|central\s+)?$",
    re.IGNORECASE,
)


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE_RE.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


def _crosses_figure(f: Figure, p: Place, figures: list[Figure]) -> bool:
    """Whether another (uncoordinated) figure stands between ``f`` and place ``p``."""
    lo, hi = (f.end, p.start) if p.start >= f.end else (p.end, f.start)
    for g in figures:
        if g is f or g.via == "strike" or not (lo <= g.start < hi):
            continue
        if g.start > f.start and g.coordinated:
            continue  # "200 drones and 12 missiles at Ukraine": one clause
        return True
    return False


def whole_of_parts(f: Figure, sent: Sentence, text: str) -> bool:
    """Whether the sentence's places after ``f`` are all its parts', in more than one region ("210 dead:
    95 in Puebla, 115 in Morelos"): then ``f`` is a total over places and takes no entry-wide town either.
    One part's place ("32 killed, including 23 in Damascus") stays the whole's, as the coders of atrocity
    data place such an event."""
    after = [p for p in sent.places if p.start >= f.end and p.kind != "mention"]
    return (
        bool(after)
        and all(_owned_by_other(text, f, p, sent.figures) for p in after)
        and _split_over_places(text, f, sent)
    )


def _split_over_places(text: str, f: Figure, sent: Sentence) -> bool:
    """Whether the parts after ``f`` lie in two or more regions (or countries)."""
    where = {
        p.region_code or p.country
        for p in sent.places
        if p.start >= f.end and p.kind != "mention" and _owned_by_other(text, f, p, sent.figures)
    }
    return len(where) >= 2


#: Between a figure and the place that is its own: "137 in", "two in floods in", "14 at the".
_OWN_PLACE_GAP_RE = re.compile(r"\s*(?:[a-z]+\s+){0,2}?(?:in|at|on)\s+(?:[a-z]+\s+){0,2}?$", re.IGNORECASE)


_AND_RE = re.compile(r"\band\b", re.IGNORECASE)
#: Words that open a breakdown of a figure into parts: "including 95 in X", "among them 3 in Y", "of whom".
_PART_RE = re.compile(r"\b(?:includ\w*|among|of whom|of them)\b", re.IGNORECASE)


def _owned_by_other(text: str, f: Figure, p: Place, figures: list[Figure]) -> bool:
    """Whether place ``p`` (after ``f``) is the place of another figure right before it ("including 137 in X")."""
    for g in figures:
        if g is f or g.via == "strike" or not (f.end <= g.start and g.end <= p.start):
            continue
        nearest = not any(h is not f and h is not g and f.end <= h.start < g.start for h in figures)
        joined = _AND_RE.search(text, f.end, g.start) is not None
        if nearest and joined and _PART_RE.search(text, f.end, g.start) is None:
            continue  # "killed seven people and injured 48 at X": two figures of one clause, one place
        if p.start - g.end <= 30 and _OWN_PLACE_GAP_RE.fullmatch(text, g.end, p.start) is not None:
            return True
    return False


def _owned_before(text: str, f: Figure, p: Place, figures: list[Figure]) -> bool:
    """Whether place ``p`` (before ``f``) is the own place of another figure right before it ("17 in X")."""
    return any(
        g is not f
        and g.via != "strike"
        and g.end <= p.start
        and p.end <= f.start
        and p.start - g.end <= 30
        and _OWN_PLACE_GAP_RE.fullmatch(text, g.end, p.start) is not None
        for g in figures
    )


_LIST_GAP_RE = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?"
    r"(?:(?:[a-z-]+\s+)?(?:city|town|village|port|province|region)\s+of\s+)?",  # "Sanaa and the port city of Hodeidah"
    re.IGNORECASE,
)
_PLURAL_REGION_RE = re.compile(r"\s+(?:regions|oblasts|provinces|governorates|districts)\b", re.IGNORECASE)


def listed_places(text: str, places: list[Place]) -> set[Place]:
    """Places named in a list ("Kyiv, Odesa and Mykolaiv", "the Sumy and Chernihiv regions")."""
    out: set[Place] = set()
    for a, b in pairwise(places):
        if b.kind in ("region", "country") and (b.region_code or b.country) in (
            a.region_code,
            a.country,
            parents().get(a.region_code or ""),
        ):
            continue  # "Kazan, Tatarstan", "Birmingham, England": a town and the region it lies in
        m = _LIST_GAP_RE.match(text, a.end)
        if m is not None and m.end() == b.start:
            out.add(a)
            out.add(b)
    for p in places:
        if _PLURAL_REGION_RE.match(text, p.end):
            out.add(p)
    return out


#: Claimants who speak from the scene: their place is where it happened ("villagers in X said").
_LOCAL_WITNESSES = frozenset(
    words("villagers villager residents resident witnesses eyewitnesses locals survivors inhabitants")
    | words("doctors doctor medics paramedics nurses")
)


#: Services that count the dead and wounded where they are brought: their place is where it happened
#: ("Hargeisa ambulance service chief Yusuf Dahir said", "a nurse at the central hospital in Sirte said").
_SCENE_SERVICES = frozenset(words("ambulance ambulances hospital hospitals morgue mortuary"))


def _local_witness(a: Attribution) -> bool:
    first = (a.claimant or "").split(" ", 1)[0].lower()
    return first in _LOCAL_WITNESSES or (
        first in ("local", "the") and (a.claimant or "").lower().split()[-1:] == ["residents"]
    )


_SERVICE = "|".join(sorted(_SCENE_SERVICES))


def _service_place(a: Attribution, p: Place) -> bool:
    """Whether ``p`` is the place of a service in the claimant that counts the casualties where they are
    brought: "Mogadishu ambulance service", "Mogadishu's main hospital", "the hospital in Misrata"; not
    another place in the claimant ("... chief Hodan Farah": a surname, whatever province is called so)."""
    claimant = a.claimant or ""
    if not p.text or not any(w in _SCENE_SERVICES for w in claimant.lower().split()):
        return False
    name = re.escape(p.text)
    return (
        re.search(rf"\b{name}(?:['’]s)?\s+(?:(?:main|central|city|general)\s+)?(?:{_SERVICE})\b", claimant, re.I)
        is not None
        or re.search(rf"\b(?:{_SERVICE})(?:\s+service)?\s+(?:in|at|of)\s+(?:the\s+)?{name}\b", claimant, re.I)
        is not None
    )


def event_places(sent: Sentence) -> list[Place]:
    """The sentence's places outside its attribution ("the governor of the Kursk region said"), but for
    the places of witnesses on the scene ("villagers in Hajjah province said") and of the services that
    count the casualties ("Hargeisa ambulance service chief Yusuf Dahir said")."""
    a = sent.attribution
    if a is None or _local_witness(a):
        return sent.places
    return [p for p in sent.places if not a.covers(p.start, p.end) or _service_place(a, p)]


def names_a_place(groups: list[list[Place]]) -> bool:
    return any(p.kind not in ("country", "mention") for g in groups for p in g)


def entry_place(groups: list[list[Place]], scenes: Sequence[list[Place]] = (), text: str = "") -> Place | None:
    """The entry's place when it names exactly one region (or one place) below country level.

    None when one of ``scenes`` (the places of the figures' own sentences, headline aside) is a country alone.

    Places whose region is unknown (a town several regions share) do not stand
    against a region the entry names elsewhere ("in La Presa ..., Baja California").
    """
    found: Place | None = None
    unregioned: Place | None = None
    # A figure's sentence that places its events in a country only ("the death toll in Nepal"): the entry
    # speaks of the whole country too, and a figure that names no place is no town's.
    national = any(
        g and all(p.kind in ("country", "mention") for p in g) and any(_whole_country(text, p) for p in g)
        for g in scenes
    )
    for places in groups:
        for p in places:
            if p.kind in ("country", "mention") or part_only(text, p):
                continue
            if p.region_code is None:
                if unregioned is not None and p.text != unregioned.text:
                    unregioned = p if unregioned.country == p.country else Place(0, 0, "", None, "", "mention")
                elif unregioned is None:
                    unregioned = p
                continue
            if found is None:
                found = p
            elif p.region_code != found.region_code:
                up = parents()
                if up.get(p.region_code) == found.region_code:
                    found = p  # "Lilongwe (Lilongwe, Central)": the district inside the region named too
                elif up.get(found.region_code or "") != p.region_code:
                    return None
    if national:
        return None
    if found is not None:
        return found if unregioned is None or unregioned.country in ("", found.country) else None
    return unregioned if unregioned is not None and unregioned.kind != "mention" else None


#: A compass word before a country's name: a part of it ("in north-western Pakistan"), not the whole.
_PART_OF_COUNTRY_RE = re.compile(
    r"\b(?:(?:north|south)[- ]?)?(?:north|south|east|west)(?:ern)?\s*$|\b(?:central|middle)\s*$", re.IGNORECASE
)


def _whole_country(text: str, p: Place) -> bool:
    return p.kind == "country" and _PART_OF_COUNTRY_RE.search(text, max(0, p.start - 20), p.start) is None


def entry_country(named: list[str], groups: list[list[Place]]) -> str | None:
    """The country a figure with no place of its own lies in: the one country the entry names, or else
    the one country its figures' sentences and headline place events in ("killed six in southwestern
    Nepal", while "Agence France-Presse" or "rival Eritrea" is no scene). None when that is not one country.
    """
    if len(named) == 1:
        return named[0]
    scenes = {p.country for g in groups for p in g if p.kind != "mention" and p.country}
    if len(scenes) == 1 and (not named or next(iter(scenes)) in named):
        return scenes.pop()
    return None


#: After a place: the part of a wider count ("the toll in the Khyber Pakhtunkhwa province alone").
_ALONE_RE = re.compile(r"\s*(?:province|region|state|district|city)?\s*alone\b", re.IGNORECASE)


def part_only(text: str, p: Place) -> bool:
    """Whether ``p`` is named as one part of a wider count ("in Nepal alone"): no place of the entry's figures."""
    return bool(text) and _ALONE_RE.match(text, p.end) is not None
