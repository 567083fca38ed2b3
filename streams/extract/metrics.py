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

from dataclasses import replace

from streams.extract import lexicon as lx
from streams.extract import subjects as sj
from streams.extract.air_counts import air_family, air_noun, all_fired, projectiles_landed
from streams.extract.among import list_comma
from streams.extract.asides import (
    aside_cue,
    dead_or_missing,
    done_then_killed,
    killed_or_injured,
    relative_fate,
    skip_dash_aside,
    them_killed,
    then_killed,
)
from streams.extract.cues import Figure, active_verb, left_cue, per_after, right_cue, skip_to_cue
from streams.extract.groups import fate_of_the_hurt, member_of_counted, singled_out, total_of_a_part
from streams.extract.implicit import it_downed, zeros_and_ones
from streams.extract.numbers import NumberMention
from streams.extract.senses import everyday_figure, senses_of
from streams.extract.shapes import (
    AMONG_GROUP,
    PEOPLE_METRICS,
    acts_on,
    bridge_to_cue,
    list_item,
    people_cue,
    relative_cue,
    shared_cue,
    skip_paren,
    to_death,
    toll_before,
)
from streams.extract.sums import companion_totals
from streams.extract.tallies import tally_label
from streams.extract.tokens import Token

_SUBJECT_SKIP = frozenset({"the", "more", "other", "others", "of", "them", "those", "these", "further", "death"})


def find_figures(toks: list[Token], mentions: list[NumberMention], before: Figure | None = None) -> list[Figure]:
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
            fig.coordinated = m.i >= 1 and toks[m.i - 1].low in ("and", "or")
            out.append(fig)
            if fig.metric.endswith("_downed") and all_fired(toks, m):
                # "shot down all six missiles fired at the city": six were fired, too
                out.append(replace(fig, metric=fig.metric.replace("_downed", "_launched")))
            prev = fig
        prev_m = m
    out.extend(zeros_and_ones(toks, mentions))
    out.extend(companion_totals(toks, out))  # "eleven pupils and their teacher died": twelve
    if out:
        senses = senses_of(toks)  # "3 players are injured ahead of the derby": no casualties (senses.py)
        out = [f for f in out if not everyday_figure(toks, f, senses)]
    out.sort(key=lambda f: f.start)
    downed = it_downed(toks, out, before)
    if downed:
        out.extend(downed)
        out.sort(key=lambda f: f.start)
    return out


def _classify(toks: list[Token], m: NumberMention, prev: Figure | None, prev_m: NumberMention | None) -> Figure | None:
    n = len(toks)
    # "83 of 120 drones were shot down": the 120 is the total launched.
    of_total = prev_m is not None and m.i >= 1 and toks[m.i - 1].low == "of" and prev_m.j == m.i - 1
    if of_total and prev_m is not None and member_of_counted(toks, prev_m):
        of_total = False  # "one of six officers killed": the six are the count
    elif member_of_counted(toks, m):
        return None
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
        and (toks[k].low not in lx.AUX or _acronym(toks, k))
        and toks[k].low not in lx.PREPS
        and toks[k].low not in lx.CONJ
        and (toks[k].low not in lx.RIGHT_CUES or toks[k].low in sj.HELD_NOUNS)
        and toks[k].low not in ("a", "per", "each", "every", "daily", "overnight", "of", "that", "said", "says")
        and toks[k].low not in lx.HIT_VERBS
        and toks[k].low not in _SUBJECT_STOP
        and not (k > subj_start and sj.participle_after_noun(toks, k))
        and not (toks[k].low in _PHRASE_STARTS and right_cue(toks, k) is not None)  # "people lost their lives"
    ) or (k < n and toks[k].text in ("-", "'", "’") and k > subj_start and not toks[k].space_before):
        k += 1  # "pro-government militias", "three villagers' bodies"
    subj_toks = toks[subj_start:k]
    taken = False
    if subj_toks and subj_toks[-1].low in sj.CAPTIVE_WORDS and sj.take_verb_before(toks, m.i):
        subj_toks = subj_toks[:-1]  # "took 27 soldiers prisoner"
        taken = True
    if k + 1 < n and toks[k].text == "," and (toks[k + 1].low in ("including", "among") or sj.part_aside(toks, k + 1)):
        # "Five people, including two children, were killed": skip the aside.
        j = k + 2
        while j < min(n, k + 18):
            if toks[j].text == ",":
                k = j + 1
                break
            j = skip_paren(toks, j) if toks[j].text == "(" and skip_paren(toks, j) > j else j + 1
    k = skip_dash_aside(toks, k)  # "1.9 million people – about 90% of the population – have fled"
    k = skip_paren(toks, k)  # "three people (two of them women) were hurt"
    subj_low = [t.low for t in subj_toks]
    if m.qualifier != "vague" and subj_start > m.j and toks[m.j].low == "of" and not subj_low:
        subj_start = k  # "of them"
    per = per_after(toks, m.j)
    metric: str | None = None
    via = ""
    cue_k = fate_of_the_hurt(toks, k, partitive) or skip_to_cue(toks, k)  # "five of the wounded later died"
    cue = people_cue(toks, cue_k) if cue_k is not None else None
    if cue is not None and cue_k == k and k > m.j and acts_on(toks, cue_k):
        cue = None  # "two gunmen killed three villagers": the gunmen's act, not their fate
    if cue is not None and cue_k == m.j and (adj := sj.killed_after_adjective(toks, cue_k)) is not None:
        # "eight displaced Syrians were killed": the participle describes the people
        subj_toks, k, cue_k, cue = toks[cue_k : cue_k + 2], cue_k + 2, adj, "killed"
        subj_low = [t.low for t in subj_toks]
    noun_metric = next((lx.RIGHT_CUES[w] for w in subj_low if w in lx.NOUN_ONLY), None)
    if noun_metric is None and m.best == 1 and subj_low == ["death"]:
        noun_metric = "killed"  # "resulting in one death"
    left = left_cue(toks, m.i)
    if left is not None and cue is not None and cue_k == m.j and sj.adjective_at(toks, m.j):
        cue = None  # "shot dead 20 displaced people": the verb before is the figure's
    if left is None and sj.takes_lives(toks, m, subj_low):
        left = "killed"  # "the clashes claimed five lives", "the flood took 30 lives"
        subj_toks = []
    if cue is None and noun_metric in (None, "displaced") and left is None:
        # "seven personnel of the border force were killed", "one child, a shepherd, was killed",
        # "more than 400 people who were injured"
        bridged = (
            relative_cue(toks, m.i, k)
            or (None if m.i >= 1 and active_verb(toks[m.i - 1].low) else bridge_to_cue(toks, k))
            or aside_cue(toks, m.i, k)
            or relative_fate(toks, m.i, k)
        )
        if bridged is not None:
            cue_k, cue = bridged, people_cue(toks, bridged)
    if cue is not None and total_of_a_part(toks, m, k, cue_k):
        cue = None  # "one of the two pilots was killed": the verb is the one's, not the two's
    if cue is None and cue_k is not None and toks[cue_k].low in lx.ATTACK_VERBS and air_noun(subj_low):
        cue = "launched"  # "eight drones attacked the city"; "two drones hit a depot" is a strike, no launch count
    if (
        cue is None
        and (noun_metric is None or sj.held_last(subj_low))
        and left is None
        and k < n
        and (toks[k].low in ("and", "or") or list_comma(toks, k))
        and not toll_before(toks, m.i)
        and not (m.i >= 1 and active_verb(toks[m.i - 1].low))  # "has infected 61 people and one has died"
    ):
        # "104 of the missiles and 81 of the drones were destroyed", "five hostages and six guerrillas were
        # killed"; not "killed five men and at least 20 injured" (the verb before is the first count's)
        cue = shared_cue(toks, k + 1)
        if noun_metric is not None and cue not in sj.FATES:
            cue = None  # "4,000 refugees and 300 detainees": each noun keeps its own metric
    if cue == "launched" and left == "downed" and cue_k is not None and toks[cue_k].low in ("fired", "launched"):
        # "shot down nine missiles fired at the city": the verb before is the figure's.
        cue = "downed"
    if cue is not None and subj_low[:1] in ([], ["with"]) and (cue_k or 0) > m.j and toll_before(toks, m.i):
        cue, subj_toks = None, []  # "the toll rose to 31 with the death of a wounded man": the toll's
    if taken:
        metric, via = "captured", "left"
    elif cue is not None and k < n and toks[k].low in _RELATIVE and left_cue(toks, m.i) not in (None, "dropped"):
        metric, via = None, ""  # "shooting dead five soldiers who had surrendered": the verb before counts
    elif cue is not None:
        metric, via = cue, "right"
        if cue == "captured" and left == "killed" and cue_k == k:
            metric, via = "killed", "left"  # "killed 11 aid workers taken hostage": the verb before is the fate
        elif cue in ("captured", "arrested") and cue_k is not None and then_killed(toks, cue_k):
            metric = "killed"  # "were kidnapped by the group and later executed"
    elif cue_k is not None and noun_metric is None and left is None and done_then_killed(toks, cue_k):
        metric, via = "killed", "right"  # "were caught in the crossfire and killed", "were beaten and then shot"
    elif noun_metric is not None:
        metric, via = noun_metric, "noun"
    if left is not None and left != "dropped" and (metric is None or via == "noun"):
        metric, via = left, "left"
    if (
        metric is None
        and prev is not None
        and prev.via in ("left", "part", "list")
        and prev.start >= toks[0].start  # the same sentence: token indices of another one do not compare
        and m.i >= 1
        and (toks[m.i - 1].low in ("and", ",") or sj.also_joined(toks, m.i))
        and prev.tok_j >= m.i - 6
        and not singled_out(toks, m)
    ):
        # "shot down 70 drones and 3 missiles": coordination inherits the verb.
        metric, via = _family_of(prev.metric), "left"
    if (
        metric is None
        and (b := m.i - (m.i >= 1 and toks[m.i - 1].text == ":")) >= 4
        and toks[b - 1].low in _BE
        and toks[b - 4].low == "among"
        and toks[b - 3].low in ("the", "those")
    ):
        # "Among the injured are two children", "among those killed were: three medics"
        metric = AMONG_GROUP.get(toks[b - 2].low)
        via = "left" if metric else via
    if metric is None and them_killed(toks, m.j):
        metric, via = "killed", "left"  # "targeted two guards in the town, killing them"
    if metric is None and (label := tally_label(toks, m.i)) is not None:
        metric, via = label, "left"  # "the dead, three men and one woman", "people hurt included 12 Britons"
    if metric is None:
        toll = toll_before(toks, m.i)
        if toll is not None:
            metric, via = toll, "toll"
    qualifier = m.qualifier
    if via == "toll" and qualifier == "up_to" and toks[m.i].low == "up" and toks[m.i - 1].low in _BE:
        m = replace(m, best=m.high, high=None, qualifier="exact")  # "the death toll is up to 19": it rose to 19
        qualifier = "exact"
    if metric is None and to_death(toks, k, m.i):
        metric, via = "killed", "left"  # "shot two men to death"
    if metric is None and m.j < n and toks[m.j].low == "times" and _strike_word_in(toks):
        metric, via = "strikes", "noun"  # "shelled the town 412 times"
    if (
        metric is None
        and subj_low
        and subj_low[-1] in lx.BOMB_NOUNS
        and ((cue_k is not None and toks[cue_k].low in _BOMB_VERBS) or left == "dropped")
    ):
        metric, via = "strikes", "noun"  # "several guided bombs hit", "dropping 100 bombs a day"
    if metric is None and of_total and prev is not None and prev.metric.endswith("_downed"):
        metric, via = "launched", "left"  # "shot down 40 of 55 drones"
    if (
        metric is None
        and partitive
        and prev is not None
        and prev.metric != "strikes"
        and (prev.start >= toks[0].start or m.i <= 2)  # across sentences only at the start: "Three of the dead..."
        and not (subj_low and subj_low[0] in _SUPERLATIVE_STARTS)
    ):
        metric, via = _family_of(prev.metric), "part"  # "four of them children"
    if (
        metric is None
        and m.i >= 1
        and (
            toks[m.i - 1].low in ("including", "incl")
            or (m.i >= 2 and (toks[m.i - 2].low, toks[m.i - 1].low) in _AMONG)
        )
        and prev is not None
        and prev.metric in _PART_METRICS
        and prev.start >= toks[0].start  # the same sentence: "including" qualifies a count just made
    ):
        metric, via = prev.metric, "part"  # "..., including two children", "47 drones, including 19 over Kursk"
    if (
        metric is None
        and prev is not None
        and prev.metric in PEOPLE_METRICS
        and prev.start >= toks[0].start
        and list_item(toks, m.i, m.j, prev.tok_i, prev.tok_j, prev.end)
    ):
        metric, via = prev.metric, "list"  # "73 deaths in Morelos, 43 in Puebla and one in Oaxaca"
    if metric is None:
        if any(w in lx.TROOP_NOUNS for w in subj_low) or sj.strong_force(toks, m):
            metric, via = "troops", "noun"
        elif subj_low and (
            subj_low[-1] in lx.STRIKE_COUNT_NOUNS
            or (len(subj_low) >= 2 and subj_low[-2] in lx.STRIKE_COUNT_NOUNS and subj_low[-1] in _DIRECTIONS)
        ):  # "40 air strikes", "two airstrikes west of the town"
            metric, via = "strikes", "noun"
        elif (subj_low and subj_low[-1] == "times") or (m.j < n and toks[m.j].low == "times"):
            return None
    if metric in (None, "launched") and left is None and projectiles_landed(toks, subj_low, k):
        metric, via = "strikes", "noun"  # "25 rockets hit the south", "48 rockets fired from the strip hit"
    if metric == "casualties" and sj.death_toll_label(toks, m.i):
        metric = "killed"  # "the confirmed death toll - 50 casualties -": the casualties are the dead
    if metric is None or (via not in ("right", "left") and singled_out(toks, m)):
        return None
    if (
        metric == "troops"
        and left == "troops"
        and not any(w in lx.TROOP_NOUNS for w in subj_low)
        and not sj.strong_force(toks, m)
    ):
        return None  # "sent 3 letters"
    if metric in ("downed", "launched"):
        fam = air_family(toks, m, subj_low, prev)
        if fam is None:
            return None
        if of_total and metric == "downed":
            metric = "launched"
        metric = f"{fam}_{metric}"
    elif of_total:
        return None
    elif metric == "casualties" and left == "casualties" and subj_low and not sj.people_words(subj_low):
        return None  # "lost 30 tanks"
    if subj_low[:1] == ["family"] and m.i >= 1 and toks[m.i - 1].low == "of":
        return None  # "eight members of one family": the family is no count of people
    if subj_low and subj_low[-1] in lx.OTHER_OBJECT_NOUNS and not metric.startswith(("drones", "missiles", "strikes")):
        return None
    if metric == "killed" and cue_k is not None and via == "right" and killed_or_injured(toks, cue_k):
        metric = "casualties"
    if metric == "killed" and cue_k is not None and via == "right" and dead_or_missing(toks, cue_k):
        return None  # "18,000 people dead or missing": neither count alone
    if metric == "arrested" and any(w in lx.TROOP_NOUNS for w in subj_low):
        metric = "captured"  # soldiers detained are prisoners of war, not arrests
    if (
        m.qualifier == "exact"
        and m.j < n
        and toks[m.j].low in ("more", "additional", "further")
        and metric != "strikes"
        and via != "left"
        and any(t.low in lx.TOLL_UPDATE_WORDS for t in toks)
    ):
        return None  # "the toll rose to 132 after three more died": an increment of a toll (alone, it is the report)
    subject = None if metric == "strikes" else _subject(subj_toks)
    return Figure(metric, m.low, m.best, m.high, qualifier, m.start, m.end, subject, per, m.i, max(k, m.j), via)


def _acronym(toks: list[Token], k: int) -> bool:
    """ "5 IS militants": a capitalised group name, not the verb (unless the whole headline is capitals)."""
    t = toks[k]
    return len(t.text) > 1 and t.text.isupper() and k >= 1 and not toks[k - 1].text.isupper()


def _strike_word_in(toks: list[Token]) -> bool:
    return any(t.low in lx.HIT_VERBS or t.low in lx.STRIKE_COUNT_NOUNS for t in toks)


def _next_is_plural_noun(toks: list[Token], k: int) -> bool:
    return k < len(toks) and toks[k].kind == "word" and toks[k].low.endswith("s") and toks[k].low != "us"


def _family_of(metric: str) -> str:
    for suffix in ("downed", "launched"):
        if metric.endswith(suffix):
            return suffix
    return metric


_PART_METRICS = frozenset(
    {"killed", "injured", "casualties", "missing", "captured", "displaced", "arrested"}
    | {"drones_downed", "drones_launched", "missiles_downed", "missiles_launched"}
)
_BE = frozenset({"are", "were", "is", "was"})
_AMONG = frozenset({("among", "them"), ("among", "whom"), ("of", "whom"), ("among", "those")})
_SUBJECT_STOP = frozenset(
    {"against", "elsewhere", "there", "here", "now", "then", "still", "too", "including", "who", "whom", "which"}
    | {"treated", "whose"}  # "29 treated in five hospitals": the verb (shapes.people_cue); "two men whose cattle"
)
_RELATIVE = frozenset({"who", "whom", "which", "that"})
_SUPERLATIVE_STARTS = frozenset({"largest", "biggest", "most", "best", "worst", "deadliest", "few", "main", "first"})

_BOMB_VERBS = lx.HIT_VERBS | lx.DROP_VERBS
#: First words of the multiword cues: the counted subject ends where one begins.
_PHRASE_STARTS = frozenset(words[0] for words, _ in lx.RIGHT_PHRASES)
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"north-east", "north-west", "south-east", "south-west"}
)


def _subject(subj: list[Token]) -> str | None:
    words = [t.text for t in subj if t.low not in _SUBJECT_SKIP and t.low not in lx.NOUN_ONLY]
    while words and words[-1] in ("-", "'", "’"):
        words.pop()
    if not words:
        return None
    out = " ".join(words).replace(" - ", "-")
    if out[:1].isupper() and len(words) > 0 and words[0].lower() in ("people", "civilians", "children"):
        out = out.lower()
    return out[:200]
