"""Our plan JSON against Terraform's own: the same configuration of changes, planned by
``terraform`` with its built-in ``terraform_data`` resource and by mlinfra with the fake
provider, must give the same keys, value shapes and ``action_reason`` enums."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402
from fakeprovider import cloud  # noqa: E402

from mlinfra.plans.reasons import TERRAFORM_ENUM  # noqa: E402

VALIDATED = """
variable "v" {
  default = "a"
  validation {
    condition     = length(var.v) > 0
    error_message = "v must not be empty."
  }
}
"""

TF_BEFORE = VALIDATED + """
resource "terraform_data" "upd" { input = var.v }
resource "terraform_data" "trig" { triggers_replace = [var.v] }
resource "terraform_data" "req" { input = "x" }
resource "terraform_data" "src" { input = var.v }
resource "terraform_data" "bytrig" {
  input = "y"
  lifecycle { replace_triggered_by = [terraform_data.src] }
}
resource "terraform_data" "cnt" {
  count = var.v == "a" ? 2 : 1
  input = count.index
}
resource "terraform_data" "each" {
  for_each = var.v == "a" ? toset(["k1", "k2"]) : toset(["k1"])
  input    = each.key
}
output "o" { value = terraform_data.upd.output }
"""
TF_GONE = 'resource "terraform_data" "gone" { input = "g" }\n'
TF_AFTER = TF_BEFORE + """
resource "terraform_data" "new" { input = "n" }
resource "terraform_data" "imp" { input = "i" }
import {
  to = terraform_data.imp
  id = "abc"
}
"""

ML_BEFORE = 'provider "fake" {}\n' + VALIDATED.replace('default = "a"', 'type    = string\n  default = "a"') + """
dataset "upd" { source = "fake://u/${var.v}" }
dataset "trig" {
  source = "fake://t"
  fake { image = var.v }
}
dataset "req" { source = "fake://x" }
dataset "src" { source = "fake://s/${var.v}" }
dataset "bytrig" {
  source = "fake://y"
  lifecycle { replace_triggered_by = [dataset.src] }
}
dataset "cnt" {
  count  = var.v == "a" ? 2 : 1
  source = "fake://c/${count.index}"
}
dataset "each" {
  for_each = var.v == "a" ? toset(["k1", "k2"]) : toset(["k1"])
  source   = "fake://e/${each.key}"
}
dataset "drift" { source = "fake://d" }
output "o" { value = dataset.upd.digest }
"""
ML_GONE = 'dataset "gone" { source = "fake://g" }\n'
ML_AFTER = ML_BEFORE + """
dataset "new" { source = "fake://n" }
dataset "imp" { source = "fake://i2" }
import {
  to = dataset.imp
  id = "outside"
}
"""

# (Terraform's address, ours) for each kind of change.
CASES = {
    "create": ("terraform_data.new", "dataset.new"),
    "update": ("terraform_data.upd", "dataset.upd"),
    "replace by request": ("terraform_data.req", "dataset.req"),
    "replace by trigger": ("terraform_data.bytrig", "dataset.bytrig"),
    "replace, cannot update": ("terraform_data.trig", "dataset.trig"),
    "delete, no configuration": ("terraform_data.gone", "dataset.gone"),
    "delete, count index": ("terraform_data.cnt[1]", "dataset.cnt[1]"),
    "delete, each key": ('terraform_data.each["k2"]', 'dataset.each["k2"]'),
    "import": ("terraform_data.imp", "dataset.imp"),
}
# Keys we add to Terraform's, each documented in README's plan JSON section.
OUR_TOP_LEVEL = {"mlinfra_version", "mode", "resource_drift", "cost"}
OUR_CHANGE_ENTRY = {"mlinfra_action_reason"}


def _terraform() -> str:
    found = shutil.which("terraform") or ("/usr/local/bin/terraform" if Path("/usr/local/bin/terraform").exists() else None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("terraform is not installed; CI must install it (.ci/run)")
        pytest.skip("terraform is not installed")
    return found


@pytest.fixture(scope="module")
def terraform_plan(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tf = _terraform()
    d = tmp_path_factory.mktemp("tf")
    env = {**os.environ, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1", "TF_INPUT": "0"}

    def run(*args: str) -> str:
        p = subprocess.run([tf, *args], cwd=d, env=env, capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stderr
        return p.stdout

    (d / "main.tf").write_text(TF_BEFORE + TF_GONE)
    run("init", "-input=false")
    run("apply", "-auto-approve", "-input=false")
    (d / "main.tf").write_text(TF_AFTER)
    run("plan", "-input=false", "-var", "v=b", "-replace=terraform_data.req", "-out=p.tfplan")
    doc: dict[str, Any] = json.loads(run("show", "-json", "p.tfplan"))
    return doc


@pytest.fixture
def our_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    write(tmp_path, ML_BEFORE + ML_GONE)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    write(tmp_path, ML_AFTER)
    with cloud(tmp_path) as db:
        db["outside"] = {"address": "-", "kind": "dataset", "config": {"source": "fake://i"}, "version": 1, "calls": []}
        drifted = next(k for k, o in db.items() if o["address"] == "dataset.drift")
        db[drifted]["config"]["source"] = "fake://changed-outside"
    r = cli(capsys, tmp_path, "plan", "--var", "v=b", "--replace", "dataset.req", "--out", str(tmp_path / "p.plan"))
    assert r.code == 0, r.err
    shown = cli(capsys, tmp_path, "show", "--json", str(tmp_path / "p.plan"))
    assert shown.code == 0, shown.err
    doc: dict[str, Any] = json.loads(shown.out)
    return doc


def shape(v: Any) -> Any:
    """A value's JSON type, recursing one level into objects' key sets."""
    if isinstance(v, dict):
        return ("object", frozenset(v))
    return type(v).__name__


def entry(doc: dict[str, Any], address: str, key: str = "resource_changes") -> dict[str, Any]:
    found = [r for r in doc[key] if r["address"] == address]
    assert found, f"{address} is not in {key}: {[r['address'] for r in doc[key]]}"
    return found[0]


def test_top_level_keys_are_terraforms_plus_ours(terraform_plan, our_plan) -> None:
    assert set(terraform_plan) <= set(our_plan), set(terraform_plan) - set(our_plan)
    assert set(our_plan) - set(terraform_plan) <= OUR_TOP_LEVEL
    for key in ("format_version", "complete", "applyable", "errored"):
        assert our_plan[key] == terraform_plan[key], key
    assert our_plan["timestamp"].endswith("Z") and len(our_plan["timestamp"]) == len(terraform_plan["timestamp"])


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_change_has_terraforms_keys_shapes_and_reason(case: str, terraform_plan, our_plan) -> None:
    theirs = entry(terraform_plan, CASES[case][0])
    ours = entry(our_plan, CASES[case][1])
    assert ours["change"]["actions"] == theirs["change"]["actions"]
    assert ours.get("action_reason") == theirs.get("action_reason")
    assert set(ours) - OUR_CHANGE_ENTRY == set(theirs)
    assert set(ours["change"]) == set(theirs["change"])
    for key in theirs["change"]:
        if key in ("before", "after", "after_unknown", "before_sensitive", "after_sensitive"):
            assert type(ours["change"][key]) is type(theirs["change"][key]), key
        else:
            assert shape(ours["change"][key]) == shape(theirs["change"][key]), key
    if "action_reason" in ours:
        assert ours["action_reason"] in TERRAFORM_ENUM
        assert ours["mlinfra_action_reason"].startswith("because")


def test_drift_entries_have_the_shape_of_a_resource_change(terraform_plan, our_plan) -> None:
    # terraform_data never drifts, so its documented shape (that of resource_changes) is
    # the reference: an in-place update.
    theirs = entry(terraform_plan, "terraform_data.upd")
    ours = entry(our_plan, "dataset.drift", "resource_drift")
    assert ours["change"]["actions"] == ["update"]
    assert ours["change"]["before"]["source"] == "fake://d"
    assert ours["change"]["after"]["source"] == "fake://changed-outside"
    assert set(ours) == set(theirs)
    assert set(ours["change"]) - {"after_unknown"} <= set(theirs["change"])
    assert entry(our_plan, "dataset.drift")["change"]["actions"] == ["update"]


def test_planned_values_prior_state_and_outputs_have_terraforms_shape(terraform_plan, our_plan) -> None:
    t_pv, o_pv = terraform_plan["planned_values"], our_plan["planned_values"]
    assert set(o_pv) == set(t_pv)
    assert set(entry(o_pv["root_module"], "dataset.upd", "resources")) == set(
        entry(t_pv["root_module"], "terraform_data.upd", "resources")
    )
    assert set(o_pv["outputs"]["o"]) == set(t_pv["outputs"]["o"])
    t_prior, o_prior = terraform_plan["prior_state"], our_plan["prior_state"]
    assert set(t_prior) <= set(o_prior) and set(t_prior["values"]) == set(o_prior["values"])
    assert set(entry(o_prior["values"]["root_module"], "dataset.upd", "resources")) == set(
        entry(t_prior["values"]["root_module"], "terraform_data.upd", "resources")
    )
    assert set(o_prior["values"]["outputs"]["o"]) == set(t_prior["values"]["outputs"]["o"])
    assert set(our_plan["output_changes"]["o"]) == set(terraform_plan["output_changes"]["o"])
    assert our_plan["output_changes"]["o"]["after_unknown"] is True
    assert {k: set(v) for k, v in our_plan["variables"].items()} == {
        k: set(v) for k, v in terraform_plan["variables"].items()
    }


def test_configuration_has_terraforms_expressions_and_repetition(terraform_plan, our_plan) -> None:
    t_root, o_root = terraform_plan["configuration"]["root_module"], our_plan["configuration"]["root_module"]
    assert set(o_root) == set(t_root)
    assert set(o_root["outputs"]["o"]) == set(t_root["outputs"]["o"])
    assert o_root["outputs"]["o"]["expression"]["references"] == ["dataset.upd.digest", "dataset.upd"]
    assert {k: set(v) for k, v in o_root["variables"].items()} == {k: set(v) for k, v in t_root["variables"].items()}
    for ours, theirs in (("upd", "upd"), ("cnt", "cnt"), ("each", "each"), ("req", "req")):
        o = entry(o_root, f"dataset.{ours}", "resources")
        t = entry(t_root, f"terraform_data.{theirs}", "resources")
        assert set(o) == set(t), ours
    cnt = entry(o_root, "dataset.cnt", "resources")
    assert cnt["count_expression"] == {"references": ["var.v"]}
    assert cnt["expressions"]["source"] == {"references": ["count.index"]}
    assert entry(o_root, "dataset.req", "resources")["expressions"]["source"] == {"constant_value": "fake://x"}
    assert set(our_plan["configuration"]) == set(terraform_plan["configuration"])


def test_relevant_attributes_and_checks_have_terraforms_shape(terraform_plan, our_plan) -> None:
    assert {"resource": "dataset.upd", "attribute": ["digest"]} in our_plan["relevant_attributes"]
    for item in terraform_plan["relevant_attributes"]:
        assert set(item) == {"resource", "attribute"}
    t_checks, o_checks = terraform_plan["checks"], our_plan["checks"]
    assert [c["address"] for c in o_checks] == [c["address"] for c in t_checks]
    assert [(c["status"], [set(i) for i in c["instances"]]) for c in o_checks] == [
        (c["status"], [set(i) for i in c["instances"]]) for c in t_checks
    ]


REGO = Path(__file__).parents[1] / "fixtures" / "rego-terraform"


def _decisions(doc: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(policy, enforcement, message) of each Rego decision, with the resource type
    taken out of the message (terraform_data.x here is dataset.x there)."""
    pytest.importorskip("opa_eval")
    from mlinfra.policy import load_dir, rego

    policies, diags = load_dir(REGO, {})
    assert not diags.has_errors, diags
    out = set()
    for p in policies:
        found, err = rego.evaluate(p.name, p.settings, p.range, doc)
        assert err is None, err
        for _, message in found:
            out.add((p.name, p.enforcement, message.replace("terraform_data.", "").replace("dataset.", "")))
    return out


def test_rego_policies_written_for_terraform_decide_the_same_on_our_plan(terraform_plan, our_plan) -> None:
    theirs, ours = _decisions(terraform_plan), _decisions(our_plan)
    # dataset.drift has no Terraform twin (terraform_data does not drift); it is only updated
    assert {x for x in ours if "drift:" not in x[2]} == theirs
    assert ("changes.rego:deny", "mandatory", "gone: deleted (delete_because_no_resource_config)") in theirs
    assert ('changes.rego:deny', "mandatory", 'each["k2"]: deleted (delete_because_each_key)') in theirs
    assert ("changes.rego:warn", "advisory", "req: replaced (replace_by_request)") in theirs
    assert ("changes.rego:violation", "mandatory", "imp: imported, not created") in theirs
    assert any(x[0] == "summary.rego:warn" for x in theirs)
