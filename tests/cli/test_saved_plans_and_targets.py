"""A saved plan is applied exactly as made (options that would change it are refused),
and ``--target`` warns that the result may be incomplete, as in Terraform."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import cli, write
from configs import CHAIN as CONFIG


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--var", "weight=10"], "Can't set variables when applying a saved plan"),
        (["--var-file", "x.vars.hcl"], "Can't set variables when applying a saved plan"),
        (["--target", "model.m"], "--target cannot be used when applying a saved plan"),
        (["--replace", "dataset.d"], "--replace cannot be used when applying a saved plan"),
        (["--destroy"], "--destroy cannot be used when applying a saved plan"),
        (["--refresh-only"], "--refresh-only cannot be used when applying a saved plan"),
        (["--no-refresh"], "--no-refresh cannot be used when applying a saved plan"),
    ],
)
def test_applying_a_saved_plan_refuses_options_that_would_change_it(
    tmp_path: Path, capsys, option: list[str], said: str
) -> None:
    write(tmp_path, CONFIG)
    (tmp_path / "x.vars.hcl").write_text("weight = 10\n")
    assert cli(capsys, tmp_path, "plan", "--out", "p.plan").code == 0

    r = cli(capsys, tmp_path, "apply", "p.plan", *option)

    assert r.code == 1
    assert said in r.err
    assert not (tmp_path / "fake-cloud.json").exists()
    assert cli(capsys, tmp_path, "apply", "p.plan").code == 0


def test_targeting_warns_in_plan_and_apply_and_says_the_apply_may_be_incomplete(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--target", "model.m")
    assert r.code == 0
    assert "Warning: Resource targeting is in effect" in r.err
    assert "may not represent all of the changes" in r.err

    r = cli(capsys, tmp_path, "apply", "--auto-approve", "--target", "model.m")
    assert r.code == 0, r.err
    assert r.err.count("Resource targeting is in effect") == 1
    assert "Warning: Applied changes may be incomplete" in r.err
    assert "mlinfra plan" in r.err

    r = cli(capsys, tmp_path, "plan")
    assert "Resource targeting is in effect" not in r.err
    assert "Applied changes may be incomplete" not in r.err


def test_a_saved_targeted_plan_says_the_apply_may_be_incomplete(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "plan", "--target", "dataset.d", "--out", "t.plan").code == 0
    r = cli(capsys, tmp_path, "apply", "t.plan")
    assert r.code == 0, r.err
    assert "Applied changes may be incomplete" in r.err
    state = json.loads((tmp_path / "mlinfra.state.json").read_text())
    assert [x["address"] for x in state["resources"]] == ["dataset.d"]


def test_destroy_with_a_target_warns_too(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, "destroy", "--auto-approve", "--target", "endpoint.e")
    assert r.code == 0, r.err
    assert "Resource targeting is in effect" in r.err


def test_paths_on_the_command_line_are_relative_to_the_chdir_directory(tmp_path: Path, capsys, monkeypatch) -> None:
    work, elsewhere = tmp_path / "work", tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    write(work, CONFIG)
    (work / "w.vars.hcl").write_text("weight = 40\n")

    r = cli(capsys, work, "plan", "--var-file", "w.vars.hcl", "--out", "rel.plan")
    assert r.code == 0, r.err
    assert (work / "rel.plan").is_file()
    shown = cli(capsys, work, "show", "rel.plan", "--json")
    assert shown.code == 0 and json.loads(shown.out)["variables"]["weight"]["value"] == 40
    assert cli(capsys, work, "apply", "rel.plan").code == 0
    assert list(elsewhere.iterdir()) == []
