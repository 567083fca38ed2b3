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

from schemas.facts import CASUALTY_METRICS, Fact
from streams.extract import lexicon as lx
from streams.extract.attribution import Attribution, find_attribution
from streams.extract.context import StrikeContext, find_strike
from streams.extract.gazetteer import Place, gazetteer, is_war_text
from streams.extract.metrics import Figure, find_figures
from streams.extract.numbers import NUMBER_WORDS, VAGUE, find_numbers
from streams.extract.period import sentence_is_cumulative, toll_is_regional
from streams.extract.places import find_places
from streams.extract.sentences import split_sentences
from streams.extract.tokens import Token, tokenize
from streams.extract.version import EXTRACTOR_VERSION

#: Text beyond this many characters is not read (keeps every entry's time bounded).
MAX_ENTRY_CHARS = 200_000

_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[a-z]+")
#: Words that make a sentence worth tokenising (besides any digit).
_TRIGGER_WORDS = frozenset(NUMBER_WORDS | VAGUE.keys() | lx.PERSON_SINGULAR) | {
    "tens", "few", "no", "nobody", "none", "without", "hit", "fell", "shelled", "shelling",
}  # fmt: skip
_TRIGGER_STEMS = ("strik", "attack", "shell", "struck", "bomb", "raid", "barrage")
_SAY_WORDS = frozenset(
    {"said", "says", "told", "according", "cited", "quoted", "citing", "quoting", "reported", "claimed"}
)


def _triggers(chunk: str) -> tuple[bool, bool]:
    """(worth extracting, has a speech verb) for one sentence, without tokenising it."""
    low = chunk.lower()
    ws = set(_WORD_RE.findall(low))
    has_say = not ws.isdisjoint(_SAY_WORDS)
    if _DIGIT_RE.search(chunk) is not None or not ws.isdisjoint(_TRIGGER_WORDS):
        return True, has_say
    return any(stem in low for stem in _TRIGGER_STEMS), has_say


_CONTEXT_METRICS = CASUALTY_METRICS | {"strikes"}


class _Sentence:
    __slots__ = ("attribution", "facts_at", "places", "start", "strike", "toks")

    def __init__(self, start: int, toks: list[Token]) -> None:
        self.start = start
        self.toks = toks
        self.places: list[Place] = []
        self.attribution: Attribution | None = None
        self.strike: StrikeContext | None = None


def extract_text(text: str) -> list[Fact]:
    """Facts of an entry text (as made by ``schemas.facts.entry_text``), ordered by span start."""
    text = text[:MAX_ENTRY_CHARS]
    war = is_war_text(text.lower())
    pending: list[tuple[Figure, _Sentence, bool]] = []
    headline_places: list[Place] | None = None
    last_claimant: str | None = None
    last_figure: Figure | None = None
    for n_sent, (s, e) in enumerate(split_sentences(text)):
        chunk = text[s:e]
        triggered, has_say = _triggers(chunk)
        if not triggered:
            if has_say:
                a = find_attribution(text, tokenize(text, s, e))
                if a is not None and a.claimant:
                    last_claimant = a.claimant
            if n_sent == 0:
                headline_places = find_places(text, tokenize(text, s, e), gazetteer(), war)
            continue
        toks = tokenize(text, s, e)
        sent = _Sentence(s, toks)
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
        if n_sent == 0 or figures or strike is not None:
            sent.places = find_places(text, toks, gazetteer(), war)
            if n_sent == 0:
                headline_places = sent.places
        if not figures and strike is None:
            continue
        if strike is not None and not any(f.metric == "strikes" for f in figures):
            figures.append(_strike_figure(strike))
        sent.strike = strike
        cumulative = sentence_is_cumulative(toks)
        for f in figures:
            regional = f.via == "toll" and toll_is_regional(toks, f.tok_i)
            pending.append((f, sent, cumulative or regional))
    return _finish(pending, headline_places or [])


def _strike_figure(st: StrikeContext) -> Figure:
    return Figure("strikes", None, 1, None, "exact", st.start, st.end, None, None, st.tok_i, st.tok_i + 1, "strike")


def _finish(pending: list[tuple[Figure, _Sentence, bool]], headline: list[Place]) -> list[Fact]:
    fallback = _entry_place([sent.places for _, sent, _ in pending] + [headline])
    facts: list[Fact] = []
    strike_at: dict[str | None, int] = {}
    for f, sent, cumulative in pending:
        place = _place_for(f, sent) or fallback
        st = sent.strike if f.metric in _CONTEXT_METRICS else None
        if f.via == "strike":
            key = (place.region_code or place.text.lower()) if place else None
            if key in strike_at:
                # One raid on one region reported twice in an entry is one strike;
                # the later wording may name the weapon or target the first did not.
                k = strike_at[key]
                first = facts[k]
                if st is not None:
                    facts[k] = first.model_copy(
                        update={
                            "weapon": first.weapon or st.weapon,
                            "target": first.target or st.target,
                            "actor": first.actor or st.actor,
                        }
                    )
                continue
            strike_at[key] = len(facts)
        a = sent.attribution
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
                region_code=place.region_code if place else None,
                country=place.country if place else None,
                claimant=a.claimant if a else None,
                relay=a.relay if a else None,
                weapon=st.weapon if st else None,
                target=st.target if st else None,
                actor=st.actor if st else None,
                span=(f.start, f.end),
                extractor_version=EXTRACTOR_VERSION,
            )
        )
    facts.sort(key=lambda x: (x.span or (0, 0), x.metric))
    return facts


def _place_for(f: Figure, sent: _Sentence) -> Place | None:
    a = sent.attribution
    best: tuple[tuple[int, int, int], Place] | None = None
    for p in sent.places:
        inside_attr = a is not None and a.start <= p.start and p.end <= a.end
        if inside_attr and p.kind == "country":
            continue  # "Ukraine's air force said": the claimant's country is no event place
        rank = (
            1 if inside_attr else 0,
            1 if p.kind == "country" else 0,
            (p.start - f.end) if p.start >= f.end else (f.start - p.end) * 2,
        )
        if best is None or rank < best[0]:
            best = (rank, p)
    return best[1] if best else None


def _entry_place(groups: list[list[Place]]) -> Place | None:
    """The entry's place when it names exactly one region (or one place) below country level."""
    found: Place | None = None
    for places in groups:
        for p in places:
            if p.kind == "country":
                continue
            if found is None:
                found = p
            elif (p.region_code or p.text) != (found.region_code or found.text):
                return None
    return found
