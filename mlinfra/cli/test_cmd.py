"""`mlinfra test`: run the *.mltest.hcl files of a configuration (mlinfra.testing)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlinfra import diagnostics as d
from mlinfra.cli import views
from mlinfra.cli.app import G, ParallelismOpt, VarFileOpt, VarOpt, in_workdir

if TYPE_CHECKING:
    from mlinfra.testing.parse import TestFile
    from mlinfra.testing.run import FileResult, RunResult


class TextListener:
    """Terraform's lines: FILE... in progress, run "NAME"... pass, the problems, the end."""

    def __init__(self, sources: dict[str, str], color: bool) -> None:
        self.sources = sources
        self.color = color

    def file_started(self, test: TestFile) -> None:
        typer.echo(f"{test.name}... in progress")

    def run_done(self, test: TestFile, result: RunResult) -> None:
        typer.echo(f'  run "{result.name}"... {result.status}')
        diags = result.diagnostics
        if diags:
            typer.echo(views.render_diagnostics(diags, self.sources, self.color))

    def tearing_down(self, test: TestFile) -> None:
        typer.echo(f"{test.name}... tearing down")

    def file_done(self, test: TestFile, result: FileResult) -> None:
        diags = result.diagnostics
        if diags:
            typer.echo(views.render_diagnostics(diags, self.sources, self.color), err=True)
        typer.echo(f"{test.name}... {result.status}")


class QuietListener:
    def file_started(self, test: TestFile) -> None: ...
    def run_done(self, test: TestFile, result: RunResult) -> None: ...
    def tearing_down(self, test: TestFile) -> None: ...
    def file_done(self, test: TestFile, result: FileResult) -> None: ...


def summary_line(passed: int, failed: int, skipped: int) -> str:
    head = "Failure!" if failed else "Success!"
    return f"{head} {passed} passed, {failed} failed" + (f", {skipped} skipped." if skipped else ".")


def test(
    filter_: Annotated[
        list[str] | None, typer.Option("--filter", "-filter", metavar="FILE", help="Run only this test file (repeatable).")
    ] = None,
    var: VarOpt = None,
    var_file: VarFileOpt = None,
    junit_xml: Annotated[
        Path | None, typer.Option("--junit-xml", metavar="PATH", help="Also write a JUnit XML report to PATH.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    parallelism: ParallelismOpt = 10,
) -> None:
    """Run the tests in *.mltest.hcl files (here and under tests/) against a throwaway state."""
    from mlinfra.testing import parse, report
    from mlinfra.testing.run import Runner, counts, run_all

    runner = Runner(G.chdir, list(var or []), [in_workdir(p) for p in var_file or []], parallelism=parallelism)
    config = runner.config()
    paths = parse.discover(G.chdir)
    names = {p.relative_to(G.chdir).as_posix(): p for p in paths}
    diags = d.Diagnostics()
    for f in filter_ or []:
        if f not in names:
            diags.add(d.error("Test file not found",
                              f'--filter {f}: there is no test file {f}.' + d.suggestion(f, names), None))  # fmt: skip
    chosen = [n for n in names if not filter_ or n in filter_]
    if not names:
        diags.add(d.error("No test files",
                          f"There are no *{parse.SUFFIX} files in {G.chdir} or its tests/ directory.", None))  # fmt: skip
    tests = []
    sources = views.read_sources(G.chdir)
    for name in chosen:
        t, fd = parse.load(names[name], name, config)
        diags.extend(fd)
        if t is not None:
            tests.append(t)
            sources[name] = t.source
        else:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                sources[name] = names[name].read_text()
    if diags.has_errors:
        if json_out:
            doc = {"format_version": "1.0", "status": "error", "files": [], "diagnostics": [x.to_json() for x in diags]}
            typer.echo(json.dumps(doc, indent=2, sort_keys=True))
        else:
            typer.echo(views.render_diagnostics(diags, sources, G.color), err=True)
        raise typer.Exit(1)
    listener = QuietListener() if json_out else TextListener(sources, G.color)
    results = run_all(runner, tests, listener)
    if junit_xml is not None:
        in_workdir(junit_xml).write_text(report.junit_xml(results))
    n = counts(results)
    failed = n["fail"] + n["error"]
    broken = any(f.diagnostics.has_errors for f in results)
    if json_out:
        typer.echo(json.dumps(report.json_document(results), indent=2, sort_keys=True))
    else:
        typer.echo("\n" + summary_line(n["pass"], failed, n["skip"]))
    raise typer.Exit(1 if failed or broken else 0)
