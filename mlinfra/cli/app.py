"""The typer app: the global options, the table of commands, and ``run``.

Each command lives in a module of ``mlinfra.cli.commands`` (arguments, a call to the
engine, a view of the result); this module only lists them (``COMMANDS``, ``GROUPS``) in
the order ``--help`` shows them. ``run`` builds the app with only the command the
arguments name, so ``mlinfra plan --help`` imports no other command's module; help and
anything unusual get every command. Commands raise ``DiagnosticsError`` (rendered by
``guard``, as on the fast path) or return an exit code via ``typer.Exit``. Most runs of
validate, plan, show and output never get here: ``mlinfra.cli.fast`` runs them.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer

try:  # typer >= 0.20 carries its own copy of click
    from typer._click import Context as ClickContext
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import Context as ClickContext  # type: ignore[assignment]
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from mlinfra import __version__
from mlinfra.cli import usage
from mlinfra.cli.common import echo, scoped_options, use_globals
from mlinfra.cli.guard import guarded, interrupted

# The commands in the order --help lists them: (name, module in mlinfra.cli.commands,
# function); then the groups of subcommands, each a typer app: (name, module, app).
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("validate", "inspect", "validate"),
    ("fmt", "inspect", "fmt"),
    ("test", "test", "test"),
    ("plan", "plan", "plan"),
    ("apply", "plan", "apply"),
    ("destroy", "plan", "destroy"),
    ("show", "inspect", "show"),
    ("output", "inspect", "output"),
    ("graph", "inspect", "graph"),
    ("init", "init", "init"),
    ("import", "state", "import_"),
    ("providers", "init", "providers"),
    ("force-unlock", "state", "force_unlock"),
)
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("state", "state", "state_app"),
    ("workspace", "workspace", "workspace_app"),
)


def _globals(
    ctx: typer.Context,
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
    use_globals(chdir, no_color, verbose, ctx)


def build(only: str | None = None) -> typer.Typer:
    """The typer app with every command, or with only the command or group ``only`` (what
    ``run`` uses when the command line names one: the other command modules are not
    imported)."""
    app = typer.Typer(
        add_completion=False,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        help="Declarative infrastructure as code for machine learning.",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_globals)
    for name, module, attr in COMMANDS:
        if only in (None, name):
            app.command(name)(getattr(_module(module), attr))
    for name, module, attr in GROUPS:  # typer lists groups after commands
        if only in (None, name):
            app.add_typer(getattr(_module(module), attr), name=name)
    return app


def _module(name: str) -> Any:
    return importlib.import_module(f"mlinfra.cli.commands.{name}")


# Global options that take no value, and those that take one.
_FLAGS = frozenset({"--no-color", "-v", "-vv", "-vvv", "--verbose"})
_VALUED = frozenset({"-C", "--chdir"})


def _command_named(args: list[str]) -> str | None:
    """The command (or group) the arguments run, when the global options before it are
    plain; None (build every command) for anything else: help, --version, a misspelt
    command."""
    rest = iter(args)
    for arg in rest:
        if arg in _VALUED:
            next(rest, None)
        elif arg in _FLAGS or arg.startswith("--chdir="):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg if any(arg == name for name, _, _ in (*COMMANDS, *GROUPS)) else None
    return None


def __getattr__(name: str) -> Any:
    """``app``: the typer app with every command (for tests and documentation tools)."""
    if name == "app":
        return build()
    raise AttributeError(name)


def _hoist_globals(args: list[str]) -> list[str]:
    """Accept --no-color after the command too (``mlinfra plan --no-color``)."""
    flags = [a for a in args if a == "--no-color"]
    return flags + [a for a in args if a != "--no-color"] if flags else args


class Interrupted(BaseException):
    """Ctrl-C in a command, carried past typer (which would end the run silently with
    code 130) to ``guard``, which says so as it does on the fast path."""


class _Context(ClickContext):
    def invoke(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().invoke(*args, **kwargs)
        except KeyboardInterrupt as e:
            raise Interrupted from e


def _route_interrupts(command: Any) -> Any:
    """Give the command tree the context that carries Ctrl-C out of typer."""
    command.context_class = _Context
    for sub in getattr(command, "commands", {}).values():
        _route_interrupts(sub)
    return command


def run(args: list[str], debug: bool = False) -> int:
    """Run one command line; the exit code. Diagnostics, usage errors and interrupts are
    printed here, never as a traceback."""
    with scoped_options():
        return _run(args, debug)


def _run(args: list[str], debug: bool) -> int:
    return guarded(lambda: _run_typer(args), debug)


def _run_typer(args: list[str]) -> int:
    """Run the typer app; typer's own ways of ending (an exit code, an abort, a usage
    error) become exit codes here, everything else is ``guard``'s."""
    try:
        args = _hoist_globals(args)
        command = _route_interrupts(usage.tidy(typer.main.get_command(build(_command_named(args)))))
        code = command(args, prog_name="mlinfra", standalone_mode=False)
        return int(code or 0)
    except Interrupted:
        raise KeyboardInterrupt from None
    except typer.Exit as e:
        return int(e.exit_code)
    except typer.Abort:
        return interrupted()
    except click_exceptions.ClickException as e:
        if isinstance(e, click_exceptions.NoSuchOption):
            message = usage.unknown_option(e.option_name, list(e.possibilities or ()))
        else:
            message = e.format_message()
        echo(f"Error: {message}", err=True)
        if isinstance(e, click_exceptions.UsageError) and e.ctx is not None:
            echo(f"\nSee: {e.ctx.command_path} --help", err=True)
        return 1
