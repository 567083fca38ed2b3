"""The ``server.properties`` of one local KRaft node: single node, one node of a cluster, or TLS + SCRAM.

Pure: ``node_properties`` returns the key/value pairs; ``liveledger.broker.local`` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BrokerTls:
    """A ``SASL_SSL`` client listener: TLS with a PEM key store, and SCRAM users made at format time.

    ``keystore_pem`` holds the node's unencrypted PKCS#8 private key followed by its certificate
    chain. Inter-broker traffic uses a plaintext loopback listener on ``internal_port``, which is
    also where ``liveledger`` probes readiness without credentials.
    """

    keystore_pem: Path
    internal_port: int
    users: tuple[tuple[str, str], ...] = ()
    mechanism: str = "SCRAM-SHA-512"

    def scram_arguments(self) -> list[str]:
        """``kafka-storage format`` arguments that create the SCRAM users."""
        out: list[str] = []
        for name, password in self.users:
            out += ["--add-scram", f"{self.mechanism}=[name={name},password={password}]"]
        return out


def durability(cluster_size: int) -> dict[str, str]:
    """Replication of internal and new topics: 3 replicas, 2 in sync, no unclean election, when it can."""
    replicas = min(3, cluster_size)
    min_isr = 2 if cluster_size >= 3 else 1
    return {
        "default.replication.factor": str(replicas),
        "min.insync.replicas": str(min_isr),
        "unclean.leader.election.enable": "false",
        "offsets.topic.replication.factor": str(replicas),
        "transaction.state.log.replication.factor": str(replicas),
        "transaction.state.log.min.isr": str(min_isr),
    }


def node_properties(
    *,
    node_id: int,
    port: int,
    controller_port: int,
    voters: str,
    log_dirs: Path,
    cluster_size: int = 1,
    tls: BrokerTls | None = None,
) -> dict[str, str]:
    """The properties of a combined broker+controller node listening on 127.0.0.1 only."""
    controller = f"CONTROLLER://127.0.0.1:{controller_port}"
    if tls is None:
        client = {
            "listeners": f"PLAINTEXT://127.0.0.1:{port},{controller}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{port}",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        }
    else:
        internal = f"INTERNAL://127.0.0.1:{tls.internal_port}"
        mech = tls.mechanism.lower()
        client = {
            "listeners": f"SASL_SSL://127.0.0.1:{port},{internal},{controller}",
            "advertised.listeners": f"SASL_SSL://127.0.0.1:{port},{internal}",
            "inter.broker.listener.name": "INTERNAL",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SASL_SSL:SASL_SSL",
            "sasl.enabled.mechanisms": tls.mechanism,
            f"listener.name.sasl_ssl.{mech}.sasl.jaas.config": (
                "org.apache.kafka.common.security.scram.ScramLoginModule required;"
            ),
            "listener.name.sasl_ssl.ssl.keystore.type": "PEM",
            "listener.name.sasl_ssl.ssl.keystore.location": str(tls.keystore_pem.resolve()),
        }
    return {
        "process.roles": "broker,controller",
        "node.id": str(node_id),
        "controller.quorum.voters": voters,
        "controller.listener.names": "CONTROLLER",
        **client,
        "log.dirs": str(log_dirs),
        "num.partitions": "3",
        "offsets.topic.num.partitions": "6",
        **durability(cluster_size),
        "group.initial.rebalance.delay.ms": "0",
        "auto.create.topics.enable": "true",
        "log.flush.interval.ms": "1000",
    }


LOG4J = """log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File={log}
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=WARN
"""
