"""Tokenising one sentence into words, numbers and punctuation, with offsets.

Tokens keep their character offsets into the entry text so every fact can
point back at its evidence. The pattern has no nested quantifiers, so it
runs in linear time on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest digit run we treat as a number; longer runs are ids or noise.
MAX_DIGITS = 15

#: Whitespace, then one token: digits with separators (trailing separators are
#: trimmed below), a word optionally with an apostrophe inside, or any other
#: character. ``findall`` over this pattern yields plain strings (no match
#: objects), and the lengths of the pieces give the offsets.
_TOKEN_RE = re.compile(r"(\s*)(?:(\d[\d,.]*)|([^\W\d_]+(?:['’ʼ][^\W\d_]+)?)|(\S))")

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


@dataclass(slots=True)
class Token:
    """One token: its text, its lowercase form and its ``[start, end)`` offsets."""

    text: str
    low: str
    start: int
    end: int
    kind: str  # "num", "word" or "punct"
    space_before: bool
    is_cap: bool  # starts with an uppercase letter


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, with offsets into ``text``."""
    if end is None:
        end = len(text)
    out: list[Token] = []
    append = out.append
    pos = start
    first = True
    piece = text[start:end]
    # The text keeps the apostrophe as written (claimants are quoted as written); the lowercase
    # form used for matching has the plain one. One look per sentence says whether any word needs it.
    curly = "’" in piece or "ʼ" in piece
    for ws, num, word, other in _TOKEN_RE.findall(piece):
        s = pos + len(ws)
        space = first or s != pos
        first = False
        if word:
            e = s + len(word)
            low = word.translate(_APOSTROPHES).lower() if curly else word.lower()
            append(Token(word, low, s, e, "word", space, word[0].isupper()))
        elif num:
            e = s + len(num)
            stripped = num.rstrip(",.")
            if len(stripped) != len(num):
                # "1,200." at a sentence end: the trailing separators are punctuation.
                se = s + len(stripped)
                append(Token(stripped, stripped, s, se, "num", space, False))
                for k in range(se, e):
                    append(Token(text[k], text[k], k, k + 1, "punct", False, False))
            else:
                append(Token(num, num, s, e, "num", space, False))
        else:
            e = s + 1
            append(Token(other, other, s, e, "punct", space, False))
        pos = e
    if "<" in piece and ">" in piece:
        return _drop_markup(out)
    return out


#: Inline markup that copies of search results keep around words ("were <b>killed</b>").
_TAGS = frozenset({"b", "i", "em", "strong", "u", "br", "p", "span", "mark"})


def _drop_markup(toks: list[Token]) -> list[Token]:
    """The tokens without inline tags ("<b>", "</b>", "<br/>"): the words they wrap stay."""
    out: list[Token] = []
    k, n = 0, len(toks)
    while k < n:
        t = toks[k]
        if t.text == "<":
            q = k + 1 + (k + 1 < n and toks[k + 1].text == "/")
            if q < n and toks[q].low in _TAGS:
                q += 1 + (q + 1 < n and toks[q + 1].text == "/")
                if q < n and toks[q].text == ">":
                    k = q + 1
                    continue
        out.append(t)
        k += 1
    return out


def words(s: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of ``s`` (for word lists)."""
    return frozenset(s.split())
