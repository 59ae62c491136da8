"""The planner's debug logger follows logging's level of its name, set before or after
its first use (it keeps logging's logger, not its answer)."""

from __future__ import annotations

import logging

import pytest

from mlinfra.logs import DEBUG, Logger


def test_the_level_is_read_on_every_call(caplog: pytest.LogCaptureFixture) -> None:
    name = "mlinfra.test-logs"
    log = Logger(name)
    logging.getLogger(name).setLevel(logging.INFO)
    assert not log.isEnabledFor(DEBUG)
    log.debug("hidden %s", 1)
    with caplog.at_level(logging.DEBUG, logger=name):
        assert log.isEnabledFor(DEBUG)
        log.debug("shown %s", 2)
    logging.getLogger(name).setLevel(logging.INFO)
    assert not log.isEnabledFor(DEBUG)
    assert [r.getMessage() for r in caplog.records if r.name == name] == ["shown 2"]
