"""What ``mlinfra test`` prints: Terraform's lines as the runner goes (``FILE... in
progress``, ``run "NAME"... pass``, the problems, ``FILE... pass``) and the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mlinfra.cli.views.diagnostics import render_diagnostics

if TYPE_CHECKING:
    from mlinfra.testing.parse import TestFile
    from mlinfra.testing.run import FileResult, RunResult


class TextListener:
    """Prints each step of a test run as it happens, with the sources of the
    configuration and of the test files for the diagnostics' source lines."""

    def __init__(self, sources: dict[str, str], color: bool) -> None:
        self.sources = sources
        self.color = color

    def file_started(self, test: TestFile) -> None:
        typer.echo(f"{test.name}... in progress")

    def run_done(self, test: TestFile, result: RunResult) -> None:
        typer.echo(f'  run "{result.name}"... {result.status}')
        if result.diagnostics:
            typer.echo(render_diagnostics(result.diagnostics, self.sources, self.color))

    def tearing_down(self, test: TestFile) -> None:
        typer.echo(f"{test.name}... tearing down")

    def file_done(self, test: TestFile, result: FileResult) -> None:
        if result.diagnostics:
            typer.echo(render_diagnostics(result.diagnostics, self.sources, self.color), err=True)
        typer.echo(f"{test.name}... {result.status}")


class QuietListener:
    """Prints nothing (``--json`` prints one document at the end)."""

    def file_started(self, test: TestFile) -> None: ...
    def run_done(self, test: TestFile, result: RunResult) -> None: ...
    def tearing_down(self, test: TestFile) -> None: ...
    def file_done(self, test: TestFile, result: FileResult) -> None: ...


def summary_line(passed: int, failed: int, skipped: int) -> str:
    """``Success! 3 passed, 0 failed.`` / ``Failure! 1 passed, 1 failed, 1 skipped.``"""
    head = "Failure!" if failed else "Success!"
    return f"{head} {passed} passed, {failed} failed" + (f", {skipped} skipped." if skipped else ".")
