"""``timestamp``, ``plantimestamp`` and ``uuid``: the functions that read the clock or
draw a random value.

As in Terraform, ``timestamp()`` and ``uuid()`` are unknown while planning ("known after
apply") and take their value when the apply evaluates the configuration, so a plan
never claims a value the apply will not use; ``plantimestamp()`` is the time the plan
was made, known in the plan. Outside a plan or an apply (``validate``) all three are
unknown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from mlinfra.diagnostics import DiagnosticsError, SourceRange, error
from mlinfra.records import frozen
from mlinfra.values import UNKNOWN

NAMES = ("timestamp", "plantimestamp", "uuid")


def now() -> str:
    """The current time as Terraform writes it: RFC 3339 in UTC, whole seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@frozen
class Clock:
    """When the plan was made, and whether the configuration is being applied."""

    plan_time: str
    applying: bool = False


def call(name: str, nargs: int, rng: SourceRange, clock: Clock | None) -> Any:
    if nargs:
        raise DiagnosticsError(
            error("Too many function arguments", f'Function "{name}" expects no arguments.', rng)
        )
    if name == "plantimestamp":
        return clock.plan_time if clock is not None else UNKNOWN
    if clock is None or not clock.applying:
        return UNKNOWN
    if name == "timestamp":
        return now()
    import uuid  # at apply only

    return str(uuid.uuid4())
