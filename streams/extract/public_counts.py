"""What a public dataset's row states, and the killed figure our tally gives for it (``liveledger eval``).

Pure helpers of :mod:`streams.extract.public_eval`: whether a note states the coded count, whether a
row's text carries a report at all, and the one killed figure a reader of our casualty view takes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schemas.facts import Fact

#: Number words a note may state a count in, by value.
_WORD_LIST = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip


#: The coder's own notes on its number ("fatalities coded as 10", "split across 2 events (4)",
#: "5 coded to each"): they restate the coding, not the reporting, so they do not count as stating it.
_CODING_RE = re.compile(
    r"coded\s+(?:as|to|at)\s+\d+|\d+\s+coded\s+to\s+each|(?:split|spread)\s+(?:up\s+)?(?:across|between|over)\s+\d+\s+[a-z]+(?:\s*\(\d+\))?"
    r"|split\s+(?:up\s+)?(?:across|between|over)[^.()]{0,40}\(\d+\)",
    re.IGNORECASE,
)
#: A day of the month is no statement of a count: "On 4 March 2020", "March 4" ("may" is left out: "40 may die").
_MONTHS = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)
_DATE_RE = re.compile(
    rf"\b\d{{1,2}}\s+{_MONTHS}\b|\b{_MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+may\s+\d{{4}}\b", re.IGNORECASE
)


def states_count(text: str, n: int) -> bool:
    """Whether a note states the number ``n`` (digits, with or without thousands commas, or a word).

    The coder's own notes on its number are left out first (see ``_CODING_RE``), and so are dates
    ("On 4 March 2020" states no count of 4).
    """
    forms = {str(n), f"{n:,}"}
    if n < len(_WORD_LIST):
        forms.add(_WORD_LIST[n])
    low = _DATE_RE.sub(" ", _CODING_RE.sub(" ", text.lower()))
    return any(re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d,]|\.\d)", low) for f in forms)


def carries(f: Fact, n: int) -> bool:
    """Whether a figure gives the count ``n`` (its best value, else its lower bound)."""
    return f.best == n or (f.best is None and f.low == n)


def tally_figure(facts: Sequence[Fact]) -> int | None:
    """The killed figure a reader of our casualty view takes for one report: the largest incident one."""
    points = [
        v
        for f in facts
        if f.metric == "killed" and not f.cumulative and f.per is None
        if (v := f.best if f.best is not None else f.low if f.low is not None else f.high) is not None
    ]
    return max(points) if points else None


#: A text with no figure at all once links are dropped ("daily death total reported at http://..."):
#: a pointer to a total kept elsewhere, no report.
_URL_RE = re.compile(r"https?://\S+")
_WORD_RE = re.compile(r"[a-z]+")


def carries_report(text: str) -> bool:
    """Whether a row's text states any figure: a digit, a number word or a vague quantity, or "a man"."""
    from streams.extract.numbers import NUMBER_WORDS, VAGUE

    low = _URL_RE.sub(" ", text.lower())
    if any(c.isdigit() for c in low):
        return True
    ws = _WORD_RE.findall(low)
    return any(w in NUMBER_WORDS or w in VAGUE or w in ("a", "an") for w in ws)
