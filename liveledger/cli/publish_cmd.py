"""``liveledger publish [--json] FILE|-``: JSON lines in, immutable events out."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer

from liveledger.publish.publisher import Outcome, Publisher
from liveledger.publish.requests import InputError, PublishError, Request, parse_line
from liveledger.settings import Settings


def read_requests(lines: list[bytes], max_body_bytes: int) -> tuple[list[tuple[int, Request]], list[dict[str, Any]]]:
    """Parse numbered lines; return the good requests and the rejections."""
    good: list[tuple[int, Request]] = []
    rejected: list[dict[str, Any]] = []
    for n, raw in enumerate(lines, start=1):
        try:
            req = parse_line(raw, n, max_body_bytes)
        except InputError as e:
            rejected.append({"line": n, "error": e.reason})
            continue
        if req is not None:
            good.append((n, req))
    return good, rejected


async def publish_lines(settings: Settings, lines: list[bytes]) -> dict[str, Any]:
    """Publish what is valid; report ``{"published", "duplicates", "rejected"}``."""
    good, rejected = read_requests(lines, settings.max_body_bytes)
    published = duplicates = 0
    async with Publisher(settings) as pub:
        for line, result in await pub.publish_many(good):
            if isinstance(result, Outcome):
                if result.status == "published":
                    published += 1
                else:
                    duplicates += 1
            else:
                rejected.append({"line": line, "error": str(result)})
    rejected.sort(key=lambda r: r["line"])
    return {"published": published, "duplicates": duplicates, "rejected": rejected}


def _read_input(path: str) -> list[bytes]:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    return data.splitlines()


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
