"""Run real ``liveledger worker`` processes for integration and end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import orjson

from liveledger.settings import Settings


def settings_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment that gives a child process these settings."""
    env = dict(os.environ)
    for name in ("kafka_bootstrap", "entries_topic", "facts_topic", "deadletter_topic", "app_id", "web_port"):
        env[f"LIVELEDGER_{name.upper()}"] = str(getattr(settings, name))
    env["LIVELEDGER_DATA_DIR"] = str(settings.data_dir)
    env["LIVELEDGER_TOPIC_PARTITIONS"] = str(settings.topic_partitions)
    env["LIVELEDGER_API_URL"] = f"http://127.0.0.1:{settings.web_port}"
    if settings.api_token is not None:
        env["LIVELEDGER_API_TOKEN"] = settings.api_token.get_secret_value()
    env.update(extra)
    return env


def run_cli(settings: Settings, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``liveledger ARGS`` in a fresh process with ``settings`` in its environment; never raises on exit status."""
    return subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", *args],
        env=settings_env(settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def get_json(url: str, timeout: float = 10.0) -> Any:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        return orjson.loads(resp.read())


def get_bytes(url: str, timeout: float = 10.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        body: bytes = resp.read()
        return body


class WorkerProcess:
    """A worker subprocess with its own web port; ``stop()`` is clean, ``kill()`` is kill -9."""

    def __init__(self, settings: Settings, log_path: Path, **env: str) -> None:
        self.settings = settings
        self.url = f"http://127.0.0.1:{settings.web_port}"
        self.log_path = log_path
        self.env = settings_env(settings, **env)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> WorkerProcess:
        Path(self.settings.data_dir).mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "liveledger.cli.main", "worker", "--loglevel", "warning"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited with {self.proc.returncode}; log:\n{self.log_tail()}")
            try:
                get_json(f"{self.url}/api/v1/health", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"worker did not answer within {timeout}s; log:\n{self.log_tail()}")

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-n:]
        except FileNotFoundError:
            return ""

    def health(self) -> dict[str, Any]:
        """The health document; it comes with 503 while the worker is not ready, which is not an error here."""
        try:
            doc: dict[str, Any] = get_json(f"{self.url}/api/v1/health")
        except urllib.error.HTTPError as e:
            if e.code != 503:
                raise
            doc = orjson.loads(e.read())
        return doc

    def wait_ready(self, timeout: float = 120.0) -> dict[str, Any]:
        """Wait until the worker has recovered its tables and serves views."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            h = self.health()
            if h.get("ready"):
                return h
            time.sleep(0.2)
        raise TimeoutError(f"worker not ready within {timeout}s; log:\n{self.log_tail()}")

    def wait_processed(self, entries: int, *, applied_stable_s: float = 1.5, timeout: float = 120.0) -> dict[str, Any]:
        """Wait until ``entries`` entry events were processed and applying has settled."""
        self.wait_ready(timeout)
        deadline = time.monotonic() + timeout
        last: tuple[int, int] | None = None
        since = time.monotonic()
        while time.monotonic() < deadline:
            h = self.health()
            now = (h["entries_processed"] + h["dead_letters"], h["contributions_applied"])
            if now != last:
                last, since = now, time.monotonic()
            elif now[0] >= entries and time.monotonic() - since >= applied_stable_s:
                return h
            time.sleep(0.2)
        raise TimeoutError(f"worker processed {last} of {entries} within {timeout}s; log:\n{self.log_tail()}")

    def view(self, name: str, query: str = "") -> Any:
        return get_json(f"{self.url}/api/v1/{name}{'?' + query if query else ''}")

    def view_bytes(self, name: str) -> bytes:
        return get_bytes(f"{self.url}/api/v1/{name}")

    def stop(self, timeout: float = 30.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def kill(self) -> None:
        """kill -9: no clean shutdown, no final commit."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def __enter__(self) -> WorkerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
