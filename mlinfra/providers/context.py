"""``Context``: what a resource handler may use, instead of the provider object.

A handler gets the provider's validated settings, the configuration directory, its
clients or store (set by the provider's ``configure_provider``), and, for the operation
running in the current thread, ``progress`` and ``record`` (which stores an update of a
create's locator in state at once). The engine applies resources in parallel threads:
the per-operation parts are thread-local.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Callback = Callable[[Any], None]


class Context:
    """Subclass it to add a provider's own fields (``clients``, ``store``)."""

    def __init__(self) -> None:
        self.settings: Any = None
        self.workdir: Path = Path.cwd()
        self.alias: str | None = None
        self.configured = False
        self._op = threading.local()

    @contextmanager
    def operation(
        self,
        progress: Callable[[str], None] | None = None,
        record: Callable[[dict[str, Any]], None] | None = None,
        locator: dict[str, Any] | None = None,
    ) -> Iterator[None]:
        """Route ``progress`` and ``record`` to this operation's callbacks while it runs."""
        self._op.progress, self._op.record = progress, record
        self._op.locator = dict(locator or {})
        try:
            yield
        finally:
            self._op.progress = self._op.record = None
            self._op.locator = {}

    def progress(self, message: str) -> None:
        """Report progress of a long operation (shown beside the resource)."""
        cb = getattr(self._op, "progress", None)
        if cb is not None:
            cb(message)

    @property
    def locator(self) -> dict[str, Any]:
        """The running create's locator, as recorded so far."""
        loc: dict[str, Any] | None = getattr(self._op, "locator", None)
        return dict(loc or {})

    def record(self, **found: Any) -> None:
        """Add to the running create's locator and store it in state now, before the
        next step: what is recorded is what a later run finds after a kill -9."""
        loc: dict[str, Any] | None = getattr(self._op, "locator", None)
        if loc is None:
            loc = self._op.locator = {}
        loc.update(found)
        cb = getattr(self._op, "record", None)
        if cb is not None:
            cb(dict(loc))
