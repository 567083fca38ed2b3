"""The local broker's failures say what is missing: Java, Maven, or a free port."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from liveledger.broker import local


def _cfg(tmp_path: Path, port: int, controller_port: int) -> local.BrokerConfig:
    return local.BrokerConfig(
        port=port, controller_port=controller_port, data_dir=tmp_path / "b", kafka_home=tmp_path / "kafka-home"
    )


def test_a_taken_port_is_named(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(local.PortInUse, match=f"port {port} on 127.0.0.1 is taken"):
            local.start(_cfg(tmp_path, port, port + 1))


def test_missing_maven_and_java_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(local.ToolMissing, match="mvn not found on PATH: install Apache Maven"):
        local.ensure_jars(tmp_path / "kafka-home")
    (tmp_path / "empty-bin").mkdir()
    mvn = tmp_path / "empty-bin" / "mvn"
    mvn.write_text("#!/bin/sh\nexit 0\n")
    mvn.chmod(0o755)
    with pytest.raises(local.ToolMissing, match="java not found on PATH: install a Java 17 runtime"):
        local.ensure_jars(tmp_path / "kafka-home")


def test_status_and_stop_without_a_broker(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path, 1, 2)
    assert local.status(cfg)["running"] is False
    assert local.stop(cfg) is False


def test_cluster_ids_never_look_like_options() -> None:
    """One base64 id in 64 starts with "-", which Kafka's StorageTool took for an option (seen in CI)."""
    ids = [local.new_cluster_id() for _ in range(5000)]
    assert not any(i.startswith("-") for i in ids)
    assert all(len(i) == 22 for i in ids) and len(set(ids)) == len(ids)
