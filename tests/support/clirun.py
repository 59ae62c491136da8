"""Run the mlinfra command line in-process or in a subprocess, with the fake provider."""

from __future__ import annotations

import os
import subprocess
import sys
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
    from mlinfra.cli.app import run

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
