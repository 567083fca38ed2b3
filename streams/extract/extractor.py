"""Orchestration: entry text -> facts, one sentence at a time.

Each sentence goes through numbers -> metrics -> (strike context, places,
attribution). Sentences with no trigger (no digit, number word, vague
quantity, zero word or strike word) are skipped before tokenising, which
keeps throughput high on boilerplate. Work per entry is bounded: at most
``MAX_ENTRY_CHARS`` characters are read and every window inside a sentence
is bounded, so the time per entry is linear and capped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas.facts import CASUALTY_METRICS, INTERCEPTION_METRICS, Fact
from streams.extract import lexicon as lx
from streams.extract.attribution import Attribution, find_attribution
from streams.extract.context import StrikeContext, find_strike
from streams.extract.cues import Figure
from streams.extract.gazetteer import Place, gazetteer, is_war_text, normalize
from streams.extract.metrics import find_figures
from streams.extract.numbers import NUMBER_WORDS, VAGUE, find_numbers
from streams.extract.period import sentence_is_cumulative, toll_is_regional
from streams.extract.places import find_places
from streams.extract.sentences import split_sentences
from streams.extract.tokens import Token, tokenize
from streams.extract.version import EXTRACTOR_VERSION

#: Text beyond this many characters is not read (keeps every entry's time bounded).
MAX_ENTRY_CHARS = 200_000
#: Claimant coreference compares every pair; above this many distinct claimants it is skipped.
MAX_CLAIMANTS = 64

_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[a-z]+")
#: Words that make a sentence worth tokenising (besides any digit).
_TRIGGER_WORDS = frozenset(NUMBER_WORDS | VAGUE.keys() | lx.PERSON_SINGULAR) | {
    "tens", "few", "no", "nobody", "none", "without", "hit", "fell", "shelled", "shelling",
    "drone", "missile", "rocket", "uav", "shahed",
}  # fmt: skip
_TRIGGER_STEMS = ("strik", "attack", "shell", "struck", "bomb", "raid", "barrage")
_SAY_WORDS = frozenset(
    {"said", "says", "told", "according", "cited", "quoted", "citing", "quoting", "reported", "claimed"}
)


def _triggers(low: str) -> tuple[bool, bool]:
    """(worth extracting, has a speech verb) for one lowercased sentence, without tokenising it."""
    ws = _WORD_RE.findall(low)
    has_say = not _SAY_WORDS.isdisjoint(ws)
    if _DIGIT_RE.search(low) is not None or not _TRIGGER_WORDS.isdisjoint(ws):
        return True, has_say
    return _has_stem(low), has_say


def _has_stem(low: str) -> bool:
    return (
        "strik" in low or "attack" in low or "shell" in low or "struck" in low
        or "bomb" in low or "raid" in low or "barrage" in low
    )  # fmt: skip


_CONTEXT_METRICS = CASUALTY_METRICS | {"strikes"}


class _Sentence:
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


def extract_text(text: str) -> list[Fact]:
    """Facts of an entry text (as made by ``schemas.facts.entry_text``), ordered by span start."""
    text = text[:MAX_ENTRY_CHARS]
    low_text = text.lower()
    if not _triggers(low_text)[0]:
        return []  # no sentence can yield a figure: skip splitting and tokenising altogether
    war = is_war_text(low_text)
    same_len = len(low_text) == len(text)  # lowercasing can change lengths ("İ"): offsets then differ
    pending: list[tuple[Figure, _Sentence, bool]] = []
    claimants: list[str] = []
    headline_places: list[Place] | None = None
    headline_span: tuple[int, int] | None = None
    last_claimant: str | None = None
    last_figure: Figure | None = None
    for n_sent, (s, e) in enumerate(split_sentences(text)):
        triggered, has_say = _triggers(low_text[s:e] if same_len else text[s:e].lower())
        if not triggered:
            if has_say:
                a = find_attribution(text, tokenize(text, s, e))
                if a is not None and a.claimant:
                    last_claimant = a.claimant
                    claimants.append(a.claimant)
            if n_sent == 0:
                headline_span = (s, e)  # its places are needed only if the entry has figures
            continue
        toks = tokenize(text, s, e)
        sent = _Sentence(s, toks, n_sent == 0 and text.startswith("\n\n", e))
        figures = find_figures(toks, find_numbers(toks), last_figure)
        if figures:
            last_figure = figures[-1]
        strike = find_strike(toks)
        if has_say or figures or strike is not None:
            sent.attribution = find_attribution(text, toks)
        if sent.attribution is not None:
            if sent.attribution.claimant is None and sent.attribution.pronoun and last_claimant:
                sent.attribution.claimant = last_claimant
            elif sent.attribution.claimant:
                last_claimant = sent.attribution.claimant
                claimants.append(last_claimant)
        if not figures and strike is None:
            if n_sent == 0:
                headline_span = (s, e)
            continue
        sent.places = find_places(text, toks, gazetteer(), war)
        if n_sent == 0:
            headline_places = sent.places
        if strike is not None and not any(f.metric == "strikes" for f in figures):
            figures.append(_strike_figure(strike))
        sent.strike = strike
        sent.figures = figures
        sent.listed = _listed_places(text, sent.places)
        cumulative = sentence_is_cumulative(toks)
        for f in figures:
            regional = f.via == "toll" and toll_is_regional(toks, f.tok_i)
            pending.append((f, sent, cumulative or regional))
    if not pending:
        return []
    if headline_places is None and headline_span is not None:
        headline_places = find_places(text, tokenize(text, *headline_span), gazetteer(), war)
    return _finish(text, pending, headline_places or [], claimants)


def _strike_figure(st: StrikeContext) -> Figure:
    return Figure("strikes", None, 1, None, "exact", st.start, st.end, None, None, st.tok_i, st.tok_i + 1, "strike")


def _finish(text: str, pending: list[tuple[Figure, _Sentence, bool]], headline: list[Place], claimants: list[str]) -> list[Fact]:
    fallback = _entry_place([sent.places for _, sent, _ in pending] + [headline])
    full = _coreference(claimants)
    countries = gazetteer().countries
    # "Russia says ..." in a headline: the body's ministry or official is the fuller source.
    only = _only(c for c in full.values() if normalize(c) not in countries)
    relays = [s.attribution.relay for _, s, _ in pending if s.attribution is not None and s.attribution.relay]
    only_relay = _only(relays)
    facts: list[Fact] = []
    strike_at: dict[str | None, int] = {}
    for f, sent, cumulative in pending:
        place = _place_for(f, sent, text) or (None if f.metric in INTERCEPTION_METRICS else fallback)
        st = sent.strike if f.metric in _CONTEXT_METRICS else None
        if f.via == "strike":
            key = (place.region_code or place.text.lower()) if place else None
            if key in strike_at:
                # One raid on one region reported twice in an entry is one strike;
                # the later wording may name the weapon or target the first did not.
                k = strike_at[key]
                first = facts[k]
                a = sent.attribution
                facts[k] = first.model_copy(
                    update={
                        "weapon": first.weapon or (st.weapon if st else None),
                        "target": first.target or (st.target if st else None),
                        "actor": first.actor or (st.actor if st else None),
                        "claimant": first.claimant or (_full(full, a.claimant) if a is not None else None),
                        "relay": first.relay or (a.relay if a is not None else None),
                    }
                )
                continue
            strike_at[key] = len(facts)
        a = sent.attribution
        claimant = _full(full, a.claimant) if a is not None else None
        relay = a.relay if a is not None else None
        if sent.headline and (a is None or (a.claimant is None and a.relay is None)):
            # A headline takes its source from the body when the body names one.
            claimant, relay = only, only_relay
        elif sent.headline and claimant is not None and only is not None and normalize(claimant) in countries:
            claimant = only
        facts.append(
            Fact(
                metric=f.metric,
                low=f.low,
                best=f.best,
                high=f.high,
                qualifier=f.qualifier,
                per=f.per,
                cumulative=cumulative,
                subject=f.subject,
                place=place.text if place else None,
                region_code=(place.region_code or place.country) if place else None,
                country=place.country if place else None,
                claimant=claimant,
                relay=relay,
                weapon=st.weapon if st else None,
                target=st.target if st else None,
                actor=st.actor if st else None,
                span=(f.start, f.end),
                extractor_version=EXTRACTOR_VERSION,
            )
        )
    facts = _merge_repeats(facts)
    facts.sort(key=lambda x: (x.span or (0, 0), x.metric))
    return facts


_GENERIC_SUBJECTS = frozenset({"people", "persons", "person"})


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def _same_figure(first: Fact, later: Fact) -> bool:
    """Whether ``later`` restates ``first`` (headline then body, or a recap in the same entry)."""
    if first.metric != later.metric or first.point != later.point:
        return False
    if (first.low, first.best, first.high) != (later.low, later.best, later.high) and first.qualifier != "exact":
        return False  # "3 killed" may be restated as "at least 3"; other differences are other figures
    if first.region_code is not None and later.region_code is not None and first.region_code != later.region_code:
        # "Lebanon" and "Tyre" may name one incident; "Kharkiv" and "Odesa" do not.
        if first.region_code not in (later.country, None) and later.region_code not in (first.country, None):
            return False
    if first.claimant and later.claimant and norm(first.claimant) != norm(later.claimant):
        return False  # claimants that each give the figure keep their own fact
    sa, sb = first.subject, later.subject
    if sa and sb and sa.lower() not in _GENERIC_SUBJECTS and sb.lower() not in _GENERIC_SUBJECTS:
        return sa.lower() == sb.lower()
    return _compatible(first.per, later.per)


def norm(s: str) -> str:
    """Comparison form of a claimant: lowercase words without a leading article."""
    ws = s.lower().split()
    return " ".join(ws[1:] if ws and ws[0] == "the" else ws)


def _merge_repeats(facts: list[Fact]) -> list[Fact]:
    """One fact per distinct figure: a restated figure keeps its first mention, filled in by the fuller one.

    A headline "Strike kills 3" over a body "at least three people were killed, the
    governor said" is one fact with the headline's span and the body's qualifier,
    subject, claimant and place (the first mention's values win where both have one).
    """
    out: list[Fact] = []
    for f in facts:
        if f.metric == "strikes" and f.best == 1 and f.low is None and f.high is None:
            out.append(f)  # single strikes are merged per region above
            continue
        k = next((i for i, g in enumerate(out) if _same_figure(g, f)), None)
        if k is None:
            out.append(f)
            continue
        g = out[k]
        update: dict[str, object] = {}
        if g.qualifier == "exact" and f.qualifier != "exact":
            update.update(low=f.low, best=f.best, high=f.high, qualifier=f.qualifier)
        for name in ("subject", "per", "claimant", "relay", "weapon", "target", "actor"):
            if getattr(g, name) is None and getattr(f, name) is not None:
                update[name] = getattr(f, name)
        if f.subject and g.subject and g.subject.lower() in _GENERIC_SUBJECTS:
            update["subject"] = f.subject
        if g.place is None and f.place is not None:
            update.update(place=f.place, region_code=f.region_code, country=f.country)
        if update:
            out[k] = g.model_copy(update=update)
    return out


def _full(full: dict[str, str], claimant: str | None) -> str | None:
    return full.get(claimant, claimant) if claimant else None


def _place_for(f: Figure, sent: _Sentence, text: str) -> Place | None:
    """The place the sentence attaches to this figure, if any.

    A place on the far side of another figure belongs to that one ("47 drones,
    including 19 over the Kursk region"), unless the figures are coordinated
    ("200 drones and 12 missiles at Ukraine"). A place inside a list of places
    ("over the Sumy and Chernihiv regions") is no single place. Interception
    figures take only a place after them with a preposition ("shot down over Kursk").
    """
    a = sent.attribution
    air = f.metric in INTERCEPTION_METRICS
    best: tuple[tuple[int, int, int, int], Place] | None = None
    for p in sent.places:
        if p.kind == "mention" or p in sent.listed:
            continue
        inside_attr = a is not None and a.start <= p.start and p.end <= a.end
        if inside_attr and p.kind == "country":
            continue  # "Ukraine's air force said": the claimant's country is no event place
        after = p.start >= f.end
        crossing = _crosses_figure(f, p, sent.figures)
        if air and (not after or crossing or _word_before(text, p.start) not in _AIR_PLACE_PREPS):
            continue
        rank = (
            1 if crossing else 0,
            1 if inside_attr else 0,
            1 if p.kind == "country" else 0,
            (p.start - f.end) if after else (f.start - p.end) * 2,
        )
        if best is None or rank < best[0]:
            best = (rank, p)
    return best[1] if best else None


_AIR_PLACE_PREPS = frozenset({"over", "above", "at", "on", "in", "near", "towards", "toward", "into", "across", "from"})
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[\s,]*(?:the\s+)?$")


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


_LIST_GAP_RE = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?", re.IGNORECASE)
_PLURAL_REGION_RE = re.compile(r"\s+(?:regions|oblasts|provinces|governorates|districts)\b", re.IGNORECASE)


def _listed_places(text: str, places: list[Place]) -> set[Place]:
    """Places named in a list ("Kyiv, Odesa and Mykolaiv", "the Sumy and Chernihiv regions")."""
    out: set[Place] = set()
    for a, b in zip(places, places[1:]):
        m = _LIST_GAP_RE.match(text, a.end)
        if m is not None and m.end() == b.start:
            out.add(a)
            out.add(b)
    for p in places:
        if _PLURAL_REGION_RE.match(text, p.end):
            out.add(p)
    return out


def _entry_place(groups: list[list[Place]]) -> Place | None:
    """The entry's place when it names exactly one region (or one place) below country level."""
    found: Place | None = None
    for places in groups:
        for p in places:
            if p.kind in ("country", "mention"):
                continue
            if found is None:
                found = p
            elif (p.region_code or p.text) != (found.region_code or found.text):
                return None
    return found


def _coreference(claimants: list[str]) -> dict[str, str]:
    """Short mentions to the fullest one in the entry: "Fedorov" -> "governor Ivan Fedorov"."""
    out: dict[str, str] = {}
    distinct = list(dict.fromkeys(claimants))
    if len(distinct) > MAX_CLAIMANTS:
        return {c: c for c in distinct}  # pathological input: keep the work bounded
    sets = [(c, set(c.lower().split())) for c in distinct]
    for c, ws in sets:
        best = c
        for other, ows in sets:
            if len(ows) > len(best.split()) and ws < ows:
                best = other
        out[c] = best
    return out


def _only(values: Iterable[str]) -> str | None:
    """The single distinct value, or None when there are none or several."""
    distinct = {v.lower(): v for v in values}
    return next(iter(distinct.values())) if len(distinct) == 1 else None
