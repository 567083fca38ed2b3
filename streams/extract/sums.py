"""Totals of victims counted in parts: "two women and three children were killed" is five killed.

A report that names its dead by group, joined by "and", states no total of its
own, yet one incident killed all of them. The casualty view keeps the largest
figure of an entry's incident (a breakdown never exceeds its total), so without
a total it would show one group only. This module adds the total as a figure of
its own (subject "people"), beside the parts, which stay as written.

Parts are summed only when they are plainly coordinated objects or subjects of
one verb: the words between two counts are the first count's subject and "and"
(or a list comma), with no verb, preposition or second clause between them.
"Five were killed in Kharkiv and two in Sumy" (two places) and "ten people,
including four children and two women" (a breakdown of a stated total) are
never summed. Work is linear in the sentence's figures.
"""

from __future__ import annotations

from bisect import bisect_left

from streams.extract import lexicon as lx
from streams.extract.companions import along_with, companions
from streams.extract.cues import Figure
from streams.extract.numbers import NUMBER_WORDS
from streams.extract.speech import SAY_VERBS
from streams.extract.tokens import Token, words

#: Metrics whose parts add up to one incident's toll.
_SUMMED = frozenset({"killed", "injured"})
#: Qualifiers whose bounds add up ("at least 3 civilians and 2 soldiers" is at least 5); vague or rough ones do not.
_ADDABLE = frozenset({"exact", "at_least", "more_than"})
#: Words that may not stand between two parts: a verb, a preposition or a breakdown marker
#: means the second count belongs to another clause, place or total.
_BREAKS = words(
    """
    in on at near from across during after before by with without to into inside outside around over under
    were was are is been being have has had be who which that when while as where whom whose
    killed wounded injured dead died hurt shot including among them of those these
    """
)
#: Words before the first part that make the parts a breakdown of a total already stated.
_BREAKDOWN = frozenset(
    {"including", "incl", "among", "included", "includes", "comprising", "comprised", "them", "mostly"}
    | {"(", "-", "–", "—", ":"}
)
#: Armed men on either side: "22 hostages and two gunmen", "five civilians and two soldiers" name the two
#: sides of a fight, whose dead are reported apart (the attackers' or the forces' losses beside the
#: victims'), so such parts are not summed into one toll of victims.
_ARMED = lx.TROOP_NOUNS | words(
    """
    soldier troop fighter serviceman police policeman policemen officer officers guard guards
    militant militants gunman gunmen rebel rebels insurgent insurgents attacker attackers militiaman
    militiamen militia guerrilla guerrillas jihadist jihadists assailant assailants terrorist terrorists
    bomber bombers combatant combatants commander commanders kidnapper kidnappers hijacker hijackers
    abductor abductors captor captors cadre cadres
    """
)
#: How many words a part's subject may have ("four Pakistani civilians", "eleven schoolchildren").
_MAX_SUBJECT = 5
#: How far back a breakdown marker reaches from the first part.
_BREAKDOWN_WINDOW = 10


def coordinated_totals(toks: list[Token], figures: list[Figure]) -> list[Figure]:
    """The totals of the coordinated parts among ``figures`` (one sentence's, in order)."""
    out: list[Figure] = []
    chain: list[Figure] = []
    closed = False  # the chain's last link was "and": it may end there
    starts = [t.start for t in toks]
    prev: Figure | None = None  # the figure before the chain's first part
    largest: dict[str, int] = {}  # the largest figure of each metric before the chain
    for n, f in enumerate(figures):
        link = _links(toks, starts, chain[-1], f) if chain and not closed else None
        if link is not None:
            closed = link == "and"
            chain.append(f)
            continue
        if len(chain) > 1 and closed:
            out.extend(_total(toks, starts, chain, prev, largest))
        for g in chain:
            largest[g.metric] = max(largest.get(g.metric, 0), _point(g) or 0)
        chain, closed = ([f] if _summable(f) else []), False
        prev = figures[n - 1] if n else None
        if prev is not None and not chain:
            largest[prev.metric] = max(largest.get(prev.metric, 0), _point(prev) or 0)
    if len(chain) > 1 and closed:
        out.extend(_total(toks, starts, chain, prev, largest))
    return out


def companion_totals(toks: list[Token], figures: list[Figure]) -> list[Figure]:
    """The totals of counted groups and the companions named with them (one sentence's figures)."""
    counted = {f.tok_j - 1 for f in figures if f.via == "one"}  # single people counted already ("a soldier")
    return [g for f in figures if (g := _with_companions(toks, f) or _one_and_others(toks, f, counted)) is not None]


def _one_and_others(toks: list[Token], f: Figure, counted: set[int]) -> Figure | None:
    """ "the cleric and seven other worshippers were killed" (8), "a soldier and two others died" (3):
    one person, then a count of the others of the same group. "other" says they are one group, so
    armed men are summed too ("a commander and four other fighters": five fighters)."""
    i = f.tok_i
    if not _summable(f) or f.via not in ("right", "left") or i < 3 or toks[i - 1].low != "and":
        return None
    p = i
    while p < len(toks) and (toks[p].kind == "num" or toks[p].low in NUMBER_WORDS):
        p += 1
    if p >= len(toks) or toks[p].low not in ("other", "others"):
        return None
    person = toks[i - 2]
    if i - 2 in counted:
        return None  # "a woman and two others": both parts are figures, summed by coordinated_totals
    if person.low not in lx.PERSON_SINGULAR and not _titled(toks, i - 2):
        return None  # "Kharkiv and two other cities", "the city and three others"
    total = (_point(f) or 0) + 1
    low = None if f.qualifier == "exact" else total
    best = None if f.qualifier == "more_than" else total
    start = toks[max(0, i - 2)].start
    return Figure(f.metric, low, best, None, f.qualifier, start, f.end, "people", None, i - 2, f.tok_j, f.via)


def _titled(toks: list[Token], q: int) -> bool:
    """A capitalised name ending at ``q`` in cased text: "Sheikh Ahmed Yasin and seven other ..."."""
    t = toks[q]
    cased = any(u.text[:1].isupper() for u in toks[q + 1 :]) or any(u.text.islower() for u in toks[:q])
    return t.kind == "word" and t.text[:1].isupper() and not t.text.isupper() and q > 0 and cased


def _with_companions(toks: list[Token], f: Figure) -> Figure | None:
    """ "eleven pupils and their teacher died" (12), "killed four guards and their commander" (5),
    "killed three children and a woman" (4): a counted group and the people named with it (companions.py)."""
    k = f.tok_j
    if not _summable(f) or f.via not in ("right", "left") or k + 1 >= len(toks):
        return None
    if toks[k].low != "and":
        named = along_with(toks, k)  # "five guards were killed along with their commander"
    elif toks[k + 1].low not in ("his", "her", "their", "a", "an"):
        return None  # "five civilians and two soldiers": parts, summed above (or kept apart as two sides)
    else:
        named = companions(toks, k, object_of=f.via == "left")  # "and their teacher", "and a woman"
    if named is None:
        return None
    if toks[k + 1].low in ("a", "an") and _armed(f, toks[named[0]]):
        return None  # "killed five militants and a soldier": the sides' dead are reported apart (as in _total)
    end, extra = named
    total = (_point(f) or 0) + extra
    low = None if f.qualifier == "exact" else total
    best = None if f.qualifier == "more_than" else total
    return Figure(
        f.metric, low, best, None, f.qualifier, f.start, toks[end].end, "people", None, f.tok_i, end + 1, f.via
    )


def _armed(f: Figure, companion: Token) -> bool:
    """Whether a counted group or the one person named with it is armed: maybe two sides of a fight."""
    return companion.low in _ARMED or (f.subject is not None and not _ARMED.isdisjoint(f.subject.lower().split()))


def _between(toks: list[Token], starts: list[int], a: int, b: int) -> list[Token]:
    """The tokens lying wholly within characters ``[a, b)`` (a bisection: no scan of the sentence)."""
    lo, hi = bisect_left(starts, a), bisect_left(starts, b)
    return [t for t in toks[lo:hi] if t.end <= b]


def _summable(f: Figure) -> bool:
    # a rank ("and a third died") says how many died in all, it is no further group to add
    addable = f.metric in _SUMMED and f.qualifier in _ADDABLE and f.per is None
    return addable and f.via != "rank" and _point(f) is not None


def _point(f: Figure) -> int | None:
    return f.best if f.best is not None else f.low


def _links(toks: list[Token], starts: list[int], f: Figure, g: Figure) -> str | None:
    """ "and" or "," when ``g`` is the next part after ``f``; None when they are not parts of one list."""
    if not _summable(g) or g.metric != f.metric:
        return None
    if g.start - f.end > 80:
        return None  # too far apart to be one list
    between = _between(toks, starts, f.end, g.start)
    named = any(t.kind == "word" for t in _between(toks, starts, f.start, f.end))  # "a judge"
    if len(between) == 1 and named and between[0].low == "and":
        return "and"  # "a judge and seven members of his family"
    if len(between) < 2:
        return None  # no subject of the first part: "five and six" is no pair of groups
    last = between[-1].low
    body = between[:-1]
    if last == "and" and body and body[-1].text == ",":
        body = body[:-1]  # the list comma before "and"
    if last not in ("and", ",") or not body or len(body) > _MAX_SUBJECT:
        return None
    if any(t.kind != "word" or t.low in _BREAKS for t in body):
        return None
    return "and" if last == "and" else ","


def _total(
    toks: list[Token], starts: list[int], chain: list[Figure], prev: Figure | None, largest: dict[str, int]
) -> list[Figure]:
    first = chain[0]
    total = sum(_point(f) or 0 for f in chain)
    if largest.get(first.metric, 0) >= total:
        return []  # "among the 14 people killed were two women and one boy": parts of the larger count
    k = bisect_left(starts, first.start)
    before = toks[max(0, k - _BREAKDOWN_WINDOW) : k]
    if any(t.low in _BREAKDOWN and (t.text != "-" or t.space_before) for t in before):  # not "a 24-hour siege"
        return []  # "ten people, including four children and two women": parts of a stated total
    if before and prev is not None and prev.metric == first.metric and before[0].start <= prev.start:
        return []  # "six refugees, two women and four children, were killed": an apposition of parts
    if first.via == "right" and before and before[-1].low.endswith("ed") and before[-1].low not in SAY_VERBS:
        return []  # "the outbreak has infected 61 people and one person has died": another verb's object
    if len(chain) > 2 and _point(first) == sum(_point(f) or 0 for f in chain[1:]):
        return []  # "six refugees, two women and four children": the first count is the others' total
    if any(f.subject and not _ARMED.isdisjoint(f.subject.lower().split()) for f in chain):
        return []  # the two sides of a fight
    qualifiers = {f.qualifier for f in chain}
    qualifier = next((q for q in ("more_than", "at_least") if q in qualifiers), "exact")
    last = chain[-1]
    return [
        Figure(
            first.metric,
            None if qualifier == "exact" else total,
            None if qualifier == "more_than" else total,
            None,
            qualifier,
            first.start,
            last.end,
            "people",
            None,
            first.tok_i,
            max(f.tok_j for f in chain),
            first.via,
        )
    ]
