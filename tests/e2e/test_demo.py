"""The README's main job: `liveledger demo --exit` publishes the sample blog, runs a worker, prints the views."""

from __future__ import annotations

import subprocess
import sys

import pytest

from liveledger.settings import Settings
from tests.support.worker import settings_env

pytestmark = pytest.mark.kafka


def test_demo_publishes_the_sample_blog_and_prints_every_view(settings: Settings) -> None:
    env = settings_env(settings)
    cmd = [sys.executable, "-m", "liveledger.cli.main", "demo", "--exit"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "published 49, duplicates 1, rejected 0" in first.stderr
    for view in ("casualties", "strikes", "interceptions", "figures"):
        assert f"{view} (" in first.stdout, view
    assert "UA-59/2024-11-20/missile" in first.stdout
    assert "web page: http://127.0.0.1:" in first.stderr

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "published 0, duplicates 50, rejected 0" in again.stderr, "running the demo twice adds nothing"
