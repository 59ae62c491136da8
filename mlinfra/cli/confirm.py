"""The confirmation before an apply or a destroy, as Terraform asks it.

The answer is read from the terminal, or from a pipe (``echo yes | mlinfra apply``);
only ``yes`` approves. A destroy's question says there is no undo. With nothing to read
(no terminal, an empty pipe) the command is refused with the ways to answer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError


def question(p: Any, workspace: str) -> str:
    """Terraform's question: a destroy says it cannot be undone."""
    from mlinfra.plans.model import Mode

    if p.mode is Mode.DESTROY:
        where = "" if workspace == "default" else f' in workspace "{workspace}"'
        return (
            f"Do you really want to destroy all resources{where}?\n"
            "  mlinfra will destroy all your managed infrastructure, as shown above.\n"
            "  There is no undo. Only 'yes' will be accepted to confirm."
        )
    return (
        "Do you want to perform these actions"
        + ("" if workspace == "default" else f' in workspace "{workspace}"')
        + "?\n  mlinfra will perform the actions described above.\n  Only 'yes' will be accepted to approve."
    )


def answer() -> str | None:
    """The answer typed at the terminal, or piped in (``echo yes | mlinfra apply``);
    None when there is nothing to read."""
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        return input("  Enter a value: ").strip()
    typer.echo("  Enter a value: ", nl=False)
    try:
        line = sys.stdin.readline()
    except (OSError, ValueError):
        line = ""
    typer.echo(line.strip())
    return line.strip() if line else None


def asker(show: Callable[[Any], None], *, auto_approve: bool, verb: str, workspace: str) -> Callable[[Any], bool]:
    """The ``confirm`` the engine calls with the plan: ``show`` prints it, then the
    question is asked unless there is nothing to do or ``auto_approve``."""

    def ask(p: Any) -> bool:
        show(p)
        if not p.has_changes or auto_approve:
            return True
        typer.echo("\n" + question(p, workspace) + "\n")
        reply = answer()
        if reply is None:
            raise DiagnosticsError(
                d.error(
                    "No answer to confirm with",
                    f"mlinfra {verb} needs the answer yes, typed at a terminal or piped in "
                    f"(echo yes | mlinfra {verb}). Pass --auto-approve to skip the question (for CI), "
                    "or apply a saved plan: mlinfra apply PLANFILE.",
                )
            )
        if reply != "yes":
            typer.echo(f"\n{verb.capitalize()} cancelled.")
            raise typer.Exit(1)
        return True

    return ask
