"""Plan JSON's configuration, relevant attributes and reasons, through the CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

SECRET = "s3cr3t-default-value"

CONFIG = f"""
provider "fake" {{
  region = "eu-secret-region"
}}

variable "token" {{
  type      = string
  default   = "{SECRET}"
  sensitive = true
}}

locals {{
  base = dataset.a.uri
}}

dataset "a" {{ source = "fake://a" }}

dataset "b" {{
  source     = "${{local.base}}/b"
  depends_on = [dataset.a]
}}

dataset "c" {{
  count  = 2
  source = "fake://c/${{count.index}}"
}}

output "secret" {{
  value     = var.token
  sensitive = true
}}
"""


def plan_json(capsys: pytest.CaptureFixture[str], workdir: Path, *args: str) -> dict[str, Any]:
    r = cli(capsys, workdir, "plan", "--json", *args)
    assert r.code == 0, r.err
    doc: dict[str, Any] = json.loads(r.out)
    return doc


def test_configuration_never_shows_secrets_or_provider_settings(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    doc = plan_json(capsys, tmp_path)
    text = json.dumps(doc)
    assert SECRET not in text and "eu-secret-region" not in text
    root = doc["configuration"]["root_module"]
    assert root["variables"]["token"] == {"sensitive": True}
    assert root["outputs"]["secret"] == {"expression": {"references": ["var.token"]}, "sensitive": True}
    assert doc["configuration"]["provider_config"]["fake"] == {"name": "fake", "full_name": "fake", "expressions": {"region": {}}}


def test_configuration_has_references_depends_on_and_count(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    root = plan_json(capsys, tmp_path)["configuration"]["root_module"]
    b = next(r for r in root["resources"] if r["address"] == "dataset.b")
    assert b["expressions"]["source"] == {"references": ["local.base"]}
    assert b["depends_on"] == ["dataset.a"]
    c = next(r for r in root["resources"] if r["address"] == "dataset.c")
    assert c["count_expression"] == {"constant_value": 2}
    assert c["schema_version"] == 0


def test_relevant_attributes_follow_locals_to_the_resource(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    doc = plan_json(capsys, tmp_path)
    assert doc["relevant_attributes"] == [{"resource": "dataset.a", "attribute": ["uri"]}]


def test_a_targeted_plan_is_not_complete(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert plan_json(capsys, tmp_path)["complete"] is True
    assert plan_json(capsys, tmp_path, "--target", "dataset.a")["complete"] is False


def test_tainted_and_wrong_repetition_have_terraforms_reasons(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    state_file = tmp_path / "mlinfra.state.json"
    state = json.loads(state_file.read_text())
    next(r for r in state["resources"] if r["address"] == "dataset.a")["status"] = "tainted"
    state_file.write_text(json.dumps(state))
    write(tmp_path, CONFIG.replace("count  = 2", 'for_each = toset(["x"])').replace("count.index", "each.key"))
    doc = plan_json(capsys, tmp_path)
    reasons = {r["address"]: r.get("action_reason") for r in doc["resource_changes"]}
    assert reasons["dataset.a"] == "replace_because_tainted"
    assert reasons["dataset.c[0]"] == reasons["dataset.c[1]"] == "delete_because_wrong_repetition"
    a = next(r for r in doc["resource_changes"] if r["address"] == "dataset.a")
    assert a["mlinfra_action_reason"] == "because it is tainted"
