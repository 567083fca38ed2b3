"""A local KRaft cluster of several nodes on loopback, from the same jars as the single broker.

Every node is broker and controller at once; the controller quorum is all the nodes, so a
3-node cluster keeps working (and electing partition leaders) with any one node down.
``liveledger broker start --nodes 3`` and the ``cluster`` test fixture both use this module.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

from liveledger.broker import local
from liveledger.broker.local import BrokerConfig, BrokerStartFailed


def cluster_configs(
    nodes: int,
    data_dir: Path,
    *,
    port: int | None = None,
    controller_port: int | None = None,
    heap_mb: int = 384,
) -> list[BrokerConfig]:
    """``nodes`` node configs under ``data_dir/node-N``.

    With ``port`` and ``controller_port``, node N (from 0) listens on ``port + 2N`` and
    ``controller_port + 2N`` (9092, 9094, 9096 and 9093, 9095, 9097 by default); without, on
    free loopback ports.
    """
    if nodes < 1:
        raise local.BrokerError(f"--nodes must be at least 1, not {nodes}")
    if (port is None) != (controller_port is None):
        raise local.BrokerError("give both the client port and the controller port, or neither")
    if port is not None and controller_port is not None:
        ports = [(port + 2 * i, controller_port + 2 * i) for i in range(nodes)]
    else:
        ports = [(local.free_port(), local.free_port()) for _ in range(nodes)]
    voters = ",".join(f"{i + 1}@127.0.0.1:{ctrl}" for i, (_, ctrl) in enumerate(ports))
    if nodes == 1:
        voters = ""
    return [
        BrokerConfig(
            port=client,
            controller_port=ctrl,
            data_dir=data_dir / f"node-{i + 1}" if nodes > 1 else data_dir,
            kafka_home=local.default_kafka_home(),
            heap_mb=heap_mb if nodes > 1 else 512,
            node_id=i + 1,
            voters=voters,
            cluster_size=nodes,
        )
        for i, (client, ctrl) in enumerate(ports)
    ]


def bootstrap(configs: list[BrokerConfig]) -> str:
    return ",".join(cfg.bootstrap for cfg in configs)


def _cluster_id(configs: list[BrokerConfig]) -> str:
    """The id the nodes already share (a restart), else a new one."""
    for cfg in configs:
        meta = cfg.data_dir / "kraft-logs" / "meta.properties"
        if meta.exists():
            for line in meta.read_text().splitlines():
                if line.startswith("cluster.id="):
                    return line.split("=", 1)[1].strip()
    return local.new_cluster_id()


def start(configs: list[BrokerConfig], *, timeout: float = 120.0) -> tuple[str, bool]:
    """Start every node that is not running, wait for all to serve. Returns (bootstrap, any_started)."""
    cluster_id = _cluster_id(configs)
    launched: list[tuple[BrokerConfig, subprocess.Popen[bytes] | None]] = []
    try:
        for cfg in configs:
            launched.append((cfg, local.launch(cfg, cluster_id=cluster_id)))
        deadline = time.monotonic() + timeout
        for cfg, proc in launched:
            left = max(5.0, deadline - time.monotonic())
            if proc is None:
                local.wait_until_ready(cfg.ready_bootstrap, timeout=left)
            else:
                local.await_started(cfg, proc, timeout=left)
        wait_for_brokers(configs, len(configs), timeout=max(5.0, deadline - time.monotonic()))
    except BaseException:  # a node that failed must not leave the others running (JVMs on a small machine)
        started = [cfg for cfg, proc in launched if proc is not None]
        if started:
            stop(started)
        raise
    return bootstrap(configs), any(proc is not None for _, proc in launched)


def stop(configs: list[BrokerConfig]) -> int:
    """Stop every node cleanly (all signalled at once, then awaited); returns how many were running."""
    for cfg in configs:
        local.signal_stop(cfg)
    return sum(local.stop(cfg) for cfg in configs)


def live_brokers(configs: list[BrokerConfig]) -> int:
    """How many brokers the cluster lists right now: the fewest any node lists (0 when a node does not answer).

    Each node answers metadata from its own copy; right after a start one may still list fewer.
    """
    from aiokafka.admin import AIOKafkaAdminClient

    async def listed(address: str) -> int:
        admin = AIOKafkaAdminClient(bootstrap_servers=address, request_timeout_ms=3000)
        try:
            await admin.start()
            described = await admin.describe_cluster()
            return len(described["brokers"])
        except Exception:
            return 0
        finally:
            await admin.close()

    async def probe() -> int:
        return min([await listed(cfg.ready_bootstrap) for cfg in configs])

    return asyncio.run(probe())


def wait_for_brokers(configs: list[BrokerConfig], count: int, *, timeout: float = 60.0) -> None:
    """Block until every node lists ``count`` brokers, or raise BrokerStartFailed."""
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        seen = live_brokers(configs)
        if seen == count:
            return
        time.sleep(0.5)
    raise BrokerStartFailed(f"a node of the cluster listed {seen} brokers, not {count}, within {timeout:.0f}s")
