"""How the command line presents itself: ``--help`` without type labels on flags, an
unknown option answered with a suggestion only when one is close, and options that
contradict each other refused instead of one silently winning."""

from __future__ import annotations

import difflib
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
    close = difflib.get_close_matches(option, list(possibilities or ()), n=1, cutoff=SUGGEST_CUTOFF)
    return f"No such option: {option}" + (f". Did you mean {close[0]}?" if close else "")


def refuse_together(flags: dict[str, object]) -> None:
    """Refuse options that contradict each other: ``{"--raw": raw, "--json": json_out}``."""
    used = [name for name, value in flags.items() if value]
    if len(used) > 1:
        raise DiagnosticsError(
            d.error("Incompatible options", f"{' and '.join(used)} cannot be used together: choose one.")
        )
