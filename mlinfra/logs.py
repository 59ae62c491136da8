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
from typing import Any

DEBUG = 10  # logging.DEBUG


class Logger:
    __slots__ = ("name", "_target")

    def __init__(self, name: str) -> None:
        self.name = name
        self._target: Any = None  # logging's logger of this name, once logging is imported

    def _logger(self) -> Any:
        """``logging.getLogger(name)`` (the same object for a name for the life of the
        process), or None while ``logging`` is not imported."""
        target = self._target
        if target is None:
            logging = sys.modules.get("logging")
            if logging is None:
                return None
            target = self._target = logging.getLogger(self.name)
        return target

    def isEnabledFor(self, level: int) -> bool:  # noqa: N802 - logging.Logger's name
        """Whether a record of ``level`` would be handled: never before ``logging`` is
        imported, so a caller can skip building an expensive message."""
        target = self._logger()
        return target is not None and bool(target.isEnabledFor(level))

    def debug(self, msg: str, *args: object) -> None:
        target = self._logger()
        if target is not None:
            target.debug(msg, *args, stacklevel=2)


def get_logger(name: str) -> Logger:
    return Logger(name)
