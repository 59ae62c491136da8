"""precondition and postcondition blocks in lifecycle: errors in plan and after apply."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = """
provider "fake" {}

variable "min_accuracy" { default = 0.5 }

dataset "d" {
  source = "fake://data"
}

model "m" {
  artifact  = dataset.d.uri
  framework = "sklearn"
  lifecycle {
    precondition {
      condition     = var.min_accuracy <= 1
      error_message = "min_accuracy is a share, at most 1 (got ${var.min_accuracy})."
    }
    postcondition {
      condition     = self.framework == "sklearn"
      error_message = "The model is not a scikit-learn model."
    }
  }
}

endpoint "e" {
  variant "blue" {
    model  = model.m.id
    weight = 100
  }
  lifecycle {
    postcondition {
      condition     = self.url != var.forbidden_url
      error_message = "The endpoint serves at ${self.url}, which is forbidden."
    }
  }
}

variable "forbidden_url" { default = "none" }
"""


def test_holding_conditions_let_plan_and_apply_pass(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0, r.err
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err


def test_a_failing_precondition_stops_the_plan_with_a_located_error(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--var", "min_accuracy=9")
    assert r.code == 1
    assert "Error: Resource precondition failed" in r.err
    assert 'on main.hcl line 15, in model "m"' in r.err
    assert "min_accuracy is a share, at most 1 (got 9)." in r.err and "Traceback" not in r.err


def test_a_postcondition_on_a_value_known_after_apply_fails_the_apply(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    url = next(line.split('"')[1] for line in cli(capsys, tmp_path, "state", "show", "endpoint.e").out.splitlines() if line.strip().startswith("url"))
    write(tmp_path, CONFIG.replace('weight = 100', 'weight = 99'))
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--var", f"forbidden_url={url}")
    assert r.code == 1
    assert "Error: Resource postcondition failed" in r.err
    assert f"The endpoint serves at {url}, which is forbidden." in r.err


def test_a_postcondition_on_a_planned_value_fails_the_plan(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace('self.framework == "sklearn"', 'self.framework == "xgboost"'))
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "Error: Resource postcondition failed" in r.err and "not a scikit-learn model" in r.err


def test_malformed_conditions_are_located_errors(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace('      error_message = "The model is not a scikit-learn model."\n', ""))
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1 and "Missing required argument" in r.err and "main.hcl line 18" in r.err
