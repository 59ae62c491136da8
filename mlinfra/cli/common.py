"""What the commands share: the global options of this run, the engine for the working
directory, printing, and showing diagnostics. Nothing here imports typer: the fast path
(``mlinfra.cli.fast``) runs commands with this module alone; the typer spellings of
options several commands take are in ``mlinfra.cli.options``.

The global options (``-C DIR``, ``--no-color``, ``-v``) are parsed once (by the app's
callback, or by the fast path) into an ``Options`` value, kept in a context variable for
the length of one run (so code called by a command, such as the confirmation prompt,
reads them with ``options()`` without a ``ctx`` parameter) and in the typer context's
``obj``. There is no module-level mutable state: two runs in one process do not see each
other's options.
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics as d
from mlinfra.cli.views.diagnostics import read_sources, render_diagnostics
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.records import frozen

if TYPE_CHECKING:
    from mlinfra.engine import Engine


@frozen
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


def use_options(opts: Options, ctx: Any = None) -> None:
    """Make ``opts`` the options of the rest of this run (and the ``obj`` of a typer context)."""
    _OPTIONS.set(opts)
    if ctx is not None:
        ctx.obj = opts


def use_globals(chdir: Path, no_color: bool, verbose: int, ctx: Any = None) -> None:
    """Take the global options of this run: ``-C DIR`` (which must exist), ``--no-color``
    and the ``-v`` count (INFO logging on stderr; DEBUG with -vv)."""
    if not chdir.is_dir():
        raise DiagnosticsError(d.error("No such directory", f"-C {chdir}: the directory does not exist."))
    use_options(Options(chdir=chdir.resolve(), color=use_color(no_color), verbose=verbose), ctx)
    if verbose:
        import logging

        logging.basicConfig(
            level=logging.DEBUG if verbose >= 2 else logging.INFO,
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )


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


# A terminal control sequence; taken out of what is written to a file or a pipe.
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:  # noqa: BLE001 - a closed or odd stream is no terminal
        return False


def _ascii(stream: Any) -> bool:
    """Whether the stream would encode as ASCII (a C locale's, or none given)."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii"
    except LookupError:
        return False


def echo(message: str = "", err: bool = False) -> None:
    """Print one message and a newline on stdout (stderr with ``err``), as typer's echo
    does: colour codes are dropped unless the stream is a terminal, a stream set up for
    ASCII gets UTF-8 (unencodable characters replaced) rather than an error, and the
    stream is flushed."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console at all (pythonw)
        return
    if not _isatty(stream):
        message = _ANSI.sub("", message)
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and _ascii(stream):
        stream.flush()
        buffer.write((message + "\n").encode("utf-8", "replace"))
        buffer.flush()
        return
    stream.write(message + "\n")
    stream.flush()


def show_diagnostics(diags: d.Diagnostics, sources: dict[str, str] | None = None) -> None:
    """Print diagnostics on stderr, with the lines of the working directory's files
    (or of ``sources``, such as a saved plan's)."""
    echo(render_diagnostics(diags, sources or read_sources(workdir()), options().color), err=True)


def show_warnings(eng: Any, *, defer_checks: bool = False) -> None:
    """Show the warnings collected so far, once. With ``defer_checks`` the results of
    ``check`` blocks wait: an apply evaluates them again on what it made, and shows them then."""
    held = [w for w in eng.warnings if defer_checks and (w.context or "").startswith("check ")]
    shown = d.Diagnostics([w for w in eng.warnings if w not in held])
    if shown:
        show_diagnostics(shown)
    eng.warnings = d.Diagnostics(held)
