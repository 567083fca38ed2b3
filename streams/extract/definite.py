"""A single person named with "the" whose fate is told: "the pilot was killed", "the suspect has been arrested".

Real reports tell one victim's fate with a definite noun as often as with "a" ("the driver was
shot dead by police", "the gunman was killed in the exchange of fire"). The counting rules take a
single person as a count of one (``tests/corpus/README.md``: "killing the driver" is killed 1), so
the subject form counts too. Only the plain passive is read, right after the noun (a few
modifiers between "the" and the noun): "the pilot was killed", "the injured suspect has been
arrested", never "the man said" or "the pilot of the plane that was hit". Bounded: linear.
"""

from __future__ import annotations

from streams.extract import lexicon as lx
from streams.extract.cues import Figure, skip_to_cue
from streams.extract.shapes import people_cue
from streams.extract.tokens import Token

#: How many tokens may stand between "the" and the person: "the 23-year-old lorry driver" (hyphens count).
MAX_MODIFIERS = 6
#: Auxiliaries that open the passive right after the person.
_PASSIVE = frozenset({"was", "has", "had"})
#: Fates a definite single person is counted for.
_FATES = frozenset({"killed", "injured", "arrested", "captured", "missing"})
#: Words of a violent injury, the only ones a definite person is counted injured for ("the guard was
#: wounded"); "injured" alone is as often a sports injury ("the captain was injured in the first half").
_WOUNDED = frozenset({"wounded", "shot", "stabbed"})
#: Words before "the" that make the person part of another phrase: "one of the pilots", "by the driver".
_NOT_SUBJECT = lx.PREPS | frozenset({"of", "by", "including", "among", "like", "than", "as", "said", "says"})


def definite_one(toks: list[Token], i: int) -> Figure | None:
    """The count of one for "the <person> was <fate>" with "the" at ``i``, or None."""
    n = len(toks)
    if i >= 1 and (toks[i - 1].low in _NOT_SUBJECT or toks[i - 1].kind == "num"):
        return None
    k = next((q for q in range(i + 1, min(n, i + 2 + MAX_MODIFIERS)) if toks[q].low in lx.PERSON_SINGULAR), None)
    if k is None or k + 2 >= n or toks[k + 1].low not in _PASSIVE:
        return None
    for q in range(i + 1, k):
        t = toks[q]
        age = t.kind == "num" and toks[q + 1].text == "-" and not toks[q + 1].space_before  # "the 23-year-old"
        if (
            (t.kind == "punct" and t.text != "-")
            or t.low in lx.AUX
            or t.low in lx.PREPS
            or (t.kind == "num" and not age)
        ):
            return None  # "the pilot of the plane", "the two men": no single subject
    cue_k = skip_to_cue(toks, k + 1)
    if cue_k is None or cue_k == k + 1:
        return None
    cue = people_cue(toks, cue_k)
    if cue not in _FATES or (cue == "injured" and toks[cue_k].low not in _WOUNDED):
        return None  # "the captain was injured in the first half": sport's sense of hurt, left to "a"
    subject = " ".join(t.low for t in toks[i + 1 : k + 1]).replace(" - ", "-")
    return Figure(cue, None, 1, None, "exact", toks[i].start, toks[k].end, subject, None, i, k + 1, "one")
