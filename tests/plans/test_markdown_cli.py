"""``plan --format markdown`` through the command line, and ``--no-changes-silent``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = """
provider "fake" {}

dataset "d" { source = "fake://d" }

model "m" { artifact = "s3://bucket/model.tar.gz" }

endpoint "serve" {
  variant "blue" {
    model = model.m.id
  }
}
"""


def test_markdown_plan_names_a_destroyed_endpoint_in_the_warning(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0, "setup"
    write(tmp_path, CONFIG.split('endpoint "serve"')[0])
    r = cli(capsys, tmp_path, "plan", "--format", "markdown")
    assert r.code == 0, r.err
    assert r.out.startswith("**Plan:** 0 to add, 0 to change, 1 to destroy")
    assert "> **Endpoints (serving traffic):**\n> - `endpoint.serve` will be **destroyed**" in r.out
    assert "<summary><code>- endpoint.serve</code> will be destroyed</summary>" in r.out


def test_no_changes_silent_prints_nothing_without_changes_and_the_comment_with_them(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--format", "markdown", "--no-changes-silent")
    assert r.code == 0 and r.out.startswith("**Plan:** 3 to add")
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, "plan", "--format", "markdown", "--no-changes-silent", "--out", str(tmp_path / "p.plan"))
    assert r.code == 0 and r.out == ""
    assert (tmp_path / "p.plan").exists()
    r = cli(capsys, tmp_path, "plan", "--format", "markdown")
    assert r.out.startswith("**No changes.**")


def test_no_changes_silent_is_refused_with_json(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    r = cli(capsys, tmp_path, "plan", "--json", "--no-changes-silent")
    assert r.code == 1 and "Incompatible options" in r.err
