"""An in-memory store of every view, for replay and tests.

It does exactly what the live path does per batch of entry events: the one pure step
(:func:`streams.core.step.step`: :func:`plan` against each entry's previous keys, the timeline
record, the record limit), then the row rule of :func:`streams.views.rows.apply_row` for each
contribution, in place (so a hot key costs the same per entry on day 1 and on day 1,000; a state is
owned by the set and changes as entries are applied). An entry whose contribution is over the record
limit raises :class:`streams.views.limits.RecordTooLarge` before anything is applied, as the worker
dead-letters it. Documents come
from :func:`streams.views.render.view_document`, the same function the live
query API uses, so both produce the same bytes from the same states.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from streams.core.records import EntryFacts
from streams.core.step import Known, Step, step
from streams.core.timeline import TIMELINE
from streams.views.contrib import Contribution, State
from streams.views.limits import MAX_RECORD_BYTES
from streams.views.render import Doc, combine, document_digest, render, render_all, view_document
from streams.views.routing import VIEWS, history_key, state_key
from streams.views.rows import apply_row


class ViewSet:
    """Every view's states (the timeline's too), plus each entry's keys as of its latest event seen.

    The keys of an entry are replaced only by an event at least as recent as
    the one they came from, so a redelivered older event cannot make the next
    correction forget to tombstone a key.
    """

    __slots__ = ("_entry_keys", "_states", "max_record_bytes")

    def __init__(self, max_record_bytes: int = MAX_RECORD_BYTES) -> None:
        self._states: dict[str, dict[str, State]] = {view: {} for view in (*VIEWS, TIMELINE)}
        self._entry_keys: dict[str, Known] = {}
        self.max_record_bytes = max_record_bytes

    def apply_batch(self, entries: Iterable[EntryFacts]) -> Step:
        """Fold a batch of entry events with the worker's step; an entry in ``Step.refused`` changed nothing."""
        result = step(self._entry_keys, entries, self.max_record_bytes)
        for c in result.contributions:
            self.apply(c)
        self._entry_keys.update(result.index)
        return result

    def apply_entry(self, ef: EntryFacts) -> list[Contribution]:
        """Fold one entry event (publish, correction or retraction) into every view and the timeline.

        Raises :class:`streams.views.limits.RecordTooLarge`, having applied nothing, when a
        contribution is over ``max_record_bytes``.
        """
        result = self.apply_batch([ef])
        if result.refused:
            raise result.refused[0].error
        return result.contributions

    def apply_all(self, events: Iterable[EntryFacts]) -> None:
        """Fold entry events in the order given."""
        for ef in events:
            self.apply_entry(ef)

    def apply(self, c: Contribution) -> None:
        """Fold one contribution into its view key (the key's state changes in place)."""
        states = self._states[c.view]
        state = states.get(c.key)
        if state is None:
            states[c.key] = state = {"entries": {}}
        entries = state["entries"]
        record = apply_row(entries.get(c.entry_key), c)
        if record is not None:
            entries[c.entry_key] = record

    def state(self, view: str, key: str) -> State | None:
        """The state of one view key, or None if nothing was ever applied to it."""
        return self._states[view].get(state_key(view, key))

    def states(self, view: str) -> Mapping[str, State]:
        """All states of a view, by key (tombstoned keys included)."""
        return self._states[view]

    def entry_keys(self, entry_key: str) -> dict[str, list[str]]:
        """The keys per view the entry's latest event touches."""
        known = self._entry_keys.get(entry_key)
        return dict(known.keys) if known is not None else {}

    def render(self, view: str, key: str) -> Doc | None:
        """The document of one view key, or None when empty (a figure history joins its months)."""
        if view == "figures":
            months = [d for k, s in self._states[view].items() if history_key(k) == key for d in render_all(view, k, s)]
            joined = combine(view, months)
            return joined[0] if joined else None
        return render(view, key, self._states[view].get(state_key(view, key)))

    def document(self, view: str) -> Doc:
        """The full JSON document of a view."""
        return view_document(view, self._states[view])

    def digest(self, view: str) -> str:
        """sha256 of the canonical JSON of :meth:`document`."""
        return document_digest(self.document(view))
