"""Strike words that name no strike event: a police raid, a debate about strikes, a raid of a past war.

Helpers of :func:`streams.extract.context.find_strike`. Each looks at one
sentence's tokens once: linear.
"""

from __future__ import annotations

from itertools import pairwise

from streams.extract import lexicon as lx
from streams.extract.tokens import Token, words

#: Words of policing that make a "raid" a search of premises, not an attack (unless a weapon,
#: an armed actor or soldiers are named).
_POLICING = words(
    """
    police policemen officers immigration arrested arrest arrests detained warrant warrants searched
    search counterterrorism anti-terrorism counter-terrorism customs
    """
)
#: Nouns and verbs that make plural strikes the topic of a debate or a decision, not an event: "involvement
#: in air strikes", "questions on air strikes", "the vote on strikes", "support for air strikes", "the
#: decision to launch air strikes", "whether to extend air strikes", "eleven yes to airstrikes".
_TOPIC = words(
    """
    involvement involved questions question debate vote voted claims participation policy case support
    supports supported oppose opposes opposed opposition decision decisions decide decided extend extending
    expand expanding whether yes backs backing favour favor opinion opinions stance
    """
)
#: Words before "back" that make it a stance ("whether to back air strikes", "he will back strikes"),
#: not a push ("fighters were pushed back by air strikes").
_BACKERS = words("to will would 'll not n't should")
#: Names of past wars that a remembrance or a history names its raids by.
_PAST_WARS = words("ww2 wwii ww1 wwi blitz")
#: How far before a strike noun its topic word may stand ("questions on uk air strikes").
_TOPIC_WINDOW = 4


def policing(lows: list[str]) -> bool:
    """Whether the sentence speaks of policing ("police arrested three in a raid")."""
    return not _POLICING.isdisjoint(lows)


def topic_before(toks: list[Token], k: int) -> bool:
    """Whether the strike noun at ``k`` is the topic of a debate: a topic word shortly before it."""
    for p in range(k - 1, max(-1, k - 1 - _TOPIC_WINDOW), -1):
        if toks[p].kind == "punct":
            return False
        if toks[p].low in _TOPIC or (toks[p].low == "back" and p >= 1 and toks[p - 1].low in _BACKERS):
            return True
    return False


def of_past_war(lows: list[str]) -> bool:
    """Whether the sentence is about a world war ("during the Second World War", "WW2 bombing")."""
    if not _PAST_WARS.isdisjoint(lows):
        return True
    pairs = pairwise(lows)  # "WW2" is two tokens
    return any((a == "world" and b in ("war", "wars")) or (a == "ww" and b in ("1", "2")) for a, b in pairs)


def walkout_sentence(toks: list[Token], lows: list[str]) -> bool:
    """Whether the sentence names a walkout ("a general strike", "the tube strike") and no violence: its
    other strikes with no weapon are walkouts too ("general strike in Belgium today, huge strikes in Italy")."""
    return lx.VIOLENCE_WORDS.isdisjoint(lows) and any(
        t.low in ("strike", "strikes") and toks[k - 1].low.removesuffix("'") in lx.NOT_MILITARY_BEFORE_STRIKE
        for k, t in enumerate(toks)
        if k >= 1
    )


#: Verbs that launch an attack, never a walkout: "Russia launched 12 strikes", "carried out strikes".
_LAUNCHED = words("launched launches launch launching carried conducted unleashed fired")


def launched_strike(toks: list[Token], k: int) -> bool:
    """Whether the strike noun at ``k`` is launched or carried out (within three words before it), or made
    against something: an attack even in a sentence that also names a walkout."""
    if k + 1 < len(toks) and toks[k + 1].low == "against":
        return True
    return any(toks[q].low in _LAUNCHED for q in range(max(0, k - 4), k))
