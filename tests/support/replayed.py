"""Replay's path for in-memory agent tests: the same events folded by ViewSet, compared view by view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from schemas.codec import parse_envelope, to_event
from schemas.facts import Fact
from streams.app.factory import LiveLedgerApp
from streams.core.pipeline import entry_facts
from streams.core.records import Position
from streams.core.timeline import TIMELINE
from streams.core.viewset import ViewSet
from streams.views.routing import VIEWS


def replayed(
    raws: Sequence[bytes], topic: str, max_record_bytes: int, extractor: Callable[[str, str], list[Fact]]
) -> ViewSet:
    """The events at offsets 0, 1, 2, ... of one partition (as a test context numbers them), through ViewSet."""
    views = ViewSet(max_record_bytes)
    for offset, raw in enumerate(raws):
        event = to_event(parse_envelope(raw)[1])
        views.apply_entry(entry_facts(event, Position(topic, 0, offset), extractor, "none"))
    return views


def assert_views_equal(ll: LiveLedgerApp, views: ViewSet, what: str) -> None:
    """Every view's states and the timeline: the agents' tables equal the replay's."""
    for view in (*VIEWS, TIMELINE):
        live: dict[str, Any] = {key.decode(): state for key, state in ll.views[view].items()}
        assert live == dict(views.states(view)), f"{view} differs {what}"
