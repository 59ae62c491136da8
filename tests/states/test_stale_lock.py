"""A lock whose holder was killed, but which a process it started still holds: the
error names the holder as dead and gives the force-unlock command that works."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n}\n'

# Takes the lock as an apply would, starts a child that inherits the locked file (as a
# server started by a provider could), then dies without releasing anything.
HOLDER = textwrap.dedent(
    """
    import os, subprocess, sys
    from pathlib import Path
    from mlinfra.states.lock import StateLock

    lock = StateLock(Path(sys.argv[1]))
    lock.acquire("apply")
    if sys.argv[2] == "forget":
        os.unlink(lock.info_path)
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)"], pass_fds=(lock._fd,),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    print(child.pid, flush=True)
    os._exit(0)
    """
)


def _stray_holder(workdir: Path, mode: str) -> Iterator[int]:
    proc = subprocess.run(
        [sys.executable, "-c", HOLDER, str(workdir / "mlinfra.state.json"), mode],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    child = int(proc.stdout.split()[0])
    try:
        yield child
    finally:
        os.kill(child, signal.SIGKILL)


@pytest.fixture
def killed_apply(tmp_path: Path) -> Iterator[Path]:
    write(tmp_path, CONFIG)
    for _ in _stray_holder(tmp_path, "keep"):
        yield tmp_path


@pytest.fixture
def killed_apply_without_info(tmp_path: Path) -> Iterator[Path]:
    write(tmp_path, CONFIG)
    for _ in _stray_holder(tmp_path, "forget"):
        yield tmp_path


def _suggested_command(err: str) -> list[str]:
    m = re.search(r"mlinfra (force-unlock \S+)", err)
    assert m, err
    return m.group(1).split()


def test_a_dead_holder_is_named_as_dead_and_its_unlock_command_works(killed_apply: Path, capsys) -> None:
    r = cli(capsys, killed_apply, "plan")
    assert r.code == 1
    assert "locked by a process that is no longer running" in r.err
    assert "locked by another operation" not in r.err
    unlock = _suggested_command(r.err)
    r2 = cli(capsys, killed_apply, *unlock, "--force")
    assert r2.code == 0, r2.err
    assert cli(capsys, killed_apply, "plan").code == 0


def test_a_lock_whose_holder_recorded_nothing_gets_a_command_that_works(
    killed_apply_without_info: Path, capsys
) -> None:
    r = cli(capsys, killed_apply_without_info, "plan")
    assert r.code == 1
    assert "has not recorded itself" in r.err
    unlock = _suggested_command(r.err)
    assert unlock[1] != "LOCK_ID"
    r2 = cli(capsys, killed_apply_without_info, *unlock, "--force")
    assert r2.code == 0, r2.err
    assert cli(capsys, killed_apply_without_info, "plan").code == 0


def test_a_live_holder_is_still_refused(tmp_path: Path, capsys) -> None:
    from mlinfra.states.lock import StateLock

    write(tmp_path, CONFIG)
    lock = StateLock(tmp_path / "mlinfra.state.json")
    info = lock.acquire("apply")
    try:
        r = cli(capsys, tmp_path, "plan")
        assert "locked by another operation" in r.err
        r2 = cli(capsys, tmp_path, "force-unlock", info.id, "--force")
        assert r2.code == 1 and "Refusing to unlock a running operation" in r2.err
    finally:
        lock.release(info)
