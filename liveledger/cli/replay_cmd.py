"""``liveledger replay``: rebuild views from the log, as of any moment."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from liveledger.cli.progress import log_progress
from liveledger.settings import Settings
from replay.chain import ChainReport
from replay.errors import BadCutoff
from replay.rebuild import (
    Cutoff,
    ExtractionFailure,
    Rebuilt,
    parse_as_of,
    parse_clock,
    parse_day,
    parse_until,
)
from replay.run import replay_from_facts, replay_rederived
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


def replay_log(settings: Settings, cutoff: Cutoff, *, keep_history: bool = False, rederive: bool = False) -> Rebuilt:
    """Read the log, check its hash chain, and fold it as of ``cutoff``; say on stderr what was not clean.

    By default the views are folded from the facts the worker recorded, each checked against its
    entry event's digest (``replay.from_facts``); entries without facts are extracted again. With
    ``rederive`` (or ``keep_history``, which needs each entry's facts) every entry is extracted again,
    ``rederive`` on every core.
    """
    extractor, version = default_extractor()
    if keep_history or rederive:
        with log_progress("reading the log, then extracting") as progress:
            rebuilt = replay_rederived(
                settings,
                cutoff,
                extractor,
                version,
                keep_history=keep_history,
                processes=0 if rederive else None,
                read_progress=progress,
                extract_progress=progress,
            )
    else:
        with log_progress("reading log and facts") as progress:
            rebuilt = replay_from_facts(settings, cutoff, extractor, version, progress=progress)
    if rebuilt.chain is not None:
        report_chain(rebuilt.chain)
    report_rederived(rebuilt, version)
    report_failures(rebuilt.failed)
    return rebuilt


def report_chain(chain: ChainReport) -> None:
    """Name on stderr every break of the hash chain (the replay still folds the events as they are)."""
    if chain.ok:
        return
    typer.secho(f"the hash chain is broken at {len(chain.problems)} place(s):", fg="red", err=True)
    for p in chain.problems[:50]:
        typer.secho(f"  {p['partition']}:{p['offset']} {p['blog_id']}: {p['kind']}: {p['detail']}", fg="red", err=True)
    if len(chain.problems) > 50:
        typer.secho(f"  ... `liveledger audit verify-log` lists all {len(chain.problems)}", fg="red", err=True)


def report_rederived(rebuilt: Rebuilt, version: str) -> None:
    """Say on stderr which events were extracted again instead of folded from facts, and older facts."""
    for reason, n in sorted(rebuilt.rederived.items()):
        typer.secho(f"extracted again: {n} entry event(s): {reason}", fg="yellow", err=True)
    for recorded, n in sorted(rebuilt.recorded_versions.items()):
        if recorded != version:
            typer.secho(
                f"{n} entry event(s) folded as recorded by extractor {recorded} (this is {version}): "
                "`liveledger replay --rederive` gives the current extractor's views",
                fg="yellow",
                err=True,
            )


def summary(rebuilt: Rebuilt) -> str:
    """The first line of the replay's output."""
    chain = rebuilt.chain
    checked = "not checked" if chain is None else ("verified" if chain.ok else f"{len(chain.problems)} problem(s)")
    blogs = "" if chain is None else f", {len(chain.blogs)} blogs"
    return (
        f"replayed {rebuilt.events} events ({rebuilt.from_facts} from recorded facts, "
        f"{sum(rebuilt.rederived.values())} extracted again, {rebuilt.excluded} after the cutoff, "
        f"{rebuilt.undecodable} undecodable, {len(rebuilt.failed)} failed extraction); hash chain {checked}{blogs}"
    )


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
        rederive: Annotated[
            bool, typer.Option("--rederive", help="Extract every entry again (on every core), not the recorded facts")
        ] = False,
    ) -> None:
        """Rebuild the views from the log with the worker's own reducers, checking the hash chain.

        By default the views are folded from the facts the worker recorded on the facts topic, each
        checked against its entry event's digest; entries without facts are extracted again (said on
        stderr). A facts record that does not match the log is an error naming it (exit status 2).
        Entries the extractor fails on are left out (as the worker dead-letters them) and a broken
        hash chain is named: both on stderr, with exit status 1; the views are printed all the same.
        """
        if view is not None and view not in PARAMS:
            raise BadCutoff(f"--view: unknown view {view!r}; expected one of {', '.join(PARAMS)}")
        cutoff = make_cutoff(as_of, until_offset, occurred_from, occurred_to, clock)
        rebuilt = replay_log(Settings(), cutoff, rederive=rederive)
        names = [view] if view else list(PARAMS)
        docs = {name: build(name, rebuilt.views.states(name)) for name in names}
        status = 1 if rebuilt.failed or (rebuilt.chain is not None and not rebuilt.chain.ok) else 0
        if as_json:
            out = docs[view] if view else docs
            typer.echo(canonical_json(out).decode())
            raise typer.Exit(status)
        console = Console()
        console.print(summary(rebuilt))
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
