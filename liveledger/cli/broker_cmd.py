"""``liveledger broker start|stop|status``: a local Kafka broker without Docker."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer

from liveledger.broker import local

app = typer.Typer(help="Run a local single-node Kafka broker (KRaft) on 127.0.0.1.", no_args_is_help=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Broker state folder [default: $LIVELEDGER_BROKER_DIR or .liveledger/broker]"),
]


def _cfg(port: int, controller_port: int, data_dir: Path | None) -> local.BrokerConfig:
    return local.BrokerConfig(
        port=port,
        controller_port=controller_port,
        data_dir=data_dir or local.default_data_dir(),
        kafka_home=local.default_kafka_home(),
    )


@app.command()
def start(
    port: Annotated[int, typer.Option(help="Client port")] = 9092,
    controller_port: Annotated[int, typer.Option(help="KRaft controller port")] = 9093,
    data_dir: DataDir = None,
) -> None:
    """Start the broker (fetching the Kafka jars on first use); does nothing if it runs."""
    cfg = _cfg(port, controller_port, data_dir)
    typer.echo(f"Kafka jars: {cfg.kafka_home / 'libs'}", err=True)
    bootstrap, started = local.start(cfg)
    typer.echo(f"broker {'started' if started else 'already running'}; bootstrap: {bootstrap}", err=True)
    typer.echo(bootstrap)


@app.command()
def stop(
    port: Annotated[int, typer.Option(help="Client port")] = 9092,
    data_dir: DataDir = None,
) -> None:
    """Stop the broker cleanly."""
    was = local.stop(_cfg(port, port + 1, data_dir))
    typer.echo("broker stopped" if was else "no broker was running", err=True)


@app.command()
def status(
    port: Annotated[int, typer.Option(help="Client port")] = 9092,
    data_dir: DataDir = None,
) -> None:
    """Print whether the broker runs, as JSON; exit 1 when it does not."""
    st = local.status(_cfg(port, port + 1, data_dir))
    typer.echo(orjson.dumps(st).decode())
    raise typer.Exit(0 if st["running"] else 1)
