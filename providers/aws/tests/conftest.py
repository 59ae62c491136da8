"""Fixtures of the aws provider tests: one moto server for the session (reset between
tests), dummy credentials, and a driver that calls the provider the way the engine does
(plan, then apply the planned action, then read back)."""

from __future__ import annotations

import logging
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import aws_moto_support  # noqa: E402
from aws_driver import ROLE, Driver, provider_config  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

aws_moto_support.install()
# One access-log line per request would drown the report of a failing test.
logging.getLogger("werkzeug").setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Dummy credentials only: no test can reach a real account."""
    for var in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture()
def moto(moto_url: str) -> Iterator[str]:
    """A fresh moto: every backend reset and the patch state cleared."""
    req = urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST")
    urllib.request.urlopen(req, timeout=10).close()
    aws_moto_support.clear()
    yield moto_url


@pytest.fixture()
def driver(moto: str, tmp_path: Path) -> Driver:
    d = Driver(provider_config(moto), tmp_path)
    d.s3.create_bucket(Bucket="mlinfra-artifacts")
    d.s3.create_bucket(Bucket="data")
    return d


@pytest.fixture()
def role() -> str:
    return ROLE


def pytest_configure(config: Any) -> None:
    config.addinivalue_line("markers", "cli: drives the mlinfra command line in a subprocess")
