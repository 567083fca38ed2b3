"""Compare two sets of view documents by digest per view and per key, with a readable diff."""

from __future__ import annotations

from typing import Any

from streams.views.render import document_digest


def _by_key(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(item.get("key")): item for item in doc.get("items", [])}


def _field_diff(a: dict[str, Any], b: dict[str, Any], prefix: str = "") -> list[str]:
    out: list[str] = []
    for k in sorted(set(a) | set(b)):
        va, vb = a.get(k), b.get(k)
        if va == vb:
            continue
        if isinstance(va, dict) and isinstance(vb, dict):
            out += _field_diff(va, vb, f"{prefix}{k}.")
        else:
            out.append(f"{prefix}{k}: {va!r} -> {vb!r}")
    return out


def compare_documents(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    """Per-key differences between two documents of one view (left = expected, right = actual)."""
    a, b = _by_key(left), _by_key(right)
    changed = {k: _field_diff(a[k], b[k]) for k in sorted(set(a) & set(b)) if a[k] != b[k]}
    return {
        "equal": document_digest(left) == document_digest(right),
        "left_digest": document_digest(left),
        "right_digest": document_digest(right),
        "only_left": sorted(set(a) - set(b)),
        "only_right": sorted(set(b) - set(a)),
        "changed": changed,
    }


def render_diff(view: str, diff: dict[str, Any], left: str, right: str) -> list[str]:
    """Human-readable lines for one view's comparison."""
    if diff["equal"]:
        return [f"{view}: identical (sha256 {diff['left_digest'][:16]})"]
    lines = [f"{view}: DIFFERENT ({left} {diff['left_digest'][:16]} vs {right} {diff['right_digest'][:16]})"]
    lines += [f"  only in {left}: {k}" for k in diff["only_left"]]
    lines += [f"  only in {right}: {k}" for k in diff["only_right"]]
    for k, fields in diff["changed"].items():
        lines.append(f"  changed {k}:")
        lines += [f"    {f}" for f in fields[:20]]
    if not (diff["only_left"] or diff["only_right"] or diff["changed"]):
        lines.append("  (same keys and values; the documents differ in order or in top-level fields)")
    return lines
