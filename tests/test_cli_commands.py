"""The smaller commands and language features, through the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "support"))

from clirun import cli, write  # noqa: E402
from fakeprovider import cloud  # noqa: E402

SECRET = "hunter2-very-secret"

SENSITIVE = f"""
provider "fake" {{}}

variable "token" {{
  default   = "{SECRET}"
  sensitive = true
}}

dataset "d" {{
  source = "fake://data"
  tags   = {{ token = var.token, team = "ml" }}
}}

output "token" {{
  value     = var.token
  sensitive = true
}}
"""


def test_sensitive_values_never_print(tmp_path: Path, capsys) -> None:
    write(tmp_path, SENSITIVE)
    outputs = []
    for args in (("plan",), ("plan", "--json"), ("plan", "--format", "markdown"), ("apply", "--auto-approve"),
                 ("show",), ("show", "--json"), ("output",), ("state", "show", "dataset.d")):
        r = cli(capsys, tmp_path, *args)
        assert r.code == 0, (args, r.err)
        outputs.append(r.out + r.err)
    assert "(sensitive value)" in outputs[0]
    for text in outputs:
        assert SECRET not in text
    r = cli(capsys, tmp_path, "plan", "--var", "token=other")
    assert SECRET not in r.out and "other" not in r.out


def test_sensitive_output_must_be_marked(tmp_path: Path, capsys) -> None:
    write(tmp_path, SENSITIVE.replace('output "token" {\n  value     = var.token\n  sensitive = true', 'output "token" {\n  value = var.token'))
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 1
    assert "Output refers to sensitive values" in r.err
    assert SECRET not in r.err


def test_fmt_rewrites_and_check_exits_3(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'dataset "d" {\nsource="x"\n    format = "csv"\n}\n')
    r = cli(capsys, tmp_path, "fmt", "--check")
    assert r.code == 3 and "main.hcl" in r.out
    assert (tmp_path / "main.hcl").read_text().startswith('dataset "d" {\nsource=')
    assert cli(capsys, tmp_path, "fmt").code == 0
    assert (tmp_path / "main.hcl").read_text() == 'dataset "d" {\n  source = "x"\n  format = "csv"\n}\n'
    assert cli(capsys, tmp_path, "fmt", "--check").code == 0


def test_workspaces_keep_separate_states(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://${mlinfra.workspace}"\n}\n')
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    assert cli(capsys, tmp_path, "workspace", "new", "staging").code == 0
    assert cli(capsys, tmp_path, "workspace", "show").out.strip() == "staging"
    r = cli(capsys, tmp_path, "plan")
    assert "Plan: 1 to add" in r.out and '"fake://staging"' in r.out
    assert "* staging" in cli(capsys, tmp_path, "workspace", "list").out
    assert cli(capsys, tmp_path, "workspace", "select", "default").code == 0
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode").code == 0
    r = cli(capsys, tmp_path, "workspace", "select", "stagin")
    assert r.code == 1 and 'Did you mean "staging"?' in r.err


def test_state_mv_rm_and_moved_blocks(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "a" {\n  source = "fake://a"\n}\n')
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    write(tmp_path, 'provider "fake" {}\n\ndataset "b" {\n  source = "fake://a"\n}\n\nmoved {\n  from = dataset.a\n  to   = dataset.b\n}\n')
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 2
    assert "# dataset.a has moved to dataset.b" in r.out
    assert "Plan: 0 to add, 0 to change, 0 to destroy." in r.out
    doc = json.loads(cli(capsys, tmp_path, "plan", "--json").out)
    assert doc["resource_changes"][0]["previous_address"] == "dataset.a"
    assert doc["resource_changes"][0]["change"]["actions"] == ["no-op"]
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode").code == 0
    assert cli(capsys, tmp_path, "state", "list").out.split() == ["dataset.b"]
    assert cli(capsys, tmp_path, "state", "mv", "dataset.b", "dataset.c").code == 0
    assert cli(capsys, tmp_path, "state", "list").out.split() == ["dataset.c"]
    assert cli(capsys, tmp_path, "state", "rm", "dataset.c").code == 0
    assert cli(capsys, tmp_path, "state", "list").out.split() == []
    with cloud(tmp_path) as db:
        assert len(db) == 1  # forgotten, not destroyed


def test_import_command_and_import_block_adopt_existing_objects(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "a" {\n  source = "fake://a"\n}\n')
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    obj_id = json.loads((tmp_path / "mlinfra.state.json").read_text())["resources"][0]["id"]
    assert cli(capsys, tmp_path, "state", "rm", "dataset.a").code == 0
    r = cli(capsys, tmp_path, "import", "dataset.a", obj_id)
    assert r.code == 0, r.err
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode").code == 0
    assert cli(capsys, tmp_path, "state", "rm", "dataset.a").code == 0
    write(tmp_path, f'provider "fake" {{}}\n\ndataset "a" {{\n  source = "fake://a"\n}}\n\nimport {{\n  to = dataset.a\n  id = "{obj_id}"\n}}\n')
    r = cli(capsys, tmp_path, "plan")
    assert "1 to import" in r.out
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    assert cli(capsys, tmp_path, "state", "list").out.split() == ["dataset.a"]
    r = cli(capsys, tmp_path, "import", "dataset.a", "nope")
    assert r.code == 1 and "already in the state" in r.err


LIFECYCLE = """
provider "fake" {}

variable "src" { default = "fake://one" }
variable "team" { default = "a" }

dataset "d" {
  source = var.src
  tags   = { team = var.team }
  lifecycle { ignore_changes = [tags] }
}

model "m" {
  artifact = "fake://static"
  lifecycle { replace_triggered_by = [dataset.d.source] }
}
"""


def test_ignore_changes_replace_triggered_by_and_replace_flag(tmp_path: Path, capsys) -> None:
    write(tmp_path, LIFECYCLE)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    assert cli(capsys, tmp_path, "plan", "--detailed-exitcode", "--var", "team=b").code == 0
    r = cli(capsys, tmp_path, "plan", "--var", "src=fake://two")
    assert "# model.m must be replaced" in r.out
    assert "replace_triggered_by" in r.out
    r = cli(capsys, tmp_path, "plan", "--replace", "dataset.d")
    assert "# dataset.d must be replaced" in r.out and "--replace" in r.out
    r = cli(capsys, tmp_path, "plan", "--replace", "not an address")
    assert r.code == 1 and "Invalid --replace address" in r.err


def test_providers_and_init(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://x"\n}\n')
    r = cli(capsys, tmp_path, "init")
    assert r.code == 0 and (tmp_path / "mlinfra.state.json").exists()
    r = cli(capsys, tmp_path, "providers")
    assert "local" in r.out


def test_destroy_target_takes_dependents_along(tmp_path: Path, capsys) -> None:
    write(tmp_path, 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://x"\n}\n\nmodel "m" {\n  artifact = dataset.d.uri\n}\n\ndataset "other" {\n  source = "fake://y"\n}\n')
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, "plan", "--destroy", "--target", "dataset.d")
    assert "# dataset.d will be destroyed" in r.out and "# model.m will be destroyed" in r.out
    assert "dataset.other" not in r.out


def test_errors_never_quote_a_sensitive_value(tmp_path: Path, capsys) -> None:
    for expr in ("tonumber(var.token)", 'lookup({}, var.token)', "file(var.token)", "var.token + 1", '{a = 1}[var.token]'):
        write(tmp_path, SENSITIVE.replace('source = "fake://data"', f"source = {expr}"))
        r = cli(capsys, tmp_path, "plan")
        assert r.code == 1, expr
        assert SECRET not in r.err + r.out, expr
