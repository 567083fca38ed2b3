"""`liveledger broker start` is idempotent: on a running broker it starts nothing and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from liveledger.broker import local
from tests.conftest import Broker, _free_port

pytestmark = pytest.mark.kafka


def test_start_on_a_running_broker_is_a_no_op(broker: Broker, tmp_path: Path) -> None:
    cfg = broker.config
    own = cfg is None  # testcontainers, or only an address given: run a broker of our own
    if own:
        cfg = local.BrokerConfig(
            port=_free_port(),
            controller_port=_free_port(),
            data_dir=tmp_path / "b",
            kafka_home=local.default_kafka_home(),
        )
        assert local.start(cfg)[1] is True
    assert cfg is not None
    try:
        bootstrap, started = local.start(cfg)
        assert (bootstrap, started) == (cfg.bootstrap, False)
        status = local.status(cfg)
        assert status["running"] is True and status["bootstrap"] == cfg.bootstrap
    finally:
        if own:
            assert local.stop(cfg) is True
            assert local.status(cfg)["running"] is False
