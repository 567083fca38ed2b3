"""What the publisher decides and writes is pinned byte for byte by golden digests.

The digests were computed on the code of before the publish-throughput work (6043850), with the
same requests and clock: every record (key, value, timestamp, headers), every outcome and error,
and the checkpoint's entry and head records of the index afterwards. A faster path that changes
one byte of an envelope, a hash, an event id, a header or the checkpoint fails here.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import orjson

from liveledger.publish.errors import PublishError
from liveledger.publish.index import LogIndex
from liveledger.publish.publisher import Publisher
from liveledger.publish.requests import Request, parse_request
from liveledger.publish.store import IndexStore, Saved
from liveledger.settings import Settings
from schemas.errors import SchemaError

_TEXTS = [
    "",
    "plain",
    'quotes " and \\ backslash / slash',
    "line\nbreak\ttab\rreturn",
    "Ünïcödé — «guillemets» … 中文 日本語 emoji 🚀🇺🇦",
    "\u2028\u2029 separators and \ufeff BOM",
    "x" * 150,
    "<script>alert('&amp;')</script>",
]
_ZONES = [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=3)), timezone(timedelta(0))]


def _when(rng: random.Random) -> str:
    base = datetime(2024, 11, 20, 14, 5, tzinfo=UTC) + timedelta(seconds=rng.randrange(-(10**6), 10**6))
    if rng.random() < 0.5:
        base = base.replace(microsecond=rng.randrange(1_000_000))
    text = base.astimezone(rng.choice(_ZONES)).isoformat()
    return text.replace("+00:00", "Z") if rng.random() < 0.5 else text


def _figure(rng: random.Random) -> dict[str, object]:
    fig: dict[str, object] = {"metric": rng.choice(["killed", "injured", "strikes", "drones_downed"])}
    for name in ("low", "best", "high"):
        if rng.random() < 0.5 or name == "best":
            fig[name] = rng.randrange(0, 100) + (100 if name == "high" else 0)
    if rng.random() < 0.5:
        fig["qualifier"] = rng.choice(["exact", "about", "vague"])
    if rng.random() < 0.3:
        fig["cumulative"] = rng.random() < 0.5
    if rng.random() < 0.5:
        fig["region_code"] = rng.choice(["UA-63", "SD-DN", "FR"])
    if rng.random() < 0.5:
        fig["claimant"] = rng.choice(_TEXTS[1:])
    if rng.random() < 0.3:
        fig["span"] = [3, 9]
    if rng.random() < 0.2:
        fig["extractor_version"] = "2026.12.7"
    return fig


def _content(rng: random.Random) -> dict[str, object]:
    doc: dict[str, object] = {"body": rng.choice(_TEXTS[1:]) + str(rng.randrange(10))}
    if rng.random() < 0.7:
        doc["title"] = rng.choice(_TEXTS)
    if rng.random() < 0.5:
        doc["occurred_at"] = _when(rng)
    if rng.random() < 0.3:
        doc["occurred_at"] = None
    if rng.random() < 0.3:
        doc["source_url"] = rng.choice(["https://example.org/post?a=1&b=%20", _TEXTS[4]])
    if rng.random() < 0.3:
        doc["author"] = rng.choice(_TEXTS)
    if rng.random() < 0.1:
        doc["author"] = None
    if rng.random() < 0.3:
        doc["figures"] = [_figure(rng) for _ in range(rng.randrange(3))]
    if rng.random() < 0.2:
        doc["source_published_at"] = _when(rng)
    if rng.random() < 0.2:
        doc["source_updated_at"] = _when(rng)
    if rng.random() < 0.03:
        doc["source_updated_at"] = "2027-01-01T00:00:00+01:00"  # after its acceptance: refused
    return doc


def _requests(seed: int, n: int) -> Iterator[dict[str, object]]:
    """New entries, repeats of them, corrections (some repeated), retractions and requests that conflict."""
    rng = random.Random(seed)
    sent: list[dict[str, object]] = []
    new: list[dict[str, object]] = []  # the new entries sent
    for i in range(n):
        roll = rng.random()
        ids = {"blog_id": f"blog-{rng.randrange(4)}", "entry_id": f"e{rng.randrange(n)}"}
        if roll >= 0.6 and new and rng.random() < 0.9:  # a correction or retraction of an entry sent before
            earlier = rng.choice(new[-40:])
            ids = {k: str(earlier[k]) for k in ("blog_id", "entry_id")}
        if roll < 0.45 or not sent:
            doc = {**_content(rng), **ids}
            if rng.random() < 0.5:
                doc["type"] = "entry"
            new.append(doc)
        elif roll < 0.6:
            doc = dict(rng.choice(sent))  # the same request again: a duplicate, or a conflict after a change
        elif roll < 0.8:
            doc = {**_content(rng), **ids, "type": "correction"}
        elif roll < 0.9:
            doc = {**ids, "type": "retraction", "reason": rng.choice(_TEXTS[1:])}
            if rng.random() < 0.3:
                doc["occurred_at"] = _when(rng)
        else:
            doc = dict(rng.choice(sent))
            doc["reason" if doc.get("type") == "retraction" else "body"] = f"changed {i}"
        sent.append(doc)
        yield doc


class _Clock:
    """A clock that mostly moves on, sometimes stands still or goes back (acceptance times stay increasing)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.now = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        roll = self.rng.random()
        if roll < 0.6:
            self.now += timedelta(microseconds=self.rng.randrange(1, 5000))
        elif roll < 0.7:
            self.now -= timedelta(milliseconds=self.rng.randrange(1, 50))
        return self.now


_SAMPLE = Path(__file__).resolve().parents[3] / "liveledger" / "data" / "sample_liveblog.jsonl"


def _sample_requests(seed: int, n: int) -> Iterator[dict[str, object]]:
    """The sample blog's lines as the benchmark sends them: ``n`` entries over six blogs (``seed`` is unused)."""
    docs = [orjson.loads(x) for x in _SAMPLE.read_bytes().splitlines()]
    for i in range(n):
        doc = dict(docs[i % len(docs)])
        yield {**doc, "entry_id": f"p{i:07d}", "blog_id": f"bench-{i % 6}"} if i >= len(docs) else doc


def _run(seed: int, n: int, tmp: Path) -> tuple[str, dict[str, int]]:
    """The digest of everything published for the requests of ``seed``, and a count of what happened.

    The index sits on a checkpoint store (RocksDB) saved every 50 requests, as a started publisher's
    does: decisions then look entries up in it, and its records are pinned too.
    """
    pub = Publisher(Settings(), clock=_Clock(seed))
    store = IndexStore(tmp / f"slot-{seed}", (tmp / f"slot-{seed}.lock").open("ab"), "golden")
    pub.index = LogIndex(lookup=store)
    h = hashlib.sha256()
    counts: dict[str, int] = {}
    requests = _sample_requests(seed, n) if seed == 0 else _requests(seed, n)
    for line, doc in enumerate(requests, start=1):
        if line % 50 == 0:
            store.save(*pub.index.take_changes(), Saved("golden"))
        req: Request = parse_request(doc, line, 100_000)
        try:
            outcome, rec = pub._decide(req)
        except (PublishError, SchemaError) as e:
            kind = type(e).__name__
            h.update(orjson.dumps(["error", line, kind, str(e)]))
        else:
            kind = outcome.status
            h.update(orjson.dumps(["outcome", line, outcome.status, outcome.event_id, outcome.entry_id,
                                   outcome.blog_id, outcome.published_at]))  # fmt: skip
            if rec is not None:
                h.update(orjson.dumps(["record", rec.key.decode(), rec.timestamp_ms,
                                       [[k, v.decode()] for k, v in rec.headers]]))  # fmt: skip
                h.update(rec.raw)
        counts[kind] = counts.get(kind, 0) + 1
    store.save(*pub.index.take_changes(), Saved("golden"))
    for key, value in store.db.items():  # every record of the checkpoint, in key order
        h.update(orjson.dumps([bytes(key).decode(), bytes(value).decode()]))
    h.update(str(pub.index.events).encode())
    store.close()
    return h.hexdigest(), counts


#: computed on 6043850, before the publish-throughput changes
GOLDEN: dict[int, tuple[str, dict[str, int]]] = {
    # the sample blog, then its texts as new entries over six blogs (the benchmark's requests)
    0: ("6e6cafef146d07da2ea06591940eee07791e17a4905e9159e93cd65ce1c4e4e1",
        {"published": 385, "duplicate": 1, "Conflict": 14}),
    1: ("6241562d30d92cd8df4504b10a06a036152d391569d80a0edb7cc35668b5225a",
        {"published": 260, "AlreadyPublished": 39, "duplicate": 55, "WasRetracted": 14,
         "SourceTimeInFuture": 11, "Conflict": 21}),
    2: ("4765c7bcef41dc0a1c39596962c57e8f3665b3201c956bc14e8f43c9ec0a3f85",
        {"published": 261, "duplicate": 72, "Conflict": 14, "AlreadyPublished": 40, "WasRetracted": 7,
         "SourceTimeInFuture": 6}),
    3: ("b12b61a159f7e04b30b3af648db7efbb42db2d7581a8bb039f6f8e85c0097137",
        {"published": 278, "Conflict": 15, "duplicate": 62, "AlreadyPublished": 30, "WasRetracted": 11,
         "SourceTimeInFuture": 4}),
}  # fmt: skip


def test_published_bytes_equal_the_golden_digests(tmp_path: Path) -> None:
    for seed, (digest, counts) in GOLDEN.items():
        got = _run(seed, 400, tmp_path)
        assert got == (digest, counts), f"seed {seed}"


def test_the_golden_requests_cover_every_outcome() -> None:
    """The pinned runs publish, recognise duplicates and refuse conflicts, so each path is pinned."""
    kinds: set[str] = set()
    for _, counts in GOLDEN.values():
        kinds |= set(counts)
    assert {"published", "duplicate", "AlreadyPublished", "Conflict", "WasRetracted", "SourceTimeInFuture"} <= kinds
