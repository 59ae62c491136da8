"""``validate``, ``fmt``, ``graph``, ``show`` and ``output``: commands that read the
configuration, a saved plan or the state, and report on it without changing anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mlinfra import __version__
from mlinfra import diagnostics as d
from mlinfra.cli import usage
from mlinfra.cli.common import engine, in_workdir, options, show_diagnostics, workdir
from mlinfra.diagnostics import DiagnosticsError


def validate(json_out: Annotated[bool, typer.Option("--json", help="Machine-readable result.")] = False) -> None:
    """Check the configuration without touching state or any cloud."""
    diags = engine().validate()
    if json_out:
        from mlinfra.cli.views.diagnostics import validate_json

        typer.echo(validate_json(diags))
        raise typer.Exit(1 if diags.has_errors else 0)
    if diags:
        show_diagnostics(diags)
    if diags.has_errors:
        raise typer.Exit(1)
    typer.echo("Success! The configuration is valid.")


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
    if planfile is not None:
        from mlinfra.cli.views import plan as plan_view
        from mlinfra.plans.planfile import load_plan

        saved = load_plan(in_workdir(planfile), engine().codec())
        typer.echo(plan_view.render(saved, "json" if json_out else "text", color=options().color, version=__version__))
        return
    from mlinfra.cli.views import state as state_view

    state = engine().read_state()
    typer.echo(state_view.state_json(state, __version__) if json_out else state_view.render_state(state))


def output(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="One output; without it, all of them.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the value(s) as JSON.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Print one string, number or bool value as is.")] = False,
) -> None:
    """Print output values from the state."""
    usage.refuse_together({"--raw": raw, "--json": json_out})
    if raw and name is None:
        raise DiagnosticsError(d.error("Output name required", "--raw prints one output: mlinfra output --raw NAME."))
    from mlinfra.cli.views import outputs as outputs_view

    outs = engine().read_state().outputs
    if name is not None:
        if name not in outs:
            raise DiagnosticsError(
                d.error("Output not found", f'The output "{name}" is not in the state.{d.suggestion(name, outs)} Run apply first?')
            )
        v = outs[name].value
        if raw and isinstance(v, dict | list):
            raise DiagnosticsError(d.error("Unsupported value for --raw", "--raw prints only strings, numbers and bools."))
        typer.echo(outputs_view.one(name, v, "raw" if raw else "json" if json_out else "text"))
        return
    if not outs and not json_out:
        typer.echo(outputs_view.NO_OUTPUTS, err=True)
        return
    typer.echo(outputs_view.every(outs, json_out))


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
