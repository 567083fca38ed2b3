"""The API against hostile and unlucky clients: every error is JSON, idle sockets close,
internal routes need their token, and a POST while the broker is down answers 503 in bounded time.

Real worker processes, real brokers (the session one, and one of its own that this test stops).
"""

from __future__ import annotations

import asyncio
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from liveledger.broker import local
from liveledger.kafka.reader import read_topic
from liveledger.settings import Settings
from tests.conftest import Broker, isolated_settings
from tests.support.worker import WorkerProcess

pytestmark = pytest.mark.kafka

TOKEN = "hardening-token"
INTERNAL = "worker-to-worker-token"


def _entry(n: int, blog: str = "hard-blog") -> dict[str, Any]:
    return {"entry_id": f"h{n}", "blog_id": blog, "title": f"update {n}", "body": f"Shelling killed {n + 1} people."}


def _call(
    url: str, *, body: bytes | None = None, token: str | None = TOKEN, timeout: float = 30.0
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if token is not None:
        req.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _problem(status: int, headers: dict[str, str], body: bytes) -> str:
    assert headers.get("Content-Type", "").startswith("application/json"), (status, headers, body[:200])
    doc = orjson.loads(body)
    assert doc["error"]["status"] == status
    message: str = doc["error"]["message"]
    assert message
    return message


@pytest.fixture(scope="module")
def worker(broker: Broker, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerProcess]:
    tmp = tmp_path_factory.mktemp("hardening")
    settings = isolated_settings(broker.bootstrap, tmp / "state", api_token=TOKEN)
    w = WorkerProcess(
        settings, tmp / "worker.log", LIVELEDGER_HTTP_IDLE_S="2", LIVELEDGER_INTERNAL_TOKEN=INTERNAL
    ).start()
    w.wait_ready()
    yield w
    w.stop()


def test_errors_before_any_handler_are_json(worker: WorkerProcess) -> None:
    status, headers, body = _call(f"{worker.url}/api/v1/no-such-thing")
    assert status == 404
    _problem(status, headers, body)
    big = b"[" + b",".join([orjson.dumps(_entry(0))] * 40_000) + b"]"  # about 4.4 MB
    status, headers, body = _call(f"{worker.url}/api/v1/entries", body=big + b" " * (6 * 1024 * 1024 - len(big)))
    assert status == 413
    assert "over" in _problem(status, headers, body)


def test_a_repeated_key_is_refused_not_silently_dropped(worker: WorkerProcess) -> None:
    raw = b'{"entry_id": "dup1", "blog_id": "hard-blog", "body": "first text", "body": "second text"}'
    status, headers, body = _call(f"{worker.url}/api/v1/entries", body=raw)
    assert status == 400
    assert "'body' appears twice" in _problem(status, headers, body)


def test_internal_routes_need_the_internal_token(worker: WorkerProcess) -> None:
    url = f"{worker.url}/api/v1/internal/states/casualties"
    for token in (None, TOKEN, "wrong"):
        status, headers, body = _call(url, token=token)
        assert status == 401, token
        assert "internal" in _problem(status, headers, body)
    status, _, body = _call(url, token=INTERNAL)
    assert status == 200
    assert isinstance(orjson.loads(body), dict)


def test_idle_and_half_sent_connections_are_closed(worker: WorkerProcess) -> None:
    port = worker.settings.web_port
    socks = []
    for i in range(60):  # bounded: 60 sockets, loopback only
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        if i % 2:
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
        socks.append(s)
    time.sleep(5)  # LIVELEDGER_HTTP_IDLE_S=2 for this worker
    closed = 0
    for s in socks:
        s.settimeout(5)
        try:
            if s.recv(1024) == b"":
                closed += 1
        except (TimeoutError, OSError):
            pass
        s.close()
    assert closed == len(socks)


def test_health_is_200_when_ready(worker: WorkerProcess) -> None:
    status, _, body = _call(f"{worker.url}/api/v1/health")
    doc = orjson.loads(body)
    assert status == 200
    assert doc["ready"] is True and doc["broker_reachable"] is True


async def _entry_ids(settings: Settings) -> list[str]:
    ids = []
    async for rec in read_topic(settings, settings.entries_topic):
        ids.append(orjson.loads(rec.value or b"{}")["entry_id"])
    return ids


def test_post_while_the_broker_is_down_answers_503_in_bounded_time(tmp_path: Path) -> None:
    cfg = local.config_on_free_ports(tmp_path / "broker")
    bootstrap, _ = local.start(cfg)
    try:
        settings = isolated_settings(bootstrap, tmp_path / "state", api_token=TOKEN)
        w = WorkerProcess(settings, tmp_path / "worker.log", LIVELEDGER_PUBLISH_TIMEOUT_S="3").start()
        try:
            w.wait_ready()
            status, _, body = _call(f"{w.url}/api/v1/entries", body=orjson.dumps(_entry(1)))
            assert status == 200, body
            assert orjson.loads(body)["published"] == 1

            local.stop(cfg)
            t0 = time.monotonic()
            status, headers, body = _call(f"{w.url}/api/v1/entries", body=orjson.dumps(_entry(2)), timeout=60)
            took = time.monotonic() - t0
            assert status == 503
            assert "retry" in _problem(status, headers, body)
            assert took < 3 + 5, f"answered after {took:.1f}s"
            status, _, body = _call(f"{w.url}/api/v1/health")
            assert status == 503
            health = orjson.loads(body)
            assert health["ready"] is False and health["broker_reachable"] is False

            local.start(cfg)
            deadline = time.monotonic() + 90
            while True:  # the client retries until the broker is back; bounded by the deadline
                status, _, body = _call(f"{w.url}/api/v1/entries", body=orjson.dumps(_entry(2)), timeout=60)
                if status == 200 or time.monotonic() > deadline:
                    break
                time.sleep(1)
            assert status == 200, body
            ids = asyncio.run(_entry_ids(settings))
            assert sorted(ids) == ["h1", "h2"], ids  # the retried entry is on the log once
        finally:
            w.stop()
        log = w.log_tail(200_000)
        assert "Unclosed AIOKafkaProducer" not in log, log[-3000:]
    finally:
        local.stop(cfg)
