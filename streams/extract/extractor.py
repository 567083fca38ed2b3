"""Orchestration: entry text -> facts, one sentence at a time.

Each sentence goes through numbers -> metrics -> (strike context, places,
attribution). Sentences with no trigger (no digit, number word, vague
quantity, zero word or strike word) are skipped before tokenising, and an
entry with no trigger anywhere returns before it is even split into
sentences, which keeps throughput high on boilerplate. The headline's places
are only looked up when the entry has figures.

At the end, one fact is kept per distinct figure: a headline restated in the
body keeps the headline's span and takes the body's qualifier, subject,
claimant and place (``merge.merge_repeats``). Work per entry is bounded: at most
``MAX_ENTRY_CHARS`` characters are read and every window inside a sentence
is bounded, so the time per entry is linear and capped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from schemas.facts import CASUALTY_METRICS, INTERCEPTION_METRICS, Fact
from streams.extract import lexicon as lx
from streams.extract.attribution import _ATTRIBUTION_WORDS, find_attribution
from streams.extract.claimants import claimant_ids, stands_for
from streams.extract.context import StrikeContext, air_actor, find_strike
from streams.extract.coreference import titled_names
from streams.extract.cues import Figure
from streams.extract.custody import jail_counts
from streams.extract.entry_countries import entry_countries
from streams.extract.gazetteer import Gazetteer, Place, gazetteer, is_war_text, normalize
from streams.extract.hashtags import with_tag_places
from streams.extract.merge import merge_repeats
from streams.extract.metrics import find_figures
from streams.extract.narrative import NARROWED, Narrative, narrows
from streams.extract.numbers import find_numbers
from streams.extract.others import adds_to_earlier, running_sums
from streams.extract.period import figure_is_cumulative, is_nationwide, sentence_is_cumulative, toll_is_regional
from streams.extract.places import find_places
from streams.extract.placing import (
    Sentence,
    entry_country,
    entry_place,
    event_places,
    listed_places,
    names_a_place,
    place_for,
    whole_of_parts,
)
from streams.extract.scenes import in_listed_places, listed_after, off_scene
from streams.extract.sentences import split_sentences
from streams.extract.sums import coordinated_totals
from streams.extract.tokens import tokenize
from streams.extract.trail import SourceTrail
from streams.extract.version import EXTRACTOR_VERSION

#: Text beyond this many characters is not read (keeps every entry's time bounded).
MAX_ENTRY_CHARS = 200_000
#: Claimant coreference compares every pair; above this many distinct claimants it is skipped.
MAX_CLAIMANTS = 64
#: Sentences without figures whose places are read for the entry's place (bounds the extra work).
MAX_QUIET_SENTENCES = 16

_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[a-z]+")
#: Words that make a sentence worth tokenising (besides any digit): every stage's trigger
#: words, derived in the lexicon from the stages' own vocabularies (never typed here).
_TRIGGER_WORDS: frozenset[str] = lx.PREFILTER_WORDS
#: A wire-service dateline opening the body: "KYIV, Nov 21 (Reuters) -", "BEIRUT, Lebanon (AP) —".
#: The city is where the story was filed, not where the figures happened, and the
#: agency carries every claim of the story. Bounded quantifiers: linear time.
_DATELINE_RE = re.compile(
    r"[A-Z][A-Za-z.'’ -]{1,40}?(?:,[^\n()]{1,40}?)?\s*"
    r"\((Reuters|AP|AFP|Associated Press|Bloomberg|Xinhua|Anadolu)\)\s*[-–—]"
)
_DATELINE_OUTLETS = {"AP": "Associated Press"}
#: Words that make a sentence worth an attribution look: the attribution stage's own gate
#: (attribution.py keeps it private; it belongs in the lexicon once attribution.py imports it from there).
_SAY_WORDS: frozenset[str] = _ATTRIBUTION_WORDS


def _triggers(low: str) -> tuple[bool, bool]:
    """(worth extracting, may have a speech verb) for one lowercased sentence, without tokenising it.

    A digit settles it at C speed; the attribution stage then rejects sentences
    without a speech verb by itself, so "may have" is enough. Otherwise two set
    tests over the sentence's ASCII words: every trigger word is one such word.
    """
    if _DIGIT_RE.search(low) is not None:
        return True, True
    ws = _WORD_RE.findall(low)
    return not _TRIGGER_WORDS.isdisjoint(ws), not _SAY_WORDS.isdisjoint(ws)


_CONTEXT_METRICS = CASUALTY_METRICS | {"strikes"}


def extract_text(text: str) -> list[Fact]:
    """Facts of an entry text (as made by ``schemas.facts.entry_text``), ordered by span start."""
    text = text[:MAX_ENTRY_CHARS]
    low_text = text.lower()
    if not _triggers(low_text)[0]:
        return []  # no sentence can yield a figure: skip splitting and tokenising altogether
    war = is_war_text(low_text)
    dateline = _dateline(text)
    same_len = len(low_text) == len(text)  # lowercasing can change lengths ("İ"): offsets then differ
    pending: list[tuple[Figure, Sentence, bool]] = []
    adds: list[bool] = []  # per pending figure: whether it counts dead on top of those before ("two others")
    claimants: list[str] = []
    headline_places: list[Place] | None = None
    headline_span: tuple[int, int] | None = None
    trail = SourceTrail(text)  # pronouns and open tweets: what each sentence's source refers back to
    last_figure: Figure | None = None
    countries: frozenset[str] | None = None  # the countries the entry names; found once, when first needed
    quiet: list[tuple[int, int]] = []  # sentences without figures: their places may be the entry's place
    for n_sent, (s, e) in enumerate(split_sentences(text)):
        triggered, has_say = _triggers(low_text[s:e] if same_len else text[s:e].lower())
        has_say = has_say or "@" in text[s:e] or ":" in text[s:e]  # a tweet's author or a colon quote may go on
        if not triggered:
            if has_say:
                a = trail.follow(find_attribution(text, tokenize(text, s, e)), n_sent)
                if a is not None and a.claimant:
                    claimants.append(a.claimant)
            if n_sent == 0:
                headline_span = (s, e)  # its places are needed only if the entry has figures
            elif len(quiet) < MAX_QUIET_SENTENCES:
                quiet.append((s, e))
            continue
        toks = tokenize(text, s, e)
        # A recap bullet ("- Three killed in strike on Sumy") abridges like a headline does.
        sent = Sentence(s, toks, (n_sent == 0 and text.startswith("\n\n", e)) or _is_bullet(text, s))
        figures = jail_counts(toks, find_figures(toks, find_numbers(toks), last_figure))  # a jail's inmates
        n_own = len(figures)  # the figures as written; coordinated totals follow them
        if figures:
            last_figure = figures[-1]
            if len(figures) > 1:
                figures.extend(coordinated_totals(toks, figures))  # "two women and three children": five
        strike = find_strike(toks)
        found = find_attribution(text, toks) if has_say or figures or strike is not None else None
        sent.attribution = trail.follow(found, n_sent)
        if sent.attribution is not None and sent.attribution.claimant:
            claimants.append(sent.attribution.claimant)
        if not figures and strike is None:
            if n_sent == 0:
                headline_span = (s, e)
            elif len(quiet) < MAX_QUIET_SENTENCES:
                quiet.append((s, e))
            continue
        if countries is None:
            countries = entry_countries(text, gazetteer())
        sent.places = off_scene(text, find_places(text, toks, gazetteer(), war, countries))
        sent.places = with_tag_places(text, toks, sent.places, gazetteer(), war, countries)  # "# peshawarattack"
        if dateline is not None and s < dateline[1]:
            sent.places = [p for p in sent.places if not dateline[0] <= p.start < dateline[1]]
        if n_sent == 0:
            headline_places = event_places(sent)
        if strike is not None and not any(f.metric == "strikes" for f in figures):
            figures.append(_strike_figure(strike))
        sent.strike = strike
        sent.figures = figures
        sent.listed = listed_places(text, sent.places)
        cumulative = sentence_is_cumulative(toks)
        for n_fig, f in enumerate(figures):
            regional = f.via == "toll" and toll_is_regional(toks, f.tok_i)
            national = f.metric in CASUALTY_METRICS and is_nationwide(toks, f.tok_i, f.tok_j, _is_country)
            pending.append((f, sent, figure_is_cumulative(toks, f.tok_i, cumulative) or regional or national))
            adds.append(
                n_fig < n_own and f.metric == "killed" and adds_to_earlier(toks, f, [p.start for p in sent.places])
            )
    if not pending:
        return []
    if any(adds):
        pending.extend(running_sums(pending, adds))  # "three were killed ... two others died": five
    if headline_places is None and headline_span is not None:
        htoks = tokenize(text, *headline_span)
        head = Sentence(headline_span[0], htoks)
        head.places = find_places(text, htoks, gazetteer(), war, countries or frozenset())
        head.attribution = find_attribution(text, htoks)
        headline_places = event_places(head)
    # A nationality ("Israeli strike", "Afghan forces") names who acted as often as where: never a country.
    named = [c for c in countries or () if len(c) == 2]
    only_country = entry_country(named, [event_places(sent) for _, sent, _ in pending] + [headline_places or []])
    known = countries or frozenset()
    elsewhere: list[list[Place]] = []
    if quiet and not names_a_place([event_places(sent) for _, sent, _ in pending] + [headline_places or []]):
        # Sentences without figures are read only when the figures' own sentences name no place at all.
        elsewhere = [
            [
                p
                for p in off_scene(text, find_places(text, tokenize(text, s, e), gazetteer(), war, known))
                if p.kind != "mention"
            ]
            for s, e in quiet
        ]
    return _finish(
        text, pending, headline_places or [], claimants, dateline[2] if dateline else None, only_country, elsewhere
    )


def _is_country(word: str) -> bool:
    """ "across Syria": a country's name (the gazetteer's list of countries)."""
    return normalize(word) in gazetteer().countries


def _is_bullet(text: str, s: int) -> bool:
    """Whether the sentence at ``s`` is a list item of its own line ("- ...", "• ...")."""
    return text.startswith(_BULLETS, s) and (s == 0 or text[s - 1] == "\n")


_BULLETS = ("- ", "• ", "* ", "▪ ", "► ", "– ")


def _dateline(text: str) -> tuple[int, int, str] | None:
    """The span and agency of a wire dateline at the start of the body (or of a title-less entry)."""
    m = _DATELINE_RE.match(text)
    if m is None:
        head = text.find("\n\n", 0, 400)
        if head < 0:
            return None
        m = _DATELINE_RE.match(text, head + 2)
    if m is None:
        return None
    return m.start(), m.end(), _DATELINE_OUTLETS.get(m.group(1), m.group(1))


def _strike_figure(st: StrikeContext) -> Figure:
    return Figure("strikes", None, 1, None, "exact", st.start, st.end, None, None, st.tok_i, st.tok_i + 1, "strike")


def _finish(
    text: str,
    pending: list[tuple[Figure, Sentence, bool]],
    headline: list[Place],
    claimants: list[str],
    wire: str | None = None,
    only_country: str | None = None,
    elsewhere: list[list[Place]] | None = None,
) -> list[Fact]:
    sentences = list({id(sent): sent for _, sent, _ in pending}.values())
    scenes = [event_places(sent) for sent in sentences]
    # A toll or running total placed in a country alone ("the death toll in Nepal") is a country-wide count.
    tolls = [event_places(sent) for f, sent, cum in pending if not sent.headline and (cum or f.via == "toll")]
    fallback = entry_place(elsewhere or [*scenes, headline], tolls, text)
    full = _coreference(claimants + titled_names(text, claimants))  # "Van Leeuw" after "prosecutor Frederic Van Leeuw"
    gaz = gazetteer()
    # "Russia says ..." or "Moscow claims ..." in a headline: the body's ministry or official is the fuller source.
    said = (s.attribution.claimant for s in sentences if s.attribution is not None and s.attribution.claimant)
    only = _only(c for c in (_full(full, c) for c in said) if c and not _place_name(c, gaz))
    only_relay = _only(s.attribution.relay for s in sentences if s.attribution is not None and s.attribution.relay)
    rows: list[_Row] = []  # fact fields, merged as plain dicts; each Fact is validated once at the end
    heads: list[bool] = []  # whether each row comes from the headline
    strike_at: dict[str | None, int] = {}
    own = [place_for(f, sent, text) for f, sent, _ in pending]
    # Figures the entry's one place carries itself: a country-level figure of that metric is then another one.
    held = {f.metric for (f, _, _), p in zip(pending, own, strict=True) if p is not None and p == fallback}
    thread = Narrative()
    for (f, sent, cumulative), mine in zip(pending, own, strict=True):
        listed = in_listed_places(text, sent)  # "in the Oromia and Amhara regions": in several, no one place
        lone = listed or listed_after(text, f, sent) or f.metric in _AIR or whole_of_parts(f, sent, text)
        place = (None if listed else mine) or (None if lone else fallback)
        place = thread.place(place, sent, lone=lone, cumulative=cumulative)  # 'Another 40 were wounded.'
        if not cumulative and f.metric in NARROWED and f.metric not in held and narrows(text, place, fallback):
            place = fallback  # "seven were killed in southern Lebanon", the entry naming one place in Lebanon
        st = sent.strike if f.metric in _CONTEXT_METRICS else None
        a = sent.attribution.at(f.start) if sent.attribution is not None else None  # a tweet's figure: its author's
        if f.via == "strike":
            key = (place.region_code or place.text.lower()) if place else None
            if key in strike_at:
                # One raid on one region reported twice in an entry is one strike;
                # the later wording may name the weapon, target or source the first did not.
                first = rows[strike_at[key]]
                for name, value in (
                    ("weapon", st.weapon if st else None),
                    ("target", st.target if st else None),
                    ("actor", st.actor if st else None),
                    ("claimant", _full(full, a.claimant) if a is not None else None),
                    ("relay", a.relay if a is not None else None),
                ):
                    if first[name] is None:
                        first[name] = value
                continue
            strike_at[key] = len(rows)
        claimant = _full(full, a.claimant) if a is not None else None
        relay = (a.relay if a is not None else None) or wire
        if sent.headline and (a is None or (a.claimant is None and a.relay is None)):
            # A headline takes its source from the body when the body names one.
            claimant, relay = only, only_relay or wire
        elif sent.headline and claimant is not None and only is not None and _place_name(claimant, gaz):
            claimant = only
        if claimant is None and relay is not None and relay != wire:
            claimant, relay = relay, None  # "..., AP reports" naming no source: the outlet's own claim
        rows.append(
            {
                "metric": f.metric,
                "low": f.low,
                "best": f.best,
                "high": f.high,
                "qualifier": f.qualifier,
                "per": f.per,
                "cumulative": cumulative,
                "subject": f.subject,
                "place": place.text if place else None,
                "region_code": place.region_code if place else None,
                # A figure with no place of its own lies in the entry's country when the entry names one only.
                "country": place.country if place else (None if f.metric in INTERCEPTION_METRICS else only_country),
                "claimant": claimant,
                "relay": relay,
                "weapon": st.weapon if st else _AIR_WEAPONS.get(f.metric),
                "target": st.target if st else None,
                "actor": st.actor if st else (air_actor(sent.toks, f.tok_i, f.tok_j) if f.metric in _AIR else None),
                "span": (f.start, f.end),
                "extractor_version": EXTRACTOR_VERSION,
            }
        )
        heads.append(sent.headline)
    _one_launcher(rows)
    merged = merge_repeats(rows, heads)
    _claimant_ids(merged, claimants)
    facts = [Fact.model_validate(r) for r in merged]
    facts.sort(key=lambda x: (x.span or (0, 0), x.metric))
    return facts


_Row = dict[str, Any]
_AIR = INTERCEPTION_METRICS
_AIR_WEAPONS = {"drones_launched": "drone", "drones_downed": "drone", "missiles_launched": "missile",
                "missiles_downed": "missile"}  # fmt: skip


def _one_launcher(rows: list[_Row]) -> None:
    """Air-defence figures of an entry that name one launching side share it ("shot down 60 of them")."""
    actor = _only(r["actor"] for r in rows if r["metric"] in _AIR and r["actor"])
    if actor is not None:
        for r in rows:
            if r["metric"] in _AIR and r["actor"] is None:
                r["actor"] = actor


def _place_name(claimant: str, gaz: Gazetteer) -> bool:
    """A claimant that is only a country or capital ("Russia", "Kyiv"): metonymy for its government."""
    key = normalize(claimant)
    return key in gaz.countries or (" " not in key and key in gaz.names)


def _full(full: dict[str, str], claimant: str | None) -> str | None:
    return full.get(claimant, claimant) if claimant else None


def _coreference(claimants: list[str]) -> dict[str, str]:
    """Short mentions to the fullest one in the entry: "Fedorov" -> "governor Ivan Fedorov".

    A body named in full but for its country ("the air force" beside "Ukraine's air force")
    stays as written; its claimant id joins the two.
    """
    out: dict[str, str] = {}
    distinct = list(dict.fromkeys(claimants))
    if len(distinct) > MAX_CLAIMANTS:
        return {c: c for c in distinct}  # pathological input: keep the work bounded
    sets = [(c, set(c.lower().split())) for c in distinct]
    for c, ws in sets:
        best = c
        for other, ows in sets:
            if len(ows) > len(best.split()) and ws < ows and stands_for(c, other):
                best = other
        out[c] = best
    return out


def _claimant_ids(rows: list[_Row], mentions: list[str]) -> None:
    """Give every row its claimant's canonical id (``streams.extract.claimants``), from the whole entry."""
    named = [r["claimant"] for r in rows if r["claimant"]]
    if not named:
        return
    ids = claimant_ids(mentions[:MAX_CLAIMANTS] + named, [r["country"] for r in rows])
    for r in rows:
        r["claimant_id"] = ids.get(r["claimant"]) or None if r["claimant"] else None


def _only(values: Iterable[str]) -> str | None:
    """The single distinct value, or None when there are none or several."""
    distinct = {v.lower(): v for v in values}
    return next(iter(distinct.values())) if len(distinct) == 1 else None
