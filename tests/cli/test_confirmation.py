"""The confirmation question: answered at a terminal or piped in (``echo yes | mlinfra
apply``), as Terraform reads it; a destroy says that there is no undo."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from clirun import cli_process, write
from fakeprovider import cloud

CONFIG = """
provider "fake" {}

dataset "d" {
  source = "fake://data"
}

output "uri" { value = dataset.d.uri }
"""


def run(workdir: Path, *args: str, answer: str | None) -> tuple[int, str, str]:
    stdin = subprocess.DEVNULL if answer is None else subprocess.PIPE
    proc = cli_process(workdir, *args, stdin=stdin)
    out, err = proc.communicate(answer, timeout=60)
    return proc.returncode, out, err


def objects(workdir: Path) -> list[str]:
    with cloud(workdir) as db:
        return sorted(o["address"] for o in db.values())


def test_a_piped_yes_approves_the_apply(tmp_path: Path) -> None:
    write(tmp_path, CONFIG)
    code, out, err = run(tmp_path, "apply", answer="yes\n")
    assert code == 0, err
    assert "Do you want to perform these actions?" in out
    assert "Only 'yes' will be accepted to approve." in out
    assert "Apply complete! Resources: 1 added, 0 changed, 0 destroyed." in out
    assert objects(tmp_path) == ["dataset.d"]


def test_a_piped_no_cancels_and_changes_nothing(tmp_path: Path) -> None:
    write(tmp_path, CONFIG)
    code, out, _ = run(tmp_path, "apply", answer="no\n")
    assert code == 1
    assert "Apply cancelled." in out
    assert objects(tmp_path) == []


def test_nothing_to_read_is_refused_with_the_ways_to_answer(tmp_path: Path) -> None:
    write(tmp_path, CONFIG)
    code, _, err = run(tmp_path, "apply", answer=None)
    assert code == 1
    assert "echo yes | mlinfra apply" in err and "--auto-approve" in err
    assert objects(tmp_path) == []


def test_the_destroy_question_says_there_is_no_undo(tmp_path: Path) -> None:
    write(tmp_path, CONFIG)
    assert run(tmp_path, "apply", "--auto-approve", answer=None)[0] == 0

    code, out, _ = run(tmp_path, "destroy", answer="nope\n")
    assert code == 1
    assert "Do you really want to destroy all resources?" in out
    assert "There is no undo. Only 'yes' will be accepted to confirm." in out
    assert "Destroy cancelled." in out
    assert objects(tmp_path) == ["dataset.d"]

    code, out, err = run(tmp_path, "destroy", answer="yes\n")
    assert code == 0, err
    assert "Destroy complete! Resources: 1 destroyed." in out
    assert objects(tmp_path) == []
    assert json.loads((tmp_path / "mlinfra.state.json").read_text())["outputs"] == {}
