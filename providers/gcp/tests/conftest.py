"""Fixtures of the gcp provider tests: a fresh Vertex AI fake per test on 127.0.0.1,
credentials that can reach no real account, and a driver that calls the provider the way
the engine does (plan, then apply the planned action, then read back)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "support"))

from gcp_driver import Driver, start_vertex  # noqa: E402
from gcsfake import GcsFake  # noqa: E402
from vertexfake import VertexFake  # noqa: E402

GOOGLE_ENV = (
    "GOOGLE_APPLICATION_CREDENTIALS",
    "GOOGLE_CLOUD_PROJECT",
    "GCLOUD_PROJECT",
    "CLOUDSDK_CORE_PROJECT",
    "GOOGLE_CLOUD_REGION",
    "CLOUDSDK_COMPUTE_REGION",
)


@pytest.fixture(autouse=True)
def gcp_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No real credentials, and no look-up of a metadata server: nothing leaves the machine."""
    for var in GOOGLE_ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_GCE_CHECK", "True")
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path / "no-gcloud-config"))


@pytest.fixture()
def fake(gcs_server: GcsFake) -> Iterator[VertexFake]:
    f = start_vertex(gcs_server)
    yield f
    f.stop()


@pytest.fixture(scope="session")
def gcs_server() -> Iterator[GcsFake]:
    g = GcsFake().start()
    yield g
    g.stop()


@pytest.fixture()
def gcs(gcs_server: GcsFake) -> GcsFake:
    """Cloud Storage, emptied, with the staging bucket and a data bucket."""
    gcs_server.reset()
    gcs_server.create_bucket("mlinfra-staging")
    gcs_server.create_bucket("data")
    return gcs_server


@pytest.fixture()
def driver(fake: VertexFake, gcs: GcsFake, tmp_path: Path) -> Driver:
    return Driver(fake, tmp_path, gcs)


def pytest_configure(config: Any) -> None:
    config.addinivalue_line("markers", "cli: drives the mlinfra command line in a subprocess")
