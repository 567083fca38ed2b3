"""Settings, read from the environment with the ``LIVELEDGER_`` prefix.

``LIVELEDGER_KAFKA_BOOTSTRAP=127.0.0.1:9092`` and the like. The ``LIVELEDGER_KAFKA_SECURITY_PROTOCOL``,
``LIVELEDGER_KAFKA_SASL_*`` and ``LIVELEDGER_KAFKA_SSL_*`` options go to every Kafka client (aiokafka
and faust alike).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """All knobs of liveledger; build one per process and pass it down."""

    model_config = SettingsConfigDict(env_prefix="LIVELEDGER_", extra="ignore")

    kafka_bootstrap: str = "127.0.0.1:9092"
    entries_topic: str = "liveledger.entries"
    facts_topic: str = "liveledger.facts"
    deadletter_topic: str = "liveledger.deadletter"
    #: partitions of every topic and table: the most worker processes that can share the work
    topic_partitions: int = Field(default=12, ge=1)
    #: replicas of each new topic; default: 3 when the cluster has 3 brokers or more, else one per broker
    replication_factor: int | None = Field(default=None, ge=1)
    #: ``production`` refuses topics with fewer than 3 replicas, min.insync.replicas < 2 or unclean
    #: leader election on (``liveledger.kafka.durability``)
    profile: Literal["development", "production"] = "development"

    max_body_bytes: int = Field(default=100_000, ge=1)
    #: the largest record the worker writes (a facts record, a view row); an entry whose contribution
    #: to one view key is larger is dead-lettered (stage ``size``) and left out by replay. Keep it under
    #: the broker's max.message.bytes; equals ``streams.views.limits.MAX_RECORD_BYTES`` by default.
    max_record_bytes: int = Field(default=900_000, ge=1024)
    #: as-of history older than this (seconds before an entry's newest event) may be dropped; None keeps all
    asof_horizon_s: float | None = Field(default=None, gt=0)
    #: a worker agent takes up to this many events at a time, waiting at most ``batch_ms`` for them.
    #: Each event reaches the batch through faust's per-message path (some 50-100 µs on a busy worker),
    #: so 5 ms took batches of about 40 events out of a backlog, each paying the batch's own costs (the
    #: wait for its facts records' acks, ~30 ms); 25 ms fills them to 100-200 while catching up and
    #: adds at most 25 ms per agent to the latency of an entry that comes alone
    batch_max_events: int = Field(default=200, ge=1)
    batch_ms: float = Field(default=25.0, gt=0)

    #: how Kafka clients (publisher, worker, replay, admin) talk to the brokers; see the README's settings
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    #: CA certificates (PEM) that sign the brokers' certificates; default: the system's
    kafka_ssl_cafile: Path | None = None
    #: a client certificate and key (PEM), for brokers that require one
    kafka_ssl_certfile: Path | None = None
    kafka_ssl_keyfile: Path | None = None

    app_id: str = "liveledger"
    data_dir: Path = Path(".liveledger")
    web_host: str = "127.0.0.1"
    #: the URL other workers use to reach this one (table routing); default http://WEB_HOST:WEB_PORT
    canonical_url: str | None = None
    web_port: int = 6066
    store: str = "rocksdb://"
    rocksdb_memory_mb: int = Field(default=64, ge=8)

    api_url: str = "http://localhost:6066"
    api_token: SecretStr | None = None
    protect_reads: bool = False
    #: token workers send each other on /api/v1/internal/*; default: the API token. With neither
    #: set, internal routes answer loopback clients only.
    internal_token: SecretStr | None = None
    #: seconds before the API answers 503 to a POST the broker has not acknowledged
    publish_timeout_s: float = Field(default=10.0, gt=0)
    #: Ed25519 private key (PEM) the publisher signs chain-head checkpoints with; none: no checkpoints
    signing_key_file: Path | None = None
    #: Ed25519 public key (PEM) verify-log checks checkpoints with; default: the signing key's public half
    verify_key_file: Path | None = None
    checkpoint_topic: str = "liveledger.checkpoints"
    #: a blog's head is signed after this many new events, and whenever a publisher stops
    checkpoint_every: int = Field(default=100, ge=1)
    #: transactional id all publishers of the entries topic share (the write fence);
    #: default liveledger-writer.<ENTRIES_TOPIC>
    writer_id: str | None = None
    #: seconds an idle keep-alive HTTP connection stays open
    http_idle_s: float = Field(default=15.0, gt=0)

    def worker_token(self) -> str | None:
        """The token workers send each other on /api/v1/internal/*: INTERNAL_TOKEN, else API_TOKEN."""
        token = self.internal_token or self.api_token
        return None if token is None else token.get_secret_value()

    @model_validator(mode="after")
    def _security_is_whole(self) -> Settings:
        """A SASL protocol needs its mechanism and credentials; files named must exist."""
        if self.kafka_security_protocol.startswith("SASL_"):
            missing = [
                f"LIVELEDGER_KAFKA_{name.upper()}"
                for name in ("sasl_mechanism", "sasl_username", "sasl_password")
                if getattr(self, f"kafka_{name}") is None
            ]
            if missing:
                raise ValueError(
                    f"LIVELEDGER_KAFKA_SECURITY_PROTOCOL={self.kafka_security_protocol} needs {', '.join(missing)}"
                )
        for name in ("ssl_cafile", "ssl_certfile", "ssl_keyfile"):
            path = getattr(self, f"kafka_{name}")
            if path is not None and not Path(path).is_file():
                raise ValueError(f"LIVELEDGER_KAFKA_{name.upper()}={path} is not a readable file")
        return self

    def kafka_client_kwargs(self) -> dict[str, Any]:
        """Security keyword arguments for aiokafka clients."""
        kw: dict[str, Any] = {"security_protocol": self.kafka_security_protocol}
        if self.kafka_security_protocol in ("SSL", "SASL_SSL"):
            from aiokafka.helpers import create_ssl_context

            kw["ssl_context"] = create_ssl_context(
                cafile=str(self.kafka_ssl_cafile) if self.kafka_ssl_cafile else None,
                certfile=str(self.kafka_ssl_certfile) if self.kafka_ssl_certfile else None,
                keyfile=str(self.kafka_ssl_keyfile) if self.kafka_ssl_keyfile else None,
            )
        if self.kafka_security_protocol.startswith("SASL_") and self.kafka_sasl_mechanism:
            kw["sasl_mechanism"] = self.kafka_sasl_mechanism
            kw["sasl_plain_username"] = self.kafka_sasl_username
            kw["sasl_plain_password"] = (
                self.kafka_sasl_password.get_secret_value() if self.kafka_sasl_password else None
            )
        return kw
