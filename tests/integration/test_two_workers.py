"""Two workers on one broker split the partitions; either one answers every key correctly."""

from __future__ import annotations

import asyncio
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import orjson
import pytest
from pydantic import SecretStr

from liveledger.cli.publish_cmd import publish_lines
from liveledger.settings import Settings
from replay.rebuild import rebuild
from replay.source import read_log
from streams.core.pipeline import default_extractor
from streams.query.documents import build
from streams.views.render import canonical_json
from tests.support.worker import WorkerProcess, get_json

pytestmark = pytest.mark.kafka

REGIONS = ["UA-63", "UA-59", "UA-23", "UA-46", "UA-48", "UA-12", "UA-14", "UA-18", "UA-32", "UA-51"]


def incident_lines() -> list[bytes]:
    """30 incidents on distinct (region, day) keys, so they spread over every partition."""
    out = []
    for i in range(30):
        region = REGIONS[i % len(REGIONS)]
        day = f"2024-11-{10 + i // len(REGIONS):02d}"
        out.append(
            orjson.dumps(
                {
                    "entry_id": f"m{i:02d}",
                    "blog_id": f"blog-{i % 4}",
                    "title": "Shelling",
                    "body": f"Shelling hit a village; {i + 1} people were hurt, officials said.",
                    "occurred_at": f"{day}T09:00:00Z",
                    "figures": [
                        {
                            "metric": "injured",
                            "best": i + 1,
                            "region_code": region,
                            "country": "UA",
                            "weapon": "artillery",
                            "claimant": "regional officials",
                        }
                    ],
                }
            )
        )
    return out


async def test_either_worker_answers_every_key(settings: Settings, tmp_path: Path, free_port: int) -> None:
    await publish_lines(settings, incident_lines())
    extractor, version = default_extractor()
    expected = build(
        "casualties",
        rebuild(await read_log(settings), extractor=extractor, extractor_version=version).views.states("casualties"),
    )
    assert len(expected["items"]) == 30

    other = settings.model_copy(update={"web_port": free_port, "data_dir": tmp_path / "w2"})
    with WorkerProcess(settings, tmp_path / "w1.log") as w1, WorkerProcess(other, tmp_path / "w2.log") as w2:
        deadline = time.monotonic() + 120
        while True:
            try:
                docs = [w.view_bytes("casualties") for w in (w1, w2)]
                if all(d == canonical_json(expected) for d in docs):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the two workers never both served the full view"
            await asyncio.sleep(0.5)

        local = [set(get_json(f"{w.url}/api/v1/internal/states/casualties")) for w in (w1, w2)]
        assert local[0] and local[1], "each worker holds part of the table"
        assert not local[0] & local[1] and len(local[0] | local[1]) == 30

        for item in expected["items"]:
            path = "/api/v1/casualties/incidents/" + urllib.parse.quote(item["key"], safe="/")
            answers = [get_json(w.url + path) for w in (w1, w2)]
            assert answers[0] == answers[1] == item, item["key"]


def _get_with_token(url: str, token: str | None) -> tuple[int, bytes]:
    req = urllib.request.Request(url)
    if token is not None:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


async def test_protected_reads_still_gather_from_both_workers(
    settings: Settings, tmp_path: Path, free_port: int
) -> None:
    """With PROTECT_READS on, workers send each other the token, so list queries are whole, not 503."""
    token = "two-worker-read-token"
    guarded = settings.model_copy(update={"api_token": SecretStr(token)})
    await publish_lines(guarded, incident_lines())
    other = guarded.model_copy(update={"web_port": free_port, "data_dir": tmp_path / "w2"})
    env = {"LIVELEDGER_PROTECT_READS": "true"}
    with (
        WorkerProcess(guarded, tmp_path / "w1.log", **env) as w1,
        WorkerProcess(other, tmp_path / "w2.log", **env) as w2,
    ):
        deadline = time.monotonic() + 120
        counts: list[int] = []
        while True:
            answers = [_get_with_token(f"{w.url}/api/v1/casualties", token) for w in (w1, w2)]
            counts = [len(orjson.loads(body)["items"]) if status == 200 else -status for status, body in answers]
            if counts == [30, 30]:
                break
            assert time.monotonic() < deadline, f"protected list queries never whole on both workers: {counts}"
            await asyncio.sleep(0.5)
        local = [
            set(orjson.loads(_get_with_token(f"{w.url}/api/v1/internal/states/casualties", token)[1])) for w in (w1, w2)
        ]
        assert local[0] and local[1], "each worker holds part of the table, so the gather crossed workers"
        assert _get_with_token(f"{w1.url}/api/v1/casualties", None)[0] == 401
