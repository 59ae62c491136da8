"""``loader.config_files`` lists what ``Path.glob("*.hcl")`` would, less variable and
test files, without compiling a pattern."""

from __future__ import annotations

import os
from pathlib import Path

from mlinfra.config import loader
from mlinfra.states import local_files


def test_config_files_are_the_hcl_files_glob_finds(tmp_path: Path) -> None:
    for name in ("b.hcl", "a.hcl", ".hidden.hcl", "x.vars.hcl", "t.mltest.hcl", "notes.txt", "a.HCL", "[x].hcl"):
        (tmp_path / name).write_text("")
    (tmp_path / "dir.hcl").mkdir()
    (tmp_path / "link.hcl").symlink_to(tmp_path / "b.hcl")
    (tmp_path / "dangling.hcl").symlink_to(tmp_path / "missing.hcl")
    expected = sorted(
        p for p in tmp_path.glob("*.hcl") if p.is_file() and not p.name.endswith((loader.VARS_SUFFIX, loader.TEST_SUFFIX))
    )
    assert loader.config_files(tmp_path) == expected
    assert [p.name for p in expected] == [".hidden.hcl", "[x].hcl", "a.hcl", "b.hcl", "link.hcl"]
    assert loader.config_files(tmp_path / "missing") == []


def test_a_stale_temporary_file_of_a_dead_writer_is_removed_and_others_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "s[1].json"
    dead = 2**22 + 12345  # above pid_max's default: no such process
    names = [f".s[1].json.{dead}.abc.tmp", f".s[1].json.{os.getpid()}.abc.tmp", f".s[1].json.{os.getppid()}.x.tmp",
             ".s[1].json.notapid.tmp", ".other.json.1.tmp"]  # fmt: skip
    for name in names:
        (tmp_path / name).write_text("x")
    local_files.atomic_write(target, b"{}")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["s[1].json", *names[1:]])
