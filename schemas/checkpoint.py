"""Signed checkpoints of each blog's hash-chain head.

The hash chain alone is unkeyed: whoever can write the topic can rewrite a blog's whole tail
with valid hashes. A checkpoint says "blog B had N events and its head hash was H", signed with
the publisher's Ed25519 key. An auditor holding the public key then catches a rewritten tail:
event N of B no longer has hash H.

A checkpoint record is canonical JSON::

    {"checkpoint": {"v": 1, "blog_id": ..., "events": N, "head": H, "signed_at": T},
     "key_id": <first 16 hex digits of sha256(public key)>, "signature": <base64 Ed25519>}

The signature covers the canonical bytes (sorted keys) of the ``checkpoint`` object.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from schemas.errors import SchemaError

VERSION = 1


class CheckpointInvalid(SchemaError):
    """A checkpoint record that does not decode, or whose signature does not verify."""


@dataclass(frozen=True, slots=True)
class Checkpoint:
    blog_id: str
    events: int  # how many events of the blog the head covers
    head: str  # the hash of the blog's events-th event
    signed_at: str

    def body(self) -> dict[str, Any]:
        return {
            "v": VERSION,
            "blog_id": self.blog_id,
            "events": self.events,
            "head": self.head,
            "signed_at": self.signed_at,
        }


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def _canonical(body: dict[str, Any]) -> bytes:
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def sign_checkpoint(cp: Checkpoint, private_key: Ed25519PrivateKey) -> bytes:
    """The record bytes of ``cp`` signed with ``private_key``."""
    body = cp.body()
    signature = base64.b64encode(private_key.sign(_canonical(body))).decode()
    record = {"checkpoint": body, "key_id": key_id(private_key.public_key()), "signature": signature}
    return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)


def verify_checkpoint(raw: bytes, public_key: Ed25519PublicKey) -> Checkpoint:
    """Decode a checkpoint record and check its signature; CheckpointInvalid says what is wrong."""
    try:
        record = orjson.loads(raw)
        body = record["checkpoint"]
        signature = base64.b64decode(record["signature"], validate=True)
        cp = Checkpoint(str(body["blog_id"]), int(body["events"]), str(body["head"]), str(body["signed_at"]))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, binascii.Error) as e:
        raise CheckpointInvalid(f"not a checkpoint record ({e!r})") from e
    if body.get("v") != VERSION:
        raise CheckpointInvalid(f"checkpoint version {body.get('v')!r}; this liveledger reads {VERSION}")
    if record.get("key_id") != key_id(public_key):
        raise CheckpointInvalid(
            f"signed with key {record.get('key_id')!r}, not with the verify key {key_id(public_key)!r}"
        )
    try:
        public_key.verify(signature, _canonical(body))
    except InvalidSignature as e:
        raise CheckpointInvalid("the signature does not verify: the checkpoint was forged or altered") from e
    return cp
