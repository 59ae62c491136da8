"""The typer app: the global options, the table of commands, and ``run``.

Each command lives in a module of ``mlinfra.cli.commands`` (arguments, a call to the
engine, a view of the result); this module only registers them, in the order ``--help``
lists them. Commands raise ``DiagnosticsError`` (rendered by ``run``) or return an exit
code via ``typer.Exit``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

try:  # typer >= 0.20 carries its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

from mlinfra import __version__
from mlinfra import diagnostics as d
from mlinfra.cli import usage
from mlinfra.cli.commands import init, inspect, plan, state, workspace
from mlinfra.cli.common import (
    Options,
    options,
    scoped_options,
    show_diagnostics,
    use_color,
    use_options,
)
from mlinfra.diagnostics import DiagnosticsError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Declarative infrastructure as code for machine learning.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
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
    if not chdir.is_dir():
        raise DiagnosticsError(d.error("No such directory", f"-C {chdir}: the directory does not exist."))
    use_options(Options(chdir=chdir.resolve(), color=use_color(no_color), verbose=verbose), ctx)
    if verbose:
        logging.basicConfig(
            level=logging.DEBUG if verbose >= 2 else logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )


app.command()(inspect.validate)
app.command()(inspect.fmt)
app.command()(plan.plan)
app.command()(plan.apply)
app.command()(plan.destroy)
app.command()(inspect.show)
app.command()(inspect.output)
app.command()(inspect.graph)
app.command()(init.init)
app.command("import")(state.import_)
app.command()(init.providers)
app.add_typer(state.state_app, name="state")
app.add_typer(workspace.workspace_app, name="workspace")
app.command("force-unlock")(state.force_unlock)


def _hoist_globals(args: list[str]) -> list[str]:
    """Accept --no-color after the command too (``mlinfra plan --no-color``)."""
    flags = [a for a in args if a == "--no-color"]
    return flags + [a for a in args if a != "--no-color"] if flags else args


def run(args: list[str], debug: bool = False) -> int:
    """Run one command line; the exit code. Diagnostics, usage errors and interrupts are
    printed here, never as a traceback."""
    with scoped_options():
        return _run(args, debug)


def _run(args: list[str], debug: bool) -> int:
    try:
        command = usage.tidy(typer.main.get_command(app))
        code = command(_hoist_globals(args), prog_name="mlinfra", standalone_mode=False)
        return int(code or 0)
    except DiagnosticsError as e:
        if debug or options().verbose >= 2:
            import traceback

            traceback.print_exc()
        show_diagnostics(e.diagnostics)
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
        if debug or options().verbose >= 2:
            raise
        typer.echo(
            f"Error: internal error: {type(e).__name__}: {e}\n\nThis is a bug in mlinfra. Run again with "
            "MLINFRA_DEBUG=1 for the traceback and report it.",
            err=True,
        )
        return 1
