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

_TOKEN_RE = re.compile(
    r"\d[\d,.]*"  # digits with separators; trailing separators are trimmed below
    r"|[^\W\d_]+(?:['’ʼ][^\W\d_]+)?"  # a word, optionally with an apostrophe inside
    r"|\S",
)

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
    prev_end = -1
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e = m.span()
        t = m.group()
        c = t[0]
        if c.isdigit():
            # "1,200." at a sentence end: the trailing separators are punctuation.
            stripped = t.rstrip(",.")
            if len(stripped) != len(t):
                se = s + len(stripped)
                append(Token(stripped, stripped, s, se, "num", s != prev_end, False))
                for k in range(se, e):
                    append(Token(text[k], text[k], k, k + 1, "punct", False, False))
                prev_end = e
                continue
            append(Token(t, t, s, e, "num", s != prev_end, False))
        elif c.isalpha():
            if "’" in t or "ʼ" in t:
                t = t.translate(_APOSTROPHES)
            append(Token(t, t.lower(), s, e, "word", s != prev_end, c.isupper()))
        else:
            append(Token(t, t, s, e, "punct", s != prev_end, False))
        prev_end = e
    return out


def words(s: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of ``s`` (for word lists)."""
    return frozenset(s.split())
