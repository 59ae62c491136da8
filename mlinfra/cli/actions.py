"""What ``validate``, ``plan``, ``show`` and ``output`` do, without typer: each takes its
options as plain values (every one given: the callers pass the defaults) and returns the
exit code, printing through ``common.echo``. The typer commands (``mlinfra.cli.commands``)
parse a command line and call these; so does the fast path (``mlinfra.cli.fast``), which
runs them without importing typer. Errors are raised as ``DiagnosticsError``, for
``guard`` to show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlinfra import __version__
from mlinfra import diagnostics as d
from mlinfra.cli import usage
from mlinfra.cli.common import echo, engine, in_workdir, options, show_diagnostics, show_warnings
from mlinfra.diagnostics import DiagnosticsError

PLAN_FORMATS = ("text", "markdown", "json")


def run_options(
    destroy: bool, refresh_only: bool, refresh: bool, target: list[str] | None, replace: list[str] | None
) -> Any:
    """The engine's ``RunOptions`` for plan and apply's mode options."""
    from mlinfra.engine import RunOptions
    from mlinfra.plans.model import Mode

    if destroy and refresh_only:
        raise DiagnosticsError(d.error("Incompatible options", "--destroy and --refresh-only cannot be used together."))
    mode = Mode.DESTROY if destroy else Mode.REFRESH_ONLY if refresh_only else Mode.NORMAL
    return RunOptions(mode=mode, refresh=refresh, targets=list(target or []), replace=list(replace or []))


def validate(*, json_out: bool) -> int:
    """Check the configuration without touching state or any cloud."""
    diags = engine().validate()
    if json_out:
        from mlinfra.cli.views.diagnostics import validate_json

        echo(validate_json(diags))
        return 1 if diags.has_errors else 0
    if diags:
        show_diagnostics(diags)
    if diags.has_errors:
        return 1
    echo("Success! The configuration is valid.")
    return 0


def plan(
    *,
    out: Path | None,
    detailed_exitcode: bool,
    destroy: bool,
    refresh_only: bool,
    refresh: bool,
    target: list[str] | None,
    replace: list[str] | None,
    var: list[str] | None,
    var_file: list[Path] | None,
    json_out: bool,
    format: str | None,
    no_changes_silent: bool,
    policy: list[Path] | None,
    cost_limit_monthly: float | None,
    parallelism: int,
    lock_timeout: float,
) -> int:
    """Show what apply would change; 2 with ``detailed_exitcode`` when there are changes."""
    if json_out and format not in (None, "json"):
        usage.refuse_together({"--json": True, f"--format {format}": True})
    format = format or "text"
    if format not in PLAN_FORMATS:
        raise DiagnosticsError(d.error("Invalid --format", f'"{format}" is not one of text, markdown, json.'))
    if no_changes_silent and (json_out or format == "json"):
        raise DiagnosticsError(
            d.error("Incompatible options", "--no-changes-silent is for text and markdown; JSON always prints the plan.")
        )
    from mlinfra.cli import review
    from mlinfra.cli.views import plan as plan_view

    opts = options()
    policies = review.load_policies(opts.chdir, policy)
    eng = engine(var_args=var, var_files=var_file, lock_timeout=lock_timeout, parallelism=parallelism)
    p = eng.plan(run_options(destroy, refresh_only, refresh, target, replace))
    show_warnings(eng)
    rv = review.review(p, policies)
    if not (no_changes_silent and not p.has_changes):
        shown = plan_view.render(
            p, "json" if json_out else format, color=opts.color, version=__version__,
            policies=rv.policies, violations=rv.violations,
        )
        echo(shown)
    if rv.warnings.items:
        show_diagnostics(rv.warnings)
    review.gate(p, rv, cost_limit_monthly)
    if out is not None:
        from mlinfra.plans.planfile import save_plan

        save_plan(p, in_workdir(out), eng.codec())
        if not json_out and format == "text" and not (no_changes_silent and not p.has_changes):
            echo(f"\nSaved the plan to: {out}\n\nTo perform exactly these actions, run:\n  mlinfra apply {out}")
    return 2 if detailed_exitcode and p.has_changes else 0


def show(*, planfile: Path | None, json_out: bool) -> int:
    """Show the state, or a saved plan."""
    if planfile is not None:
        from mlinfra.cli.views import plan as plan_view
        from mlinfra.plans.planfile import load_plan

        saved = load_plan(in_workdir(planfile), engine().codec())
        echo(plan_view.render(saved, "json" if json_out else "text", color=options().color, version=__version__))
        return 0
    from mlinfra.cli.views import state as state_view

    state = engine().read_state()
    echo(state_view.state_json(state, __version__) if json_out else state_view.render_state(state))
    return 0


def output(*, name: str | None, json_out: bool, raw: bool) -> int:
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
        echo(outputs_view.one(name, v, "raw" if raw else "json" if json_out else "text"))
        return 0
    if not outs and not json_out:
        echo(outputs_view.NO_OUTPUTS, err=True)
        return 0
    echo(outputs_view.every(outs, json_out))
    return 0
