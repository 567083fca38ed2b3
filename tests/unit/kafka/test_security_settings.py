"""The LIVELEDGER_KAFKA_* security settings: whole or refused, and the same for aiokafka and faust."""

from __future__ import annotations

from pathlib import Path

import faust
import pytest
from pydantic import ValidationError

from liveledger.settings import Settings
from streams.app.factory import faust_broker_credentials


def test_sasl_ssl_reaches_aiokafka_and_faust_alike(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LIVELEDGER_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    monkeypatch.setenv("LIVELEDGER_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
    monkeypatch.setenv("LIVELEDGER_KAFKA_SASL_USERNAME", "app")
    monkeypatch.setenv("LIVELEDGER_KAFKA_SASL_PASSWORD", "pw")
    settings = Settings()
    kw = settings.kafka_client_kwargs()
    assert kw["security_protocol"] == "SASL_SSL" and kw["sasl_mechanism"] == "SCRAM-SHA-512"
    assert kw["sasl_plain_username"] == "app" and kw["sasl_plain_password"] == "pw"
    assert kw["ssl_context"].verify_mode.name == "CERT_REQUIRED"
    creds = faust_broker_credentials(settings)
    assert isinstance(creds, faust.SASLCredentials)
    assert creds.protocol.value == "SASL_SSL" and creds.mechanism.value == "SCRAM-SHA-512"
    assert "pw" not in repr(settings)


def test_plaintext_gives_faust_no_credentials() -> None:
    assert faust_broker_credentials(Settings()) is None
    assert Settings().kafka_client_kwargs() == {"security_protocol": "PLAINTEXT"}


def test_sasl_without_credentials_names_what_is_missing() -> None:
    with pytest.raises(ValidationError, match="LIVELEDGER_KAFKA_SASL_USERNAME, LIVELEDGER_KAFKA_SASL_PASSWORD"):
        Settings(kafka_security_protocol="SASL_SSL", kafka_sasl_mechanism="SCRAM-SHA-512")


def test_a_missing_ca_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"LIVELEDGER_KAFKA_SSL_CAFILE=.*nope\.pem is not a readable file"):
        Settings(kafka_security_protocol="SSL", kafka_ssl_cafile=tmp_path / "nope.pem")


async def test_no_broker_at_the_bootstrap_address_is_named() -> None:
    from liveledger.broker.local import free_port
    from liveledger.kafka.security import BrokerNotAnswering, probe

    refused = await probe(Settings(kafka_bootstrap=f"127.0.0.1:{free_port()}"))
    assert isinstance(refused, BrokerNotAnswering)
    assert "LIVELEDGER_KAFKA_BOOTSTRAP" in str(refused) and "liveledger broker start" in str(refused)
