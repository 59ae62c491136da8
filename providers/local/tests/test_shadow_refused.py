"""A shadow variant is refused by providers that cannot mirror traffic, rather than served
live by its weight."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONFIG = """
endpoint "e" {
  variant "live" {
    model  = "iris/v1"
    weight = 100
  }
  variant "watch" {
    model  = "iris/v2"
    weight = 10
    shadow = true
  }
}
"""


def test_validate_refuses_a_shadow_variant_on_the_local_provider_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(CONFIG)
    r = subprocess.run(
        [sys.executable, "-m", "mlinfra", "-C", str(tmp_path), "--no-color", "validate"],
        capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Shadow variants are not supported" in r.stderr
    assert 'variant "watch"' in r.stderr
    assert "line 10" in r.stderr
    assert "Traceback" not in r.stderr
