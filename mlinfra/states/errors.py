"""The errors of state handling: one exception type, one constructor, one lock record.

Every module of ``mlinfra.states`` raises ``StateError`` (a ``DiagnosticsError``) for a
state that cannot be read, written, locked, decrypted or upgraded, each diagnostic naming
the state and the fix. ``LockInfo`` describes who holds a state lock; every backend stores
and reports it the same way. This module imports nothing else of the package.
"""

from __future__ import annotations

import json

from mlinfra import diagnostics
from mlinfra.diagnostics import DiagnosticsError, SourceRange
from mlinfra.records import frozen


class StateError(DiagnosticsError):
    """A state could not be read, written, locked or upgraded."""


def state_error(summary: str, detail: str = "", range: SourceRange | None = None) -> StateError:
    """A ``StateError`` holding one error diagnostic."""
    return StateError(diagnostics.error(summary, detail, range))


@frozen
class LockInfo:
    """Who holds a state lock; ``who`` is user@host and ``created`` ISO-8601 UTC."""

    id: str
    operation: str
    who: str
    pid: int
    created: str
    path: str

    def to_json(self) -> str:
        doc = {name: getattr(self, name) for name in ("id", "operation", "who", "pid", "created", "path")}
        return json.dumps(doc, indent=2, sort_keys=True) + "\n"

    @staticmethod
    def from_json(text: str) -> LockInfo:
        o = json.loads(text)
        return LockInfo(
            id=str(o["id"]),
            operation=str(o["operation"]),
            who=str(o["who"]),
            pid=int(o["pid"]),
            created=str(o["created"]),
            path=str(o["path"]),
        )

    def describe(self) -> str:
        """The lock as the indented block shown in lock errors."""
        return "\n".join(
            [
                "Lock Info:",
                f"  ID:        {self.id}",
                f"  Path:      {self.path}",
                f"  Operation: {self.operation}",
                f"  Who:       {self.who}",
                f"  PID:       {self.pid}",
                f"  Created:   {self.created}",
            ]
        )
