"""The backend benchmark still runs end to end on every backend at a tiny N (figures are
not checked; speed goals live in bench/)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_bench_backends_runs_at_n_5_and_writes_a_row_per_backend(tmp_path: Path) -> None:
    out = tmp_path / "BACKENDS.md"
    cmd = [sys.executable, str(REPO / "bench" / "backends.py"), "--n", "5",
           "--work", str(tmp_path / "work"), "--out", str(out),
           "--mlinfra", str(Path(sys.executable).parent / "mlinfra")]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=280, cwd=tmp_path,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    rows = [line for line in out.read_text().splitlines() if line.startswith("| ") and "---" not in line]
    assert [r.split("|")[1].strip() for r in rows[1:]] == ["local", "s3", "gcs", "azurerm", "pg"]
    if os.environ.get("CI"):
        assert "not installed" not in out.read_text()
