"""The figure extractor: entry text -> facts, pure and deterministic.

Public API:

- :data:`EXTRACTOR_VERSION`: the version stamped on every fact; it changes
  whenever the output for some input can change.
- :func:`extract`: the facts of an entry given its title and body.
- :func:`extract_text`: the same for an already joined entry text.
- :class:`ExtractionError`: what they raise when the extractor itself fails.

This package never imports faust or aiokafka, does no network and no I/O at
import time; the gazetteer is built in memory on first use.

A failing extractor raises; it never answers ``[]``, because an empty answer
would silently remove figures from the views. The shells decide what a failure
means: the worker dead-letters the entry, replay and rederive leave it out and
list it, ``liveledger extract`` names it and exits non-zero.
"""

from __future__ import annotations

from schemas.facts import Fact, entry_text
from streams.extract.extractor import extract_text as _extract_text
from streams.extract.version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "ExtractionError", "extract", "extract_text"]


class ExtractionError(Exception):
    """Root of the extraction layer: the extractor raised on an entry's text.

    It is a bug in the extractor, not in the entry. The message names the
    extractor version and the original error (also kept as ``__cause__``) and
    says what to do.

    >>> e = ExtractionError.of("2026.1.0", ValueError("bad span"))
    >>> e.extractor_version
    '2026.1.0'
    >>> str(e).startswith("extractor 2026.1.0 failed: ValueError: bad span.")
    True
    """

    def __init__(self, message: str, *, extractor_version: str = "") -> None:
        super().__init__(message)
        self.extractor_version = extractor_version

    @classmethod
    def of(cls, extractor_version: str, cause: BaseException) -> ExtractionError:
        """The error for ``cause`` raised by extractor ``extractor_version``; raise it ``from cause``."""
        return cls(
            f"extractor {extractor_version} failed: {type(cause).__name__}: {cause}. "
            "A worker dead-letters the entry (stage extract) and replay leaves it out of the views; "
            "fix the extractor, then run `liveledger audit rederive` to see what the fix changes",
            extractor_version=extractor_version,
        )


def extract_text(text: str) -> list[Fact]:
    """Facts of an entry text, ordered by span start.

    Raises ``TypeError`` when ``text`` is not a ``str`` and :class:`ExtractionError`
    when the extractor fails on it.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_text expects str, got {type(text).__name__}")
    try:
        return _extract_text(text)
    except Exception as e:
        raise ExtractionError.of(EXTRACTOR_VERSION, e) from e


def extract(title: str, body: str) -> list[Fact]:
    """Facts of an entry; spans index into ``schemas.facts.entry_text(title, body)``.

    Raises :class:`ExtractionError` when the extractor fails.
    """
    return extract_text(entry_text(title, body))
