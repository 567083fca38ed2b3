"""SASL_SSL end to end: a broker with TLS (certificates made here with trustme) and SCRAM-SHA-512.

The publisher, the worker (faust) and replay all work against it; a wrong password or a certificate
no configured CA signed is one line naming the setting to change.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import trustme
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr

from liveledger.broker import local
from liveledger.broker.props import BrokerTls
from liveledger.cli.publish_cmd import publish_lines
from liveledger.kafka.security import AuthenticationRefused, UntrustedCertificate, probe
from liveledger.settings import Settings
from tests.conftest import isolated_settings
from tests.fault.test_faults import figure_lines, wait_views_equal_replay
from tests.support.worker import WorkerProcess, settings_env

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

USER, PASSWORD = "liveledger-app", "a-long-scram-secret"


@dataclass
class SecureBroker:
    config: local.BrokerConfig
    cafile: Path
    other_cafile: Path


def _keystore(ca: trustme.CA, path: Path) -> None:
    """The broker's PEM key store: its key as unencrypted PKCS#8, then its certificate chain."""
    cert = ca.issue_cert("127.0.0.1", "localhost")
    key = serialization.load_pem_private_key(cert.private_key_pem.bytes(), password=None)
    pkcs8 = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.write_bytes(pkcs8 + b"".join(blob.bytes() for blob in cert.cert_chain_pems))


@pytest.fixture(scope="module")
def secure_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureBroker]:
    folder = tmp_path_factory.mktemp("sasl-ssl")
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(folder / "ca.pem"))
    trustme.CA().cert_pem.write_to_path(str(folder / "other-ca.pem"))
    _keystore(ca, folder / "broker.pem")
    base = local.config_on_free_ports(folder / "broker")
    tls = BrokerTls(keystore_pem=folder / "broker.pem", internal_port=local.free_port(), users=((USER, PASSWORD),))
    cfg = local.BrokerConfig(
        port=base.port,
        controller_port=base.controller_port,
        data_dir=base.data_dir,
        kafka_home=base.kafka_home,
        tls=tls,
    )
    local.start(cfg)
    try:
        yield SecureBroker(cfg, folder / "ca.pem", folder / "other-ca.pem")
    finally:
        local.stop(cfg)


def secure_settings(broker: SecureBroker, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "kafka_security_protocol": "SASL_SSL",
        "kafka_sasl_mechanism": "SCRAM-SHA-512",
        "kafka_sasl_username": USER,
        "kafka_sasl_password": SecretStr(PASSWORD),
        "kafka_ssl_cafile": broker.cafile,
        **overrides,
    }
    return isolated_settings(broker.config.bootstrap, data_dir, **values)


def security_env(settings: Settings) -> dict[str, str]:
    password = settings.kafka_sasl_password.get_secret_value() if settings.kafka_sasl_password else ""
    return {
        "LIVELEDGER_KAFKA_SECURITY_PROTOCOL": settings.kafka_security_protocol,
        "LIVELEDGER_KAFKA_SASL_MECHANISM": settings.kafka_sasl_mechanism or "",
        "LIVELEDGER_KAFKA_SASL_USERNAME": settings.kafka_sasl_username or "",
        "LIVELEDGER_KAFKA_SASL_PASSWORD": password,
        "LIVELEDGER_KAFKA_SSL_CAFILE": str(settings.kafka_ssl_cafile),
    }


def cli(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", *args],
        env=settings_env(settings, **security_env(settings), **env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def test_publisher_worker_and_replay_over_sasl_ssl(secure_broker: SecureBroker, tmp_path: Path) -> None:
    settings = secure_settings(secure_broker, tmp_path / "state")
    assert await probe(settings) is None
    lines = figure_lines(300, prefix="s")
    summary = await publish_lines(settings, lines[:200])  # the library publisher
    assert summary["published"] == 200 and not summary["rejected"]
    (tmp_path / "more.jsonl").write_bytes(b"\n".join(lines[200:]) + b"\n")
    done = cli(settings, "publish", str(tmp_path / "more.jsonl"), "--json")  # the CLI, configured by env
    assert done.returncode == 0, done.stderr
    assert '"published":100' in done.stdout

    with WorkerProcess(settings, tmp_path / "worker.log", **security_env(settings)) as w:
        await wait_views_equal_replay(w, settings, within_s=180)  # replay reads the log over SASL_SSL too
    replayed = cli(settings, "replay", "--json")
    assert replayed.returncode == 0, replayed.stderr


async def test_the_plaintext_port_is_not_what_clients_use(secure_broker: SecureBroker, tmp_path: Path) -> None:
    """A client without TLS on the SASL_SSL port gets no answer it could mistake for a broker."""
    settings = isolated_settings(secure_broker.config.bootstrap, tmp_path / "state")
    assert await probe(settings) is not None


async def test_a_wrong_password_is_one_line_naming_the_setting(secure_broker: SecureBroker, tmp_path: Path) -> None:
    settings = secure_settings(secure_broker, tmp_path / "state", kafka_sasl_password=SecretStr("not-it"))
    refused = await probe(settings)
    assert isinstance(refused, AuthenticationRefused)
    (tmp_path / "one.jsonl").write_bytes(figure_lines(1)[0] + b"\n")
    for args in (["publish", str(tmp_path / "one.jsonl")], ["replay", "--json"]):
        done = cli(settings, *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and "Traceback" not in done.stderr, done.stderr
        assert "LIVELEDGER_KAFKA_SASL_PASSWORD" in errors[0] and USER in errors[0], errors[0]
        assert "not-it" not in done.stderr  # the password itself is never printed


async def test_an_untrusted_certificate_is_one_line_naming_the_setting(
    secure_broker: SecureBroker, tmp_path: Path
) -> None:
    settings = secure_settings(secure_broker, tmp_path / "state", kafka_ssl_cafile=secure_broker.other_cafile)
    refused = await probe(settings)
    assert isinstance(refused, UntrustedCertificate)
    assert str(secure_broker.other_cafile) in str(refused)
    done = cli(settings, "worker", "--data-dir", str(tmp_path / "w"))
    assert done.returncode == 2, (done.stdout, done.stderr)
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "LIVELEDGER_KAFKA_SSL_CAFILE" in errors[0] and "certificate" in errors[0], errors[0]


def test_sasl_without_credentials_is_a_bad_setting(tmp_path: Path) -> None:
    env = {**os.environ, "LIVELEDGER_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "LIVELEDGER_KAFKA_SASL_MECHANISM": ""}
    env.pop("LIVELEDGER_KAFKA_SASL_USERNAME", None)
    done = subprocess.run(
        [sys.executable, "-m", "liveledger.cli.main", "replay", "--json"],
        env={k: v for k, v in env.items() if v},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "LIVELEDGER_KAFKA_SASL_USERNAME" in done.stderr and "Traceback" not in done.stderr, done.stderr
