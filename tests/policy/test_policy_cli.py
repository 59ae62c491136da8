"""Policies over plans through ``mlinfra plan``: mandatory failures, advisory warnings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = """
provider "aws" {}

model "m" {
  artifact = "s3://bucket/model.tar.gz"
  registry {
    group = "iris"
    stage = "STAGE"
  }
  tags = { team = "ml" }
}

endpoint "serve" {
  tags = { env = "prod", team = "ml" }
  variant "blue" {
    model         = model.m.id
    instance_type = "ml.g5.xlarge"
  }
}
"""

OLD = """
endpoint "old" {
  tags = { team = "ml" }
  variant "a" {
    model         = model.m.id
    instance_type = "ml.m5.xlarge"
  }
}
"""

POLICIES = """
policy "prod-serves-production" {
  check       = "endpoint_model_stage"
  enforcement = "mandatory"
  description = "production endpoints serve reviewed models"
}

policy "cost-center" {
  check       = "required_tags"
  tags        = ["team", "cost-center"]
  enforcement = "advisory"
}
"""



def setup(tmp_path: Path, stage: str, policies: str = POLICIES) -> None:
    write(tmp_path, CONFIG.replace("STAGE", stage))
    write(tmp_path / "policies", policies, "rules.hcl")


def test_a_mandatory_failure_fails_the_plan_at_the_resource_and_saves_nothing(tmp_path: Path, capsys) -> None:
    setup(tmp_path, "staging")
    r = cli(capsys, tmp_path, "plan", "--out", str(tmp_path / "p.plan"))
    assert r.code == 1
    err = " ".join(r.err.split())
    assert 'Error: Policy "prod-serves-production" failed' in err
    assert 'on main.hcl line 13, in endpoint "serve"' in err
    assert "variant \"blue\" serves model.m, whose registry stage is 'staging', not \"production\"" in err
    assert not (tmp_path / "p.plan").exists()


def test_advisory_failures_are_warnings_in_text_markdown_and_json(tmp_path: Path, capsys) -> None:
    setup(tmp_path, "production")
    r = cli(capsys, tmp_path, "plan", "--out", str(tmp_path / "p.plan"))
    assert r.code == 0, r.err
    assert 'Warning: Policy "cost-center" advises against this' in r.err
    assert "endpoint.serve: missing required tag cost-center" in " ".join(r.err.split())
    assert (tmp_path / "p.plan").exists()
    md = cli(capsys, tmp_path, "plan", "--format", "markdown").out
    assert "**0 mandatory failures, 2 advisory warnings**" in md
    assert "| :warning: advisory | `cost-center` | `model.m` | missing required tag cost-center |" in md
    doc = json.loads(cli(capsys, tmp_path, "plan", "--json").out)
    assert doc["policy"]["advisory_failed"] == 2 and doc["policy"]["mandatory_failed"] == 0
    assert {p["name"]: p["passed"] for p in doc["policy"]["policies"]} == {
        "prod-serves-production": True,
        "cost-center": False,
    }


def test_a_destroyed_endpoint_shows_cost_warning_and_policy_failure_in_markdown_and_json(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace("STAGE", "production") + OLD)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    setup(tmp_path, "staging")
    r = cli(capsys, tmp_path, "plan", "--format", "markdown")
    assert r.code == 1
    md = r.out
    assert "> - `endpoint.old` will be **destroyed**" in md
    assert "**Monthly cost change: -$167.90**" in md
    assert "| :x: mandatory | `prod-serves-production` | `endpoint.serve` |" in md
    assert 'Policy "prod-serves-production" failed' in r.err
    r = cli(capsys, tmp_path, "plan", "--json")
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["cost"]["monthly_delta"] == {"min": -167.9, "max": -167.9}
    assert [c["change"]["actions"] for c in doc["resource_changes"] if c["address"] == "endpoint.old"] == [["delete"]]
    [v] = [v for v in doc["policy"]["violations"] if v["enforcement"] == "mandatory"]
    assert v["address"] == "endpoint.serve" and v["range"]["filename"] == "main.hcl"


def test_policy_from_another_directory(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace("STAGE", "production"))
    write(tmp_path / "elsewhere", 'policy "gpu" {\n  check = "max_gpu_instances"\n  max   = 0\n}\n', "gpu.hcl")
    assert cli(capsys, tmp_path, "plan").code == 0
    r = cli(capsys, tmp_path, "plan", "--policy", "elsewhere")
    assert r.code == 1
    assert 'endpoint.serve: the plan runs up to 1 GPU instances, more than 0: endpoint.serve variant "blue" (ml.g5.xlarge x1)' in " ".join(r.err.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('policy "x" {\n  check = "required_tag"\n}\n', 'Invalid policy check'),
        ('policy "x" {\n  check = "required_tag"\n}\n', 'Did you mean "required_tags"?'),
        ('policy "x" {\n  check = "required_tags"\n  enforcement = "soft"\n}\n', "Invalid enforcement"),
        ('policy "x" {\n  check = "required_tags"\n  tag = ["a"]\n}\n', 'Did you mean "tags"?'),
        ('policy "x" {\n  check = \n}\n', "on policies/rules.hcl line"),
        ('rule "x" {}\n', "Unexpected block"),
    ],
)
def test_a_bad_policy_file_is_a_located_error(tmp_path: Path, capsys, text: str, expected: str) -> None:
    setup(tmp_path, "production", text)
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert expected in r.err
    assert "rules.hcl line" in r.err
    assert "Traceback" not in r.err
