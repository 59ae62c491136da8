"""The app registers every command module; a command line that names one command builds
only that command, with the same options and help as the whole app; the global options
of one run do not leak into the next."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from clirun import cli

from mlinfra.cli import app, common

ORDER = [
    "validate", "fmt", "test", "plan", "apply", "destroy", "show", "output", "graph", "init", "import",
    "providers", "force-unlock", "state", "workspace",
]


def test_every_command_is_registered_in_help_order() -> None:
    group = typer.main.get_command(app.build())
    assert list(group.commands) == ORDER  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["validate"], "validate"),
        (["-C", "dir", "--no-color", "-vv", "plan", "--json"], "plan"),
        (["--chdir=dir", "state", "list"], "state"),
        (["--help"], None),
        (["--version"], None),
        (["valdate"], None),  # a misspelt command gets every command, for the suggestion
        (["-C"], None),
        ([], None),
    ],
)
def test_the_command_a_line_names(args: list[str], named: str | None) -> None:
    assert app._command_named(args) == named


@pytest.mark.parametrize("name", ORDER)
def test_a_command_built_alone_matches_the_whole_app(name: str) -> None:
    whole = typer.main.get_command(app.build()).commands[name]  # type: ignore[attr-defined]
    alone = typer.main.get_command(app.build(name)).commands  # type: ignore[attr-defined]
    assert list(alone) == [name]
    assert [p.opts for p in alone[name].params] == [p.opts for p in whole.params]
    assert alone[name].help == whole.help


def test_global_options_last_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "main.hcl").write_text('dataset "d" {\n  source = "sklearn:iris"\n}\n')
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 0, r.err
    assert common.options() == common.DEFAULTS
    r = cli(capsys, tmp_path / "missing", "validate")
    assert r.code == 1 and "No such directory" in r.err
