"""How a command's failure reaches the user, the same whichever path ran it (the typer
app or the fast path): diagnostics rendered on stderr, Ctrl-C as ``Interrupted.``, and
any other error as one line without a traceback (unless ``-vv`` or ``MLINFRA_DEBUG=1``);
a reader that closed the pipe (``mlinfra plan | head``) ends the run quietly. Exit code 1
in every case."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from typing import Any, TextIO, cast

from mlinfra.cli.common import echo, options, show_diagnostics
from mlinfra.diagnostics import DiagnosticsError


def interrupted() -> int:
    """Say that Ctrl-C stopped the command; its exit code."""
    echo("\nInterrupted.", err=True)
    return 1


class _Quiet:
    """A standard stream whose flushes into a closed pipe are ignored (the interpreter
    flushes once more on its way out)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as e:
            if e.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _quiet_broken_pipes() -> None:
    sys.stdout = cast(TextIO, _Quiet(sys.stdout))
    sys.stderr = cast(TextIO, _Quiet(sys.stderr))


def guarded(body: Callable[[], int], debug: bool) -> int:
    """``body()``'s exit code, or 1 after telling the user what went wrong."""
    try:
        return body()
    except DiagnosticsError as e:
        if debug or options().verbose >= 2:
            import traceback

            traceback.print_exc()
        show_diagnostics(e.diagnostics)
        return 1
    except KeyboardInterrupt:
        echo(err=True)  # ends the line the ^C was echoed on
        return interrupted()
    except BrokenPipeError:  # the reader went away (mlinfra plan | head): nothing more to say
        _quiet_broken_pipes()
        return 1
    except Exception as e:  # noqa: BLE001 - the last line of defence: no traceback for users
        if debug or options().verbose >= 2:
            raise
        echo(
            f"Error: internal error: {type(e).__name__}: {e}\n\nThis is a bug in mlinfra. Run again with "
            "MLINFRA_DEBUG=1 for the traceback and report it.",
            err=True,
        )
        return 1
