"""Splitting an entry into sentences, keeping character offsets.

Splits at line breaks and at sentence-final punctuation followed by space
and an uppercase letter, a digit or a quote. Tokenised lowercase text
("police said . at least ...") splits at a free-standing full stop.
Very long sentences are cut into bounded chunks so the later stages stay
linear.
"""

from __future__ import annotations

import re

#: No stage ever sees a sentence longer than this many characters.
MAX_SENTENCE_CHARS = 1200

_ABBREV = frozenset(
    {
        "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "sgt", "capt", "cpt", "rev", "prof",
        "sen", "rep", "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "no", "vs", "etc", "approx", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    }
)  # fmt: skip

# A candidate boundary: ., ! or ? (possibly with closing quotes), then whitespace.
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)]?(?=\s)|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of ``text``, in order, without blanks."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY_RE.finditer(text):
        e = m.end()
        if m.group() != "\n" and not _is_boundary(text, m.start(), e, n):
            continue
        _emit(text, start, e, spans)
        start = e
    _emit(text, start, n, spans)
    return spans


def _is_boundary(text: str, dot: int, after: int, n: int) -> bool:
    # The next non-space character decides.
    k = after
    while k < n and text[k] in " \t\r":
        k += 1
    if k >= n or text[k] == "\n":
        return True
    nxt = text[k]
    if text[dot] == "." and dot > 0 and text[dot - 1] == " ":
        return True  # tokenised text: a free-standing full stop
    if text[dot:after] == ".." and dot > 0 and text[dot - 1].isalnum():
        return True  # "in the area.. officials say": a doubled stop ends a sentence (an ellipsis has three)
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘(["):
        return False
    if text[dot] == ".":
        # An abbreviation such as "Mr." or "U.S." does not end a sentence.
        j = dot
        while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
            if dot - j > 6:
                break
        word = text[j:dot].lower()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            return False
    return True


def _emit(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    while e - s > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", s + MAX_SENTENCE_CHARS // 2, s + MAX_SENTENCE_CHARS)
        if cut <= s:
            cut = s + MAX_SENTENCE_CHARS
        spans.append((s, cut))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        spans.append((s, e))
