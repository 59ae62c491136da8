"""Run the mlinfra command line in-process or in a subprocess, with the fake provider."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPPORT = Path(__file__).parent
LAUNCHER = SUPPORT / "mlinfra_with_fake.py"


@dataclass
class Result:
    code: int
    out: str
    err: str


def cli(capsys: pytest.CaptureFixture[str], workdir: Path, *args: str) -> Result:
    from mlinfra.cli import run

    capsys.readouterr()
    code = run(["-C", str(workdir), *args])
    cap = capsys.readouterr()
    return Result(code, cap.out, cap.err)


def cli_process(workdir: Path, *args: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.Popen[str]:
    e = dict(os.environ)
    e.update({"NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(filter(None, [str(SUPPORT), os.environ.get("PYTHONPATH")]))})
    e.update(env or {})
    return subprocess.Popen(
        [sys.executable, str(LAUNCHER), "-C", str(workdir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=e,
        **kw,  # type: ignore[arg-type]
    )


def write(workdir: Path, text: str, name: str = "main.hcl") -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    p = workdir / name
    p.write_text(text)
    return p


def wait_for(pred: Callable[[], bool], timeout: float = 30.0) -> None:
    """Wait until ``pred()`` holds (polling), or fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


def kill_9_when(workdir: Path, pred: Callable[[], bool], *args: str) -> None:
    """Run ``mlinfra apply --auto-approve ARGS`` in a subprocess and SIGKILL it as soon
    as ``pred()`` holds."""
    proc = cli_process(workdir, "apply", "--auto-approve", *args)
    try:
        wait_for(pred)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
