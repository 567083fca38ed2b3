"""The replay clock option."""

from __future__ import annotations

import pytest

from replay.errors import BadCutoff
from replay.rebuild import parse_clock


def test_replay_clock_names_are_checked() -> None:
    assert parse_clock("source") == "source" and parse_clock("accepted") == "accepted"
    with pytest.raises(BadCutoff, match="--clock: 'blog' is not a clock; expected accepted or source"):
        parse_clock("blog")
