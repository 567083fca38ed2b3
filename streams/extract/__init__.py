"""The figure extractor: entry text -> facts, pure and deterministic.

Public API:

- :data:`EXTRACTOR_VERSION`: the version stamped on every fact; it changes
  whenever the output for some input can change.
- :func:`extract`: the facts of an entry given its title and body.
- :func:`extract_text`: the same for an already joined entry text.

This package never imports faust or aiokafka, does no network and no I/O at
import time; the gazetteer is built in memory on first use.
"""

from __future__ import annotations

import logging

from schemas.facts import Fact, entry_text
from streams.extract.extractor import extract_text as _extract_text
from streams.extract.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_text"]

_log = logging.getLogger(__name__)


def extract_text(text: str) -> list[Fact]:
    """Facts of an entry text, ordered by span start. Never raises on a ``str``."""
    if not isinstance(text, str):
        raise TypeError(f"extract_text expects str, got {type(text).__name__}")
    try:
        return _extract_text(text)
    except Exception:  # a bug must not stop the stream; tests call the strict core directly
        _log.exception("extractor %s failed on a text of %d chars", EXTRACTOR_VERSION, len(text))
        return []


def extract(title: str, body: str) -> list[Fact]:
    """Facts of an entry; spans index into ``schemas.facts.entry_text(title, body)``."""
    return extract_text(entry_text(title, body))
