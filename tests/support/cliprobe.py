"""Run the command line in a fresh interpreter and report what it imported: the exit
code and ``sys.modules`` as the command left them (the start-up tests' probe)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

PROBE = """
import json, sys
sys.argv = ["mlinfra", *sys.argv[1:]]
code = 0
try:
    from mlinfra.cli import main
    main()
except SystemExit as e:
    code = e.code
print(json.dumps({"code": code, "mods": sorted(sys.modules)}), file=sys.stderr)
"""


def probe(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[subprocess.CompletedProcess[str], Any, list[str]]:
    """``mlinfra ARGS`` in a new process: (the process, its exit code, the modules it loaded)."""
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    doc = json.loads(r.stderr.strip().splitlines()[-1])
    return r, doc["code"], doc["mods"]
