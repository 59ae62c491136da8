"""``validate``, ``fmt``, ``graph``, ``show`` and ``output``: commands that read the
configuration, a saved plan or the state, and report on it without changing anything.
What validate, show and output do is in ``mlinfra.cli.actions`` (the fast path runs it
without typer); here are their typer arguments."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mlinfra import diagnostics as d
from mlinfra.cli import actions
from mlinfra.cli.common import engine, workdir
from mlinfra.cli.options import finish
from mlinfra.diagnostics import DiagnosticsError


def validate(json_out: Annotated[bool, typer.Option("--json", help="Machine-readable result.")] = False) -> None:
    """Check the configuration without touching state or any cloud."""
    finish(actions.validate(json_out=json_out))


def fmt(
    check: Annotated[bool, typer.Option("--check", help="Exit 3 when a file would change; write nothing.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show what would change.")] = False,
) -> None:
    """Rewrite *.hcl files in the canonical style."""
    from mlinfra.config.fmt import format_source

    changed = []
    errors = d.Diagnostics()
    for p in sorted(workdir().glob("*.hcl")):  # configuration and variable files alike
        text = p.read_text()
        try:
            new = format_source(text)
        except DiagnosticsError as e:
            errors.extend(
                d.Diagnostic(x.severity, x.summary, x.detail, d.SourceRange(p.name, x.range.start_line, x.range.start_column) if x.range else None)
                for x in e.diagnostics
            )
            continue
        if new != text:
            changed.append(p.name)
            if diff:
                import difflib

                typer.echo("".join(difflib.unified_diff(text.splitlines(True), new.splitlines(True), p.name, p.name)))
            if not check:
                p.write_text(new)
    errors.raise_if_errors()
    for name in changed:
        typer.echo(name)
    if check and changed:
        raise typer.Exit(3)


def show(
    planfile: Annotated[
        Path | None, typer.Argument(metavar="PLANFILE", help="A saved plan; without it, the state.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON (Terraform's shapes) instead of text.")] = False,
) -> None:
    """Show the state, or a saved plan."""
    finish(actions.show(planfile=planfile, json_out=json_out))


def output(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="One output; without it, all of them.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the value(s) as JSON.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Print one string, number or bool value as is.")] = False,
) -> None:
    """Print output values from the state."""
    finish(actions.output(name=name, json_out=json_out, raw=raw))


def graph(
    format: Annotated[str, typer.Option("--format", metavar="dot|mermaid|json", help="The graph's notation.")] = "dot",
) -> None:
    """Print the dependency graph."""
    from mlinfra.graph import render

    if format not in ("dot", "mermaid", "json"):
        raise DiagnosticsError(d.error("Invalid --format", f'"{format}" is not one of dot, mermaid, json.'))
    eng = engine()
    config = eng.load()
    typer.echo(render(eng.graph(config), format, {k: r.provider for k, r in config.resources.items()}))
