"""Errors of the schema layer."""

from __future__ import annotations


class SchemaError(Exception):
    """Root of the schema layer: bytes or data that are not a valid event."""


class DecodeError(SchemaError):
    """The bytes are not JSON, or not an envelope."""


class UnknownEventType(SchemaError):
    """The envelope names a type or version this code does not know."""


class ValidationFailed(SchemaError):
    """The envelope or payload failed validation; the message names the field."""
