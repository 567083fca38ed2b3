"""``liveledger publish [--json] FILE|-``: JSON lines in, immutable events out."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from liveledger.publish.batch import publish_batch, read_requests
from liveledger.publish.errors import PublishError
from liveledger.publish.jsonlines import split_lines
from liveledger.publish.publisher import Publisher
from liveledger.settings import Settings


async def publish_lines(settings: Settings, lines: list[bytes]) -> dict[str, Any]:
    """Publish what is valid; report ``{"published", "duplicates", "rejected"}``."""
    good, rejected = read_requests(lines, settings.max_body_bytes)
    async with Publisher(settings) as pub:
        return await publish_batch(pub, good, rejected)


def _read_input(path: str) -> list[bytes]:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return split_lines(data)


def register(app: typer.Typer) -> None:
    @app.command()
    def publish(
        file: Annotated[str, typer.Argument(help="JSON-lines file of entries, or - for stdin")],
        as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary")] = False,
    ) -> None:
        """Publish live-blog entries, corrections and retractions as immutable events."""
        settings = Settings()
        try:
            lines = _read_input(file)
        except OSError as e:
            raise PublishError(f"cannot read {file}: {e.strerror}") from e
        summary = asyncio.run(publish_lines(settings, lines))
        if as_json:
            typer.echo(orjson.dumps(summary).decode())
        else:
            for r in summary["rejected"]:
                typer.secho(f"line {r['line']}: {r['error']}", fg="red", err=True)
            typer.echo(
                f"published {summary['published']}, duplicates {summary['duplicates']}, "
                f"rejected {len(summary['rejected'])}"
            )
        raise typer.Exit(1 if summary["rejected"] else 0)
