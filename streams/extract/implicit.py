"""Explicit zeros and implicit ones: "no casualties", "nobody was hurt" (0), "a woman was killed" (1)."""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.asides import aside_cue, relative_fate
from streams.extract.companions import along_with, companions
from streams.extract.cues import AIR_FAMILIES, Figure, left_cue, right_cue, skip_to_cue
from streams.extract.definite import definite_one
from streams.extract.numbers import NumberMention
from streams.extract.shapes import bridge_to_cue, passive_cue, people_cue, to_death
from streams.extract.tokens import Token


def zeros_and_ones(toks: list[Token], mentions: list[NumberMention]) -> list[Figure]:
    """ "no casualties", "no one was killed" (0); "a woman was injured" (1)."""
    out: list[Figure] = []
    n = len(toks)
    taken = {k for m in mentions for k in range(m.i, m.j)}
    pair_end = 0  # "a man and a woman were hurt" is one count of two: its second "a" is no count of its own
    starts = _STARTS
    for i in [i for i, t in enumerate(toks) if t.low in starts]:  # the few tokens that can open one
        if i < pair_end:
            continue
        low = toks[i].low
        if low in lx.ZERO_WORDS and i not in taken and not _wished(toks, i):
            fig = _zero_at(toks, i)
            if fig is not None:
                out.append(fig)
        elif low in ("a", "an", "another") and i not in taken and i + 1 < n:
            fig = _nth_at(toks, i) or _one_at(toks, i) or _air_one_at(toks, i)
            if fig is not None:
                out.append(fig)
                pair_end = fig.tok_j if (fig.best or 0) >= 2 and fig.via != "rank" else 0
            else:
                out.extend(_fired_then_downed(toks, i))
        elif low == "the" and i + 3 < n and _pair_ahead(toks, i):
            fig = _one_at(toks, i, pair_only=True)  # "the officer and her daughter died"
            if fig is not None:
                out.append(fig)
                pair_end = fig.tok_j
        elif low == "the" and i + 3 < n and i not in taken and (fig := definite_one(toks, i)) is not None:
            out.append(fig)  # "the pilot was killed", "the suspect has been arrested"
    return out


_STARTS = lx.ZERO_WORDS | {"a", "an", "another", "the"}
#: Verbs of a wish before a zero: "I hope that no one was killed" reports nothing.
_WISH = frozenset({"hope", "hopes", "hoping", "hoped", "pray", "praying", "prayed", "wish", "wishing"})


def _wished(toks: list[Token], i: int) -> bool:
    """Whether the zero at ``i`` is hoped for: a verb of wishing (then "that") just before it."""
    p = i - 1 - (i >= 1 and toks[i - 1].low == "that")
    return p >= 0 and toks[p].low in _WISH


def _pair_ahead(toks: list[Token], i: int) -> bool:
    """A cheap look before "the": a single person within two words, then "and"."""
    return any(toks[k].low in lx.PERSON_SINGULAR and toks[k + 1].low == "and" for k in (i + 1, i + 2))


#: Nouns of an explicit zero: "no casualties", "no arrests were made".
_ZERO_NOUNS = frozenset({"casualties", "deaths", "injuries", "fatalities", "arrests"})


def _zero_at(toks: list[Token], i: int) -> Figure | None:
    n = len(toks)
    low = toks[i].low
    k = i + 1
    if low == "none" and k + 1 < n and toks[k].low == "of":
        return _none_of_air(toks, i)
    if low == "no" and k + 1 < n and toks[k].text == "-" and toks[k + 1].low == "one" and not toks[k].space_before:
        k += 1  # "no-one was injured"
    if low in ("no", "without"):
        if k + 2 < n and toks[k].low == "reports" and toks[k + 1].low == "of" and toks[k + 2].low in _ZERO_NOUNS:
            k += 2  # "there are no reports of deaths"
        if k < n and toks[k].low in ("one", "civilians", "people", "civilian"):
            k += 1
        elif (
            k + 1 < n
            and toks[k].low in ("reported", "civilian", "immediate")
            and toks[k + 1].low
            in (
                "casualties",
                "deaths",
                "injuries",
                "fatalities",
            )
        ):
            k += 1
            if toks[k - 1].low == "immediate":
                return None  # "no immediate reports" style uncertainty
        if k < n and toks[k].low in _ZERO_NOUNS:
            metric = lx.RIGHT_CUES[toks[k].low]
            return Figure(metric, None, 0, None, "exact", toks[i].start, toks[k].end, None, None, i, k + 1, "zero")
        if k == i + 1:
            return None
    cue_k = skip_to_cue(toks, k)
    if cue_k is None or (cue_k == k and low in ("no", "without") and not _bare_fate(toks, k)):
        return None
    cue = right_cue(toks, cue_k)
    if cue is None or cue in AIR_FAMILIES:
        return None
    if toks[cue_k].low == "hurt":
        cue = "casualties"  # "nobody was hurt": neither killed nor injured
    return Figure(cue, None, 0, None, "exact", toks[i].start, toks[k - 1].end, None, None, i, k, "zero")


#: Verbs of a fate that stand bare after "no one" / "no civilians": "no one died in the fire".
_BARE_FATES = frozenset({"died", "perished", "dead", "hurt", "injured", "wounded", "killed", "missing"})


def _bare_fate(toks: list[Token], c: int) -> bool:
    """ "no one died", "no civilians killed in the raid": a bare fate with nothing acted on after it."""
    if toks[c].low not in _BARE_FATES:
        return False
    nxt = toks[c + 1] if c + 1 < len(toks) else None
    return nxt is None or nxt.kind == "punct" or nxt.low in lx.PREPS or nxt.low in lx.CONJ


_AIR_SINGULAR = lx.AIR_SINGULAR
#: What may follow a single launched object: "fired a missile at", "a drone, which".
_AFTER_OBJECT = lx.PREPS | lx.AUX | lx.CONJ | {"at", "towards", "toward", "that", "which", ",", ".", ";"}


def _air_one_at(toks: list[Token], i: int) -> Figure | None:
    """ "fired a ballistic missile at Tel Aviv" (launched 1); "a drone was shot down" (downed 1)."""
    n = len(toks)
    k = i + 1
    while k < n and k - i <= 4 and toks[k].low not in _AIR_SINGULAR:
        if toks[k].kind == "punct" and toks[k].text != "-":
            return None
        k += 1
    if k >= n or k - i > 4:
        return None
    fam = _AIR_SINGULAR[toks[k].low]
    if k + 1 < n and toks[k + 1].low not in _AFTER_OBJECT:
        return None  # "a drone attack", "a missile strike": the weapon of something else
    left = left_cue(toks, i)
    cue: str | None = None
    if left in AIR_FAMILIES:
        cue = left
    else:
        cue_k = skip_to_cue(toks, k + 1)
        if cue_k is not None and cue_k > k + 1:
            cue = right_cue(toks, cue_k)
    if cue not in AIR_FAMILIES:
        return None
    subject = " ".join(t.text for t in toks[i + 1 : k + 1]).replace(" - ", "-")
    return Figure(f"{fam}_{cue}", None, 1, None, "exact", toks[i].start, toks[k].end, subject, None, i, k + 1, "one")


_FIRED = frozenset({"fired", "launched"})
_FIRED_FROM = frozenset({"by", "from", "at", "towards", "toward", "into", "over"})


def _fired_then_downed(toks: list[Token], i: int) -> list[Figure]:
    """ "A ballistic missile fired from Yemen was intercepted": launched 1 and downed 1."""
    n = len(toks)
    k = i + 1
    while k < n and k - i <= 4 and toks[k].low not in _AIR_SINGULAR:
        if toks[k].kind == "punct" and toks[k].text != "-":
            return []
        k += 1
    if k + 2 >= n or k - i > 4 or toks[k + 1].low not in _FIRED or toks[k + 2].low not in _FIRED_FROM:
        return []
    for q in range(k + 3, min(n, k + 11)):
        if toks[q].kind == "punct" and toks[q].text != "-":
            return []
        if toks[q].low in ("was", "were"):
            cue_k = skip_to_cue(toks, q)
            if cue_k is None or right_cue(toks, cue_k) != "downed":
                return []
            fam = _AIR_SINGULAR[toks[k].low]
            subject = " ".join(t.text for t in toks[i + 1 : k + 1]).replace(" - ", "-")
            args = (None, 1, None, "exact", toks[i].start, toks[k].end, subject, None, i, k + 1, "one")
            return [Figure(f"{fam}_launched", *args), Figure(f"{fam}_downed", *args)]
    return []


def it_downed(toks: list[Token], figures: list[Figure], before: Figure | None) -> list[Figure]:
    """ "it was intercepted" after a single launched missile or drone: downed 1."""
    out: list[Figure] = []
    n = len(toks)
    for p, t in enumerate(toks):
        if t.low != "it" or p + 2 >= n or toks[p + 1].low not in lx.AUX:
            continue
        cue_k = skip_to_cue(toks, p + 1)
        if cue_k is None or right_cue(toks, cue_k) != "downed":
            continue
        last = before
        for f in figures:
            if f.start < t.start:
                last = f
        if last is None or last.best != 1 or not last.metric.endswith("_launched"):
            continue
        end = toks[cue_k + 1].end if toks[cue_k].low in ("shot", "brought") and cue_k + 1 < n else toks[cue_k].end
        metric = last.metric.replace("_launched", "_downed")
        out.append(Figure(metric, None, 1, None, "exact", t.start, end, last.subject, None, p, cue_k + 1, "one"))
    return out


def _none_of_air(toks: list[Token], i: int) -> Figure | None:
    """ "None of the missiles was intercepted": downed 0."""
    n = len(toks)
    k = i + 2
    if k < n and toks[k].low in ("the", "these", "those", "its", "their"):
        k += 1
    fam: str | None = None
    while k < n and k - i <= 6 and toks[k].kind == "word" and toks[k].low not in lx.AUX:
        w = toks[k].low
        fam = "drones" if w in lx.DRONE_NOUNS else "missiles" if w in lx.MISSILE_NOUNS else fam
        k += 1
    if fam is None or k >= n:
        return None
    cue_k = skip_to_cue(toks, k)
    if cue_k is None or right_cue(toks, cue_k) != "downed":
        return None
    return Figure(f"{fam}_downed", None, 0, None, "exact", toks[i].start, toks[k - 1].end, None, None, i, k, "zero")


def _one_at(toks: list[Token], i: int, pair_only: bool = False) -> Figure | None:
    """ "a woman was killed" (1), "a farmer and his brother were killed" (2); only the pair when ``pair_only``."""
    n = len(toks)
    if i >= 1 and toks[i - 1].low in ("including", "among"):
        return None  # "four guards, including an officer were killed": one of the counted group, no count of its own
    if _apposition_of_one(toks, i):
        return None  # "a driver, a migrant from Bihar, was lynched": the driver, described again
    k = i + 1
    while k < n and k - i <= 8:  # "a 20-year-old college student"
        t = toks[k]
        if t.low in lx.PERSON_SINGULAR:
            break
        if (
            t.text == "("
            and k + 2 < n
            and toks[k + 1].kind == "word"
            and len(toks[k + 1].text) <= 6
            and toks[k + 2].text == ")"
        ):
            k += 3  # "a local Awami League (AL) leader"
            continue
        if (t.kind == "punct" and t.text != "-") or t.low in lx.AUX or t.low in lx.PREPS or t.low in lx.CONJ:
            return None
        k += 1
    else:
        return None
    first = k
    while k + 1 < n and toks[k + 1].low in lx.PERSON_SINGULAR and k - i <= 7:
        k += 1  # "a civilian woman", "a security guard"
    count = 1
    left = left_cue(toks, i)
    named = companions(toks, k + 1, object_of=left in ("killed", "injured", "arrested", "captured"))
    if named is not None:
        k, count = named[0], 1 + named[1]  # "a trader and his daughter were killed": two people, one count
    elif pair_only:
        return None
    noun = toks[k]
    if i >= 2 and toks[i - 2].low == "to" and toks[i - 1].low in lx.LEFT_CUES:
        return None  # "attempted to kill a commander": an intent, not a death
    cue: str | None = None
    if i >= 2 and toks[i - 2].low == "body" and toks[i - 1].low == "of":
        cue = "killed"  # "the body of a woman was found"
    elif left in ("killed", "injured", "arrested", "captured"):
        cue = left  # "shot dead a civilian near the field", "killing a child", "police arrested a man"
    elif to_death(toks, k + 1, i):
        cue = "killed"  # "beat a young man to death"
    elif k + 1 >= n or toks[k + 1].low not in lx.PREPS:
        cue_k = skip_to_cue(toks, k + 1)
        if cue_k is not None and toks[cue_k].low == "among":
            return None  # "a 70-year-old man was among the dead": one of a count given elsewhere
        if cue_k is not None and (cue_k > k + 1 or _bare_verb_of_the_noun(toks, cue_k)):
            cue = people_cue(toks, cue_k)  # "a man was killed", "a soldier died", "a man killed in the blast"
    if cue is None and left is None:
        # "a member of the local council was found dead": a bounded bridge to the verb;
        # "a prisoner who was beaten in custody died": past a relative clause
        bridged = bridge_to_cue(toks, k + 1) or relative_fate(toks, i, k + 1) or _placed_aside(toks, i, k + 1)
        cue = people_cue(toks, bridged) if bridged is not None else None
    if cue is None or cue not in ("killed", "injured", "missing", "captured", "arrested"):
        return None
    if count == 1 and cue in ("killed", "injured") and (along := along_with(toks, k + 1)) is not None:
        k, count = along[0], 1 + along[1]  # "an official was killed along with his driver"
        noun = toks[k]
    subject = " ".join(t.low for t in toks[first : k + 1])
    return Figure(cue, None, count, None, "exact", toks[i].start, noun.end, subject, None, i, k + 1, "one")


#: Ordinals that name the next victim: "a fifth died" says the dead now number five.
_ORDINALS = {
    w: n + 2
    for n, w in enumerate(
        ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
         "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
         "nineteenth", "twentieth")
    )
}  # fmt: skip


def _nth_at(toks: list[Token], i: int) -> Figure | None:
    """ "four were killed by snipers and a fifth died", "shot dead three men and killed a fourth":
    the next victim by rank, so the dead number at least that rank. Not a fraction ("a third of")."""
    n = len(toks)
    rank = _ORDINALS.get(toks[i + 1].low) if toks[i].low == "a" and i + 1 < n else None
    if rank is None or (i + 2 < n and toks[i + 2].low == "of"):
        return None
    k = i + 1
    if k + 1 < n and (toks[k + 1].low in lx.PERSON_SINGULAR or toks[k + 1].low == "person"):
        k += 1  # "a sixth person", "a fifth protester"
    after = toks[k + 1] if k + 1 < n else None
    if left_cue(toks, i) == "killed" and (after is None or after.kind == "punct" or after.low in lx.PREPS):
        cue: str | None = "killed"  # "and killed a fifth on Tuesday"
    else:
        cue_k = skip_to_cue(toks, k + 1)
        cue = people_cue(toks, cue_k) if cue_k is not None and _bare_verb_of_the_noun(toks, cue_k) else None
    if cue not in ("killed", "injured"):
        return None
    return Figure(cue, rank, rank, None, "at_least", toks[i].start, toks[k].end, "people", None, i, k + 1, "rank")


#: Verbs of harm whose object is the harm: "a man sustained serious injuries".
_SUFFERED = frozenset({"suffered", "sustained", "received"})
#: Verbs that have no object: "a soldier died" is never "a soldier died three people".
_INTRANSITIVE = frozenset({"died", "dies", "perished", "succumbed"})


def _bare_verb_of_the_noun(toks: list[Token], c: int) -> bool:
    """ "a soldier died", "a man killed in the blast": the cue right after the noun is its own.

    A transitive participle counts only when no object follows it ("a man
    killed three people" is an act, not a death).
    """
    low = toks[c].low
    if low in _INTRANSITIVE or passive_cue(toks, c):
        return True  # "a soldier died", "a teacher chopped to death"
    if low in _SUFFERED and right_cue(toks, c) == "injured":
        return True  # "a motorcyclist suffered serious injuries": the object is the harm itself
    if lx.RIGHT_CUES.get(low) not in ("killed", "injured"):
        return False
    nxt = toks[c + 1] if c + 1 < len(toks) else None
    return nxt is None or nxt.text in (".", ",", ";") or nxt.low in lx.PREPS or nxt.low in ("when", "after", "while")


#: Prepositions of a single person's place or origin: "a person in Sligo", "a man from Tralee".
_PLACED = frozenset({"in", "from", "near", "at"})


def _placed_aside(toks: list[Token], i: int, q: int) -> int | None:
    """The cue after a person's place and a comma aside: "a person in Sligo, near the coast, has died",
    "a woman in Volusia county, Florida, was killed". The place is a few plain words; the aside
    and the verb after it are read by ``asides.aside_cue``. Bounded: linear."""
    n = len(toks)
    if q >= n or toks[q].low not in _PLACED or (i >= 1 and toks[i - 1].text == ","):
        return None  # "a driver, a migrant from Gujarat, was lynched": the apposition is the driver
    for c in range(q + 2, min(n, q + 6)):
        if toks[c].text == ",":
            return aside_cue(toks, i, c)
        if toks[c].kind != "word":
            return None
    return None


def _apposition_of_one(toks: list[Token], i: int) -> bool:
    """Whether "a"/"an" at ``i`` opens an apposition of a single person just named and counted:
    "an autorickshaw driver, a migrant from X, ..." (a comma, then "a" or "an" a few words back)."""
    if i < 3 or toks[i - 1].text != "," or toks[i - 2].low not in lx.PERSON_SINGULAR:
        return False
    return any(toks[q].low in ("a", "an") for q in range(max(0, i - 6), i - 2))
