"""Two workers split the partitions, and so the lineage rows: either answers any moment as replay does."""

from __future__ import annotations

import asyncio
import time
import urllib.parse
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from replay.rebuild import Cutoff, rebuild
from replay.source import read_log
from schemas.codec import format_time
from streams.core.pipeline import default_extractor
from streams.core.timeline import timeline_document
from streams.query.documents import build
from streams.views.render import canonical_json
from tests.integration.test_two_workers import incident_lines
from tests.support.worker import WorkerProcess, get_bytes, get_json

pytestmark = pytest.mark.kafka


def corrections() -> list[bytes]:
    """A later word on every third incident: more people hurt than first said."""
    out = []
    for raw in incident_lines()[::3]:
        doc = orjson.loads(raw)
        fig = {**doc["figures"][0], "best": doc["figures"][0]["best"] + 10}
        out.append(
            orjson.dumps({**doc, "type": "correction", "body": doc["body"] + " More were hurt.", "figures": [fig]})
        )
    return out


async def test_either_worker_answers_any_moment(settings: Settings, tmp_path: Path, free_port: int) -> None:
    await publish_lines(settings, incident_lines())
    await asyncio.sleep(0.2)
    await publish_lines(settings, corrections())
    records = await read_log(settings)
    times = sorted(r.envelope.published_at for r in records if r.envelope)
    first_fix = min(r.envelope.published_at for r in records if r.envelope and r.envelope.type == "entry.corrected")
    extractor, version = default_extractor()

    def replayed(as_of: str) -> tuple[bytes, bytes]:
        rebuilt = rebuild(records, extractor=extractor, extractor_version=version, cutoff=Cutoff(as_of=as_of))
        return (
            canonical_json(build("casualties", rebuilt.views.states("casualties"))),
            canonical_json(timeline_document(rebuilt.timeline)),
        )

    now = replayed(times[-1])[0]
    other = settings.model_copy(update={"web_port": free_port, "data_dir": tmp_path / "w2"})
    with WorkerProcess(settings, tmp_path / "w1.log") as w1, WorkerProcess(other, tmp_path / "w2.log") as w2:
        deadline = time.monotonic() + 120
        while True:
            try:
                if all(w.view_bytes("casualties") == now for w in (w1, w2)):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the two workers never both served the full view"
            await asyncio.sleep(0.5)
        just_before = format_time(datetime.fromisoformat(first_fix.replace("Z", "+00:00")) - timedelta(microseconds=1))
        for as_of in (times[0], times[14], just_before, first_fix, times[-1]):
            expected = replayed(as_of)
            q = urllib.parse.quote(as_of)
            for w in (w1, w2):
                got = (
                    get_bytes(f"{w.url}/api/v1/casualties?as_of={q}"),
                    get_bytes(f"{w.url}/api/v1/timeline?as_of={q}"),
                )
                assert got == expected, (w.url, as_of)
        assert replayed(just_before)[0] != now  # the moment before the corrections tells another story
        for w in (w1, w2):
            moments = get_json(f"{w.url}/api/v1/moments")
            assert moments["times"] == times and len(moments["changes"]) == len(corrections())
