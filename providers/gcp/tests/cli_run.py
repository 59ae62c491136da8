"""``python -m mlinfra`` in a subprocess, as the CLI tests run it: no colour, no
metadata-server look-up, the fakes passed in the environment, and the output returned
(or the test failed with it when the exit code is not the expected one)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mlinfra(workdir: Path, env: dict[str, str], *args: str, expect: int = 0, timeout: int = 300) -> str:
    full_env = {**os.environ, "NO_COLOR": "1", "NO_GCE_CHECK": "True", "OMP_NUM_THREADS": "1", **env}
    proc = subprocess.run(
        [sys.executable, "-m", "mlinfra", *args],
        cwd=workdir,
        env=full_env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == expect, f"mlinfra {' '.join(args)} exited {proc.returncode}:\n{out}"
    return out
