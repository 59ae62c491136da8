"""Addresses typed by a user (state list/rm/mv, --replace) are user errors when wrong."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))

from clirun import cli, write  # noqa: E402

CONFIG = """provider "fake" {}

dataset "a" {
  source = "fake://a"
}

model "m" {
  artifact = dataset.a.uri
}
"""


@pytest.fixture
def applied(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("state", "list", "model.*"),
        ("state", "list", "model.m."),
        ("state", "rm", "model.*"),
        ("state", "rm", "model"),
        ("state", "mv", "model.*", "model.x"),
        ("state", "mv", "model.m", "model"),
        ("state", "list", "model.m[" + "9" * 5000 + "]"),
    ],
)
def test_a_malformed_address_is_a_user_error_not_a_bug(applied: Path, capsys, args: tuple[str, ...]) -> None:
    r = cli(capsys, applied, *args)
    assert r.code == 1
    assert "Error: Invalid address" in r.err
    assert "internal error" not in r.err and "bug in mlinfra" not in r.err


def test_state_list_filters_by_a_kind_alone(applied: Path, capsys) -> None:
    r = cli(capsys, applied, "state", "list", "model")
    assert r.code == 0, r.err
    assert r.out.split() == ["model.m"]


def test_state_list_reports_every_bad_address_at_once(applied: Path, capsys) -> None:
    r = cli(capsys, applied, "state", "list", "model.*", "dataset.")
    assert r.code == 1
    assert r.err.count("Error: Invalid address") == 2


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_replace_of_an_unknown_address_is_refused_like_target(applied: Path, capsys, command: str) -> None:
    extra = ("--auto-approve",) if command == "apply" else ()
    r = cli(capsys, applied, command, *extra, "--replace", "model.nope")
    assert r.code == 1
    assert "Error: Invalid replace" in r.err
    assert "model.nope is neither in the configuration nor in the state" in r.err


def test_replace_of_a_known_address_still_plans_a_replacement(applied: Path, capsys) -> None:
    r = cli(capsys, applied, "plan", "--replace", "model.m")
    assert r.code == 0, r.err
    assert "must be replaced" in r.out
