"""Commands that work from the state alone work without *.hcl files, so a person who
deleted their configuration can still read the state and tear down what runs; the
commands that need the configuration say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import cli, write
from fakeprovider import cloud

CONFIG = """
provider "fake" {}

dataset "d" {
  source = "fake://data"
}

model "m" {
  artifact  = dataset.d.uri
  framework = "sklearn"
}

output "model" { value = model.m.id }
"""


@pytest.fixture
def applied_then_deleted(tmp_path: Path, capsys) -> Path:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    (tmp_path / "main.hcl").unlink()
    return tmp_path


def test_state_and_output_commands_read_the_state_without_configuration(applied_then_deleted: Path, capsys) -> None:
    work = applied_then_deleted
    r = cli(capsys, work, "state", "list")
    assert r.code == 0, r.err
    assert r.out.split() == ["dataset.d", "model.m"]

    r = cli(capsys, work, "state", "pull")
    assert r.code == 0 and len(json.loads(r.out)["resources"]) == 2

    r = cli(capsys, work, "state", "show", "model.m")
    assert r.code == 0 and 'model "m" {' in r.out

    r = cli(capsys, work, "output", "model", "--raw")
    assert r.code == 0 and r.out.strip().startswith("model.m-")

    r = cli(capsys, work, "show")
    assert r.code == 0 and "# dataset.d:" in r.out

    r = cli(capsys, work, "show", "--json")
    assert r.code == 0 and json.loads(r.out)["values"]


def test_destroy_tears_everything_down_without_configuration(applied_then_deleted: Path, capsys) -> None:
    work = applied_then_deleted
    r = cli(capsys, work, "destroy", "--auto-approve")
    assert r.code == 0, r.err
    assert "Destroy complete! Resources: 2 destroyed." in r.out
    with cloud(work) as db:
        assert db == {}
    assert json.loads((work / "mlinfra.state.json").read_text())["resources"] == []


def test_state_edits_work_without_configuration(applied_then_deleted: Path, capsys) -> None:
    work = applied_then_deleted
    assert cli(capsys, work, "state", "mv", "model.m", "model.n").code == 0
    assert cli(capsys, work, "state", "rm", "model.n").code == 0
    assert cli(capsys, work, "state", "list").out.split() == ["dataset.d"]


@pytest.mark.parametrize("command", [["plan"], ["apply", "--auto-approve"], ["validate"], ["graph"]])
def test_commands_that_need_the_configuration_still_ask_for_it(applied_then_deleted: Path, capsys, command: list[str]) -> None:
    r = cli(capsys, applied_then_deleted, *command)
    assert r.code == 1
    assert "No configuration files" in r.err
