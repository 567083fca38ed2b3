"""``liveledger replay``: rebuild views from the log, as of any moment."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from liveledger.cli.progress import log_progress
from liveledger.settings import Settings
from replay.errors import BadCutoff
from replay.rebuild import (
    Cutoff,
    ExtractionFailure,
    Rebuilt,
    parse_as_of,
    parse_clock,
    parse_day,
    parse_until,
    rebuild,
)
from replay.source import read_log
from streams.core.pipeline import default_extractor
from streams.query.documents import PARAMS, build
from streams.views.render import canonical_json


def make_cutoff(
    as_of: str | None,
    until_offset: str | None,
    occurred_from: str | None,
    occurred_to: str | None,
    clock: str = "accepted",
) -> Cutoff:
    if as_of and until_offset:
        raise BadCutoff("give --as-of or --until-offset, not both")
    return Cutoff(
        clock=parse_clock(clock),
        as_of=parse_as_of(as_of) if as_of else None,
        until=parse_until(until_offset) if until_offset else None,
        occurred_from=parse_day("--occurred-from", occurred_from) if occurred_from else None,
        occurred_to=parse_day("--occurred-to", occurred_to) if occurred_to else None,
    )


def report_failures(failed: list[ExtractionFailure]) -> None:
    """Name on stderr every entry event the extractor failed on (left out of the views)."""
    if not failed:
        return
    typer.secho(
        f"extraction failed for {len(failed)} entry event(s); they are left out of the views, "
        "as the worker dead-letters them:",
        fg="red",
        err=True,
    )
    for f in failed:
        typer.secho(f"  {f.describe()}", fg="red", err=True)


def replay_log(settings: Settings, cutoff: Cutoff, *, keep_history: bool = False) -> Rebuilt:
    """Read the log (with a progress bar), fold it as of ``cutoff``, and report extraction failures on stderr."""
    extractor, version = default_extractor()
    with log_progress("reading log") as progress:
        records = asyncio.run(read_log(settings, until=cutoff.until, progress=progress))
    rebuilt = rebuild(
        records,
        extractor=extractor,
        extractor_version=version,
        cutoff=cutoff,
        keep_history=keep_history,
        max_record_bytes=settings.max_record_bytes,
    )
    report_failures(rebuilt.failed)
    return rebuilt


def register(app: typer.Typer) -> None:
    @app.command()
    def replay(
        as_of: Annotated[str | None, typer.Option(help="A moment (on --clock): what was shown then")] = None,
        clock: Annotated[
            str, typer.Option(help="accepted: liveledger's acceptance time; source: the blog's own times")
        ] = "accepted",
        until_offset: Annotated[str | None, typer.Option(help="PARTITION:OFFSET,...: stop before these")] = None,
        occurred_from: Annotated[str | None, typer.Option(help="First occurred day (YYYY-MM-DD)")] = None,
        occurred_to: Annotated[str | None, typer.Option(help="Last occurred day (YYYY-MM-DD)")] = None,
        view: Annotated[str | None, typer.Option(help=f"One of {', '.join(PARAMS)}")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the view's JSON document")] = False,
    ) -> None:
        """Rebuild the views from the entries log with the worker's own reducers.

        Entries the extractor fails on are left out (as the worker dead-letters them), named on
        stderr, and make the exit status 1; the views of the other entries are printed all the same.
        """
        if view is not None and view not in PARAMS:
            raise BadCutoff(f"--view: unknown view {view!r}; expected one of {', '.join(PARAMS)}")
        rebuilt = replay_log(Settings(), make_cutoff(as_of, until_offset, occurred_from, occurred_to, clock))
        names = [view] if view else list(PARAMS)
        docs = {name: build(name, rebuilt.views.states(name)) for name in names}
        status = 1 if rebuilt.failed else 0
        if as_json:
            out = docs[view] if view else docs
            typer.echo(canonical_json(out).decode())
            raise typer.Exit(status)
        console = Console()
        console.print(
            f"replayed {rebuilt.events} events ({rebuilt.excluded} after the cutoff, "
            f"{rebuilt.undecodable} undecodable, {len(rebuilt.failed)} failed extraction)"
        )
        for name, doc in docs.items():
            table = Table(title=f"{name}: {len(doc['items'])} keys")
            table.add_column("key")
            table.add_column("summary")
            for item in doc["items"][:50]:
                table.add_row(str(item.get("key")), summarise(name, item))
            console.print(table)
        raise typer.Exit(status)


def summarise(view: str, item: dict[str, object]) -> str:
    """One line about a view item, for tables."""
    if view in ("casualties", "interceptions"):
        metrics = item.get("metrics") or {}
        assert isinstance(metrics, dict)
        return ", ".join(
            f"{m} {v.get('best') if v.get('best') is not None else v.get('low') or v.get('high')}"
            + (" (disputed)" if v.get("disputed") else "")
            for m, v in metrics.items()
        )
    if view == "strikes":
        return f"targets: {', '.join(item.get('targets') or []) or '-'}"  # type: ignore[arg-type]
    series = item.get("series") or []
    assert isinstance(series, list)
    return " -> ".join(
        str(p.get("best") if p.get("best") is not None else p.get("low") or p.get("high")) for p in series
    )
