"""Linking number phrases to metrics: "at least 3 people were killed" -> killed.

Each number phrase is tried against three patterns, in this order:

1. the counted subject and a cue after it ("3 civilians were killed",
   "36 dead", "83 of them were shot down");
2. an active verb before it ("killing 3", "shot down 83 drones");
3. a tally noun before it ("the death toll rose to 11").

A bare count of troops ("10,000 North Korean troops") or of strikes
("40 air strikes") is the fallback. Explicit zeros ("no casualties",
"no one was hurt") and implicit ones ("a woman was killed") are found here
too. Every window is bounded, so the work is linear in the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from streams.extract import lexicon as lx
from streams.extract.numbers import NumberMention
from streams.extract.tokens import Token

_BOUNDARY = frozenset({".", ",", ";", ":", "(", ")", "!", "?", "—", "–", '"', "“", "”"})
_SUBJECT_SKIP = frozenset({"the", "more", "other", "others", "of", "them", "those", "these", "further"})
_LEFT_FILLERS = frozenset({"another", "a", "further", "an", "additional", "the", "some", "over"})
_INTERCEPT = frozenset({"downed", "launched"})


@dataclass(slots=True)
class Figure:
    """A number phrase with its metric: the pre-fact, before place and attribution."""

    metric: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    start: int
    end: int
    subject: str | None
    per: str | None
    tok_i: int
    tok_j: int
    via: str  # "right", "left", "toll", "noun", "zero", "one"


def find_figures(
    toks: list[Token], mentions: list[NumberMention], before: Figure | None = None
) -> list[Figure]:
    """Figures for the number phrases of one sentence, plus explicit zeros and ones.

    ``before`` is the last figure of the previous sentence: a partitive such as
    "Three of them were children" takes its metric.
    """
    out: list[Figure] = []
    prev: Figure | None = before
    prev_m: NumberMention | None = None
    for m in mentions:
        fig = _classify(toks, m, prev, prev_m)
        if fig is not None:
            out.append(fig)
            prev = fig
        prev_m = m
    out.extend(_zeros_and_ones(toks, mentions))
    out.sort(key=lambda f: f.start)
    return out


def _classify(toks: list[Token], m: NumberMention, prev: Figure | None, prev_m: NumberMention | None) -> Figure | None:
    n = len(toks)
    # "83 of 120 drones were shot down": the 120 is the total launched.
    of_total = prev_m is not None and m.i >= 1 and toks[m.i - 1].low == "of" and prev_m.j == m.i - 1
    k = m.j
    partitive = False
    if k + 1 < n and toks[k].low == "of" and toks[k + 1].low in ("which", "them", "these", "those", "whom", "the"):
        k += 2  # "83 of which were shot down", "three of the dead", "four of them children"
        partitive = True
    elif k < n and toks[k].low == "of" and (m.qualifier == "vague" or _next_is_plural_noun(toks, k + 1)):
        k += 1
    subj_start = k
    # The counted subject: up to 5 plain words.
    while (
        k < n
        and k - subj_start < 5
        and toks[k].kind == "word"
        and toks[k].low not in lx.AUX
        and toks[k].low not in lx.PREPS
        and toks[k].low not in lx.CONJ
        and (toks[k].low not in lx.RIGHT_CUES or toks[k].low in ("refugees", "prisoners", "hostages"))
        and toks[k].low not in ("a", "per", "each", "every", "daily", "overnight", "of", "that", "said", "says")
        and toks[k].low not in lx.HIT_VERBS
    ) or (k < n and toks[k].text == "-" and k > subj_start and not toks[k].space_before):
        k += 1
    subj_toks = toks[subj_start:k]
    if k + 1 < n and toks[k].text == "," and toks[k + 1].low in ("including", "among"):
        # "Five people, including two children, were killed": skip the aside.
        for j in range(k + 2, min(n, k + 10)):
            if toks[j].text == ",":
                k = j + 1
                break
    subj_low = [t.low for t in subj_toks]
    if m.qualifier != "vague" and subj_start > m.j and toks[m.j].low == "of" and not subj_low:
        subj_start = k  # "of them"
    per = _per_after(toks, m.j)
    metric: str | None = None
    via = ""
    cue_k = _skip_to_cue(toks, k)
    cue = _right_cue(toks, cue_k) if cue_k is not None else None
    noun_metric = next((lx.RIGHT_CUES[w] for w in subj_low if w in lx.NOUN_ONLY), None)
    if cue is None and cue_k is not None and toks[cue_k].low in lx.HIT_VERBS and _air_noun(subj_low):
        cue = "launched"  # "eight drones attacked the city"
    if cue is not None:
        metric, via = cue, "right"
    elif noun_metric is not None:
        metric, via = noun_metric, "noun"
    left = _left_cue(toks, m.i)
    if left is not None and left != "dropped" and (metric is None or (via == "noun" and left in _INTERCEPT)):
        metric, via = left, "left"
    if (
        metric is None
        and prev is not None
        and prev.via == "left"
        and m.i >= 1
        and toks[m.i - 1].low in ("and", ",")
        and prev.tok_j >= m.i - 6
    ):
        # "shot down 70 drones and 3 missiles": coordination inherits the verb.
        metric, via = _family_of(prev.metric), "left"
    if metric is None:
        toll = _toll_before(toks, m.i)
        if toll is not None:
            metric, via = toll, "toll"
    if metric is None and m.j < n and toks[m.j].low == "times" and _strike_word_in(toks):
        metric, via = "strikes", "noun"  # "shelled the town 412 times"
    if metric is None and subj_low and subj_low[-1] in lx.BOMB_NOUNS and (
        (cue_k is not None and toks[cue_k].low in lx.HIT_VERBS) or left == "dropped"
    ):
        metric, via = "strikes", "noun"  # "several guided bombs hit", "dropping 100 bombs a day"
    if metric is None and of_total and prev is not None and prev.metric.endswith("_downed"):
        metric, via = "launched", "left"  # "shot down 40 of 55 drones"
    if metric is None and partitive and prev is not None and prev.metric != "strikes":
        metric, via = _family_of(prev.metric), "noun"  # "four of them children"
    if (
        metric is None
        and m.i >= 1
        and toks[m.i - 1].low == "including"
        and prev is not None
        and prev.metric in ("killed", "injured", "casualties", "missing", "captured", "displaced", "arrested")
    ):
        metric, via = prev.metric, "noun"  # "..., including two children"
    if metric is None:
        if any(w in lx.TROOP_NOUNS for w in subj_low) or _strong_force(toks, m):
            metric, via = "troops", "noun"
        elif subj_low and subj_low[-1] in lx.STRIKE_COUNT_NOUNS:
            metric, via = "strikes", "noun"
        elif (subj_low and subj_low[-1] == "times") or (m.j < n and toks[m.j].low == "times"):
            return None
    if metric is None:
        return None
    if (
        metric == "troops"
        and left == "troops"
        and not any(w in lx.TROOP_NOUNS for w in subj_low)
        and not _strong_force(toks, m)
    ):
        return None  # "sent 3 letters"
    if metric in ("downed", "launched"):
        fam = _air_family(toks, m, subj_low)
        if fam is None:
            return None
        if of_total and metric == "downed":
            metric = "launched"
        metric = f"{fam}_{metric}"
    elif of_total:
        return None
    elif metric == "casualties" and left == "casualties" and subj_low and not _people(subj_low):
        return None  # "lost 30 tanks"
    if subj_low and subj_low[-1] in lx.OTHER_OBJECT_NOUNS and not metric.startswith(("drones", "missiles", "strikes")):
        return None
    if metric == "killed" and cue_k is not None and _killed_or_injured(toks, cue_k):
        metric = "casualties"
    subject = None if metric == "strikes" else _subject(subj_toks)
    return Figure(metric, m.low, m.best, m.high, m.qualifier, m.start, m.end, subject, per, m.i, max(k, m.j), via)


def _air_noun(words: list[str]) -> bool:
    return any(w in lx.DRONE_NOUNS or w in lx.MISSILE_NOUNS for w in words)


def _strike_word_in(toks: list[Token]) -> bool:
    return any(t.low in lx.HIT_VERBS or t.low in lx.STRIKE_COUNT_NOUNS for t in toks)


def _next_is_plural_noun(toks: list[Token], k: int) -> bool:
    return k < len(toks) and toks[k].kind == "word" and toks[k].low.endswith("s") and toks[k].low != "us"


def _skip_to_cue(toks: list[Token], k: int) -> int | None:
    """From the end of the subject, skip auxiliaries and a short place phrase."""
    n = len(toks)
    if k < n and toks[k].low in lx.PREPS and toks[k].low not in ("by",):
        # "3 people in the city of Sumy were killed": a bounded prepositional phrase.
        for j in range(k + 1, min(n, k + 7)):
            if toks[j].text in _BOUNDARY:
                break
            if toks[j].low in ("were", "was", "have", "had", "are", "has"):
                k = j
                break
    steps = 0
    while k < n and toks[k].low in lx.AUX and steps < 5:
        k += 1
        steps += 1
    return k if k < n else None


def _right_cue(toks: list[Token], k: int) -> str | None:
    low = toks[k].low
    for words, metric in lx.RIGHT_PHRASES:
        if low == words[0] and all(k + t < len(toks) and toks[k + t].low == w for t, w in enumerate(words)):
            return metric
    cue = lx.RIGHT_CUES.get(low)
    if cue == "displaced" and low == "flee":
        return None
    return cue


def _left_cue(toks: list[Token], i: int) -> str | None:
    p = i - 1
    skipped = 0
    while p >= 0 and toks[p].low in _LEFT_FILLERS and skipped < 2:
        p -= 1
        skipped += 1
    if p < 0:
        return None
    low = toks[p].low
    for words, metric in lx.LEFT_PHRASES:
        if low == words[-1]:
            s = p - len(words) + 1
            if s >= 0 and all(toks[s + t].low == w for t, w in enumerate(words)):
                return metric
    return lx.LEFT_CUES.get(low)


def _family_of(metric: str) -> str:
    for suffix in ("downed", "launched"):
        if metric.endswith(suffix):
            return suffix
    return metric


def _toll_before(toks: list[Token], i: int) -> str | None:
    if i < 1 or toks[i - 1].low not in lx.TOLL_LINKS:
        return None
    for p in range(i - 2, max(-1, i - 12), -1):
        t = toks[p]
        if t.text in _BOUNDARY or t.kind == "num":
            return None
        low = t.low
        if low == "toll":
            before = toks[p - 1].low if p >= 1 else ""
            return {"injury": "injured", "casualty": "casualties"}.get(before, "killed")
        if (
            low in lx.TOLL_NOUNS
            and p >= 2
            and toks[p - 1].low == "of"
            and toks[p - 2].low in ("number", "count", "total", "tally")
        ):
            return lx.TOLL_NOUNS[low]
        if low in ("deaths", "casualties", "fatalities", "injuries") and p == i - 2:
            return lx.TOLL_NOUNS[low]
    return None


def _per_after(toks: list[Token], j: int) -> str | None:
    n = len(toks)
    for k in range(j, min(n, j + 6)):
        t = toks[k]
        if t.text in _BOUNDARY:
            return None
        if t.low in lx.PER_WORDS:
            return lx.PER_WORDS[t.low]
        if t.low in ("a", "per", "each", "every", "an") and k + 1 < n and toks[k + 1].low in lx.PER_UNITS:
            if k + 2 < n and toks[k + 2].low in ("after", "before", "earlier", "later", "ago", "of"):
                return None
            return lx.PER_UNITS[toks[k + 1].low]
    return None


def _air_family(toks: list[Token], m: NumberMention, subj_low: list[str]) -> str | None:
    for w in subj_low:
        if w in lx.DRONE_NOUNS:
            return "drones"
        if w in lx.MISSILE_NOUNS:
            return "missiles"
        if w in lx.OTHER_OBJECT_NOUNS:
            return None
    n = len(toks)
    # "downed 83 of 120 drones"
    for k in range(m.j, min(n, m.j + 5)):
        w = toks[k].low
        if w in lx.DRONE_NOUNS:
            return "drones"
        if w in lx.MISSILE_NOUNS:
            return "missiles"
        if toks[k].text in _BOUNDARY:
            break
    best: tuple[int, str] | None = None
    for k, t in enumerate(toks):
        fam = "drones" if t.low in lx.DRONE_NOUNS else "missiles" if t.low in lx.MISSILE_NOUNS else None
        if fam is None:
            continue
        dist = (m.i - k) if k < m.i else (k - m.j) + 50
        if best is None or dist < best[0]:
            best = (dist, fam)
    return best[1] if best else None


def _people(words: list[str]) -> bool:
    return any(w in lx.TROOP_NOUNS or w in ("people", "men", "civilians", "lives", "personnel") for w in words)


def _strong_force(toks: list[Token], m: NumberMention) -> bool:
    j = m.j
    return j + 2 < len(toks) and toks[j].text == "-" and toks[j + 1].low == "strong"


def _killed_or_injured(toks: list[Token], k: int) -> bool:
    n = len(toks)
    if k + 2 < n and toks[k + 1].low in ("or", "and"):
        return lx.RIGHT_CUES.get(toks[k + 2].low) == "injured"
    return False


def _subject(subj: list[Token]) -> str | None:
    words = [t.text for t in subj if t.low not in _SUBJECT_SKIP and t.low not in lx.NOUN_ONLY]
    while words and words[-1] == "-":
        words.pop()
    if not words:
        return None
    out = " ".join(words).replace(" - ", "-")
    if out[:1].isupper() and len(words) > 0 and words[0].lower() in ("people", "civilians", "children"):
        out = out.lower()
    return out[:200]


def _zeros_and_ones(toks: list[Token], mentions: list[NumberMention]) -> list[Figure]:
    """ "no casualties", "no one was killed" (0); "a woman was injured" (1)."""
    out: list[Figure] = []
    n = len(toks)
    taken = {k for m in mentions for k in range(m.i, m.j)}
    for i, t in enumerate(toks):
        low = t.low
        if low in ("no", "without", "nobody", "none") and i not in taken:
            fig = _zero_at(toks, i)
            if fig is not None:
                out.append(fig)
        elif low in ("a", "an") and i not in taken and i + 1 < n:
            fig = _one_at(toks, i)
            if fig is not None:
                out.append(fig)
    return out


def _zero_at(toks: list[Token], i: int) -> Figure | None:
    n = len(toks)
    low = toks[i].low
    k = i + 1
    if low in ("no", "without"):
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
        if k < n and toks[k].low in ("casualties", "deaths", "injuries", "fatalities"):
            metric = lx.RIGHT_CUES[toks[k].low]
            return Figure(metric, None, 0, None, "exact", toks[i].start, toks[k].end, None, None, i, k + 1, "zero")
        if k == i + 1:
            return None
    cue_k = _skip_to_cue(toks, k)
    if cue_k is None or (cue_k == k and low in ("no", "without")):
        return None
    cue = _right_cue(toks, cue_k)
    if cue is None or cue in _INTERCEPT:
        return None
    if toks[cue_k].low == "hurt":
        cue = "casualties"  # "nobody was hurt": neither killed nor injured
    return Figure(cue, None, 0, None, "exact", toks[i].start, toks[k - 1].end, None, None, i, k, "zero")


def _one_at(toks: list[Token], i: int) -> Figure | None:
    n = len(toks)
    k = i + 1
    while k < n and k - i <= 6:
        t = toks[k]
        if t.low in lx.PERSON_SINGULAR:
            break
        if (t.kind == "punct" and t.text != "-") or t.low in lx.AUX or t.low in lx.PREPS or t.low in lx.CONJ:
            return None
        k += 1
    else:
        return None
    noun = toks[k]
    if k + 1 < n and toks[k + 1].low in lx.PREPS:
        return None  # "a man in the building" is too far from a cue to trust
    cue_k = _skip_to_cue(toks, k + 1)
    if cue_k is None or cue_k == k + 1:
        left = _left_cue(toks, i)
        if left not in ("killed", "injured"):
            return None
        cue: str | None = left
    else:
        cue = _right_cue(toks, cue_k)
    if cue is None or cue not in ("killed", "injured", "missing", "captured", "arrested"):
        return None
    return Figure(cue, None, 1, None, "exact", toks[i].start, noun.end, noun.low, None, i, k + 1, "one")
