"""Anchors catch a tail rewritten with valid hashes, and a truncated log."""

from __future__ import annotations

import pytest

from replay.anchors import Anchor, anchors_from_report, check_anchors

CHAIN = {"b": ["h1", "h2", "h3", "h4"]}


def test_a_matching_anchor_passes_and_a_later_append_does_not_matter() -> None:
    assert check_anchors(CHAIN, [Anchor("b", 3, "h3", "cp"), Anchor("b", 4, "h4", "cp")]) == []


def test_a_rewritten_event_under_an_anchor_is_named() -> None:
    (p,) = check_anchors({"b": ["h1", "h2", "X3", "X4"]}, [Anchor("b", 3, "h3", "the checkpoint signed T")])
    assert p["kind"] == "rewritten" and p["blog_id"] == "b" and "the checkpoint signed T" in p["detail"]


def test_a_log_shorter_than_its_anchor_is_truncated() -> None:
    (p,) = check_anchors(CHAIN, [Anchor("b", 6, "h6", "cp")])
    assert p["kind"] == "truncated" and "holds 4" in p["detail"]
    (q,) = check_anchors(CHAIN, [Anchor("gone", 1, "h1", "cp")])
    assert q["kind"] == "truncated"


def test_anchor_files_are_verify_log_reports() -> None:
    doc = {"ok": True, "blogs": {"b": {"events": 2, "head": "h2", "partition": 0}}}
    assert anchors_from_report(doc, "f") == [Anchor("b", 2, "h2", "f")]
    with pytest.raises(ValueError, match="verify-log --json"):
        anchors_from_report({"items": []}, "f")
