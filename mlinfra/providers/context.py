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
        # The selected workspace (a provider keeping objects on this machine keeps each
        # workspace's apart).
        self.workspace = "default"
        self.configured = False
        self._op = threading.local()

    @contextmanager
    def operation(
        self,
        progress: Callable[[str], None] | None = None,
        record: Callable[[dict[str, Any]], None] | None = None,
        locator: dict[str, Any] | None = None,
        redact: Callable[[str], str] | None = None,
    ) -> Iterator[None]:
        """Route ``progress``, ``record`` and ``redact`` to this operation's callbacks
        while it runs."""
        self._op.progress, self._op.record = progress, record
        self._op.locator = dict(locator or {})
        self._op.redact = redact
        try:
            yield
        finally:
            self._op.progress = self._op.record = self._op.redact = None
            self._op.locator = {}

    def redactor(self) -> Callable[[str], str]:
        """What takes the run's sensitive values out of a text, for what a provider
        writes down about the operation running on this thread (a log); it may be
        called from any thread. Outside an operation it changes nothing."""
        fn: Callable[[str], str] | None = getattr(self._op, "redact", None)
        return fn if fn is not None else _unchanged

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


def _unchanged(text: str) -> str:
    return text
