"""The ``liveledger`` command. Each sub-command lives in its own module."""

from __future__ import annotations

import sys

import typer

from liveledger.cli import (
    audit_cmd,
    broker_cmd,
    demo_cmd,
    extract_cmd,
    ingest_cmd,
    publish_cmd,
    replay_cmd,
    views_cmd,
    worker_cmd,
)
from liveledger.errors import LiveledgerError


def build_cli() -> typer.Typer:
    app = typer.Typer(
        name="liveledger",
        help="Event-sourced timeline store for news live blogs, on Kafka and faust.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    app.add_typer(broker_cmd.app, name="broker")
    publish_cmd.register(app)
    ingest_cmd.register(app)
    worker_cmd.register(app)
    views_cmd.register(app)
    replay_cmd.register(app)
    app.add_typer(audit_cmd.app, name="audit")
    demo_cmd.register(app)
    extract_cmd.register(app)
    return app


def main() -> None:
    try:
        build_cli()()
    except LiveledgerError as e:
        typer.secho(f"error: {e}", fg="red", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
