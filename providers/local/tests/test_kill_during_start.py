"""An apply killed with SIGKILL while an endpoint's server starts leaves no server that
the state cannot find: the next apply adopts or stops it (one server serves), and a
destroy right after the kill stops it (none runs)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from local_support import stop_every_server

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SERVER = b"mlinfra_provider_local.server"


def servers(workdir: Path) -> list[int]:
    """Server processes started for endpoints under ``workdir``."""
    out = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if SERVER in cmdline and str(workdir).encode() in cmdline and state not in ("Z", "X"):
            out.append(int(entry.name))
    return sorted(out)


def mlinfra(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mlinfra", *args], cwd=workdir, env=env, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=300,
    )


def apply_killed_while_the_server_starts(workdir: Path) -> None:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "NO_COLOR": "1"}
    log = workdir / "apply.out"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mlinfra", "apply", "--auto-approve"], cwd=workdir, env=env,
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    deadline = time.monotonic() + 240
    try:
        # The pid is recorded the moment the process exists: kill right after that,
        # while the provider waits for /health (or sooner, if no word came yet).
        while not servers(workdir):
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.005)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


@pytest.mark.parametrize("then", ["apply", "destroy"])
def test_a_kill_during_endpoint_start_leaves_no_server_the_state_cannot_find(tmp_path: Path, then: str) -> None:
    shutil.copytree(EXAMPLES / "quickstart", tmp_path, dirs_exist_ok=True)
    for leftover in (".mlinfra", "mlinfra.state.json"):
        shutil.rmtree(tmp_path / leftover, ignore_errors=True)
        (tmp_path / leftover).unlink(missing_ok=True)
    try:
        apply_killed_while_the_server_starts(tmp_path)
        orphan = servers(tmp_path)
        assert orphan, "the kill came before the server started"

        done = mlinfra(tmp_path, then, "--auto-approve")
        assert done.returncode == 0, done.stdout + done.stderr
        left = servers(tmp_path)
        if then == "destroy":
            assert left == [], f"destroy left servers running: {left}"
            assert not list(tmp_path.glob(".mlinfra/local/endpoints/*/srv-*"))
        else:
            shown = mlinfra(tmp_path, "state", "show", "endpoint.iris").stdout
            assert len(left) == 1 and str(left[0]) in shown, f"servers {left}, state:\n{shown}"
            gone = mlinfra(tmp_path, "destroy", "--auto-approve")
            assert gone.returncode == 0, gone.stdout + gone.stderr
            assert servers(tmp_path) == []
    finally:
        stop_every_server(tmp_path / ".mlinfra" / "local")
