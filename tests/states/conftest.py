"""Shared fixtures of the state tests: sample records, worker processes, a temp backend."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mlinfra.states.local import LocalBackend
from mlinfra.states.model import ResourceState

WORKERS = Path(__file__).parent / "workers"
ROOT = Path(__file__).resolve().parents[2]

MakeResource = Callable[..., ResourceState]
StartWorker = Callable[..., "subprocess.Popen[str]"]


def _resource(address: str, **attributes: Any) -> ResourceState:
    kind = address.split(".")[0]
    return ResourceState(
        address, kind, "local", id=address.split(".")[-1], attributes=dict(attributes)
    )


@pytest.fixture
def make_resource() -> MakeResource:
    """``make_resource("model.m", a=1)``: a ready record of the local provider."""
    return _resource


@pytest.fixture
def testdata() -> Path:
    return Path(__file__).parent / "testdata"


@pytest.fixture
def backend(tmp_path: Path) -> LocalBackend:
    return LocalBackend(tmp_path / "mlinfra.state.json")


@pytest.fixture
def start_worker() -> Iterator[StartWorker]:
    """Start ``workers/<script>`` with the test's interpreter; every one is killed at the end."""
    started: list[subprocess.Popen[str]] = []

    def start(script: str, *args: object) -> subprocess.Popen[str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
        proc = subprocess.Popen(
            [sys.executable, str(WORKERS / script), *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()
