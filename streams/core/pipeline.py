"""From a decoded event and its log position to the ``EntryFacts`` every reducer takes.

Pure: both the faust agents and replay call ``entry_facts`` so they see the same facts.
Editor-supplied figures take precedence: for any metric an editor gave, the
extracted facts of that metric are dropped; extracted facts of other metrics stay.

An extractor that raises makes ``entry_facts`` raise ``ExtractionError`` (whatever the
extractor raised is wrapped, naming the extractor version), never an entry without
facts: the worker dead-letters such an entry at stage ``extract`` and replay leaves it
out, so both paths agree on what it contributes (nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from schemas.codec import format_time
from schemas.events import DomainEvent, EntryRetracted
from schemas.facts import EDITOR_VERSION, Fact, entry_text
from streams.core.records import EntryFacts, Position
from streams.extract import EXTRACTOR_VERSION, ExtractionError, extract

Extractor = Callable[[str, str], Sequence[Fact]]


def default_extractor() -> tuple[Extractor, str]:
    """The project's extractor and its version."""
    return extract, EXTRACTOR_VERSION


def merge_figures(editor: Sequence[Fact], extracted: Sequence[Fact]) -> tuple[Fact, ...]:
    """Editor figures first, then extracted facts of metrics the editor did not give."""
    given = {f.metric for f in editor}
    return (*editor, *(f for f in extracted if f.metric not in given))


def entry_facts(
    event: DomainEvent,
    position: Position,
    extractor: Extractor,
    extractor_version: str,
) -> EntryFacts:
    """The facts of ``event`` at ``position``; empty for a retraction.

    Raises ``ExtractionError`` when ``extractor`` raises.
    """
    published_at = format_time(event.published_at)
    occurred_at = format_time(event.occurred_at) if event.occurred_at else None

    content = None if isinstance(event, EntryRetracted) else event.content
    posted = content.source_published_at or content.source_updated_at if content is not None else None
    edited = content.source_updated_at if content is not None else None

    def make(facts: tuple[Fact, ...], text: str, version: str, retracted: bool, title: str = "") -> EntryFacts:
        return EntryFacts(
            blog_id=event.blog_id,
            entry_id=event.entry_id,
            event_id=event.event_id,
            event_type=event.type,
            published_at=published_at,
            occurred_at=occurred_at,
            position=position,
            facts=facts,
            text=text,
            extractor_version=version,
            retracted=retracted,
            title=title,
            source_published_at=format_time(posted) if posted else None,
            source_updated_at=format_time(edited) if edited else None,
        )

    if content is None:
        return make((), "", extractor_version, True)
    try:
        extracted = extractor(content.title, content.body)
    except ExtractionError:
        raise
    except Exception as e:  # a custom extractor's own error: same meaning, same type
        raise ExtractionError.of(extractor_version, e) from e
    facts = merge_figures(content.figures, extracted)
    version = extractor_version if extracted or not content.figures else EDITOR_VERSION
    return make(facts, entry_text(content.title, content.body), version, False, content.title)
