"""``liveledger demo``: a local broker, the sample live blog, a worker and its views, in one command."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from importlib import resources
from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.table import Table

from liveledger.broker import local
from liveledger.cli.http import ApiError, get
from liveledger.cli.publish_cmd import publish_lines
from liveledger.cli.replay_cmd import summarise
from liveledger.errors import LiveledgerError
from liveledger.settings import Settings
from streams.query.documents import PARAMS


def sample_blog() -> list[bytes]:
    return resources.files("liveledger.data").joinpath("sample_liveblog.jsonl").read_bytes().splitlines()


def _wait_for_worker(settings: Settings, proc: subprocess.Popen[bytes], expected: int, timeout: float) -> None:
    """Wait until the worker is ready, has processed at least ``expected`` new events, and has settled."""
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LiveledgerError(f"the worker exited with code {proc.returncode}; see .liveledger/worker.log")
        try:
            health = orjson.loads(get(settings, "/api/v1/health"))
        except ApiError:
            time.sleep(0.5)
            continue
        done = health["entries_processed"] + health["dead_letters"]
        if health.get("ready") and done >= expected and done == last:
            return
        last = done
        time.sleep(1.0)
    raise LiveledgerError(f"the worker did not process the sample blog within {timeout:.0f}s")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        exit_after: Annotated[bool, typer.Option("--exit", help="Stop the worker after printing the views")] = False,
        port: Annotated[int, typer.Option(help="Broker port")] = 9092,
    ) -> None:
        """Start a local broker, publish the sample live blog, run a worker and print its views."""
        console = Console(stderr=True)
        bootstrap = os.environ.get("LIVELEDGER_KAFKA_BOOTSTRAP")
        if bootstrap is None:
            cfg = local.BrokerConfig(
                port=port,
                controller_port=port + 1,
                data_dir=local.default_data_dir(),
                kafka_home=local.default_kafka_home(),
            )
            console.print(f"[bold]1/4[/] Kafka broker (jars cached in {cfg.kafka_home})")
            bootstrap, _ = local.start(cfg)
        settings = Settings(kafka_bootstrap=bootstrap)
        env = dict(os.environ, LIVELEDGER_KAFKA_BOOTSTRAP=bootstrap)
        console.print(f"[bold]2/4[/] publishing the sample live blog to {settings.entries_topic} on {bootstrap}")
        summary = asyncio.run(publish_lines(settings, sample_blog()))
        console.print(
            f"     published {summary['published']}, duplicates {summary['duplicates']}, "
            f"rejected {len(summary['rejected'])}"
        )
        expected = summary["published"]  # events this run added; earlier ones were processed before
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        log = (settings.data_dir / "worker.log").open("ab")
        console.print(f"[bold]3/4[/] starting the worker (log: {settings.data_dir / 'worker.log'})")
        proc = subprocess.Popen(
            [sys.executable, "-m", "liveledger.cli.main", "worker"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            _wait_for_worker(settings, proc, expected, timeout=180)
            console.print("[bold]4/4[/] the views")
            out = Console()
            for name in PARAMS:
                doc = orjson.loads(get(settings, f"/api/v1/{name}"))
                table = Table(title=f"{name} ({len(doc['items'])} keys)")
                table.add_column("key")
                table.add_column("summary")
                for item in doc["items"]:
                    table.add_row(str(item.get("key")), summarise(name, item))
                out.print(table)
            console.print(f"\nweb page: {settings.api_url}/   API: {settings.api_url}/api/v1/openapi.json")
            page = resources.files("liveledger.data").joinpath("sample_liveblog.html")
            console.print(f"the same blog as a saved live page: liveledger ingest {page}")
            if exit_after:
                return
            console.print("the worker runs until you press Ctrl-C")
            proc.wait()
        except KeyboardInterrupt:
            pass
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
