"""Rego policies (``*.rego`` in the policy folder) through ``mlinfra plan``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

pytest.importorskip("opa_eval")

CONFIG = """
provider "aws" {}

model "m" {
  artifact = "s3://bucket/model.tar.gz"
}

endpoint "serve" {
  variant "blue" {
    model         = model.m.id
    instance_type = "ml.m5.large"
  }
}
"""

OLD = """
endpoint "old" {
  variant "a" {
    model         = model.m.id
    instance_type = "ml.m5.xlarge"
  }
}
"""

# Written against Terraform's plan JSON: nothing here knows mlinfra.
NO_ENDPOINT_DELETES = """package main

import rego.v1

deny contains msg if {
	some rc in input.resource_changes
	rc.type == "endpoint"
	"delete" in rc.change.actions
	msg := sprintf("%s: endpoints are never deleted by a pull request", [rc.address])
}

warn contains {"msg": "no instance type given", "address": rc.address} if {
	some rc in input.resource_changes
	rc.type == "endpoint"
	some name, v in rc.change.after.variant
	not v.instance_type
}
"""



def test_a_destroyed_endpoint_fails_a_rego_policy_with_cost_and_warning_in_markdown_and_json(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG + OLD)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    write(tmp_path, CONFIG)
    write(tmp_path / "policies", NO_ENDPOINT_DELETES, "endpoints.rego")
    r = cli(capsys, tmp_path, "plan", "--out", str(tmp_path / "p.plan"))
    assert r.code == 1
    err = " ".join(r.err.split())
    assert 'Error: Policy "endpoints.rego:deny" failed' in err
    assert "endpoint.old: endpoint.old: endpoints are never deleted by a pull request" in err
    assert not (tmp_path / "p.plan").exists()
    md = cli(capsys, tmp_path, "plan", "--format", "markdown").out
    assert "> - `endpoint.old` will be **destroyed**" in md
    assert "**Monthly cost change: -$167.90**" in md
    assert "| :x: mandatory | `endpoints.rego:deny` | `endpoint.old` |" in md
    doc = json.loads(cli(capsys, tmp_path, "plan", "--json").out)
    assert doc["cost"]["monthly_delta"] == {"min": -167.9, "max": -167.9}
    [v] = doc["policy"]["violations"]
    assert v["address"] == "endpoint.old" and v["enforcement"] == "mandatory"
    assert v["range"]["filename"] == "policies/endpoints.rego"
    assert {p["name"]: p["passed"] for p in doc["policy"]["policies"]} == {
        "endpoints.rego:deny": False,
        "endpoints.rego:warn": True,
    }


def test_warn_rules_are_advisory_and_name_the_resource_they_give(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG.replace('    instance_type = "ml.m5.large"\n', ""))
    write(tmp_path / "checks", NO_ENDPOINT_DELETES, "endpoints.rego")
    r = cli(capsys, tmp_path, "plan", "--policy", "checks")
    assert r.code == 0, r.err
    assert 'Warning: Policy "endpoints.rego:warn" advises against this' in r.err
    assert "endpoint.serve: no instance type given" in " ".join(r.err.split())
    assert 'in endpoint "serve"' in " ".join(r.err.split())  # located at the resource block


def test_a_rego_file_that_does_not_compile_is_a_located_error(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    write(tmp_path / "policies", "package main\n\ndeny contains msg if {\n  msg := [\n}\n", "bad.rego")
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "Invalid Rego policy" in r.err
    assert "on policies/bad.rego line 3" in r.err
    assert "Traceback" not in r.err


def test_engine_warnings_stay_out_of_the_json_plan(tmp_path: Path) -> None:
    """regorus prints warnings (here: ``if`` without ``import rego.v1``) on descriptor 1."""
    import subprocess

    write(tmp_path, 'provider "fake" {}\n\ndataset "a" { source = "fake://a" }\n')
    write(tmp_path / "policies", 'package main\n\nx if { true }\n\ndeny[msg] { false; msg := "x" }\n', "old.rego")
    p = subprocess.run(
        [sys.executable, str(Path(__file__).parents[1] / "support" / "mlinfra_with_fake.py"), "plan", "--json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert "policy" in json.loads(p.stdout)
    assert "will be treated as identifier" in p.stderr


def test_without_the_rego_extra_a_rego_file_is_a_located_error(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "opa_eval", None)  # import opa_eval now raises ImportError
    write(tmp_path, CONFIG)
    write(tmp_path / "policies", NO_ENDPOINT_DELETES, "endpoints.rego")
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    err = " ".join(r.err.split())
    assert "Rego policies need the rego extra" in err
    assert "on policies/endpoints.rego line 1" in err
    assert "pip install 'mlinfra[rego]'" in err
