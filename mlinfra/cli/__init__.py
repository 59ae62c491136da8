"""The command line: ``mlinfra`` (also ``python -m mlinfra``).

``main`` answers ``--version`` before importing anything heavy, and runs ``validate``,
``plan``, ``show`` and ``output`` through ``fast`` (no typer, click or rich) when it
understands the whole command line; everything else goes through the typer app in
``app``, which registers the commands of ``commands/`` (one module per group). What the
fast commands do is in ``actions``, shared by both paths; commands print through
``views/`` and share the engine and the global options through ``common``. Diagnostics
are rendered once, in ``guard``, and an error never shows a Python traceback (unless
-vv or MLINFRA_DEBUG=1).
"""

from __future__ import annotations

import gc
import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] in (["--version"], ["version"]):
        from mlinfra import __version__

        print(f"mlinfra {__version__}")
        raise SystemExit(0)
    raise SystemExit(run(args, debug=os.environ.get("MLINFRA_DEBUG") == "1"))


def run(args: list[str], debug: bool = False, *, typer_only: bool = False) -> int:
    """Run one command line; the exit code. The fast path takes it when it can (unless
    ``typer_only``), the typer app otherwise; both print the same."""
    if not typer_only:
        # The fast commands are short and bounded (no apply walk): no cyclic garbage
        # collection while they import and run, as the engine already has none while
        # it loads and plans. The collector walked the start-up's imports two dozen
        # times, a few milliseconds of a small plan.
        enabled = gc.isenabled()
        gc.disable()
        try:
            from mlinfra.cli import fast

            code = fast.run(args, debug)
        finally:
            if enabled:
                gc.enable()
        if code is not None:
            return code
    from mlinfra.cli.app import run as run_app

    return run_app(args, debug)
