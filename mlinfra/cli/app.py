"""The typer app: global options and the plan/apply family of commands.

State, workspace and lock commands live in ``state_cmds``. Commands raise
``DiagnosticsError`` (rendered by ``run``) or return an exit code via ``typer.Exit``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

try:  # typer >= 0.20 carries its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from mlinfra import __version__
from mlinfra import diagnostics as d
from mlinfra.cli import confirm, interrupts, usage, views
from mlinfra.diagnostics import DiagnosticsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Declarative infrastructure as code for machine learning.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Globals:
    chdir: Path = Path(".")
    color: bool = False
    verbose: int = 0


G = Globals()


def _use_color(no_color: bool) -> bool:
    return not no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@app.callback()
def _globals(
    chdir: Annotated[Path, typer.Option("-C", "--chdir", metavar="DIR", help="Work in DIR.", show_default=False)] = Path("."),
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours in output.")] = False,
    verbose: Annotated[
        int, typer.Option("-v", "--verbose", count=True, show_default=False, help="More logging; -vv logs every decision.")
    ] = 0,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"mlinfra {__version__}")
        raise typer.Exit(0)
    if not chdir.is_dir():
        raise DiagnosticsError(d.error("No such directory", f"-C {chdir}: the directory does not exist."))
    G.chdir = chdir.resolve()
    G.color = _use_color(no_color)
    G.verbose = verbose
    if verbose:
        logging.basicConfig(
            level=logging.DEBUG if verbose >= 2 else logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )


def in_workdir(path: Path) -> Path:
    """A path given on the command line, relative to -C DIR as in Terraform's -chdir."""
    return path if path.is_absolute() else G.chdir / path


def engine(**kw: Any) -> Any:
    from mlinfra.engine import Engine

    if kw.get("var_files"):
        kw["var_files"] = [in_workdir(p) for p in kw["var_files"]]
    return Engine(G.chdir, **kw)


VarOpt = Annotated[
    list[str] | None, typer.Option("--var", "-var", metavar="NAME=VALUE", help="Set a variable (repeatable).")
]
VarFileOpt = Annotated[
    list[Path] | None, typer.Option("--var-file", "-var-file", metavar="FILE", help="Read variables from FILE (repeatable).")
]
LockTimeoutOpt = Annotated[
    float, typer.Option("--lock-timeout", metavar="SECONDS", help="Seconds to wait for the state lock.")
]
ParallelismOpt = Annotated[int, typer.Option("--parallelism", min=1, metavar="N", help="Operations at once.")]
TargetOpt = Annotated[
    list[str] | None, typer.Option("--target", "-target", metavar="ADDR", help="Limit to ADDR and what it needs (repeatable).")
]
ReplaceOpt = Annotated[
    list[str] | None, typer.Option("--replace", "-replace", metavar="ADDR", help="Force replacing ADDR (repeatable).")
]


def _warnings(eng: Any, *, defer_checks: bool = False) -> None:
    """Show the warnings collected so far, once. With ``defer_checks`` the results of
    ``check`` blocks wait: an apply evaluates them again on what it made, and shows them then."""
    held = [w for w in eng.warnings if defer_checks and (w.context or "").startswith("check ")]
    shown = d.Diagnostics([w for w in eng.warnings if w not in held])
    if shown:
        typer.echo(views.render_diagnostics(shown, views.read_sources(G.chdir), G.color), err=True)
    eng.warnings = d.Diagnostics(held)


@app.command()
def validate(json_out: Annotated[bool, typer.Option("--json", help="Machine-readable result.")] = False) -> None:
    """Check the configuration without touching state or any cloud."""
    eng = engine()
    diags = eng.validate()
    if json_out:
        doc = {
            "format_version": "1.0",
            "valid": not diags.has_errors,
            "error_count": len(diags.errors),
            "warning_count": len(diags.warnings),
            "diagnostics": [x.to_json() for x in diags.in_source_order()],
        }
        typer.echo(json.dumps(doc, indent=2, sort_keys=True))
        raise typer.Exit(1 if diags.has_errors else 0)
    if diags:
        typer.echo(views.render_diagnostics(diags, views.read_sources(G.chdir), G.color), err=True)
    if diags.has_errors:
        raise typer.Exit(1)
    typer.echo("Success! The configuration is valid.")


@app.command()
def fmt(
    check: Annotated[bool, typer.Option("--check", help="Exit 3 when a file would change; write nothing.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Show what would change.")] = False,
) -> None:
    """Rewrite *.hcl files in the canonical style."""
    from mlinfra.config.fmt import format_source

    changed = []
    errors = d.Diagnostics()
    for p in sorted(G.chdir.glob("*.hcl")):  # configuration and variable files alike
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


def _run_opts(destroy: bool, refresh_only: bool, refresh: bool, target: list[str] | None, replace: list[str] | None) -> Any:
    from mlinfra.engine import RunOptions
    from mlinfra.plans.model import Mode

    if destroy and refresh_only:
        raise DiagnosticsError(d.error("Incompatible options", "--destroy and --refresh-only cannot be used together."))
    mode = Mode.DESTROY if destroy else Mode.REFRESH_ONLY if refresh_only else Mode.NORMAL
    return RunOptions(mode=mode, refresh=refresh, targets=list(target or []), replace=list(replace or []))


def _show_plan(plan: Any, fmt_name: str, rv: Any = None) -> None:
    from mlinfra.cli import review

    typer.echo(review.show(plan, fmt_name, G.color, rv or review.Review(), __version__))


@app.command()
def plan(
    out: Annotated[Path | None, typer.Option("--out", "-out", metavar="FILE", help="Save the plan to FILE.")] = None,
    detailed_exitcode: Annotated[bool, typer.Option("--detailed-exitcode", help="Exit 2 when there are changes.")] = False,
    destroy: Annotated[bool, typer.Option("--destroy", help="Plan to destroy everything.")] = False,
    refresh_only: Annotated[bool, typer.Option("--refresh-only", help="Only show drift.")] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh/--no-refresh", help="Read every object back before planning (the default).")
    ] = True,
    target: TargetOpt = None,
    replace: ReplaceOpt = None,
    var: VarOpt = None,
    var_file: VarFileOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Terraform-shaped plan JSON (same as --format json).")] = False,
    format: Annotated[
        str | None, typer.Option("--format", metavar="text|markdown|json", help="How to print the plan. [default: text]")
    ] = None,
    no_changes_silent: Annotated[
        bool, typer.Option("--no-changes-silent", help="Print nothing when nothing changes (for PR comments).")
    ] = False,
    policy: Annotated[
        list[Path] | None, typer.Option("--policy", metavar="DIR", help="Check the plan against the policies in DIR (default: policies/).")
    ] = None,
    cost_limit_monthly: Annotated[
        float | None,
        typer.Option("--cost-limit-monthly", metavar="N", help="Fail when the monthly cost would rise by more than N dollars."),
    ] = None,
    parallelism: ParallelismOpt = 10,
    lock_timeout: LockTimeoutOpt = 0.0,
) -> None:
    """Show what apply would change."""
    if json_out and format not in (None, "json"):
        usage.refuse_together({"--json": True, f"--format {format}": True})
    format = format or "text"
    if format not in ("text", "markdown", "json"):
        raise DiagnosticsError(d.error("Invalid --format", f'"{format}" is not one of text, markdown, json.'))
    if no_changes_silent and (json_out or format == "json"):
        raise DiagnosticsError(
            d.error("Incompatible options", "--no-changes-silent is for text and markdown; JSON always prints the plan.")
        )
    from mlinfra.cli import review

    policies = review.load_policies(G.chdir, policy)
    eng = engine(var_args=var, var_files=var_file, lock_timeout=lock_timeout, parallelism=parallelism)
    p = eng.plan(_run_opts(destroy, refresh_only, refresh, target, replace))
    _warnings(eng)
    rv = review.review(p, policies)
    if not (no_changes_silent and not p.has_changes):
        _show_plan(p, "json" if json_out else format, rv)
    if rv.warnings.items:
        typer.echo(views.render_diagnostics(rv.warnings, views.read_sources(G.chdir), G.color), err=True)
    review.gate(p, rv, cost_limit_monthly)
    if out is not None:
        from mlinfra.plans.planfile import save_plan

        save_plan(p, in_workdir(out), eng.codec())
        if not json_out and format == "text" and not (no_changes_silent and not p.has_changes):
            typer.echo(f"\nSaved the plan to: {out}\n\nTo perform exactly these actions, run:\n  mlinfra apply {out}")
    if detailed_exitcode and p.has_changes:
        raise typer.Exit(2)


def _confirm(eng: Any, auto_approve: bool, verb: str) -> Any:
    def show(p: Any) -> None:
        from mlinfra.plans.render_text import render_plan

        typer.echo(render_plan(p, color=G.color))
        _warnings(eng, defer_checks=True)

    return confirm.asker(show, auto_approve=auto_approve, verb=verb, workspace=eng.workspace)


def _hooks() -> Any:
    if sys.stdout.isatty():
        from rich.console import Console

        return views.LiveHooks(Console())
    return views.LineHooks()


def _apply(eng: Any, opts: Any, saved: Any, auto_approve: bool, verb: str) -> None:
    from mlinfra.apply.interrupt import Interrupt
    from mlinfra.plans.render_text import render_apply_summary, render_outputs

    hooks = _hooks()
    confirm = None if saved is not None else _confirm(eng, auto_approve, verb)
    stop = Interrupt()
    with hooks, interrupts.handled(stop):
        p, result = eng.apply(opts, saved=saved, confirm=confirm, hooks=hooks, interrupt=stop)
    _warnings(eng)
    if result is None:
        return
    if result.diagnostics.has_errors:
        typer.echo(views.render_diagnostics(result.diagnostics, p.sources or views.read_sources(G.chdir), G.color), err=True)
        if stop.immediate:
            interrupts.exit_now(interrupts.EXIT_CODE)
        raise typer.Exit(interrupts.EXIT_CODE if result.interrupted else 1)
    from mlinfra.plans.model import Mode

    typer.echo(
        "\n" + render_apply_summary(result.added, result.changed, result.destroyed, imported=result.imported, mode=p.mode)
    )
    if result.outputs and p.mode is not Mode.DESTROY:
        typer.echo("\n" + render_outputs(result.outputs))


@app.command()
def apply(
    planfile: Annotated[Path | None, typer.Argument(metavar="PLANFILE", help="A plan saved with plan --out.")] = None,
    auto_approve: Annotated[bool, typer.Option("--auto-approve", help="Skip the confirmation.")] = False,
    destroy: Annotated[bool, typer.Option("--destroy", help="Destroy everything.")] = False,
    refresh_only: Annotated[bool, typer.Option("--refresh-only", help="Only record drift.")] = False,
    refresh: Annotated[
        bool, typer.Option("--refresh/--no-refresh", help="Read every object back before planning (the default).")
    ] = True,
    target: TargetOpt = None,
    replace: ReplaceOpt = None,
    var: VarOpt = None,
    var_file: VarFileOpt = None,
    parallelism: ParallelismOpt = 10,
    lock_timeout: LockTimeoutOpt = 0.0,
) -> None:
    """Make the infrastructure match the configuration (or a saved plan)."""
    saved = None
    if planfile is not None:
        from mlinfra.plans.planfile import load_plan

        usage.refuse_with_saved_plan(
            planfile, var=var, var_file=var_file, target=target, replace=replace,
            destroy=destroy, refresh_only=refresh_only, no_refresh=not refresh,
        )
    eng = engine(var_args=var, var_files=var_file, lock_timeout=lock_timeout, parallelism=parallelism)
    if planfile is not None:
        saved = load_plan(in_workdir(planfile), eng.codec())
    _apply(eng, _run_opts(destroy, refresh_only, refresh, target, replace), saved, auto_approve, "apply")


@app.command()
def destroy(
    auto_approve: Annotated[bool, typer.Option("--auto-approve", help="Skip the confirmation.")] = False,
    target: TargetOpt = None,
    var: VarOpt = None,
    var_file: VarFileOpt = None,
    parallelism: ParallelismOpt = 10,
    lock_timeout: LockTimeoutOpt = 0.0,
) -> None:
    """Destroy everything in the state."""
    eng = engine(var_args=var, var_files=var_file, lock_timeout=lock_timeout, parallelism=parallelism)
    _apply(eng, _run_opts(True, False, True, target, None), None, auto_approve, "destroy")


def _register_groups() -> None:
    from mlinfra.cli import info_cmds, state_cmds, test_cmd

    for name, fn in info_cmds.COMMANDS.items():
        app.command(name)(fn)
    app.add_typer(state_cmds.state_app, name="state")
    app.add_typer(state_cmds.workspace_app, name="workspace")
    app.command("force-unlock")(state_cmds.force_unlock)
    app.command("test")(test_cmd.test)


_register_groups()


def _hoist_globals(args: list[str]) -> list[str]:
    """Accept --no-color after the command too (``mlinfra plan --no-color``)."""
    flags = [a for a in args if a == "--no-color"]
    return flags + [a for a in args if a != "--no-color"] if flags else args


def run(args: list[str], debug: bool = False) -> int:
    try:
        command = usage.tidy(typer.main.get_command(app))
        code = command(_hoist_globals(args), prog_name="mlinfra", standalone_mode=False)
        return int(code or 0)
    except DiagnosticsError as e:
        if debug or G.verbose >= 2:
            import traceback

            traceback.print_exc()
        typer.echo(views.render_diagnostics(e.diagnostics, views.read_sources(G.chdir), G.color), err=True)
        return 1
    except typer.Exit as e:
        return int(e.exit_code)
    except typer.Abort:
        typer.echo("\nInterrupted.", err=True)
        return 1
    except click_exceptions.ClickException as e:
        if isinstance(e, click_exceptions.NoSuchOption):
            message = usage.unknown_option(e.option_name, list(e.possibilities or ()))
        else:
            message = e.format_message()
        typer.echo(f"Error: {message}", err=True)
        if isinstance(e, click_exceptions.UsageError) and e.ctx is not None:
            typer.echo(f"\nSee: {e.ctx.command_path} --help", err=True)
        return 1
    except KeyboardInterrupt:
        typer.echo("\nInterrupted.", err=True)
        return 1
    except Exception as e:  # noqa: BLE001 - the last line of defence: no traceback for users
        if debug or G.verbose >= 2:
            raise
        typer.echo(
            f"Error: internal error: {type(e).__name__}: {e}\n\nThis is a bug in mlinfra. Run again with "
            "MLINFRA_DEBUG=1 for the traceback and report it.",
            err=True,
        )
        return 1
