"""A backend kind that does not exist is a located error at validate and plan, not advice
to run init that init then refuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("command", ["validate", "plan", "init"])
def test_an_unknown_backend_kind_is_a_located_error(tmp_path: Path, command: str) -> None:
    (tmp_path / "main.hcl").write_text('mlinfra {\n  backend "s4" {}\n}\n')
    r = subprocess.run(
        [sys.executable, "-m", "mlinfra", "-C", str(tmp_path), command],
        capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Error: Unsupported backend" in r.stderr
    assert "on main.hcl line 2" in r.stderr
    assert "Traceback" not in r.stderr
    assert "mlinfra init" not in r.stderr
