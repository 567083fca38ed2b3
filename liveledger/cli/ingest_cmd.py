"""``liveledger ingest SOURCE [--blog-id ID] [--follow [--interval S]] [--json]``: a live blog in, events out."""

from __future__ import annotations

import asyncio
from typing import Annotated

import orjson
import typer

from liveledger.ingest.errors import IngestFailed
from liveledger.ingest.run import Tally, follow, ingest
from liveledger.settings import Settings


def print_tally(tally: Tally, as_json: bool, poll: int | None = None) -> None:
    if as_json:
        doc = tally.to_json()
        if poll is not None:
            doc["poll"] = poll
        typer.echo(orjson.dumps(doc).decode())
        return
    prefix = f"poll {poll}: " if poll is not None else ""
    if tally.error:
        typer.secho(f"{prefix}{tally.error}", fg="red", err=True)
        return
    if tally.not_modified:
        typer.echo(f"{prefix}not modified")
        return
    for s in tally.skipped:
        typer.secho(f"skipped {s['where']}: {s['error']}", fg="yellow", err=True)
    for r in tally.rejected:
        typer.secho(f"rejected {r['where']}: {r['error']}", fg="red", err=True)
    for d in tally.dropped:
        typer.echo(f"no longer on the page (out of its window, not retracted): {d}", err=True)
    typer.echo(
        f"{prefix}{tally.kind} blog {tally.blog_id}: {tally.items} items; published {tally.published}, "
        f"corrected {tally.corrected}, retracted {tally.retracted}, duplicates {tally.duplicates}, "
        f"unchanged {tally.unchanged}, skipped {len(tally.skipped)}, rejected {len(tally.rejected)}"
    )


def register(app: typer.Typer) -> None:
    @app.command(name="ingest")
    def ingest_command(
        source: Annotated[str, typer.Argument(help="LiveBlogPosting page, RSS/Atom feed or JSON lines; file or URL")],
        blog_id: Annotated[
            str | None, typer.Option(help="Blog id (default: from the page's canonical URL or the feed's link)")
        ] = None,
        follow_mode: Annotated[bool, typer.Option("--follow", help="Keep polling and publish each change")] = False,
        interval: Annotated[float, typer.Option(help="Seconds between polls with --follow (at least)")] = 60.0,
        as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary (one per poll)")] = False,
    ) -> None:
        """Ingest a live blog: schema.org LiveBlogPosting pages, RSS/Atom feeds or JSON lines.

        Each post becomes an entry with an id made from its @id / url / GUID (the original kept as
        source_url) and the blog's own times (source_published_at / source_updated_at).

        Ingesting the same source again publishes nothing twice. With --follow, a changed post
        becomes a correction and a post removed from between its neighbours a retraction.

        Exit status 1 when any item was skipped or rejected.
        """
        settings = Settings()
        if not follow_mode:
            tally = asyncio.run(ingest(settings, source, blog_id=blog_id))
            print_tally(tally, as_json)
            raise typer.Exit(1 if tally.failed else 0)
        if interval < 1.0:
            raise IngestFailed(f"--interval: {interval} s is too fast for a polite poller; give 1 or more")

        def on_poll(n: int, tally: Tally) -> None:
            print_tally(tally, as_json, poll=n)

        try:
            asyncio.run(follow(settings, source, blog_id=blog_id, interval=interval, on_poll=on_poll))
        except KeyboardInterrupt:
            raise typer.Exit(0) from None
