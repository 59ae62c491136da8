"""The command line: ``mlinfra`` (also ``python -m mlinfra``).

``main`` answers ``--version`` before importing anything heavy, so start-up stays fast;
everything else goes through the typer app in ``app``, which registers the commands of
``commands/`` (one module per group); they print through ``views/`` and share options,
the engine and the global options through ``common``. Diagnostics are rendered once, in
``app.run``, and an error never shows a Python traceback (unless -vv or MLINFRA_DEBUG=1).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] in (["--version"], ["version"]):
        from mlinfra import __version__

        print(f"mlinfra {__version__}")
        raise SystemExit(0)
    from mlinfra.cli.app import run

    raise SystemExit(run(args, debug=os.environ.get("MLINFRA_DEBUG") == "1"))
