"""Session-wide fixtures: one real Kafka broker for every test that needs one.

The broker is, in order of preference:
1. ``LIVELEDGER_KAFKA_BOOTSTRAP`` when set (CI sets it after ``liveledger broker start``);
2. a testcontainers Kafka when a Docker engine answers;
3. a local KRaft broker started here with ``liveledger.broker.local`` on free ports.
Tests that need Kafka never skip: if none of these works, they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from liveledger.broker import local
from liveledger.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE_BLOG = REPO / "liveledger" / "data" / "sample_liveblog.jsonl"


@dataclass
class Broker:
    bootstrap: str
    kind: str
    config: local.BrokerConfig | None = None


_free_port = local.free_port  # one definition: liveledger.broker.local


def _docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        import docker  # type: ignore[import-untyped]

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    env = os.environ.get("LIVELEDGER_KAFKA_BOOTSTRAP")
    if env:
        data_dir = os.environ.get("LIVELEDGER_BROKER_DATA_DIR")
        cfg = None
        if data_dir:
            port = int(env.rsplit(":", 1)[1])
            cfg = local.BrokerConfig(
                port=port,
                controller_port=port + 1,
                data_dir=Path(data_dir),
                kafka_home=local.default_kafka_home(),
            )
        yield Broker(env, "env", cfg)
        return
    if _docker_answers():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer("apache/kafka:3.9.1").with_kraft() as kc:
            yield Broker(kc.get_bootstrap_server(), "testcontainers")
        return
    cfg = local.config_on_free_ports(tmp_path_factory.mktemp("broker"))
    bootstrap, _ = local.start(cfg)
    try:
        yield Broker(bootstrap, "local", cfg)
    finally:
        local.stop(cfg)


def isolated_settings(bootstrap: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings with topics, app id and web port of their own, so tests never see each other."""
    tag = uuid.uuid4().hex[:10]
    values: dict[str, object] = {
        "kafka_bootstrap": bootstrap,
        "entries_topic": f"t{tag}.entries",
        "facts_topic": f"t{tag}.facts",
        "deadletter_topic": f"t{tag}.deadletter",
        "app_id": f"t{tag}",
        "data_dir": data_dir,
        "web_port": _free_port(),
        **overrides,
    }
    return Settings.model_validate(values)


@pytest.fixture
def settings(broker: Broker, tmp_path: Path) -> Settings:
    """Settings on the session broker with topics of their own."""
    return isolated_settings(broker.bootstrap, tmp_path / "state")


@pytest.fixture
def free_port() -> int:
    return _free_port()


@dataclass
class Cluster:
    """A 3-node local KRaft cluster (``liveledger.broker.cluster``); tests kill and restart its nodes."""

    nodes: list[local.BrokerConfig]

    @property
    def bootstrap(self) -> str:
        return ",".join(cfg.bootstrap for cfg in self.nodes)

    def node(self, node_id: int) -> local.BrokerConfig:
        return next(cfg for cfg in self.nodes if cfg.node_id == node_id)

    def restart(self, node_id: int) -> None:
        """Start a killed node again and wait until the cluster lists all its brokers."""
        from liveledger.broker import cluster

        local.start(self.node(node_id))
        cluster.wait_for_brokers(self.nodes, len(self.nodes))


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Three brokers on free loopback ports, started by the same code as ``liveledger broker start --nodes 3``."""
    from liveledger.broker import cluster as cluster_mod

    nodes = cluster_mod.cluster_configs(3, tmp_path_factory.mktemp("cluster"))
    try:
        cluster_mod.start(nodes)  # stops the nodes it launched if one fails; the finally stops the rest
        yield Cluster(nodes)
    finally:
        cluster_mod.stop(nodes)
