"""Sources carried from one sentence of an entry to the next.

A sentence may name its source by a pronoun or stand inside a source named
before. Within one entry, in order:

- "he", "she", "they" stand for the claimant named last before them, and the
  relay that carried it ("..., the AP reports: police officials said ... They
  said 39 were wounded" is police officials, through the AP).
- "it", "the report", "the organisation" stand for a body or an outlet, never a
  person: the last claimant when that is a body, else the last relay ("the mayor
  confirms four dead, according to state broadcaster. Earlier it reported six"
  is the broadcaster's figure, with no claimant). When the sentence it refers to
  opened with an outlet ("according to the news site X, citing the ministry"),
  "it" is that outlet.
- "the agency", "the paper" and an "it" that quotes or cites someone stand for
  the outlet named last: its relay ("..., the AP reports. 18 are dead, the
  agency said, citing the rescue centre" is the centre's figure, through the AP).
- A shorter form of the claimant of the sentence just before ("a government
  official told the Telegraph ... . The official said ...") keeps its relay.
- "we" and "I" are the blog itself: no claimant ("earlier, we reported 90 dead").
- An embedded tweet by a journalist the entry named before is no claim of theirs:
  "the AP's Jo Roe" tweets for the AP (the relay), "my colleague Jo Roe" or "...,
  Jo Roe reports." for the blog (``tweet_authors``).
- An embedded tweet that closes its sentence goes on into the next sentence when
  that one names no source of its own ("Nepal Police (@x) Totals as of noon. In
  the valley 1302 dead"). A sentence between them ends it.
- A quote opened by a colon after a speech verb ("the mayor said: ...", "here is
  the statement from the police: ...") goes on to the following sentences until
  one names a source of its own; inside it "we" is the quoted source. An outlet's
  report ("this from Reuters: ...", "according to AP: ...") goes on as the relay
  of the sentences after it, also of those that name their own claimant.

A sentence without an attribution of its own takes nothing else from before
(the domain's rule: a source is named, never guessed).
"""

from __future__ import annotations

from dataclasses import replace

from streams.extract.antecedents import issuing_subject, person_subject
from streams.extract.attribution import Attribution
from streams.extract.claimants import is_person, stands_for
from streams.extract.sentences import split_sentences
from streams.extract.tokens import tokenize
from streams.extract.tweet_authors import author_role

_PERSONS = frozenset({"he", "she", "his", "her"})
_PUBLISHER = frozenset({"we", "i", "you"})
_BODY_NOUNS = frozenset({"organisation", "organization", "group", "monitor", "charity"})


class SourceTrail:
    """The last source of an entry so far; ``follow`` each sentence's attribution in order."""

    __slots__ = ("_block", "_last", "_last_n", "_open_n", "_spans", "_text", "_tweet")

    def __init__(self, text: str = "") -> None:
        self._text = text  # the entry: a "he" may stand for the person a sentence before is about
        self._spans: list[tuple[int, int]] | None = None
        self._last: Attribution | None = None  # the last attribution that named a source
        self._last_n = -2
        self._tweet: Attribution | None = None  # a tweet still open at the end of sentence ``_open_n``
        self._open_n = -2
        self._block: Attribution | None = None  # a colon quote still open ("the mayor said: ...")

    def follow(self, a: Attribution | None, n_sent: int) -> Attribution | None:
        """The attribution of sentence ``n_sent`` (``a`` as found in it), with what it refers to resolved."""
        tweet, self._tweet = (self._tweet if self._open_n == n_sent - 1 else None), None
        if a is None:
            if tweet is not None:
                self._tweet, self._open_n = tweet, n_sent  # "... (@x) Totals at noon. Dead 3617."
                return replace(tweet, pronoun=False, pieces=[(-1, -1)], start=-1, end=-1, segments=[])
            if self._block is not None:  # "the mayor said: ... . Four died."
                return replace(self._block, pronoun=False, pieces=[(-1, -1)], start=-1, end=-1, segments=[])
            return None
        a = self._authored(a)
        block, self._block = self._block, None
        if a.claimant is None and a.pronoun and block is not None and (a.anaphor or "") in _PUBLISHER:
            a = replace(a, claimant=block.claimant, relay=a.relay or block.relay, last=block.claimant)
            self._block = block  # "we" inside a quoted statement is its source
        elif a.claimant is None and a.pronoun:
            a = self._resolve(a, n_sent)
        if a.outlet_ref and a.relay is None and self._last is not None and self._last.relay:
            a = replace(a, relay=self._last.relay)  # "..., the AP reports. 18 are dead, the agency said, citing X"
        elif a.relay is None and a.claimant and not a.pronoun and self._retold(a.claimant, n_sent):
            a = replace(a, relay=self._last.relay if self._last else None)  # "X told AP ... . The official said"
        if block is not None and block.claimant is None and a.relay is None and block.relay:
            a = replace(a, relay=block.relay)  # "this from Reuters: ... police said 4 died": Reuters carried it
            self._block = block
        if a.block and (a.claimant or a.relay):
            self._block = replace(a, block=False, runs_on=False, claimant=None if a.credit else a.claimant)
        if a.claimant or a.relay:
            self._last, self._last_n = a, n_sent
        if a.runs_on:
            tail = a.segments[-1][1] if a.segments else a
            if tail is not None:
                self._tweet, self._open_n = tail, n_sent
        return a

    def _retold(self, claimant: str, n_sent: int) -> bool:
        """Whether the sentence just before had this claimant, fuller, through a relay ("the official")."""
        last = self._last
        if last is None or last.relay is None or self._last_n != n_sent - 1 or not last.claimant:
            return False
        full = last.claimant.lower()
        short = claimant.lower()
        return short != full and set(short.split()) <= set(full.split()) and stands_for(short, full)

    def _authored(self, a: Attribution) -> Attribution:
        """A tweet by a journalist the entry named before: their outlet's report, or the blog's own."""
        parts = [a, *(seg for _, seg in a.segments if seg is not None)]
        if not self._text or all(p.author is None for p in parts):
            return a
        fixed = {id(p): _by_author(p, self._text) for p in parts}
        segments = [(s, fixed[id(seg)] if seg is not None else None) for s, seg in a.segments]
        return replace(fixed[id(a)], segments=segments)

    def _resolve(self, a: Attribution, n_sent: int) -> Attribution:
        word = (a.anaphor or "").split()[-1:]
        subject = self._subject(n_sent) if word and word[0] in _SINGULAR else None
        if subject is not None:  # "Cameron welcomes the plan. He agrees. Troops will go, he says."
            return replace(a, claimant=subject, last=subject)
        body = self._issuer(n_sent) if not word or word[0] not in _PERSONS | _PUBLISHER else None
        if body is not None:  # "The ferry line has issued a statement. The statement says 9 died."
            return replace(a, claimant=body, last=body)
        last = self._last
        if last is None or (word and word[0] in _PUBLISHER):
            return replace(a, claimant=None) if word and word[0] in _PUBLISHER else a
        claimant, relay = last.last or last.claimant, a.relay or last.relay
        thing = not word or word[0] not in _PERSONS | {"they"} | _BODY_NOUNS  # "it", "the report"
        if word and word[0] in _BODY_NOUNS:
            relay = a.relay  # "the organisation said": the body itself, not the outlet that quoted it
        elif thing and (last.lead_outlet or (claimant is not None and is_person(claimant))):
            claimant = None  # an outlet, or a body, never a person
        return replace(a, claimant=claimant, relay=relay, last=claimant)

    def _issuer(self, n_sent: int) -> str | None:
        """The body the sentences since the last named source say put something out ("X has issued a statement")."""
        if not self._text:
            return None
        if self._spans is None:
            self._spans = split_sentences(self._text)
        for m in range(n_sent - 1, max(self._last_n, n_sent - 1 - MAX_BACK), -1):
            body = issuing_subject(self._text, tokenize(self._text, *self._spans[m])) if m < len(self._spans) else None
            if m >= 0 and body is not None:
                return body
        return None

    def _subject(self, n_sent: int) -> str | None:
        """The person the sentences since the last named source are about ("Jo Marsh shows images.")."""
        if not self._text:
            return None
        if self._spans is None:
            self._spans = split_sentences(self._text)
        for m in range(n_sent - 1, max(self._last_n, n_sent - 1 - MAX_BACK), -1):
            if m < 0 or m >= len(self._spans):
                break
            toks = tokenize(self._text, *self._spans[m])
            if toks and toks[0].low in _SINGULAR:
                continue  # "He agrees on the need ...": still the same person
            return person_subject(self._text, toks)
        return None


def _by_author(a: Attribution, text: str) -> Attribution:
    role = author_role(text, a.author, a.author_at) if a.author else None
    if role is None:
        return a
    claimant = None if a.claimant == a.author else a.claimant  # the journalist reports; they claim nothing
    last = None if a.last == a.author else a.last
    return replace(a, claimant=claimant, last=last, relay=a.relay or role[1])


_SINGULAR = frozenset({"he", "she"})
#: How many sentences back the person a "he" stands for may be named.
MAX_BACK = 3
