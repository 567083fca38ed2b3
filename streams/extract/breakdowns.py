"""A breakdown of an attributed figure, in the sentences right after it, is the same source's.

Live blogs give a source's total, then its parts without repeating the source:
"Police said 8 attackers died. Four died at the theatre, three at the stadium
and one in the street." The parts (4 + 3 + 1) add up to the figure just
attributed, so they are the police's too. This is the one case where a sentence
without an attribution of its own takes one from before: its figures must add up
exactly to a figure of the same metric in the attributed sentence just before,
in at least two counts, either alone or with the unattributed sentences that directly follow it
("They confirmed four deaths. Two died on Thursday (one in A, one in B). Two
died on Friday."). Counts inside parentheses are parts of a part, and a total
the extractor added over coordinated parts is not counted again. Anything else
(one count alone, "another three", a sentence whose figures do not add up, a
sentence in between) stays without a source, as ``trail`` says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from streams.extract.cues import Figure
from streams.extract.found import Attribution
from streams.extract.tokens import Token

#: Words before a count that add it to those before: no part of them.
_MORE = frozenset({"another", "other", "others", "further", "more", "additional"})
#: The most sentences a breakdown may run over.
MAX_PARTS_SENTENCES = 4


class _Sentence(Protocol):
    start: int
    toks: list[Token]
    figures: list[Figure]
    attribution: Attribution | None


def carry_breakdowns(text: str, sentences: Sequence[_Sentence]) -> None:
    """Give each run of sentences that breaks down the attributed figure before it that figure's source."""
    k = 0
    while k < len(sentences):
        a = sentences[k].attribution
        if a is None or not (a.claimant or a.relay) or sentences[k].figures == []:
            k += 1
            continue
        totals = {(f.metric, v) for f in sentences[k].figures if (v := _point(f)) is not None and v >= 2}
        run = _run(text, sentences, k)
        got = _fits(run, totals)
        for sent in run[:got]:
            sent.attribution = replace(a, pieces=[(-1, -1)], start=-1, end=-1, segments=[], runs_on=False)
        k += max(1, got)


def _run(text: str, sentences: Sequence[_Sentence], k: int) -> list[_Sentence]:
    """The unattributed sentences with figures that directly follow sentence ``k``."""
    out: list[_Sentence] = []
    end = sentences[k].toks[-1].end if sentences[k].toks else sentences[k].start
    for sent in sentences[k + 1 : k + 1 + MAX_PARTS_SENTENCES]:
        if sent.attribution is not None or not sent.figures or text[end : sent.start].strip():
            break
        out.append(sent)
        end = sent.toks[-1].end if sent.toks else sent.start
    return out


def _fits(run: list[_Sentence], totals: set[tuple[str, int]]) -> int:
    """How many sentences of ``run`` add up to one of ``totals``; 0 when no prefix does."""
    sums: dict[str, int] = {}
    parts = 0
    for n, sent in enumerate(run, 1):
        for f in _parts(sent):
            if f.tok_i >= 1 and sent.toks[f.tok_i - 1].low in _MORE:
                return 0  # "killing three ... . Bullets killed another three": more dead, not parts
            sums[f.metric] = sums.get(f.metric, 0) + (_point(f) or 0)
            parts += 1
        if parts < 2:
            continue  # one count alone restates the total or is another one: no breakdown
        if any(sums.get(m, 0) > v for m, v in totals) and not any(sums.get(m) == v for m, v in totals):
            return 0  # more than the total: these are other counts
        if sums and all(any(sums[m] == v for mm, v in totals if mm == m) for m in sums):
            return n
    return 0


def _parts(sent: _Sentence) -> list[Figure]:
    """The sentence's own counts, outside parentheses, without totals spanning other counts."""
    depth_at: dict[int, int] = {}
    depth = 0
    for t in sent.toks:
        depth += t.text == "("
        depth -= t.text == ")" and depth > 0
        depth_at[t.start] = depth
    figs = [f for f in sent.figures if f.metric != "strikes"]
    own = [f for f in figs if not any(g is not f and f.start <= g.start and g.end <= f.end for g in figs)]
    return [f for f in own if depth_at.get(f.start, 0) == 0]


def _point(f: Figure) -> int | None:
    return f.best if f.best is not None else f.low
