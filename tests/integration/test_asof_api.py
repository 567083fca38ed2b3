"""As-of from the worker's state, against a real broker and worker.

Random blogs of publications, corrections and retractions (sentences written for this test,
published in several transactions so their acceptance times spread) go to one real worker. At
every event's acceptance time, just before it, before the first and after the last, each view's
``GET /api/v1/{view}?as_of=T`` must be the bytes replay folds from the log as of ``T``, and so must
the timeline and the incidents export. The CLIs agree byte for byte too (``views --as-of`` vs
``replay --as-of``), and a worker with a horizon answers 410 before it while replay still answers.
"""

from __future__ import annotations

import asyncio
import itertools
import time
import urllib.error
import urllib.parse
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from replay.export import INCIDENT_COLUMNS, incident_rows, to_csv
from replay.rebuild import Cutoff, rebuild
from replay.source import LogRecord, read_log
from schemas.codec import format_time
from streams.core.pipeline import default_extractor
from streams.core.timeline import timeline_document
from streams.query.documents import PARAMS, build
from streams.views.render import canonical_json
from tests.integration.test_audit import cli
from tests.support.worker import WorkerProcess, get_bytes

pytestmark = pytest.mark.kafka

SENTENCES = [
    "At least {n} people were killed when a missile hit Kharkiv, the regional governor said.",
    "{n} people were injured in a drone attack on Odesa overnight, local officials said.",
    "The air force said it had downed {n} drones over the night.",
    "The number of dead in Dnipro has risen to {n}, rescuers said.",
    "The city council met to discuss the new bus timetable.",
]
_blogs = itertools.count()
#: each example is a blog published to one real worker, so few of them
settings_for_api = hypothesis_settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


def cutoffs(times: list[str]) -> list[str]:
    """Every acceptance time, a microsecond before it, before the first and a day after the last."""
    parsed = sorted({datetime.fromisoformat(t.replace("Z", "+00:00")) for t in times})
    out = {format_time(parsed[0] - timedelta(seconds=5)), format_time(parsed[-1] + timedelta(days=1))}
    for t in parsed:
        out |= {format_time(t), format_time(t - timedelta(microseconds=1))}
    return sorted(out)


def replayed(records: list[LogRecord], as_of: str) -> dict[str, bytes]:
    extractor, version = default_extractor()
    rebuilt = rebuild(records, extractor=extractor, extractor_version=version, cutoff=Cutoff(as_of=as_of))
    docs = {view: canonical_json(build(view, rebuilt.views.states(view))) for view in PARAMS}
    docs["timeline"] = canonical_json(timeline_document(rebuilt.timeline))
    docs["export"] = to_csv(incident_rows(rebuilt.views), INCIDENT_COLUMNS).encode()
    return docs


def served(url: str, as_of: str) -> dict[str, bytes]:
    q = urllib.parse.quote(as_of)
    docs = {view: get_bytes(f"{url}/api/v1/{view}?as_of={q}") for view in PARAMS}
    docs["timeline"] = get_bytes(f"{url}/api/v1/timeline?as_of={q}")
    docs["export"] = get_bytes(f"{url}/api/v1/export/incidents?format=csv&as_of={q}")
    return docs


@st.composite
def blog_chunks(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    """One blog's requests in 1–3 transactions: each entry published, corrected, perhaps retracted."""
    blog = f"asof-{next(_blogs)}-{time.time_ns()}"
    parts = st.lists(st.tuples(st.integers(0, len(SENTENCES) - 1), st.integers(1, 60)), min_size=1, max_size=2)
    ops: list[tuple[int, str]] = []
    for e in range(draw(st.integers(1, 4))):
        ops += [(e, "publish")] + [(e, "correct")] * draw(st.integers(0, 2))
        if draw(st.booleans()):
            ops.append((e, "retract"))
    order = draw(st.permutations(ops))
    done: dict[int, int] = {}
    docs: list[dict[str, Any]] = []
    for e, _ in order:
        n = done.get(e, 0)
        done[e] = n + 1
        kind = [op for ee, op in ops if ee == e][n]
        if kind == "retract":
            docs.append({"type": "retraction", "entry_id": f"e{e}", "blog_id": blog, "reason": "withdrawn"})
            continue
        body = " ".join(SENTENCES[i].format(n=k) for i, k in draw(parts)) + f" (version {n + 1})"
        doc = {"entry_id": f"e{e}", "blog_id": blog, "title": f"Update {e}", "body": body}
        docs.append({**doc, "type": "correction"} if kind == "correct" else doc)
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(docs) - 1)), max_size=2)))
    bounds = [0, *cuts, len(docs)]
    return [docs[a:b] for a, b in itertools.pairwise(bounds) if docs[a:b]]


@pytest.fixture
def worker(settings: Settings, tmp_path: Path) -> Iterator[WorkerProcess]:
    w = WorkerProcess(settings, tmp_path / "worker.log").start()
    yield w
    w.stop()


def publish(settings: Settings, docs: list[dict[str, Any]]) -> int:
    summary = asyncio.run(publish_lines(settings, [orjson.dumps(d) for d in docs]))
    assert summary["rejected"] == [], summary
    return int(summary["published"])


def test_as_of_from_state_equals_replay_at_every_cutoff(settings: Settings, worker: WorkerProcess) -> None:
    total = [0]

    @settings_for_api
    @given(blog_chunks())
    def one_blog(chunks: list[list[dict[str, Any]]]) -> None:
        for chunk in chunks:
            total[0] += publish(settings, chunk)
            time.sleep(0.05)  # the next transaction is accepted later: times spread over the blog
        worker.wait_processed(total[0], applied_stable_s=0.6)
        records = asyncio.run(read_log(settings))
        blog = chunks[0][0]["blog_id"]
        times = [r.envelope.published_at for r in records if r.envelope and r.event and r.event.blog_id == blog]
        for as_of in cutoffs(times):
            assert served(worker.url, as_of) == replayed(records, as_of), as_of

    one_blog()
    assert total[0] > 0


CORRECTED_STORY = [
    {"entry_id": "k1", "blog_id": "asof-cli", "title": "Kharkiv", "body": SENTENCES[0].format(n=3)},
    {"entry_id": "k2", "blog_id": "asof-cli", "title": "Odesa", "body": SENTENCES[1].format(n=8)},
]
CORRECTION = [{**CORRECTED_STORY[0], "type": "correction", "body": SENTENCES[0].format(n=5)}]
RETRACTION = [{"type": "retraction", "entry_id": "k2", "blog_id": "asof-cli", "reason": "wrong city"}]


def test_views_as_of_prints_the_bytes_of_replay_as_of(settings: Settings, worker: WorkerProcess) -> None:
    n = publish(settings, CORRECTED_STORY) + publish(settings, CORRECTION) + publish(settings, RETRACTION)
    worker.wait_processed(n)
    records = asyncio.run(read_log(settings))
    times = sorted(r.envelope.published_at for r in records if r.envelope)
    before_fix = format_time(datetime.fromisoformat(times[2].replace("Z", "+00:00")) - timedelta(microseconds=1))
    for as_of in (before_fix, times[-1], times[0][:10]):  # before the correction, now, a whole day
        for view in PARAMS:
            live = cli(settings, "views", view, "--as-of", as_of, "--json")
            replay = cli(settings, "replay", "--as-of", as_of, "--view", view, "--json")
            assert live.returncode == 0, live.stderr
            assert replay.returncode == 0, replay.stderr
            assert live.stdout == replay.stdout, (view, as_of)
    old = orjson.loads(cli(settings, "views", "casualties", "--as-of", before_fix, "--json").stdout)
    now = orjson.loads(cli(settings, "views", "casualties", "--json").stdout)
    assert {it["metrics"]["killed"]["best"] for it in old["items"] if "killed" in it["metrics"]} == {3}
    assert {it["metrics"]["killed"]["best"] for it in now["items"] if "killed" in it["metrics"]} == {5}
    assert any("injured" in it["metrics"] for it in old["items"])  # k2 not yet retracted then
    assert not any("injured" in it["metrics"] for it in now["items"])
    export = cli(settings, "audit", "export", "incidents", "--as-of", before_fix)
    assert export.returncode == 0, export.stderr
    q = urllib.parse.quote(before_fix)
    assert get_bytes(f"{worker.url}/api/v1/export/incidents?as_of={q}").decode() == export.stdout

    with pytest.raises(urllib.error.HTTPError) as bad:
        get_bytes(f"{worker.url}/api/v1/casualties?as_of=yesterday")
    assert bad.value.code == 400
    assert "as_of: 'yesterday' is not an ISO date" in orjson.loads(bad.value.read())["error"]["message"]


def test_a_worker_with_a_horizon_says_when_a_moment_is_before_it(settings: Settings, tmp_path: Path) -> None:
    w = WorkerProcess(settings, tmp_path / "worker.log", LIVELEDGER_ASOF_HORIZON_S="1").start()
    try:
        story = {"entry_id": "h1", "blog_id": "asof-horizon", "title": "Kharkiv"}
        n = publish(settings, [{**story, "body": SENTENCES[0].format(n=2)}])
        for k in (4, 6):  # two corrections, each more than the horizon after the one before
            time.sleep(1.5)
            n += publish(settings, [{**story, "type": "correction", "body": SENTENCES[0].format(n=k)}])
        w.wait_processed(n)
        records = asyncio.run(read_log(settings))
        times = sorted(r.envelope.published_at for r in records if r.envelope)
        early = times[0]  # the first version's moment: its row ended at the first correction, 1.5 s before the second
        with pytest.raises(urllib.error.HTTPError) as gone:
            get_bytes(f"{w.url}/api/v1/casualties?as_of={urllib.parse.quote(early)}")
        assert gone.value.code == 410
        message = orjson.loads(gone.value.read())["error"]["message"]
        assert "LIVELEDGER_ASOF_HORIZON_S" in message and "liveledger replay --as-of" in message, message
        for as_of in (times[1], times[2]):  # within the horizon: answered from state, as replay answers
            assert served(w.url, as_of) == replayed(records, as_of), as_of
        assert orjson.loads(replayed(records, early)["casualties"])["items"]  # replay still answers it
    finally:
        w.stop()
