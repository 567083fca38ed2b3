"""Why a Kafka client could not connect, in one line that names the setting to change.

aiokafka reports a refused password or an untrusted broker certificate as "Unable to bootstrap"
(the cause is only logged). When a client does not start, ``connect_failure`` opens one plain
connection to the first bootstrap address with the same settings, sees which step fails (TCP,
TLS handshake, SASL authentication) and returns the matching error.
"""

from __future__ import annotations

import asyncio
import ssl

from aiokafka.conn import create_conn
from aiokafka.errors import KafkaError

from liveledger.kafka.topics import BrokerUnreachable
from liveledger.settings import Settings

_ProbeTimeout = 10.0


class ConnectError(BrokerUnreachable):
    """A Kafka client could not connect; the message names the setting to check."""


class BrokerNotAnswering(ConnectError):
    """No broker listens at the bootstrap address."""


class UntrustedCertificate(ConnectError):
    """The broker's TLS certificate is not signed by a CA the settings trust."""


class TlsMismatch(ConnectError):
    """TLS is on one side only (the security protocol does not match the broker's listener)."""


class AuthenticationRefused(ConnectError):
    """The broker refused the SASL user name or password."""


def _first_address(settings: Settings) -> tuple[str, int]:
    first = settings.kafka_bootstrap.split(",")[0].strip()
    host, _, port = first.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


async def probe(settings: Settings) -> ConnectError | None:
    """Connect once to the first bootstrap address as the clients would; the error, or None if it works."""
    host, port = _first_address(settings)
    where = f"{host}:{port} (LIVELEDGER_KAFKA_BOOTSTRAP)"
    protocol = settings.kafka_security_protocol
    kw = settings.kafka_client_kwargs()
    try:
        conn = await asyncio.wait_for(
            create_conn(host, port, request_timeout_ms=int(_ProbeTimeout * 1000), **kw), _ProbeTimeout
        )
    except ssl.SSLCertVerificationError as e:
        cafile = settings.kafka_ssl_cafile or "the system's CA store"
        return UntrustedCertificate(
            f"the broker at {where} presented a certificate that LIVELEDGER_KAFKA_SSL_CAFILE ({cafile}) "
            f"does not trust: {e.verify_message}"
        )
    except ssl.SSLError as e:
        return TlsMismatch(
            f"the TLS handshake with {where} failed ({e.reason or e}); does the broker listen with TLS? "
            f"LIVELEDGER_KAFKA_SECURITY_PROTOCOL is {protocol}"
        )
    except TimeoutError:  # before OSError, of which it is a subclass
        return BrokerNotAnswering(
            f"{where} did not answer within {_ProbeTimeout:.0f}s; check LIVELEDGER_KAFKA_SECURITY_PROTOCOL "
            f"({protocol}) against the broker's listener"
        )
    except ConnectionResetError:
        if "SSL" in protocol:
            return TlsMismatch(
                f"{where} closed the connection during the TLS handshake; check LIVELEDGER_KAFKA_SECURITY_PROTOCOL"
            )
        return BrokerNotAnswering(f"{where} closed the connection; check LIVELEDGER_KAFKA_SECURITY_PROTOCOL")
    except OSError as e:
        return BrokerNotAnswering(
            f"no Kafka broker answered at {where}: {e}; start one with `liveledger broker start` "
            "or set LIVELEDGER_KAFKA_BOOTSTRAP"
        )
    except KafkaError as e:
        if protocol.startswith("SASL_") and _is_auth_failure(e):
            return AuthenticationRefused(
                f"the broker at {where} refused user {settings.kafka_sasl_username!r} with "
                f"{settings.kafka_sasl_mechanism}: check LIVELEDGER_KAFKA_SASL_USERNAME and "
                f"LIVELEDGER_KAFKA_SASL_PASSWORD (and LIVELEDGER_KAFKA_SASL_MECHANISM)"
            )
        return BrokerNotAnswering(
            f"the broker at {where} refused the connection ({type(e).__name__}: {e}); "
            f"check LIVELEDGER_KAFKA_SECURITY_PROTOCOL ({protocol}) and the LIVELEDGER_KAFKA_SASL_* settings"
        )
    conn.close()
    return None


def _is_auth_failure(e: KafkaError) -> bool:
    name = type(e).__name__
    return "Authentication" in name or "Sasl" in name or "authentication" in str(e).lower()


async def connect_failure(settings: Settings, error: BaseException, fallback: str) -> BrokerUnreachable:
    """The error to raise for a client that did not start with ``error``: a precise one from ``probe``,
    else ``fallback`` (the caller's own message) with the library's reason."""
    precise = await probe(settings)
    if precise is not None:
        return precise
    return BrokerUnreachable(f"{fallback} ({error})")
