"""``liveledger broker start|stop|status``: a local Kafka broker (or a cluster of them) without Docker."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer

from liveledger.broker import cluster, local

app = typer.Typer(help="Run a local Kafka broker or cluster (KRaft) on 127.0.0.1.", no_args_is_help=True)

DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Broker state folder [default: $LIVELEDGER_BROKER_DIR or .liveledger/broker]"),
]
Nodes = Annotated[
    int,
    typer.Option(
        "--nodes",
        min=1,
        help="Nodes of the cluster; node N (from 0) listens on PORT+2N and CONTROLLER_PORT+2N, "
        "its state in DATA_DIR/node-(N+1). With 3 or more, topics get 3 replicas and min.insync.replicas=2.",
    ),
]


def _cfgs(nodes: int, port: int, controller_port: int, data_dir: Path | None) -> list[local.BrokerConfig]:
    return cluster.cluster_configs(
        nodes, data_dir or local.default_data_dir(), port=port, controller_port=controller_port
    )


@app.command()
def start(
    port: Annotated[int, typer.Option(help="Client port (of the first node)")] = 9092,
    controller_port: Annotated[int, typer.Option(help="KRaft controller port (of the first node)")] = 9093,
    data_dir: DataDir = None,
    nodes: Nodes = 1,
) -> None:
    """Start the broker or cluster (fetching the Kafka jars on first use); does nothing if it runs."""
    cfgs = _cfgs(nodes, port, controller_port, data_dir)
    typer.echo(f"Kafka jars: {cfgs[0].kafka_home / 'libs'}", err=True)
    if nodes == 1:
        bootstrap, started = local.start(cfgs[0])
    else:
        bootstrap, started = cluster.start(cfgs)
    what = "broker" if nodes == 1 else f"cluster of {nodes} nodes"
    typer.echo(f"{what} {'started' if started else 'already running'}; bootstrap: {bootstrap}", err=True)
    typer.echo(bootstrap)


@app.command()
def stop(
    port: Annotated[int, typer.Option(help="Client port (of the first node)")] = 9092,
    data_dir: DataDir = None,
    nodes: Nodes = 1,
) -> None:
    """Stop the broker or every node of the cluster cleanly."""
    was = cluster.stop(_cfgs(nodes, port, port + 1, data_dir))
    typer.echo(f"{was} node(s) stopped" if was else "no broker was running", err=True)


@app.command()
def status(
    port: Annotated[int, typer.Option(help="Client port (of the first node)")] = 9092,
    data_dir: DataDir = None,
    nodes: Nodes = 1,
) -> None:
    """Print whether the broker (or each node) runs, as JSON; exit 1 when one does not."""
    states = [local.status(cfg) for cfg in _cfgs(nodes, port, port + 1, data_dir)]
    typer.echo(orjson.dumps(states[0] if nodes == 1 else states).decode())
    raise typer.Exit(0 if all(st["running"] for st in states) else 1)
