"""What an apply's walk exchanges with its caller: the progress hooks it calls, the
sink that persists each change (the state journal), and the result it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from mlinfra.diagnostics import Diagnostics
from mlinfra.plans.model import Action
from mlinfra.states.model import OutputState, ResourceState, State


class Hooks(Protocol):
    """Progress of each operation, as it happens (called from the walk's threads)."""

    def start(self, address: str, action: Action) -> None: ...

    def progress(self, address: str, message: str) -> None: ...

    def finish(self, address: str, action: Action, elapsed: float, error: bool) -> None: ...

    def skip(self, address: str, because: str) -> None: ...


class NoHooks:
    def start(self, address: str, action: Action) -> None:
        return None

    def progress(self, address: str, message: str) -> None:
        return None

    def finish(self, address: str, action: Action, elapsed: float, error: bool) -> None:
        return None

    def skip(self, address: str, because: str) -> None:
        return None


class StateSink(Protocol):
    """Where each change is persisted (the state journal)."""

    @property
    def state(self) -> State: ...

    def get(self, address: str) -> ResourceState | None: ...

    def put(self, rs: ResourceState) -> None: ...

    def remove(self, address: str) -> None: ...

    def set_outputs(self, outputs: dict[str, OutputState]) -> None: ...


@dataclass
class ApplyResult:
    diagnostics: Diagnostics
    added: int = 0
    changed: int = 0
    destroyed: int = 0
    imported: int = 0
    outputs: dict[str, tuple[Any, bool]] = field(default_factory=dict)
    # Stopped by Ctrl-C before every operation ran.
    interrupted: bool = False
