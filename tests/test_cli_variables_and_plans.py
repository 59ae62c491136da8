"""Variables from every source, saved plans shown as JSON, and the lock's escape hatch."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = """
provider "fake" {}

variable "source" {
  type    = string
  default = "fake://default"
}

variable "shards" {
  type    = number
  default = 1
}

dataset "d" {
  count  = var.shards
  source = "${var.source}/${count.index}"
}
"""


def test_variable_precedence_default_env_file_cli(tmp_path: Path, capsys, monkeypatch) -> None:
    write(tmp_path, CONFIG)
    assert '"fake://default/0"' in cli(capsys, tmp_path, "plan").out
    monkeypatch.setenv("MLINFRA_VAR_source", "fake://env")
    assert '"fake://env/0"' in cli(capsys, tmp_path, "plan").out
    (tmp_path / "prod.vars.hcl").write_text('source = "fake://file"\nshards = 2\n')
    r = cli(capsys, tmp_path, "plan", "--var-file", str(tmp_path / "prod.vars.hcl"))
    assert '"fake://file/1"' in r.out and "Plan: 2 to add" in r.out
    (tmp_path / "more.json").write_text(json.dumps({"shards": 3}))
    r = cli(capsys, tmp_path, "plan", "--var-file", str(tmp_path / "prod.vars.hcl"), "--var-file", str(tmp_path / "more.json"), "--var", "source=fake://cli")
    assert '"fake://cli/2"' in r.out and "Plan: 3 to add" in r.out


def test_wrong_variable_type_is_a_located_error(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--var", "shards=many")
    assert r.code == 1
    assert "Invalid value for input variable" in r.err
    assert "on main.hcl line 9" in r.err


def test_missing_var_file_is_an_error(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--var-file", str(tmp_path / "nope.hcl"))
    assert r.code == 1 and "Failed to read variables file" in r.err


def test_show_saved_plan_as_text_and_json(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    plan_file = tmp_path / "p.plan"
    assert cli(capsys, tmp_path, "plan", "--out", str(plan_file), "--var", "shards=2").code == 0
    text = cli(capsys, tmp_path, "show", str(plan_file)).out
    assert "# dataset.d[1] will be created" in text
    doc = json.loads(cli(capsys, tmp_path, "show", "--json", str(plan_file)).out)
    assert [c["address"] for c in doc["resource_changes"]] == ["dataset.d[0]", "dataset.d[1]"]
    assert doc["resource_changes"][1]["index"] == 1
    assert doc["variables"]["shards"]["value"] == 2


def test_force_unlock_clears_a_lock_left_by_a_dead_process(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    info = {
        "id": "0f1e2d3c-dead-beef-0000-000000000000",
        "operation": "apply",
        "who": "someone@elsewhere",
        "pid": 999999,
        "created": "2026-01-01T00:00:00Z",
        "path": str(tmp_path / "mlinfra.state.json"),
    }
    (tmp_path / "mlinfra.state.json.lock.info").write_text(json.dumps(info))
    r = cli(capsys, tmp_path, "force-unlock", "--force", "wrong-id")
    assert r.code == 1
    r = cli(capsys, tmp_path, "force-unlock", "--force", info["id"])
    assert r.code == 0, r.err
    assert "successfully unlocked" in r.out
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode").code == 0


def test_auto_loaded_variable_files(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    (tmp_path / "mlinfra.vars.hcl").write_text('source = "fake://base"\n')
    (tmp_path / "b.auto.vars.hcl").write_text("shards = 2\n")
    r = cli(capsys, tmp_path, "plan")
    assert '"fake://base/1"' in r.out
    r = cli(capsys, tmp_path, "plan", "--var", "shards=1")
    assert "Plan: 1 to add" in r.out
