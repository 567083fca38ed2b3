"""Everyday senses of the words of war, by the other words of the sentence.

Sport, labour disputes and politics borrow the vocabulary of conflict: "3
players are injured ahead of the derby", "the union staged 4 strikes", "the
coach named his 23 troops", "the opposition launched 4 attacks on the budget
during the debate". Such a sentence is told by its words of sport, labour or
politics (lexicon.py). A word of real violence in the same sentence (a weapon,
a blast, gunmen, soldiers) settles it the other way: "two players were injured
by shelling" is a casualty report.

What an everyday sense silences (shared/guide/domain.md counts the casualties
of violence and disaster, and attacks only as strikes):

- an ``injured`` or ``casualties`` figure whose counted people are athletes;
- a ``troops`` figure in a sentence of sport;
- a ``strikes`` figure in a sentence of sport, labour or politics.

Killings, arrests and displacement are never silenced here: "2 fans were killed
in a crush" is a disaster, and police arrests at a picket line are arrests.
One pass over the sentence's tokens: linear.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from streams.extract import lexicon as lx
from streams.extract.cues import Figure
from streams.extract.tokens import Token


@dataclass(slots=True, frozen=True)
class Senses:
    """Which everyday senses a sentence's words show, and whether it names violence."""

    sport: bool
    labour: bool
    politics: bool
    violence: bool
    forces: bool  # soldiers, the army, a battalion: any force word but "troops"
    troops: bool  # the one force word that sport borrows: "the coach named his 23 troops"

    @property
    def everyday(self) -> bool:
        return (self.sport or self.labour or self.politics) and not (self.violence or self.forces or self.troops)


def _walked_out(toks: list[Token]) -> bool:
    """ "workers walked out", "staff walk off the job": a walkout in two words. (Plural "workers" and
    "employees" alone say nothing: "strikes hit the depot where 40 workers sheltered" is an attack.)"""
    walk = ("walk", "walks", "walked", "walking")
    return any(a.low in walk and b.low in ("out", "off") for a, b in itertools.pairwise(toks))


def senses_of(toks: list[Token]) -> Senses:
    """The everyday senses of one sentence."""
    lows = {t.low.removesuffix("'s") for t in toks if t.kind == "word"}
    return Senses(
        sport=not lx.SPORT_WORDS.isdisjoint(lows),
        labour=not lx.LABOUR_WORDS.isdisjoint(lows) or _walked_out(toks),
        politics=not lx.POLITICS_WORDS.isdisjoint(lows),
        violence=not lx.VIOLENCE_WORDS.isdisjoint(lows),
        forces=not lx.SOLDIERY.isdisjoint(lows),
        troops="troops" in lows,
    )


def everyday_figure(toks: list[Token], fig: Figure, s: Senses) -> bool:
    """Whether ``fig`` counts something of the game, the dispute or the campaign, not of a conflict."""
    if _percentage(toks, fig):
        return True  # "has lost 8 %": a share, never a count (domain.md)
    if fig.metric == "strikes" and _other_strikes(toks, fig.tok_j):
        return True  # "2,000 lightning strikes", "4 general strikes"
    if fig.metric == "troops":
        return s.sport and not (s.violence or s.forces)  # "the coach named his 23 troops for the squad"
    if not s.everyday:
        return False
    if fig.metric == "strikes" or fig.via == "rank":
        return True  # a rank ("a fourth was injured") names no one: in a game's sentence it is the game's
    if fig.metric in ("injured", "casualties"):
        return _athletes(toks, fig, s.sport)
    return False


def _percentage(toks: list[Token], fig: Figure) -> bool:
    """A number set apart from its percent sign: "lost 8 %" (the attached "8%" is no number at all)."""
    for p in range(fig.tok_i, min(len(toks), fig.tok_i + 4)):
        if toks[p].start >= fig.end:
            return toks[p].text == "%"
    return False


def _other_strikes(toks: list[Token], j: int) -> bool:
    """The counted strikes at ``toks[j - 1]`` are of another kind by the word before them."""
    if not 2 <= j <= len(toks):
        return False
    low, before = toks[j - 1].low, toks[j - 2].low
    return (low == "strikes" and before in lx.NOT_MILITARY_BEFORE_STRIKE) or (
        low in lx.STRIKE_COUNT_NOUNS and before in lx.NOT_MILITARY_BEFORE
    )


def _athletes(toks: list[Token], fig: Figure, sport: bool) -> bool:
    """ "3 first-team players are injured", "two midfielders were hurt": the counted people play."""
    for t in toks[fig.tok_i : fig.tok_j + 1]:
        if t.low in lx.ATHLETES and (sport or t.low not in lx.ATHLETES_IF_SPORT):
            return True
    return False


def civil_air_object(words: list[str], k: int, sentence: list[str]) -> bool:
    """ "30 delivery drones", "2 rockets carrying 40 satellites into orbit": no weapon at ``words[k]``."""
    w = words[k]
    if w in lx.DRONE_NOUNS:
        return k >= 1 and words[k - 1] in lx.CIVIL_DRONE_WORDS
    if w in ("rocket", "rockets"):
        return not lx.SPACE_WORDS.isdisjoint(sentence)
    return False
