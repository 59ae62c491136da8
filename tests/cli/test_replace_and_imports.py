"""Replacement plans show what the provider computes as known after apply; import blocks
are counted in the apply summary; for_each chains over another for_each resource."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import cli, write
from fakeprovider import cloud

ENDPOINT = """
provider "fake" {}

endpoint "e" {
  variant "blue" {
    model  = "fake://static"
    weight = 100
  }
}

output "url" { value = endpoint.e.url }
"""


def test_plan_replace_shows_the_replaced_objects_computed_attributes_as_known_after_apply(tmp_path: Path, capsys) -> None:
    write(tmp_path, ENDPOINT)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0

    r = cli(capsys, tmp_path, "plan", "--replace", "endpoint.e")
    assert r.code == 0, r.err
    assert "# endpoint.e must be replaced" in r.out
    assert 'url    = "http://fake/' in r.out and "-> (known after apply)" in r.out
    assert "Changes to Outputs:" in r.out
    assert "~ url = " in r.out

    doc = json.loads(cli(capsys, tmp_path, "plan", "--replace", "endpoint.e", "--json").out)
    (change,) = [c for c in doc["resource_changes"] if c["address"] == "endpoint.e"]
    assert change["change"]["actions"] == ["delete", "create"]
    assert change["change"]["after_unknown"]["url"] is True
    assert change["change"]["after_unknown"]["id"] is True
    assert change["change"]["after"]["variant"]["blue"]["weight"] == 100
    assert doc["output_changes"]["url"]["actions"] == ["update"]
    assert doc["output_changes"]["url"]["after_unknown"] is True


IMPORTED = """
provider "fake" {}

dataset "a" {
  source = "fake://a"
}

import {
  to = dataset.a
  id = "OBJ"
}

dataset "b" {
  source = "fake://b"
}
"""


def test_the_apply_summary_counts_objects_adopted_by_import_blocks(tmp_path: Path, capsys) -> None:
    write(tmp_path, IMPORTED.replace("OBJ", "x"))
    with cloud(tmp_path) as db:
        db["ds-a"] = {"address": "dataset.a", "kind": "dataset", "config": {"source": "fake://a"}, "version": 1, "calls": []}
    write(tmp_path, IMPORTED.replace("OBJ", "ds-a"))

    r = cli(capsys, tmp_path, "apply", "--auto-approve")

    assert r.code == 0, r.err
    assert "Plan: 1 to import, 1 to add, 0 to change, 0 to destroy." in r.out
    assert "Apply complete! Resources: 1 imported, 1 added, 0 changed, 0 destroyed." in r.out
    again = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert "Apply complete! Resources: 0 added, 0 changed, 0 destroyed." in again.out


CHAINED = """
provider "fake" {}

variable "weights" { default = { a = 1, b = 2 } }

pipeline "p" {
  for_each = var.weights
  inputs   = { train = "fake://data/${each.key}" }
  step "fit" {
    estimator = "sklearn.linear_model.Ridge"
    params    = { alpha = each.value }
  }
}

model "m" {
  for_each  = pipeline.p
  artifact  = each.value.artifact
  framework = "sklearn"
}

output "artifacts" { value = { for k, m in model.m : k => m.artifact } }
"""


def test_for_each_over_another_for_each_resource_plans_one_instance_per_key(tmp_path: Path, capsys) -> None:
    write(tmp_path, CHAINED)
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0, r.err
    assert '# model.m["a"] will be created' in r.out and '# model.m["b"] will be created' in r.out

    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    recs = {x["address"]: x for x in state["resources"]}
    assert recs['model.m["a"]']["attributes"]["artifact"] == recs['pipeline.p["a"]']["attributes"]["artifact"]
    assert state["outputs"]["artifacts"]["value"]["b"] == recs['pipeline.p["b"]']["attributes"]["artifact"]
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode").code == 0

    r = cli(capsys, tmp_path, "plan", "--var", "weights={ a = 1 }")
    assert r.code == 0, r.err
    assert '# model.m["b"] will be destroyed' in r.out and '# pipeline.p["b"] will be destroyed' in r.out
