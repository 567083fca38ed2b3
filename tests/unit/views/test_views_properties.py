"""Property: views depend on the log, not on how it was consumed.

Random entry streams over several partitions (an entry lives in one
partition; its corrections and retraction come after its publish) are
consumed in random interleavings of the partitions, with random redeliveries
(a partition rewound and a suffix applied again). Every view's document must
equal the one from a plain partition-by-partition fold, and the one built from
each entry's latest version alone. Contributions shipped as JSON and applied in
any order must give the same documents too (the repartitioned live path).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.facts import Fact
from streams.core.records import EntryFacts
from streams.core.timeline import TIMELINE
from streams.core.viewset import ViewSet
from streams.views.contrib import Contribution, State, apply
from streams.views.render import view_document
from streams.views.routing import VIEWS
from tests.unit.views.views_builders import event

PLACES = [
    ("UA-63", "UA", "Kharkiv"),
    ("UA-51", "UA", "Odesa"),
    (None, "RU", None),
    (None, None, None),
    ("RU-KRS", "RU", "Sudzha"),
]
WEAPONS = [None, "drone", "Drone", "guided bomb", "missile"]
CLAIMANTS = [None, "the governor", "Governor", "Russia's defence ministry", "UN/OCHA"]
METRICS = ["killed", "injured", "casualties", "strikes", "drones_downed", "missiles_launched", "troops", "displaced"]
SUBJECTS = [None, "North Korean troops", "civilians"]
OCCURRED = [None, None, "2024-10-01T22:00:00Z", "2024-10-02T01:30:00+03:00", "2024-10-02"]
BASE = datetime(2024, 10, 2, 6, 0, tzinfo=UTC)


@st.composite
def facts(draw: st.DrawFn) -> Fact:
    a, b = sorted((draw(st.integers(0, 60)), draw(st.integers(0, 60))))
    shape = draw(st.sampled_from(["best", "low", "high", "range", "low_best"]))
    shapes: dict[str, dict[str, Any]] = {
        "best": {"best": b},
        "low": {"low": a, "qualifier": "at_least"},
        "high": {"high": b, "qualifier": "up_to"},
        "range": {"low": a, "high": b},
        "low_best": {"low": a, "best": b},
    }
    value = shapes[shape]
    region, country, place = draw(st.sampled_from(PLACES))
    start = draw(st.none() | st.integers(0, 5))
    return Fact(
        metric=draw(st.sampled_from(METRICS)),
        cumulative=draw(st.booleans()) and draw(st.booleans()),
        per=draw(st.sampled_from([None, None, None, "day"])),
        subject=draw(st.sampled_from(SUBJECTS)),
        place=place,
        region_code=region,
        country=country,
        claimant=draw(st.sampled_from(CLAIMANTS)),
        relay=draw(st.sampled_from([None, "Reuters", "TASS"])),
        weapon=draw(st.sampled_from(WEAPONS)),
        target=draw(st.sampled_from([None, "port", "oil depot"])),
        actor=draw(st.sampled_from([None, "Russia", "Ukraine"])),
        span=None if start is None else (start, start + 3),
        **value,
    )


@st.composite
def entry_specs(draw: st.DrawFn) -> dict[str, Any]:
    versions = draw(st.lists(st.lists(facts(), max_size=3), min_size=1, max_size=3))
    return {
        "partition": draw(st.integers(0, 2)),
        "versions": versions,
        "occurred": [draw(st.sampled_from(OCCURRED)) for _ in versions],
        "retract": draw(st.booleans()) and draw(st.booleans()),
    }


@st.composite
def logs(draw: st.DrawFn) -> tuple[list[list[EntryFacts]], dict[str, EntryFacts]]:
    """Partitions (ordered event lists) and each entry's latest event."""
    specs = draw(st.lists(entry_specs(), min_size=1, max_size=7))
    tokens = [i for i, s in enumerate(specs) for _ in range(len(s["versions"]) + int(s["retract"]))]
    order = draw(st.permutations(tokens))
    partitions: list[list[EntryFacts]] = [[], [], []]
    seen = [0] * len(specs)
    latest: dict[str, EntryFacts] = {}
    clock = BASE
    for i in order:
        spec, n = specs[i], seen[i]
        seen[i] += 1
        clock += timedelta(seconds=draw(st.sampled_from([0, 1, 90])))  # ties across partitions happen
        p = spec["partition"]
        common = {
            "published_at": clock.isoformat().replace("+00:00", "Z"),
            "offset": len(partitions[p]),
            "partition": p,
        }
        if n < len(spec["versions"]):
            ef = event(
                f"e{i}",
                spec["versions"][n],
                occurred_at=spec["occurred"][n],
                blog_id=f"b{i % 2}",
                event_type="entry.published" if n == 0 else "entry.corrected",
                text="x" * 12,
                **common,
            )
        else:
            ef = event(f"e{i}", (), blog_id=f"b{i % 2}", event_type="entry.retracted", retracted=True, **common)
        partitions[p].append(ef)
        latest[ef.entry_key] = ef
    return partitions, latest


def documents(vs: ViewSet) -> dict[str, bytes]:
    return {v: orjson.dumps(vs.document(v), option=orjson.OPT_SORT_KEYS) for v in VIEWS}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(log=logs(), data=st.data())
def test_documents_do_not_depend_on_interleaving_or_redelivery(
    log: tuple[list[list[EntryFacts]], dict[str, EntryFacts]], data: st.DataObject
) -> None:
    partitions, latest = log

    sequential = ViewSet()
    for part in partitions:
        sequential.apply_all(part)
    expected = documents(sequential)

    # only each entry's latest version: corrections replace, retractions remove
    oracle = ViewSet()
    oracle.apply_all(ef for ef in latest.values() if not ef.retracted)
    assert documents(oracle) == expected

    # random interleaving of partitions, with rewinds (redelivery of a suffix)
    live = ViewSet()
    shipped: list[Contribution] = []
    cursor = [0] * len(partitions)
    rewinds = 0
    while pending := [p for p, part in enumerate(partitions) if cursor[p] < len(part)]:
        p = data.draw(st.sampled_from(pending))
        if rewinds < 4 and data.draw(st.integers(0, 9)) == 0:
            rewinds += 1
            cursor[p] = data.draw(st.integers(0, cursor[p]))
        shipped.extend(live.apply_entry(partitions[p][cursor[p]]))
        cursor[p] += 1
    assert documents(live) == expected

    # the same contributions over the wire, applied in any order
    wire = [Contribution.from_json(orjson.loads(orjson.dumps(c.to_json()))) for c in shipped]
    data.draw(st.randoms(use_true_random=False)).shuffle(wire)
    states: dict[str, dict[str, State]] = {v: {} for v in (*VIEWS, TIMELINE)}
    for c in wire:
        states[c.view][c.key] = apply(states[c.view].get(c.key), c)
        if data.draw(st.integers(0, 19)) == 0:  # a stored state read back from a changelog
            states[c.view][c.key] = orjson.loads(orjson.dumps(states[c.view][c.key]))
    for v in VIEWS:
        assert orjson.dumps(view_document(v, states[v]), option=orjson.OPT_SORT_KEYS) == expected[v]
