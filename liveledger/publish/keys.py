"""Ed25519 keys for signed checkpoints: generated once, read from PEM files named in the settings."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from liveledger.errors import LiveledgerError
from liveledger.settings import Settings


class KeyFileError(LiveledgerError):
    """A signing or verify key file that is missing or not an Ed25519 PEM key."""


def generate_keys(directory: Path) -> tuple[Path, Path]:
    """Write ``signing.pem`` (private, mode 0600) and ``verify.pem`` (public) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    signing, verify = directory / "signing.pem", directory / "verify.pem"
    for p in (signing, verify):
        if p.exists():
            raise KeyFileError(f"{p} exists; refusing to overwrite a key")
    key = Ed25519PrivateKey.generate()
    fd = os.open(signing, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    verify.write_bytes(key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    return signing, verify


def _read(path: Path, setting: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise KeyFileError(f"{setting}={path}: cannot read it ({e.strerror})") from e


def signing_key(settings: Settings) -> Ed25519PrivateKey | None:
    """The publisher's private key (LIVELEDGER_SIGNING_KEY_FILE), or None when checkpoints are off."""
    if settings.signing_key_file is None:
        return None
    try:
        key = load_pem_private_key(_read(settings.signing_key_file, "LIVELEDGER_SIGNING_KEY_FILE"), password=None)
    except ValueError as e:
        raise KeyFileError(
            f"LIVELEDGER_SIGNING_KEY_FILE={settings.signing_key_file}: not a PEM private key ({e})"
        ) from e
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"LIVELEDGER_SIGNING_KEY_FILE={settings.signing_key_file}: not an Ed25519 key")
    return key


def verify_key(settings: Settings) -> Ed25519PublicKey | None:
    """The key an auditor checks checkpoints with: LIVELEDGER_VERIFY_KEY_FILE, else the signing key's public half."""
    if settings.verify_key_file is None:
        private = signing_key(settings)
        return None if private is None else private.public_key()
    try:
        key = load_pem_public_key(_read(settings.verify_key_file, "LIVELEDGER_VERIFY_KEY_FILE"))
    except ValueError as e:
        raise KeyFileError(f"LIVELEDGER_VERIFY_KEY_FILE={settings.verify_key_file}: not a PEM public key ({e})") from e
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError(f"LIVELEDGER_VERIFY_KEY_FILE={settings.verify_key_file}: not an Ed25519 key")
    return key
