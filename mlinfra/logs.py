"""Debug logging that costs nothing until logging is switched on.

The planner and the apply walk log their decisions at DEBUG level for ``mlinfra -vv``.
Importing ``logging`` costs milliseconds on every command, and until something imports
and configures it no logger can let a DEBUG record through; so a ``Logger`` here hands
its records to ``logging`` only once ``logging`` has been imported (by the command
line's ``-v``, or by an embedding program), and otherwise drops them, as the
unconfigured ``logging`` would.
"""

from __future__ import annotations

import sys

DEBUG = 10  # logging.DEBUG


class Logger:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def isEnabledFor(self, level: int) -> bool:  # noqa: N802 - logging.Logger's name
        """Whether a record of ``level`` would be handled: never before ``logging`` is
        imported, so a caller can skip building an expensive message."""
        logging = sys.modules.get("logging")
        return logging is not None and bool(logging.getLogger(self.name).isEnabledFor(level))

    def debug(self, msg: str, *args: object) -> None:
        logging = sys.modules.get("logging")
        if logging is not None:
            logging.getLogger(self.name).debug(msg, *args, stacklevel=2)


def get_logger(name: str) -> Logger:
    return Logger(name)
