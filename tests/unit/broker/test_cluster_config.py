"""The nodes of a local cluster, and the durability each node's properties give new topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveledger.broker import cluster, local
from liveledger.broker.props import BrokerTls, durability, node_properties


def test_three_nodes_share_one_quorum_on_consecutive_ports(tmp_path: Path) -> None:
    nodes = cluster.cluster_configs(3, tmp_path, port=9092, controller_port=9093)
    assert [(n.node_id, n.port, n.controller_port) for n in nodes] == [
        (1, 9092, 9093),
        (2, 9094, 9095),
        (3, 9096, 9097),
    ]
    assert {n.quorum_voters for n in nodes} == {"1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097"}
    assert [n.data_dir for n in nodes] == [tmp_path / f"node-{i}" for i in (1, 2, 3)]
    assert cluster.bootstrap(nodes) == "127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096"


def test_one_node_is_the_single_broker_of_before(tmp_path: Path) -> None:
    (node,) = cluster.cluster_configs(1, tmp_path, port=29092, controller_port=29093)
    assert node.data_dir == tmp_path and node.quorum_voters == "1@127.0.0.1:29093"
    props = node_properties(
        node_id=1, port=29092, controller_port=29093, voters=node.quorum_voters, log_dirs=tmp_path / "logs"
    )
    assert props["offsets.topic.replication.factor"] == "1" and props["transaction.state.log.min.isr"] == "1"
    assert props["listeners"] == "PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093"


def test_three_nodes_replicate_three_times_two_in_sync() -> None:
    three = durability(3)
    assert three["default.replication.factor"] == "3" and three["min.insync.replicas"] == "2"
    assert three["transaction.state.log.replication.factor"] == "3"
    assert three["transaction.state.log.min.isr"] == "2" and three["unclean.leader.election.enable"] == "false"
    assert durability(2)["min.insync.replicas"] == "1"  # two nodes: losing one must not stop writes


def test_a_tls_node_listens_sasl_ssl_for_clients_and_plaintext_inside(tmp_path: Path) -> None:
    tls = BrokerTls(keystore_pem=tmp_path / "k.pem", internal_port=7001, users=(("app", "pw"),))
    props = node_properties(
        node_id=1, port=7000, controller_port=7002, voters="1@127.0.0.1:7002", log_dirs=tmp_path, tls=tls
    )
    assert props["advertised.listeners"] == "SASL_SSL://127.0.0.1:7000,INTERNAL://127.0.0.1:7001"
    assert props["inter.broker.listener.name"] == "INTERNAL"
    assert props["listener.name.sasl_ssl.ssl.keystore.type"] == "PEM"
    assert tls.scram_arguments() == ["--add-scram", "SCRAM-SHA-512=[name=app,password=pw]"]


def test_bad_node_counts_and_half_given_ports_are_refused(tmp_path: Path) -> None:
    with pytest.raises(local.BrokerError, match="at least 1"):
        cluster.cluster_configs(0, tmp_path)
    with pytest.raises(local.BrokerError, match="both the client port and the controller port"):
        cluster.cluster_configs(3, tmp_path, port=9092)
