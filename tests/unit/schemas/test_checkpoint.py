"""Signed checkpoints: a signature covers exactly the checkpoint, under exactly one key."""

from __future__ import annotations

import orjson
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from schemas.checkpoint import Checkpoint, CheckpointInvalid, key_id, sign_checkpoint, verify_checkpoint

CP = Checkpoint("blog-a", 12, "ab" * 32, "2026-12-01T10:00:00.000000Z")


def test_a_signed_checkpoint_verifies_under_its_key() -> None:
    key = Ed25519PrivateKey.generate()
    assert verify_checkpoint(sign_checkpoint(CP, key), key.public_key()) == CP


def test_a_changed_field_breaks_the_signature() -> None:
    key = Ed25519PrivateKey.generate()
    record = orjson.loads(sign_checkpoint(CP, key))
    record["checkpoint"]["events"] = 13
    with pytest.raises(CheckpointInvalid, match="does not verify"):
        verify_checkpoint(orjson.dumps(record), key.public_key())


def test_another_key_is_named() -> None:
    key, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    with pytest.raises(CheckpointInvalid, match=key_id(other.public_key())):
        verify_checkpoint(sign_checkpoint(CP, key), other.public_key())


def test_a_forger_who_copies_the_key_id_still_fails() -> None:
    key, forger = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    record = orjson.loads(sign_checkpoint(CP, forger))
    record["key_id"] = key_id(key.public_key())
    with pytest.raises(CheckpointInvalid, match="does not verify"):
        verify_checkpoint(orjson.dumps(record), key.public_key())


@pytest.mark.parametrize("raw", [b"not json", b"{}", b'{"checkpoint": {"blog_id": "x"}, "signature": "!!"}'])
def test_garbage_is_not_a_checkpoint(raw: bytes) -> None:
    with pytest.raises(CheckpointInvalid, match="not a checkpoint"):
        verify_checkpoint(raw, Ed25519PrivateKey.generate().public_key())
