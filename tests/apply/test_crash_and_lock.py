"""An apply killed with SIGKILL at any moment loses track of nothing, and a second
apply while one runs fails at once naming the holder (or waits with --lock-timeout)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, cli_process, kill_9_when, wait_for, write  # noqa: E402
from fakeprovider import objects  # noqa: E402


def _config(n: int, slow: float) -> str:
    parts = ['provider "fake" {}\n']
    for i in range(n):
        dep = f"model.m{i - 1}.uri" if i else '"fake://start"'
        parts.append(f'model "m{i}" {{\n  artifact = {dep}\n  fake {{ slow = {slow} }}\n}}\n')
    return "\n".join(parts)


def test_kill_9_in_the_middle_of_an_apply_then_plan_converges(tmp_path: Path, capsys) -> None:
    write(tmp_path, _config(6, 0.3))
    for target in (2, 4):
        # Kill while an object exists in the cloud but its create has not returned.
        kill_9_when(tmp_path, lambda n=target: len(objects(tmp_path)) >= n)
        # The state loads and the plan accounts for every object that exists.
        r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
        assert r.code == 2, r.err
        assert "Traceback" not in r.err
        created = set(objects(tmp_path).values())
        for addr in created:
            assert f"# {addr} will be created" not in r.out, f"{addr} exists but is planned again"
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode").code == 0
    objs = objects(tmp_path)
    assert sorted(objs.values()) == [f"model.m{i}" for i in range(6)], "an object was leaked or lost"
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    assert sorted(r["id"] for r in state["resources"]) == sorted(objs)


def test_a_second_apply_fails_at_once_naming_the_lock_holder(tmp_path: Path, capsys) -> None:
    write(tmp_path, _config(2, 1.0))
    proc = cli_process(tmp_path, "apply", "--auto-approve")
    try:
        wait_for(lambda: (tmp_path / "mlinfra.state.json.lock.info").exists() or len(objects(tmp_path)) > 0)
        t0 = time.monotonic()
        r = cli(capsys, tmp_path, "apply", "--auto-approve")
        assert time.monotonic() - t0 < 5
        assert r.code == 1
        assert "Error acquiring the state lock" in r.err
        assert "apply" in r.err and str(proc.pid) in r.err
        # Waiting for the lock succeeds once the first apply is done.
        r = cli(capsys, tmp_path, "plan", "--lock-timeout", "60", "--detailed-exitcode")
        assert r.code == 0, r.out + r.err
    finally:
        proc.wait(60)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
