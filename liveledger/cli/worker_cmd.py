"""``liveledger worker``: the faust worker that keeps the views."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from liveledger.settings import Settings


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(
        web_port: Annotated[int | None, typer.Option(help="HTTP port for the API and page [default: 6066]")] = None,
        data_dir: Annotated[Path | None, typer.Option(help="Where tables live [default: .liveledger]")] = None,
        loglevel: Annotated[str, typer.Option(help="debug, info, warning or error")] = "warning",
    ) -> None:
        """Run a worker: consume entries, keep the views, serve the API and the web page."""
        from streams.app.run import run_worker

        overrides: dict[str, object] = {}
        if web_port is not None:
            overrides["web_port"] = web_port
        if data_dir is not None:
            overrides["data_dir"] = data_dir
        settings = Settings(**overrides)  # type: ignore[arg-type]
        typer.echo(
            f"worker {settings.app_id}: broker {settings.kafka_bootstrap}, "
            f"API http://{settings.web_host}:{settings.web_port}/api/v1/health",
            err=True,
        )
        run_worker(settings, loglevel=loglevel)
