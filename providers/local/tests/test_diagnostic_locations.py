"""The local provider's errors about an argument point at that argument's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlinfra.cli.app import run

CONFIG = """provider "local" {}

dataset "d" {
  source = "bogus:thing"
}

pipeline "p" {
  inputs = { train = "file://x.csv" }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
  }
  gates   = { min_bogus = 0.9 }
  metrics = ["accuracy", "nope"]
}

model "m" {
  artifact  = "file://missing.joblib"
  framework = "sklearn"
}
"""


def _errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> str:
    (tmp_path / "main.hcl").write_text(CONFIG)
    capsys.readouterr()
    assert run(["-C", str(tmp_path), command]) == 1
    return capsys.readouterr().err


def test_validate_places_source_gate_and_metric_errors_at_their_arguments(tmp_path: Path, capsys) -> None:
    err = _errors(tmp_path, capsys, "validate")
    assert 'on main.hcl line 4, in dataset "d":\n│   4:   source = "bogus:thing"' in err
    assert 'on main.hcl line 12, in pipeline "p":' in err  # gates
    assert 'on main.hcl line 13, in pipeline "p":' in err  # metrics
    assert "line 3," not in err and "line 7," not in err  # never the block headers


def test_plan_places_a_missing_artifact_at_the_artifact(tmp_path: Path, capsys) -> None:
    err = _errors(tmp_path, capsys, "plan")
    assert 'on main.hcl line 17, in model "m":\n│   17:   artifact  = "file://missing.joblib"' in err
