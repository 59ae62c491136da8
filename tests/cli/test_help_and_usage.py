"""--help describes every command, option and argument, shows no type label on flags;
an unknown option gets a suggestion only when one is close; contradicting options are
refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from clirun import cli, write

from mlinfra.cli.app import app


def commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, (*path, name))


ALL = [p for p, _ in commands(typer.main.get_command(app))]


def test_every_command_option_and_argument_has_help_text() -> None:
    missing = []
    for path, command in commands(typer.main.get_command(app)):
        if path and not (command.help or command.short_help):
            missing.append(" ".join(path))
        for p in command.params:
            if not getattr(p, "help", None):
                missing.append(f"{' '.join(path)} {p.opts[0] if getattr(p, 'opts', None) else p.name}")
    assert not missing, missing


@pytest.mark.parametrize("path", ALL, ids=[" ".join(p) or "mlinfra" for p in ALL])
def test_help_shows_flags_without_type_labels(tmp_path: Path, capsys, path: tuple[str, ...]) -> None:
    r = cli(capsys, tmp_path, *path, "--help")
    assert r.code == 0, r.err
    assert "<bool>" not in r.out and "<int>" not in r.out and "<list[Path]>" not in r.out
    assert "Usage: mlinfra" in r.out and "--help" in r.out


def test_workspace_subcommands_say_what_they_do(tmp_path: Path, capsys) -> None:
    r = cli(capsys, tmp_path, "workspace", "--help")
    for line in ("list ", "show ", "new ", "select ", "delete "):
        (row,) = [ln for ln in r.out.splitlines() if ln.startswith("│ " + line)]
        assert len(row.strip("│ ").split()) > 1, row


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["plan", "--bogus"], "Error: No such option: --bogus\n"),
        (["--bogus", "plan"], "Error: No such option: --bogus\n"),
        (["plan", "--tagret", "x"], "Error: No such option: --tagret. Did you mean --target?"),
    ],
)
def test_unknown_options_get_only_close_suggestions(tmp_path: Path, capsys, args: list[str], said: str) -> None:
    r = cli(capsys, tmp_path, *args)
    assert r.code == 1
    assert said in r.err
    assert "Possible options" not in r.err


CONFIG = 'provider "fake" {}\n\ndataset "d" {\n  source = "fake://d"\n}\n\noutput "uri" { value = dataset.d.uri }\n'


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["output", "uri", "--raw", "--json"], "--raw and --json cannot be used together"),
        (["plan", "--json", "--format", "text"], "--json and --format text cannot be used together"),
        (["plan", "--json", "--format", "markdown"], "--json and --format markdown cannot be used together"),
    ],
)
def test_contradicting_options_are_refused(tmp_path: Path, capsys, args: list[str], said: str) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    r = cli(capsys, tmp_path, *args)
    assert r.code == 1
    assert "Incompatible options" in r.err and said in r.err
    assert r.out == ""


def test_options_that_agree_are_accepted(tmp_path: Path, capsys) -> None:
    write(tmp_path, CONFIG)
    assert cli(capsys, tmp_path, "plan", "--json", "--format", "json").code == 0
    assert cli(capsys, tmp_path, "apply", "--auto-approve").code == 0
    assert cli(capsys, tmp_path, "output", "uri", "--raw").out.startswith("fake://dataset/")
