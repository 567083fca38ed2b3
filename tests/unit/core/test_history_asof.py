"""As-of from state: the lineage rows answer any moment as replay does, byte for byte.

Random blogs of publications, corrections and retractions (sentences written for this test, run
through the real extractor) are folded once with the worker's step into the lineage rows
(:class:`streams.app.lineage.LineageRows` over an in-memory table). At many cut-offs (every event's
time, just before it, before the first and after the last) the documents from the rows must equal
``replay``'s documents as of that moment, for every view and the timeline; explain from the rows
must equal ``audit explain``.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import timedelta
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replay.explain import explain
from replay.rebuild import Cutoff, rebuild
from replay.source import LogRecord, decode_record
from schemas.codec import encode, format_time
from schemas.envelope import GENESIS_HASH
from schemas.events import DomainEvent, EntryContent, EntryCorrected, EntryPublished, EntryRetracted
from streams.app.lineage import EVENTS, FLOOR, LineageRows
from streams.app.lineage_ops import lineage_of, lineage_states
from streams.core.history import (
    contribution_items,
    contribution_row,
    folded_states,
    pick,
    prunable,
    stamp_text,
    states_at,
    unfold,
    validity,
)
from streams.core.lineage import explain_document
from streams.core.pipeline import default_extractor, entry_facts
from streams.core.records import Position
from streams.core.step import Known, step
from streams.core.timeline import timeline_document
from streams.query.documents import PARAMS, build
from streams.views.contrib import Contribution
from streams.views.render import canonical_json
from tests.unit.log_builders import START

TOPIC = "liveledger.entries"
SENTENCES = [
    "At least {n} people were killed in a missile strike on Kharkiv, the regional governor said.",
    "{n} civilians were injured when drones hit Odesa overnight, officials said.",
    "Ukraine's air force said it had shot down {n} drones over the night.",
    "The death toll in Dnipro rose to {n}, emergency services said.",
    "Russia launched {n} missiles at Kyiv, according to the mayor.",
    "The weather in the capital was mild and the markets were calm.",
]


class MemTable(dict[bytes, Any]):
    """A dict with a name: what :class:`streams.app.rowstore.RowTable` needs of a faust table."""

    name = "lineage"


@cache
def extractor() -> Any:
    return default_extractor()


def body(parts: Sequence[tuple[int, int]], long: bool) -> str:
    text = " ".join(SENTENCES[i].format(n=n) for i, n in parts)
    return (text + " " + "Quiet hours followed in the city. " * 130) if long else text


@st.composite
def blogs(draw: st.DrawFn) -> list[DomainEvent]:
    """One blog's events: each entry published, then corrected or retracted in any interleaving."""
    n_entries = draw(st.integers(1, 5))
    parts = st.lists(st.tuples(st.integers(0, len(SENTENCES) - 1), st.integers(1, 40)), min_size=1, max_size=3)
    ops: list[tuple[int, str]] = []
    for e in range(n_entries):
        ops.append((e, "publish"))
        ops += [(e, "correct")] * draw(st.integers(0, 2))
        if draw(st.booleans()):
            ops.append((e, "retract"))
    order = draw(st.permutations(ops))
    seen: dict[int, list[str]] = {}
    events: list[DomainEvent] = []
    clock = START
    for e, _ in order:  # each entry's own ops stay in their order: publish, corrections, retraction
        done = seen.setdefault(e, [])
        kind = [op for ee, op in ops if ee == e][len(done)]
        done.append(kind)
        clock += timedelta(seconds=draw(st.sampled_from([0, 1, 1, 60])))  # equal times happen
        common = {"event_id": f"ev-{len(events)}", "blog_id": "blog-asof", "entry_id": f"e{e}", "published_at": clock}
        if kind == "retract":
            events.append(EntryRetracted(**common, reason="withdrawn by the desk"))
            continue
        content = EntryContent(title=f"Update {e}", body=body(draw(parts), draw(st.booleans()) and draw(st.booleans())))
        cls = EntryPublished if kind == "publish" else EntryCorrected
        events.append(cls(**common, occurred_at=None, content=content))
    return events


def log_records(events: Sequence[DomainEvent]) -> list[LogRecord]:
    out, prev = [], GENESIS_HASH
    for offset, ev in enumerate(events):
        raw, prev = encode(ev, prev)
        out.append(decode_record(Position(TOPIC, 0, offset), b"blog-asof", raw))
    return out


def worker_rows(records: Sequence[LogRecord], horizon_s: float | None = None) -> LineageRows:
    """What the worker's entries agent records for ``records`` (one batch per event)."""
    generation: Hashable = 1
    rows = LineageRows(MemTable(), lambda: generation, horizon_s)
    extract, version = extractor()
    index: dict[str, Known] = {}
    for rec in records:
        assert rec.event is not None
        ef = entry_facts(rec.event, rec.position, extract, version)
        result = step(index, [ef])
        index.update(result.index)
        for planned in result.planned:
            rows.record(planned.entry, planned.contributions)
    return rows


def older_layout(rows: LineageRows, every: int = 1, horizon_s: float | None = None) -> LineageRows:
    """The rows as a worker before folded rows stored them (each contribution row its own, no ``"k"``),
    for every ``every``-th event row (the others stay folded: a table a worker upgraded in place holds)."""
    table = MemTable()
    folded_seen = 0  # counts the folded event rows only: other rows sorting first must not shift the choice
    for raw, stored in sorted(rows.table.items()):
        state, part = raw.decode().split("\x1f")
        if state != EVENTS or "k" not in stored:
            table[raw] = stored
            continue
        folded_seen += 1
        if (folded_seen - 1) % every:
            table[raw] = stored
            continue
        table[raw] = {k: v for k, v in stored.items() if k != "k"}
        for folded in folded_states(stored["k"]):
            row = unfold(stored["k"], folded, ())
            assert row is not None
            del row["stamp"]
            table[f"{folded}\x1f{part}".encode()] = row
    generation: Hashable = 1
    return LineageRows(table, lambda: generation, horizon_s)


def cutoffs(events: Sequence[DomainEvent]) -> list[str]:
    times = sorted({ev.published_at for ev in events})
    out = {format_time(times[0] - timedelta(seconds=5)), format_time(times[-1] + timedelta(days=1))}
    for t in times:
        out |= {format_time(t), format_time(t - timedelta(microseconds=1))}
    return sorted(out)


def replay_docs(records: Sequence[LogRecord], as_of: str | None) -> dict[str, bytes]:
    extract, version = extractor()
    rebuilt = rebuild(records, extractor=extract, extractor_version=version, cutoff=Cutoff(as_of=as_of))
    docs = {view: canonical_json(build(view, rebuilt.views.states(view))) for view in PARAMS}
    docs["timeline"] = canonical_json(timeline_document(rebuilt.timeline))
    return docs


def state_docs(rows: LineageRows, as_of: str) -> dict[str, bytes]:
    for view in PARAMS:  # the worker's cached reads pick what the pure core picks
        histories = ((key, rows.history(f"{view}\x1e{key}")) for key in rows.states_of(view))
        assert rows.states_at(view, as_of) == states_at(histories, as_of, rows.event)
    docs = {view: canonical_json(build(view, rows.states_at(view, as_of))) for view in PARAMS}
    docs["timeline"] = canonical_json(timeline_document(rows.timeline_at(as_of)))
    return docs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blogs())
def test_every_cutoff_from_state_equals_replay(events: list[DomainEvent]) -> None:
    records = log_records(events)
    rows = worker_rows(records)
    for as_of in cutoffs(events):
        assert state_docs(rows, as_of) == replay_docs(records, as_of), as_of


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blogs(), st.integers(1, 3))
def test_rows_of_the_older_layout_and_a_mix_of_both_read_as_folded_rows(events: list[DomainEvent], every: int) -> None:
    records = log_records(events)
    rows = worker_rows(records)
    old = older_layout(rows, every)
    assert len(old.table) > len(rows.table) or not any(s != EVENTS for s in rows.history_index())
    assert old.history_index() == rows.history_index()
    for as_of in cutoffs(events):
        assert state_docs(old, as_of) == state_docs(rows, as_of), as_of
    for view in PARAMS:
        for key in rows.states_of(view):
            assert sorted(lineage_of(old, view, [key]), key=repr) == sorted(lineage_of(rows, view, [key]), key=repr)
    # a worker upgraded in place writes folded rows beside the older ones: the next events read the same
    more = [rec.event for rec in records[: len(records) // 2]]
    tail = log_records([*events, *(ev.model_copy(update={"event_id": ev.event_id + "-again"}) for ev in more)])
    fresh = worker_rows(tail)
    index = {}
    extract, version = extractor()
    for rec in tail:
        assert rec.event is not None
        result = step(index, [entry_facts(rec.event, rec.position, extract, version)])
        index.update(result.index)
        if rec.position.offset >= len(records):
            for planned in result.planned:
                old.record(planned.entry, planned.contributions)
    for as_of in cutoffs(events)[-3:]:
        assert state_docs(old, as_of) == state_docs(fresh, as_of), as_of


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blogs())
def test_explain_from_the_compact_rows_equals_audit_explain(events: list[DomainEvent]) -> None:
    records = log_records(events)
    rows = worker_rows(records)
    extract, version = extractor()
    rebuilt = rebuild(records, extractor=extract, extractor_version=version, keep_history=True)
    for view, state in sorted(rebuilt.history):
        key = state.rsplit("|", 2)[0] if view == "figures" else state
        expected = explain(rebuilt, view, key)
        got = explain_document(view, key, expected["value"], lineage_of(rows, view, lineage_states(rows, view, key)))
        assert got == expected


def test_a_moment_before_a_correction_shows_the_old_figure_then_the_new_one() -> None:
    first = EntryPublished(
        event_id="ev-1", blog_id="b", entry_id="e1", published_at=START, occurred_at=None,
        content=EntryContent(title="Kharkiv", body=SENTENCES[0].format(n=3)),
    )  # fmt: skip
    fixed = EntryCorrected(
        event_id="ev-2", blog_id="b", entry_id="e1", published_at=START + timedelta(minutes=5), occurred_at=None,
        content=EntryContent(title="Kharkiv", body=SENTENCES[0].format(n=7)),
    )  # fmt: skip
    gone = EntryRetracted(
        event_id="ev-3", blog_id="b", entry_id="e1", published_at=START + timedelta(minutes=9), reason="wrong city"
    )
    rows = worker_rows(log_records([first, fixed, gone]))

    def killed(at: timedelta) -> list[Any]:
        doc = build("casualties", rows.states_at("casualties", format_time(START + at)))
        return [it["metrics"]["killed"]["best"] for it in doc["items"]]

    assert killed(timedelta(minutes=-1)) == []
    assert killed(timedelta(minutes=1)) == [3]
    assert killed(timedelta(minutes=6)) == [7]
    assert killed(timedelta(minutes=10)) == []


def test_validity_intervals_and_picking_a_moment() -> None:
    a, b, c = ("2024-11-20T10:00:00Z", 0, 1), ("2024-11-20T10:00:00Z", 0, 2), ("2024-11-20T12:00:00Z", 0, 5)
    assert pick([a, b, c], "2024-11-20T10:00:00Z") == 1  # equal times: the later offset counts
    assert pick([a, b, c], "2024-11-20T09:59:59Z") is None
    assert validity([a, c]) == [(a[0], c[0]), (c[0], None)]
    assert prunable([a, b, c], "2024-11-20T11:00:00Z") == [0]  # a ended at b; b ended at c (not yet old)
    assert prunable([a, b, c], "2024-11-21T00:00:00Z") == [0, 1]  # the last row always stays


def test_rows_are_stored_without_the_stamp_their_key_holds_and_read_back_with_it() -> None:
    first = EntryPublished(
        event_id="ev-1", blog_id="b", entry_id="e1", published_at=START, occurred_at=None,
        content=EntryContent(title="Kharkiv", body=SENTENCES[0].format(n=3)),
    )  # fmt: skip
    gone = EntryRetracted(
        event_id="ev-2", blog_id="b", entry_id="e1", published_at=START + timedelta(minutes=9), reason="wrong city"
    )
    rows = worker_rows(log_records([first, gone]))
    table = rows.table
    assert len(table) == 2  # two event rows, each with its contribution rows folded in (a row and its tombstone)
    folded = [s for s in rows.history_index() if s != EVENTS]
    assert folded
    for state in folded:
        for entry_key, stamps in rows.history_index()[state].items():
            for stamp in stamps:
                read = rows.get_row(state, f"{entry_key}\x1e{stamp_text(stamp)}")
                assert read is not None and read["stamp"] == list(stamp), (state, read)
    for raw, stored in table.items():
        state, part = raw.decode().split("\x1f")
        assert "stamp" not in stored and "stamp" not in stored.get("t", {}), (state, stored)
        read = rows.get_row(state, part)
        assert read is not None
        first_event = part.endswith("\x1e0\x1e0")
        assert read["stamp"] == ([format_time(START), 0, 0] if first_event else [format_time(gone.published_at), 0, 1])
        if "t" in read:
            assert read["t"]["stamp"] == read["stamp"]
    # a row written with its stamp (by the worker before this layout) still reads as it was
    state, part = next(iter(table)).decode().split("\x1f")
    table[next(iter(table))] = {**table[next(iter(table))], "stamp": ["kept", 9, 9]}
    assert rows.get_row(state, part)["stamp"] == ["kept", 9, 9]


def test_a_tombstone_row_is_its_stamp_alone_and_items_round_trip() -> None:
    stamp = ("2024-11-20T10:00:00Z", 3, 9)
    tombstone = Contribution("casualties", "UA-63/2024-11-20", "b/e1", stamp, ())
    assert contribution_row(tombstone, shared=True) == {"stamp": list(stamp)}
    item = {"entry_id": "e1", "blog_id": "b", "best": 3, "seq": 0}  # not the view's item fields: stored as it is
    row = contribution_row(Contribution("casualties", "k", "b/e1", stamp, (item,)), shared=False)
    assert contribution_items(row, "b/e1", None) == [item]
    shared = contribution_row(Contribution("casualties", "k", "b/e1", stamp, (item,)), shared=True)
    assert shared == {"stamp": list(stamp), "q": [0]}


def test_the_horizon_drops_old_superseded_rows_and_says_from_when_it_answers() -> None:
    events: list[DomainEvent] = []
    for n in range(4):  # one entry corrected every hour
        cls = EntryPublished if n == 0 else EntryCorrected
        events.append(
            cls(
                event_id=f"ev-{n}", blog_id="b", entry_id="e1", published_at=START + timedelta(hours=n),
                occurred_at=None, content=EntryContent(title="Kharkiv", body=SENTENCES[0].format(n=3 + n)),
            )
        )  # fmt: skip
    records = log_records(events)
    kept_all = worker_rows(records)
    pruned = worker_rows(records, horizon_s=90 * 60)  # 1.5 h
    assert kept_all.floor() is None
    # at 3h, rows that ended before 1.5h go: the first (ended at 1h); the one that ended at 2h stays
    assert pruned.floor() == format_time(START + timedelta(hours=1))
    assert len(pruned.history_index()[EVENTS]["b/e1"]) == 3
    assert len(kept_all.history_index()[EVENTS]["b/e1"]) == 4
    assert FLOOR not in pruned.history_index()
    for at in (timedelta(hours=1), timedelta(hours=2, minutes=30), timedelta(hours=4)):
        as_of = format_time(START + at)
        assert state_docs(pruned, as_of) == replay_docs(records, as_of)


def test_a_row_of_the_older_layout_is_refused_with_what_to_do() -> None:
    old = {"stamp": ["2024-11-20T10:00:00Z", 0, 1], "items": [{"event_type": "entry.published", "facts": []}]}
    with pytest.raises(ValueError, match="new LIVELEDGER_APP_ID"):
        contribution_items(old, "b/e1", None)
