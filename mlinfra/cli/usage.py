"""How the command line presents itself: ``--help`` without type labels on flags, an
unknown option answered with a suggestion only when one is close, and options that
contradict each other (or a saved plan) refused instead of one silently winning. Only
``tidy`` needs typer (and imports it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError

# How alike an unknown option and a real one must be to suggest the real one.
SUGGEST_CUTOFF = 0.75


def tidy(command: Any) -> Any:
    """Give every flag (and counted flag, and ``--help``) of the command tree an empty
    metavar, so ``--help`` shows ``--json`` rather than ``--json <bool>``."""
    from typer import _click as click

    params = list(command.params)
    ctx = click.Context(command, info_name=command.name, help_option_names=["-h", "--help"])
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        params.append(help_option)
    for p in params:
        if getattr(p, "is_flag", False) or getattr(p, "count", False):
            p.metavar = ""
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)
    return command


def unknown_option(option: str, possibilities: list[str] | None) -> str:
    """``No such option: --tagret. Did you mean --target?``, or no suggestion at all
    when nothing is close (``--bogus`` is not a misspelt ``--out``)."""
    import difflib

    close = difflib.get_close_matches(option, list(possibilities or ()), n=1, cutoff=SUGGEST_CUTOFF)
    return f"No such option: {option}" + (f". Did you mean {close[0]}?" if close else "")


def refuse_together(flags: dict[str, object]) -> None:
    """Refuse options that contradict each other: ``{"--raw": raw, "--json": json_out}``."""
    used = [name for name, value in flags.items() if value]
    if len(used) > 1:
        raise DiagnosticsError(
            d.error("Incompatible options", f"{' and '.join(used)} cannot be used together: choose one.")
        )


def refuse_with_saved_plan(planfile: Path, **given: object) -> None:
    """A saved plan is applied exactly as it was made: options that would change what
    it does are refused, as Terraform refuses variables for a saved plan."""
    diags = d.Diagnostics()
    if given.pop("var") or given.pop("var_file"):
        diags.add(
            d.error(
                "Can't set variables when applying a saved plan",
                "The --var and --var-file options cannot be used when applying a saved plan file, "
                "because a saved plan includes the variable values that were set when it was created. "
                "Create a new plan with the new values: mlinfra plan --var NAME=VALUE --out FILE.",
            )
        )
    flags = [f"--{k.replace('_', '-')}" for k, v in given.items() if v]
    if flags:
        diags.add(
            d.error(
                "Can't set planning options when applying a saved plan",
                f"{', '.join(flags)} cannot be used when applying a saved plan file: {planfile} already "
                f"records exactly what it does. Create a new plan with {'these options' if len(flags) > 1 else 'this option'}: "
                f"mlinfra plan {' '.join(flags)} ... --out FILE, then mlinfra apply FILE.",
            )
        )
    diags.raise_if_errors()
