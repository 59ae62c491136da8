"""Ctrl-C during ``apply`` and ``destroy``, said and done as Terraform does.

While an apply's walk runs, SIGINT no longer raises ``KeyboardInterrupt``: the first
one asks the walk to stop gracefully (operations in progress finish and are recorded,
then the outputs), the second to stop now (operations in progress are abandoned, the
state and outputs known so far are recorded, the process exits). Outside the walk
(planning, the confirmation question) Ctrl-C interrupts at once, as before.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

import typer

from mlinfra.apply.interrupt import Interrupt

# The shell's code for a command ended by SIGINT.
EXIT_CODE = 130

FIRST = (
    "\nInterrupt received.\nPlease wait for mlinfra to exit or data loss may occur.\n"
    "Gracefully shutting down: the operations in progress finish and are saved; nothing new starts.\n"
)
SECOND = (
    "\nTwo interrupts received. Exiting immediately: the operations in progress are abandoned. "
    "The state records what they had started; run mlinfra plan to see where things stand.\n"
)


@contextlib.contextmanager
def handled(stop: Interrupt) -> Iterator[None]:
    """Route SIGINT to ``stop`` while an apply walks (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if not stop.armed:
            raise KeyboardInterrupt
        n = stop.request()
        if n == 1:
            typer.echo(FIRST, err=True)
        elif n == 2:
            typer.echo(SECOND, err=True)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def exit_now(code: int) -> None:
    """Leave without waiting for abandoned operations' threads (the interpreter would
    join them at exit)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)
