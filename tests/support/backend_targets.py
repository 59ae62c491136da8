"""Fixtures of the backend tests. Every backend as a test parameter: local, s3 (moto), gcs (the fake), azurerm (Azurite)
and pg (a PostgreSQL started here).

The servers start once per session, on 127.0.0.1 and free ports; each test gets its own
bucket, container or schema, so tests never see each other's states. ``target`` is one
backend prepared for one test: its kind, settings, the environment a subprocess needs,
the backend block to write in a configuration, and helpers to open it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SUPPORT = Path(__file__).resolve().parent
sys.path.insert(0, str(SUPPORT))

from azurite import azurite_or_skip, start_azurite  # noqa: E402
from gcsfake import GcsFake  # noqa: E402
from pgserver import postgres_or_skip, start_postgres  # noqa: E402

from mlinfra.states import Backend, StateStore, open_store  # noqa: E402
from mlinfra.states.crypto import PLAIN, Codec  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
WORKER = ROOT / "tests" / "backends" / "worker.py"
KINDS = ("local", "s3", "gcs", "azurerm", "pg")
AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@dataclass
class Target:
    kind: str
    workdir: Path
    settings: dict[str, Any]
    env: dict[str, str] = field(default_factory=dict)
    # Settings kept out of the configuration, given with -backend-config in CLI tests.
    secret: dict[str, str] = field(default_factory=dict)

    def store(self, codec: Codec = PLAIN) -> StateStore:
        return open_store(self.workdir, self.kind, {**self.settings, **self.secret}, codec)

    def backend(self, workspace: str = "default", codec: Codec = PLAIN) -> Backend:
        return self.store(codec).backend(workspace)

    def spec(self, workspace: str = "default") -> str:
        return json.dumps(
            {"kind": self.kind, "settings": {**self.settings, **self.secret},
             "workdir": str(self.workdir), "workspace": workspace}
        )

    def hcl(self) -> str:
        body = "".join(f"    {k} = {json.dumps(v)}\n" for k, v in self.settings.items())
        return f'mlinfra {{\n  backend "{self.kind}" {{\n{body}  }}\n}}\n'


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    os.environ.update(AWS_ENV)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def gcs_fake() -> Iterator[GcsFake]:
    fake = GcsFake().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def azurite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    binary = azurite_or_skip()
    server = start_azurite(tmp_path_factory.mktemp("azurite"), binary)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    bindir = postgres_or_skip()
    server = start_postgres(bindir)
    yield server
    server.stop()


def _make(kind: str, request: pytest.FixtureRequest, workdir: Path) -> Target:
    unique = "t" + uuid.uuid4().hex[:12]
    if kind == "local":
        return Target(kind, workdir, {})
    if kind == "s3":
        import boto3

        url = request.getfixturevalue("moto_url")
        boto3.client("s3", endpoint_url=url, region_name="us-east-1").create_bucket(Bucket=unique)
        return Target(kind, workdir, {"bucket": unique, "key": "team/mlinfra.state.json",
                                      "region": "us-east-1", "endpoint_url": url}, dict(AWS_ENV))
    if kind == "gcs":
        fake = request.getfixturevalue("gcs_fake")
        fake.create_bucket(unique)
        return Target(kind, workdir, {"bucket": unique, "prefix": "team", "endpoint": fake.url})
    if kind == "azurerm":
        from azure.storage.blob import BlobServiceClient

        az = request.getfixturevalue("azurite_server")
        BlobServiceClient(az.endpoint, credential={"account_name": az.account, "account_key": az.key}) \
            .create_container(unique)
        return Target(kind, workdir, {"storage_account": az.account, "container": unique,
                                      "key": "team.mlstate", "endpoint": az.endpoint},
                      secret={"access_key": az.key})
    pg = request.getfixturevalue("postgres_server")
    return Target(kind, workdir, {"conn_str": pg.conn_str, "schema_name": unique})


@pytest.fixture(params=KINDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Target:
    """One backend, empty, for this test."""
    return _make(str(request.param), request, tmp_path)


@pytest.fixture
def make_target(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], Target]:
    return lambda kind: _make(kind, request, tmp_path)


@pytest.fixture
def worker() -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start ``worker.py`` in another process; every one is killed at the end."""
    started: list[subprocess.Popen[str]] = []

    def start(target: Target, *args: object, workspace: str = "default") -> subprocess.Popen[str]:
        env = {**os.environ, **target.env}
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), target.spec(workspace), *map(str, args)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
