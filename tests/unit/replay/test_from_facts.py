"""The fold of recorded facts (pure): the views of re-extraction, checks against the log, fall-backs.

The facts are made as the worker makes them: the one step over the log's events, their contributions
batched per partition with each event's envelope hash (``streams.app.facts_format.batch``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import orjson
import pytest

from liveledger.cli.replay_cmd import report_rederived
from replay.from_facts import CUT, INCOMPLETE, NO_FACTS, UNCHECKED, fold
from replay.pool import extract_all
from replay.rebuild import Cutoff, Rebuilt, log_order, rebuild
from replay.recorded import FactsMismatch, Recorded, gather
from replay.source import LogRecord, decode_record
from schemas.facts import Fact
from streams.app.facts_format import batch, read_record
from streams.core.pipeline import entry_facts
from streams.core.step import Known, step
from streams.core.timeline import timeline_document
from streams.query.documents import PARAMS, build
from streams.views.render import canonical_json
from tests.unit.log_builders import killed, log_records, published, retracted

FACTS = "facts"
EVENTS = [
    published("e1", "Three killed in Kharkiv.", [killed(3)], n=1),
    published("e2", "Odesa: two killed.", [killed(2, place="Odesa", region_code="UA-51", country="UA")], n=2),
    published("e1", "Five killed in Kharkiv.", [killed(5)], n=3, corrected=True),
    published("e3", "Police say four were killed in Kharkiv.", [killed(4, claimant="police")], n=4),
    retracted("e2", n=5),
    published("e1", "Five killed in Odesa, not Kharkiv.", [killed(5, place="Odesa", region_code="UA-51", country="UA")],
              n=6, corrected=True),
]  # fmt: skip


def no_extraction(title: str, body: str) -> list[Fact]:
    return []


def worker_facts(
    records: Sequence[LogRecord], version: str = "v1", *, skip: int | None = None, per_batch: int = 2
) -> list[tuple[int, int, bytes]]:
    """What the worker writes to the facts topic for ``records`` (``skip``: an offset it never processed)."""
    index: dict[str, Known] = {}
    out: list[tuple[int, int, bytes]] = []
    todo = [r for r in log_order(records) if r.position.offset != skip]
    for i in range(0, len(todo), per_batch):
        entries = []
        for rec in todo[i : i + per_batch]:
            assert rec.event is not None and rec.envelope is not None
            ef = entry_facts(rec.event, rec.position, no_extraction, version)
            entries.append(dataclasses.replace(ef, digest=rec.envelope.hash))
        result = step(index, entries)
        index.update(result.index)
        for partition, _, value in batch(result.planned, 3, 2048, extractor_version=version):
            out.append((partition, len(out), value))
    return out


def documents(rebuilt: Rebuilt) -> dict[str, bytes]:
    docs = {view: canonical_json(build(view, rebuilt.views.states(view))) for view in PARAMS}
    docs["timeline"] = canonical_json(timeline_document(rebuilt.timeline))
    return docs


def from_facts(records: Sequence[LogRecord], facts: Recorded, cutoff: Cutoff | None = None) -> Rebuilt:
    envelopes = [decode_record(r.position, r.key, r.raw, events=False) for r in records]
    return fold(envelopes, facts, facts_topic=FACTS, extractor=no_extraction, extractor_version="v1", cutoff=cutoff)


def rederived(records: Sequence[LogRecord], cutoff: Cutoff | None = None) -> Rebuilt:
    return rebuild(records, extractor=no_extraction, extractor_version="v1", cutoff=cutoff)


def test_folding_the_recorded_facts_gives_the_views_of_re_extraction() -> None:
    records = log_records(EVENTS)
    facts = worker_facts(records)
    got = from_facts(records, gather(FACTS, facts))
    assert got.from_facts == got.events == len(EVENTS) and not got.rederived
    assert documents(got) == documents(rederived(records))
    assert got.recorded_versions == {"v1": len(EVENTS)}
    # a redelivered batch (sent again, under a new batch id) changes nothing
    again = facts + [(p, len(facts) + o, v) for p, o, v in worker_facts(records)]
    assert documents(from_facts(records, gather(FACTS, again))) == documents(got)


@pytest.mark.parametrize("until", [2, 3, 5])
def test_a_cutoff_folds_the_recorded_facts_of_the_events_it_keeps(until: int) -> None:
    records = log_records(EVENTS)
    cutoff = Cutoff(until={0: until})
    got = from_facts(records, gather(FACTS, worker_facts(records)), cutoff)
    assert got.from_facts == until and got.excluded == len(EVENTS) - until
    assert documents(got) == documents(rederived(records, cutoff))


def test_an_event_without_facts_has_its_whole_entry_extracted_again() -> None:
    records = log_records(EVENTS)
    got = from_facts(records, gather(FACTS, worker_facts(records, skip=2)))  # e1's first correction
    assert got.rederived == {NO_FACTS: 3}  # e1's three events; e2 and e3 from facts
    assert got.from_facts == 3
    assert documents(got) == documents(rederived(records))


def test_format_1_and_incomplete_facts_are_extracted_again() -> None:
    records = log_records(EVENTS)
    facts = worker_facts(records)
    lost = from_facts(records, gather(FACTS, facts[1:]))  # a record lost: some events' batches are incomplete
    assert INCOMPLETE in lost.rederived and lost.from_facts < len(EVENTS)
    assert documents(lost) == documents(rederived(records))
    old = [(p, o, orjson.dumps([c.to_json() for c in read_record(v).contributions])) for p, o, v in facts]  # format 1
    legacy = from_facts(records, gather(FACTS, old))
    assert legacy.rederived == {UNCHECKED: len(EVENTS)} and legacy.from_facts == 0
    assert documents(legacy) == documents(rederived(records))


def format_2(value: bytes) -> bytes:
    """A facts record of format 3 as the worker of before wrote it (format 2: every contribution whole)."""
    rec = read_record(value)
    doc = {
        "format": 2, "batch": rec.batch_id, "extractor": rec.extractor_version,
        "events": [[m.partition, m.offset, m.digest, m.total] for m in rec.events],
        "contributions": [c.to_json() for c in rec.contributions],
    }  # fmt: skip
    return orjson.dumps(doc)


def test_facts_recorded_in_format_2_still_replay_checked_to_the_same_views() -> None:
    records = log_records(EVENTS)
    facts = worker_facts(records)
    old = [(p, o, format_2(v)) for p, o, v in facts]
    assert sum(len(v) for _, _, v in facts) < 0.75 * sum(len(v) for _, _, v in old)  # items without provenance
    got = from_facts(records, gather(FACTS, old))
    assert got.from_facts == got.events == len(EVENTS) and not got.rederived
    assert documents(got) == documents(from_facts(records, gather(FACTS, facts))) == documents(rederived(records))
    mixed = facts[::2] + old[1::2]  # a topic written before and after the upgrade
    assert documents(from_facts(records, gather(FACTS, mixed))) == documents(got)


def test_a_cutoff_that_leaves_out_an_earlier_event_re_extracts_the_entry() -> None:
    records = log_records(EVENTS)
    first, fix = records[0], records[2]  # e1 published at offset 2, its correction at offset 0
    records[0] = dataclasses.replace(fix, position=first.position)
    records[2] = dataclasses.replace(first, position=fix.position)
    cutoff = Cutoff(until={0: 1})  # keeps the correction, leaves out the publication before it
    got = from_facts(records, gather(FACTS, worker_facts(records)), cutoff)
    assert got.rederived == {CUT: 1} and got.from_facts == 0
    assert documents(got) == documents(rederived(records, cutoff))


def test_facts_that_do_not_match_the_log_are_errors_naming_each_record() -> None:
    records = log_records(EVENTS)
    facts = worker_facts(records)
    p, o, value = facts[0]
    doc = orjson.loads(value)
    doc["events"][0][2] = "f" * 64
    other = dict(doc, events=[[0, 99, "a" * 64, 1, *doc["events"][0][4:]]], contributions=[doc["contributions"][0]])
    p2, o2, value2 = facts[1]
    moved = orjson.loads(value2)  # the right digest, but another entry than the log's at that position
    moved["events"][0][5] = "e9"
    bad = [(p, o, orjson.dumps(doc)), (p2, o2, orjson.dumps(moved)), *facts[2:], (1, 500, b"\x00junk"),
           (2, 501, orjson.dumps(other))]  # fmt: skip
    with pytest.raises(FactsMismatch) as e:
        from_facts(records, gather(FACTS, bad))
    text = str(e.value)
    assert f"{FACTS}:{p}:{o}: names the entry event at 0:" in text and "with digest ffffffffffffffff..." in text
    assert f"{FACTS}:1:500: undecodable facts record" in text
    assert f"{FACTS}:2:501: names an entry event at 0:99, which the log does not hold" in text
    assert f"{FACTS}:{p2}:{o2}: holds a contribution of blog-ua/e9 at " in text
    assert len(e.value.problems) == 4


def test_the_process_pool_extracts_as_this_process_does() -> None:
    records = log_order(log_records(EVENTS))
    here = list(extract_all(records, no_extraction, "v1", processes=1))
    pooled = list(extract_all(records, no_extraction, "v1", processes=2))
    assert pooled == here and len(here) == len(EVENTS)
    seen: list[tuple[int, int]] = []
    got = rebuild(
        records, extractor=no_extraction, extractor_version="v1", processes=2, progress=lambda d, t: seen.append((d, t))
    )
    assert documents(got) == documents(rederived(records))
    assert seen[0] == (0, len(EVENTS)) and seen[-1] == (len(EVENTS), len(EVENTS))


def test_facts_of_an_older_extractor_are_folded_as_recorded_and_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    records = log_records(EVENTS)
    got = from_facts(records, gather(FACTS, worker_facts(records, version="v0")))
    assert got.recorded_versions == {"v0": len(EVENTS)} and not got.rederived
    report_rederived(got, "v1")
    err = " ".join(capsys.readouterr().err.split())
    assert f"{len(EVENTS)} entry event(s) folded as recorded by extractor v0 (this is v1)" in err
    assert "--rederive" in err
