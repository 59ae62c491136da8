"""``mlinfra test``: run the *.mltest.hcl files of a configuration (``mlinfra.testing``)
and print what happens (``mlinfra.cli.views.test``)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Annotated

import typer

from mlinfra import diagnostics as d
from mlinfra.cli.common import in_workdir, options, show_diagnostics, workdir
from mlinfra.cli.options import ParallelismOpt, VarFileOpt, VarOpt


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
    from mlinfra.cli.views.diagnostics import read_sources
    from mlinfra.cli.views.test import QuietListener, TextListener, summary_line
    from mlinfra.testing import parse, report
    from mlinfra.testing.run import Listener, Runner, counts, run_all

    here = workdir()
    runner = Runner(here, list(var or []), [in_workdir(p) for p in var_file or []], parallelism=parallelism)
    config = runner.config()
    names = {p.relative_to(here).as_posix(): p for p in parse.discover(here)}
    diags = d.Diagnostics()
    for f in filter_ or []:
        if f not in names:
            diags.add(d.error("Test file not found",
                              f"--filter {f}: there is no test file {f}." + d.suggestion(f, names), None))  # fmt: skip
    if not names:
        diags.add(d.error("No test files",
                          f"There are no *{parse.SUFFIX} files in {here} or its tests/ directory.", None))  # fmt: skip
    tests = []
    sources = read_sources(here)
    for name in [n for n in names if not filter_ or n in filter_]:
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
            typer.echo(json.dumps(report.error_document(diags), indent=2, sort_keys=True))
        else:
            show_diagnostics(diags, sources)
        raise typer.Exit(1)
    listener: Listener = QuietListener() if json_out else TextListener(sources, options().color)
    results = run_all(runner, tests, listener)
    if junit_xml is not None:
        in_workdir(junit_xml).write_text(report.junit_xml(results))
    n = counts(results)
    failed = n["fail"] + n["error"]
    if json_out:
        typer.echo(json.dumps(report.json_document(results), indent=2, sort_keys=True))
    else:
        typer.echo("\n" + summary_line(n["pass"], failed, n["skip"]))
    raise typer.Exit(1 if failed or any(f.diagnostics.has_errors for f in results) else 0)
