"""Shared fixtures for the core's tests: the fake provider, a CLI runner, workdirs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "support"))

from fakeprovider import FakeProvider  # noqa: E402

from mlinfra.providers import registry  # noqa: E402


@pytest.fixture(autouse=True)
def _fake_provider() -> None:
    registry.register("fake", FakeProvider)
    yield
    registry.unregister("fake")


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("MLINFRA_WORKSPACE", raising=False)
