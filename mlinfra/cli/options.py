"""Options several typer commands take, spelled as Terraform spells them (``-var`` as
well as ``--var``). Only the typer commands import this module: the fast path reads its
own table of the same options (``mlinfra.cli.fast``), checked against these by the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def finish(code: int) -> None:
    """End a typer command with an action's exit code (0 returns)."""
    if code:
        raise typer.Exit(code)
    return None


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
AutoApproveOpt = Annotated[bool, typer.Option("--auto-approve", help="Skip the confirmation.")]
RefreshOpt = Annotated[
    bool, typer.Option("--refresh/--no-refresh", help="Read every object back before planning (the default).")
]
