"""The as-of renderings the API caches never serve a stale moment.

Entry events of several blogs (partitions) are recorded in the order a worker may see them: each
partition in order, the partitions interleaved, so a key may get a row older than one it already has.
After every recorded event, the cached documents at many moments must equal documents rendered
afresh from the rows (the pure core's pick), and the moments list must hold every event.
"""

from __future__ import annotations

from collections.abc import Hashable
from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liveledger.api.asof import AsOf
from schemas.facts import Fact
from streams.app.lineage import LineageRows
from streams.core.history import states_at
from streams.core.records import EntryFacts
from streams.core.step import Known, step
from streams.query.documents import PARAMS, build, build_from_rendered
from streams.views.render import canonical_json
from tests.unit.views.views_builders import event


class MemTable(dict[bytes, Any]):
    name = "lineage"


PLACES = [("UA-63", "UA", "Kharkiv"), ("UA-51", "UA", "Odesa")]


@st.composite
def partitions(draw: st.DrawFn) -> list[EntryFacts]:
    """Events of up to three partitions, each in time order, interleaved in a random order."""
    parts: list[list[EntryFacts]] = [[], [], []]
    for e in range(draw(st.integers(1, 6))):
        p = draw(st.integers(0, 2))
        for n in range(draw(st.integers(1, 3))):
            region, country, place = draw(st.sampled_from(PLACES))
            fact = Fact(metric="killed", best=draw(st.integers(1, 30)), region_code=region, country=country,
                        place=place, claimant=draw(st.sampled_from([None, "governor"])))  # fmt: skip
            retract = n > 0 and draw(st.booleans()) and draw(st.booleans())
            parts[p].append((e, n, fact, retract))  # type: ignore[arg-type]
    out: list[EntryFacts] = []
    clocks = [draw(st.integers(0, 20)) for _ in parts]
    order = draw(st.permutations([p for p, evs in enumerate(parts) for _ in evs]))
    seen = [0, 0, 0]
    for p in order:
        e, n, fact, retract = parts[p][seen[p]]  # type: ignore[misc]
        seen[p] += 1
        clocks[p] += draw(st.integers(1, 30))
        common = {"published_at": f"2024-11-20T10:{clocks[p] // 60:02d}:{clocks[p] % 60:02d}Z", "offset": seen[p],
                  "partition": p, "blog_id": f"b{p}", "occurred_at": "2024-11-20T08:00:00Z"}  # fmt: skip
        if retract:
            out.append(event(f"e{e}", (), event_type="entry.retracted", retracted=True, **common))
        else:
            kind = "entry.published" if n == 0 else "entry.corrected"
            out.append(event(f"e{e}", (fact,), event_type=kind, text="Several were killed.", **common))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(partitions())
def test_cached_moments_equal_fresh_renderings_after_every_event(events: list[EntryFacts]) -> None:
    generation: Hashable = 1
    rows = LineageRows(MemTable(), lambda: generation)
    asof = AsOf(SimpleNamespace(lineage=rows))  # type: ignore[arg-type]
    index: dict[str, Known] = {}
    moments = [*sorted({ef.published_at for ef in events}), "2024-11-20T09:00:00Z", "2024-11-21T00:00:00Z"]
    for i, ef in enumerate(events):
        result = step(index, [ef])
        index.update(result.index)
        for planned in result.planned:
            rows.record(planned.entry, planned.contributions)
        for as_of in moments:
            for view in PARAMS:
                cached = build_from_rendered(view, asof.local_rendered(view, as_of))
                histories = ((k, rows.history(f"{view}\x1e{k}")) for k in rows.states_of(view))
                fresh = build(view, states_at(histories, as_of, rows.event))
                assert canonical_json(cached) == canonical_json(fresh), (i, as_of, view)
        assert asof.local_moments()["times"] == sorted(e.published_at for e in events[: i + 1])
