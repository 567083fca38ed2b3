"""What a parsed source holds: publish requests, each named by where it came from, and what was skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from schemas.codec import format_time

Kind = Literal["html", "rss", "atom", "jsonl"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """One thing from the source that did not become a request, and why."""

    where: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"where": self.where, "error": self.error}


@dataclass(frozen=True, slots=True)
class Item:
    """One post of a live blog, as the source gives it, with its safe id already made."""

    entry_id: str
    original_id: str
    title: str
    body: str
    source_published_at: datetime | None = None
    source_updated_at: datetime | None = None
    author: str | None = None
    occurred_at: datetime | None = None

    def request(self, blog_id: str) -> dict[str, Any]:
        """The publish request (the JSON-lines shape of ``liveledger publish``) for this post."""
        doc: dict[str, Any] = {
            "entry_id": self.entry_id,
            "blog_id": blog_id,
            "title": self.title,
            "body": self.body,
            "source_url": self.original_id,
        }
        if self.author:
            doc["author"] = self.author
        if self.source_published_at is not None:
            doc["source_published_at"] = format_time(self.source_published_at)
        if self.source_updated_at is not None:
            doc["source_updated_at"] = format_time(self.source_updated_at)
        if self.occurred_at is not None:
            doc["occurred_at"] = format_time(self.occurred_at)
        return doc


@dataclass(frozen=True, slots=True)
class Record:
    """One publish request and a label naming it in the source (``item 3 (…#block-3)``, ``line 5``)."""

    where: str
    request: dict[str, Any]

    @property
    def entry_id(self) -> str:
        return str(self.request.get("entry_id", ""))


@dataclass
class ParsedSource:
    """A source read as a live blog: its requests in the source's order, and what was skipped."""

    kind: Kind
    blog_id: str | None
    canonical_url: str | None
    records: list[Record] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
