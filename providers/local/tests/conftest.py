"""Fixtures for the local provider's tests: a configured provider in a temporary
configuration directory, and every server it started stopped afterwards."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "support"))

from local_support import Cli, Driver, stop_every_server  # noqa: E402
from mlinfra_provider_local import LocalProvider  # noqa: E402

from mlinfra.providers.protocol import ConfigureRequest  # noqa: E402

os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def cli(workdir: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``mlinfra`` in this process, in ``workdir``."""
    return Cli(workdir, capsys)


@pytest.fixture
def provider_config() -> dict[str, Any]:
    return {}


@pytest.fixture
def driver(workdir: Path, provider_config: dict[str, Any]) -> Iterator[Driver]:
    provider = LocalProvider()
    resp = provider.configure(ConfigureRequest(provider_config, workdir))
    assert not resp.diagnostics.has_errors, resp.diagnostics
    yield Driver(provider, workdir)
    stop_every_server(provider.store.root)


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Driver, dict[str, Any]]]:
    """One iris model registered once per test session (training costs a subprocess)."""
    workdir = tmp_path_factory.mktemp("trained")
    provider = LocalProvider()
    provider.configure(ConfigureRequest({}, workdir))
    drv = Driver(provider, workdir)
    ds = drv.dataset()
    run = drv.pipeline(ds["uri"], metrics=["accuracy"])
    model = drv.model(run["artifact"])
    yield drv, {"dataset": ds, "pipeline": run, "model": model}
    stop_every_server(provider.store.root)
