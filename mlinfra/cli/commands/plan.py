"""``plan``, ``apply`` and ``destroy``: the commands that plan changes and make them.
What plan does is in ``mlinfra.cli.actions`` (the fast path runs it without typer)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from mlinfra.cli import actions, usage
from mlinfra.cli.common import echo, engine, in_workdir, options, show_diagnostics, show_warnings
from mlinfra.cli.options import (
    AutoApproveOpt,
    LockTimeoutOpt,
    ParallelismOpt,
    RefreshOpt,
    ReplaceOpt,
    TargetOpt,
    VarFileOpt,
    VarOpt,
    finish,
)


def plan(
    out: Annotated[Path | None, typer.Option("--out", "-out", metavar="FILE", help="Save the plan to FILE.")] = None,
    detailed_exitcode: Annotated[bool, typer.Option("--detailed-exitcode", help="Exit 2 when there are changes.")] = False,
    destroy: Annotated[bool, typer.Option("--destroy", help="Plan to destroy everything.")] = False,
    refresh_only: Annotated[bool, typer.Option("--refresh-only", help="Only show drift.")] = False,
    refresh: RefreshOpt = True,
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
    finish(actions.plan(**locals()))  # every parameter above, by name


def _confirm(eng: Any, auto_approve: bool, verb: str) -> Any:
    from mlinfra.cli import confirm

    def show(p: Any) -> None:
        from mlinfra.cli.views.plan_text import render_plan

        echo(render_plan(p, color=options().color))
        show_warnings(eng, defer_checks=True)

    return confirm.asker(show, auto_approve=auto_approve, verb=verb, workspace=eng.workspace)


def _hooks() -> Any:
    if sys.stdout.isatty():
        from rich.console import Console

        from mlinfra.cli.views.progress import LiveHooks

        return LiveHooks(Console())
    from mlinfra.cli.views.progress import LineHooks

    return LineHooks()


def _apply(eng: Any, opts: Any, saved: Any, auto_approve: bool, verb: str) -> None:
    from mlinfra.apply.interrupt import Interrupt
    from mlinfra.cli import interrupts
    from mlinfra.cli.views.plan_text import render_apply_summary, render_outputs
    from mlinfra.plans.model import Mode

    hooks = _hooks()
    confirm = None if saved is not None else _confirm(eng, auto_approve, verb)
    stop = Interrupt()
    with hooks, interrupts.handled(stop):
        p, result = eng.apply(opts, saved=saved, confirm=confirm, hooks=hooks, interrupt=stop)
    show_warnings(eng)
    if result is None:
        return
    if result.diagnostics.has_errors:
        show_diagnostics(result.diagnostics, p.sources)
        if stop.immediate:
            interrupts.exit_now(interrupts.EXIT_CODE)
        raise typer.Exit(interrupts.EXIT_CODE if result.interrupted else 1)
    echo(
        "\n" + render_apply_summary(result.added, result.changed, result.destroyed, imported=result.imported, mode=p.mode)
    )
    if result.outputs and p.mode is not Mode.DESTROY:
        echo("\n" + render_outputs(result.outputs))


def apply(
    planfile: Annotated[Path | None, typer.Argument(metavar="PLANFILE", help="A plan saved with plan --out.")] = None,
    auto_approve: AutoApproveOpt = False,
    destroy: Annotated[bool, typer.Option("--destroy", help="Destroy everything.")] = False,
    refresh_only: Annotated[bool, typer.Option("--refresh-only", help="Only record drift.")] = False,
    refresh: RefreshOpt = True,
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
    _apply(eng, actions.run_options(destroy, refresh_only, refresh, target, replace), saved, auto_approve, "apply")


def destroy(
    auto_approve: AutoApproveOpt = False,
    target: TargetOpt = None,
    var: VarOpt = None,
    var_file: VarFileOpt = None,
    parallelism: ParallelismOpt = 10,
    lock_timeout: LockTimeoutOpt = 0.0,
) -> None:
    """Destroy everything in the state."""
    eng = engine(var_args=var, var_files=var_file, lock_timeout=lock_timeout, parallelism=parallelism)
    _apply(eng, actions.run_options(True, False, True, target, None), None, auto_approve, "destroy")
