"""Small helpers for the extractor tests."""

from __future__ import annotations

import re

from schemas.facts import Fact
from streams.extract import extract, extract_text
from streams.extract.attribution import find_attribution
from streams.extract.tokens import tokenize


def facts_of(text: str, metric: str | None = None) -> list[Fact]:
    """The facts of ``text``, optionally only one metric."""
    return [f for f in extract_text(text) if metric is None or f.metric == metric]


def one(text: str, metric: str) -> Fact:
    """The single fact of ``metric`` in ``text``; fails when there are none or several."""
    found = facts_of(text, metric)
    assert len(found) == 1, f"expected one {metric} fact in {text!r}, got {found}"
    return found[0]


def one_in_post(body: str, metric: str, title: str = "") -> Fact:
    """The single fact of ``metric`` in a post with a title and a body; fails when there are none or several."""
    found = [f for f in extract(title, body) if f.metric == metric]
    assert len(found) == 1, f"expected one {metric} fact in {body!r}, got {found}"
    return found[0]


def where(f: Fact) -> tuple[str | None, str | None]:
    """(region_code, country) of a fact."""
    return (f.region_code, f.country)


def bounds(f: Fact) -> tuple[int | None, int | None, int | None, str]:
    """(low, best, high, qualifier) of a fact."""
    return (f.low, f.best, f.high, f.qualifier)


def attr(s: str) -> tuple[str | None, str | None]:
    """(claimant, relay) of the attribution found in ``s``, lowercased; fails when none is found."""
    a = find_attribution(s, tokenize(s))
    assert a is not None, s
    return (a.claimant.lower() if a.claimant else None, a.relay.lower() if a.relay else None)


def both(s: str) -> list[str]:
    """The text as written, and lowercased."""
    return [s, s.lower()]


def both_tokenised(s: str) -> list[str]:
    """The text as written, and lowercased and tokenised (one line) as the live-blog corpus is."""
    low = re.sub(r"([.,:;()!?@])", r" \1 ", s.lower())
    return [s, re.sub(r"\s+", " ", low).strip()]
