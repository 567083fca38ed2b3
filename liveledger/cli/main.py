"""The ``liveledger`` command. Each sub-command lives in its own module."""

from __future__ import annotations

import sys

import typer
from pydantic import ValidationError

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
from schemas.errors import SchemaError
from streams.extract.public_eval import PublicDataError
from streams.query.documents import QueryError

#: errors that say what the operator must change: printed as one line, never as a traceback
OPERATOR_ERRORS = (LiveledgerError, SchemaError, QueryError, PublicDataError)


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
    except OPERATOR_ERRORS as e:
        typer.secho(f"error: {_one_line(str(e))}", fg="red", err=True)
        sys.exit(2)
    except ValidationError as e:  # the settings: a LIVELEDGER_* variable holds a bad value
        where = ", ".join(f"LIVELEDGER_{'_'.join(map(str, err['loc'])).upper()}: {err['msg']}" for err in e.errors())
        typer.secho(f"error: bad setting: {where}", fg="red", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.secho("interrupted", err=True)
        sys.exit(130)


def _one_line(message: str) -> str:
    return " ".join(message.split())


if __name__ == "__main__":
    main()
