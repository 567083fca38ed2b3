"""Builders for view tests: facts and entry events written by hand, no extractor."""

from __future__ import annotations

from typing import Any

from schemas.facts import Fact, entry_text
from streams.core.records import EntryFacts, Position

TOPIC = "liveledger.entries"


def fact_in(text: str, phrase: str, **fields: Any) -> Fact:
    """A fact whose span is the first occurrence of ``phrase`` in ``text``."""
    start = text.index(phrase)
    return Fact(span=(start, start + len(phrase)), **fields)


def event(
    entry_id: str,
    facts: list[Fact] | tuple[Fact, ...] = (),
    *,
    published_at: str,
    offset: int,
    partition: int = 0,
    occurred_at: str | None = None,
    blog_id: str = "blog-ua",
    event_type: str = "entry.published",
    text: str = "",
    retracted: bool = False,
) -> EntryFacts:
    """One entry event with its log position."""
    return EntryFacts(
        blog_id=blog_id,
        entry_id=entry_id,
        event_id=f"{entry_id}:{event_type}:{offset}",
        event_type=event_type,
        published_at=published_at,
        occurred_at=occurred_at,
        position=Position(topic=TOPIC, partition=partition, offset=offset),
        facts=tuple(facts),
        text="" if retracted else text,
        extractor_version="test-1",
        retracted=retracted,
    )


def text_of(title: str | None, body: str) -> str:
    return entry_text(title, body)
