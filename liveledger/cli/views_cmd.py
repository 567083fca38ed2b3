"""``liveledger views NAME [filters] [--json]``: read the live views from a worker."""

from __future__ import annotations

from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.table import Table

from liveledger.cli.http import get
from liveledger.cli.replay_cmd import summarise
from liveledger.settings import Settings
from streams.query.documents import PARAMS, QueryError


def register(app: typer.Typer) -> None:
    @app.command()
    def views(
        name: Annotated[str, typer.Argument(help="casualties, strikes, interceptions or figures")],
        region: Annotated[str | None, typer.Option(help="ISO 3166-2 region, e.g. UA-63")] = None,
        day: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
        from_: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD")] = None,
        to: Annotated[str | None, typer.Option(help="Last day, YYYY-MM-DD")] = None,
        weapon: Annotated[str | None, typer.Option()] = None,
        actor: Annotated[str | None, typer.Option()] = None,
        claimant: Annotated[str | None, typer.Option()] = None,
        metric: Annotated[str | None, typer.Option()] = None,
        subject: Annotated[str | None, typer.Option()] = None,
        as_of: Annotated[
            str | None,
            typer.Option(help="A moment on liveledger's clock: the view as it stood then, from the worker's state"),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON document as is")] = False,
    ) -> None:
        """Show a live view (from LIVELEDGER_API_URL, default http://localhost:6066).

        With --as-of, the view as it stood at that moment, answered from the worker's lineage rows
        (no log scan): ``--json`` prints the bytes of ``liveledger replay --as-of T --view NAME --json``.
        """
        if name not in PARAMS:
            raise QueryError(f"unknown view {name!r}; expected one of {', '.join(PARAMS)}")
        given = {
            "region": region,
            "day": day,
            "from": from_,
            "to": to,
            "weapon": weapon,
            "actor": actor,
            "claimant": claimant,
            "metric": metric,
            "subject": subject,
            "as_of": as_of,
        }
        params = {k: v for k, v in given.items() if v is not None}
        body = get(Settings(), f"/api/v1/{name}", params)
        if as_json:
            typer.echo(body.decode())
            return
        doc = orjson.loads(body)
        table = Table(title=f"{name} ({len(doc['items'])} keys)")
        table.add_column("key")
        table.add_column("summary")
        for item in doc["items"]:
            table.add_row(str(item.get("key")), summarise(name, item))
        Console().print(table)
