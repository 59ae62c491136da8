"""What the commands share: the global options of this run, the engine for the working
directory, option types used by several commands, and showing diagnostics.

The global options (``-C DIR``, ``--no-color``, ``-v``) are parsed once by the app's
callback into an ``Options`` value, kept in the typer context's ``obj`` and in a context
variable for the length of one ``run`` (so code called by a command, such as the
confirmation prompt, reads them with ``options()`` without a ``ctx`` parameter). There
is no module-level mutable state: two runs in one process do not see each other's options.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mlinfra import diagnostics as d
from mlinfra.cli.views.diagnostics import read_sources, render_diagnostics

if TYPE_CHECKING:
    from mlinfra.engine import Engine


@dataclass(frozen=True)
class Options:
    """The global options: the working directory (``-C DIR``, resolved), whether to
    colour the output, and the ``-v`` count."""

    chdir: Path = Path(".")
    color: bool = False
    verbose: int = 0


DEFAULTS = Options()
_OPTIONS: contextvars.ContextVar[Options] = contextvars.ContextVar("mlinfra_cli_options", default=DEFAULTS)


def options() -> Options:
    """The global options of the command being run."""
    return _OPTIONS.get()


def use_options(opts: Options, ctx: typer.Context | None = None) -> None:
    """Make ``opts`` the options of the rest of this run (the app's callback calls it)."""
    _OPTIONS.set(opts)
    if ctx is not None:
        ctx.obj = opts


@contextlib.contextmanager
def scoped_options() -> Iterator[None]:
    """One run's options: defaults on entry, and the caller's restored on exit."""
    token = _OPTIONS.set(DEFAULTS)
    try:
        yield
    finally:
        _OPTIONS.reset(token)


def use_color(no_color: bool) -> bool:
    return not no_color and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def workdir() -> Path:
    """The working directory: ``-C DIR``, or the current one."""
    return options().chdir


def in_workdir(path: Path) -> Path:
    """A path given on the command line, relative to -C DIR as in Terraform's -chdir."""
    return path if path.is_absolute() else workdir() / path


def engine(**kw: Any) -> Engine:
    """The ``Engine`` facade for the working directory; ``var_files`` are taken relative to it."""
    from mlinfra.engine import Engine

    if kw.get("var_files"):
        kw["var_files"] = [in_workdir(p) for p in kw["var_files"]]
    return Engine(workdir(), **kw)


def show_diagnostics(diags: d.Diagnostics, sources: dict[str, str] | None = None) -> None:
    """Print diagnostics on stderr, with the lines of the working directory's files
    (or of ``sources``, such as a saved plan's)."""
    typer.echo(render_diagnostics(diags, sources or read_sources(workdir()), options().color), err=True)


def show_warnings(eng: Any, *, defer_checks: bool = False) -> None:
    """Show the warnings collected so far, once. With ``defer_checks`` the results of
    ``check`` blocks wait: an apply evaluates them again on what it made, and shows them then."""
    held = [w for w in eng.warnings if defer_checks and (w.context or "").startswith("check ")]
    shown = d.Diagnostics([w for w in eng.warnings if w not in held])
    if shown:
        show_diagnostics(shown)
    eng.warnings = d.Diagnostics(held)


# Options several commands take, spelled as Terraform spells them (-var as well as --var).
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
