"""One failed resource is one error: what depends on it is skipped and said to be, with
no follow-on errors, and independent work goes on, as in Terraform."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import cli, write
from fakeprovider import cloud

CHAIN = """
provider "fake" {}

dataset "d" {
  source = "fake://data"
}

model "svc" {
  artifact = dataset.d.uri
  fake { fail = "FAIL" }
}

endpoint "svc" {
  variant "blue" {
    model = model.svc.id
  }
}

dataset "independent" {
  source = "fake://other"
}

output "model" { value = model.svc.id }
output "other" { value = dataset.independent.uri }
"""


def test_a_plan_that_fails_for_one_resource_reports_that_error_only(tmp_path: Path, capsys) -> None:
    write(tmp_path, CHAIN.replace("FAIL", "plan"))
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert r.err.count("Error:") == 1, r.err
    assert "Fake plan failure" in r.err
    assert "does not have an attribute" not in r.err


def test_a_failed_create_skips_its_dependents_with_a_line_each_and_applies_the_rest(tmp_path: Path, capsys) -> None:
    write(tmp_path, CHAIN.replace("FAIL", "create"))
    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--parallelism", "1")
    assert r.code == 1
    assert r.err.count("Error:") == 1, r.err
    assert "Fake create failure" in r.err
    assert "endpoint.svc: not applied because model.svc failed" in r.out
    assert "dataset.independent: Creation complete" in r.out
    assert "Apply complete" not in r.out
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    assert sorted(x["address"] for x in state["resources"]) == ["dataset.d", "dataset.independent"]
    # The outputs that could be evaluated are recorded, as in Terraform.
    assert state["outputs"]["other"]["value"].startswith("fake://dataset/dataset.independent-")
    assert "model" not in state["outputs"]
    with cloud(tmp_path) as db:
        assert sorted(o["address"] for o in db.values()) == ["dataset.d", "dataset.independent"]


def test_a_failed_destroy_keeps_what_the_failed_object_uses(tmp_path: Path, capsys) -> None:
    write(tmp_path, CHAIN.replace("FAIL", "delete"))
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, "destroy", "--auto-approve", "--parallelism", "1")
    assert r.code == 1
    assert r.err.count("Error:") == 1, r.err
    assert "dataset.d: not applied because model.svc failed" in r.out
    listed = cli(capsys, tmp_path, "state", "list").out.split()
    assert listed == ["dataset.d", "model.svc"]
