"""A person named in full elsewhere in the entry: "Van Leeuw said" after "federal prosecutor Frederic Van Leeuw".

A source often gets its full title and name once, in a sentence that carries no
figure and no speech verb ("Federal prosecutor Frederic Van Leeuw speaks to
reporters."), and only a surname or first name where it gives the figures.
``titled_names`` finds those fuller mentions in the entry text so the short one
can stand for them (``claimants.stands_for``). A fuller mention must hold a title
word ("prosecutor", "editor", "governor"), so a bare word before a name is
never taken for part of it. Work is linear: each short name is looked up at
most ``MAX_LOOKUPS`` times in a bounded window.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from streams.extract.claimants import COUNTRY_WORDS, INSTITUTION_WORDS, is_title_word
from streams.extract.phrases import CITE_VERBS
from streams.extract.speech import SAY_VERBS
from streams.extract.tokens import Token, tokenize, words

MAX_LOOKUPS = 8
MAX_NAME_WORDS = 2
_BEFORE = 6  # words before the name that may belong to the mention
_WINDOW = 100  # characters before the name that are tokenised (six words and their spaces, mostly)
_AFTER = 40  # characters after it (one more name word and what ends it)
_STOP = (
    words(
        """
    the a an and or but of for to in on at by with from as that which who said says told
    was were is are has have had be been this these those it its he she they we i
    """
    )
    | SAY_VERBS
    | CITE_VERBS
)  # "a local journalist cited firefighters": a verb ends a name
_NAME_ENDS = frozenset({"(", ",", ".", ";", ":"}) | words("said says told tweeted wrote")


def titled_names(text: str, mentions: Sequence[str]) -> list[str]:
    """Fuller mentions in ``text`` of the bare names among ``mentions`` (as written, lowercase kept)."""
    out: list[str] = []
    fuller = {w for m in mentions if len(m.split()) > MAX_NAME_WORDS for w in m.lower().split()}
    for m in dict.fromkeys(mentions):
        ws = m.lower().split()
        if all(w in fuller for w in ws):
            continue  # the entry's claimants already hold a fuller mention to stand for
        if not 1 <= len(ws) <= MAX_NAME_WORDS or any(w in _STOP or _known(w) for w in ws):
            continue
        pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in ws) + r"\b", re.IGNORECASE)
        for n, hit in enumerate(pattern.finditer(text)):
            if n >= MAX_LOOKUPS:
                break
            got = _around(text, hit.start(), hit.end(), len(ws))
            if got is not None and got.lower() != m.lower():
                out.append(got)
                break
    return out


def _known(w: str) -> bool:
    return is_title_word(w) or w in INSTITUTION_WORDS or w in COUNTRY_WORDS


def _around(text: str, start: int, end: int, n_name: int) -> str | None:
    """The titled mention holding the name at ``text[start:end]``, if there is one."""
    toks = tokenize(text, max(0, start - _WINDOW), min(len(text), end + _AFTER))
    k = next((i for i, t in enumerate(toks) if t.start == start), None)
    if k is None:
        return None
    s = k
    while s > 0 and k - s < _BEFORE and toks[s - 1].kind == "word" and toks[s - 1].low not in _STOP:
        s -= 1
    titled = [i for i in range(s, k) if is_title_word(toks[i].low)]
    if not titled:
        return None
    e = k + n_name  # one name word after it when the name ends there ("Spencer Ackerman (@x)")
    nxt = toks[e] if n_name == 1 and e + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "word" and nxt.low not in _STOP and not _known(nxt.low):
        e += 1 if toks[e + 1].low in _NAME_ENDS else 0
    return _join(toks[s:e])


def _join(toks: list[Token]) -> str:
    return "".join((" " if k and t.space_before else "") + t.text for k, t in enumerate(toks))
