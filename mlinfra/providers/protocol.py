"""The provider protocol: one request and one response dataclass per method.

Every response carries ``diagnostics`` instead of raising. The engine calls:

- ``schema()``: static; imports no SDK and needs no credentials.
- ``configure(req)``: once per provider configuration (alias), before any other call.
- ``validate(req)``: a resource's arguments (values may be UNKNOWN).
- ``read(req)``: refresh; ``attributes=None`` when the object is gone. With ``id=None``
  the provider looks the object up by the address it tagged it with.
- ``plan(req)``: the planned attributes (UNKNOWN where not known before apply), the
  argument paths that force replacement, and opaque private data.
- ``apply(req)``: create, update or delete. On failure, the best-known partial state
  plus error diagnostics ("create is transactional; a failed delete means the object
  still exists").
- ``upgrade_state(req)``: bring attributes stored under an older schema version forward.
- ``close()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel

from mlinfra.diagnostics import Diagnostics
from mlinfra.values import Path as AttrPath

ApplyAction = Literal["create", "update", "delete"]


@dataclass(frozen=True)
class KindSchema:
    """What a provider says about one kind it supports."""

    kind: str
    # The provider's nested block inside the resource (e.g. ``local { port = 8080 }``).
    block: type[BaseModel] | None = None
    # Computed attributes, reported after apply.
    outputs: tuple[str, ...] = ("id",)
    # Top-level argument names whose change cannot be done in place.
    force_new: frozenset[str] = frozenset()
    version: int = 0


@dataclass(frozen=True)
class ProviderSchema:
    name: str
    config: type[BaseModel] | None = None
    kinds: dict[str, KindSchema] = field(default_factory=dict)


@dataclass(frozen=True)
class ConfigureRequest:
    config: dict[str, Any]
    workdir: Path
    alias: str | None = None
    # The selected workspace: a provider that keeps objects on this machine keeps each
    # workspace's apart, as two accounts of a cloud would be.
    workspace: str = "default"


@dataclass
class ConfigureResponse:
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@dataclass(frozen=True)
class ValidateRequest:
    kind: str
    address: str
    config: dict[str, Any]


@dataclass
class ValidateResponse:
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@dataclass(frozen=True)
class ReadRequest:
    kind: str
    address: str
    id: str | None
    attributes: dict[str, Any]
    private: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadResponse:
    attributes: dict[str, Any] | None
    private: dict[str, Any] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@dataclass(frozen=True)
class PlanRequest:
    kind: str
    address: str
    prior: dict[str, Any] | None
    config: dict[str, Any]
    prior_private: dict[str, Any] = field(default_factory=dict)


@dataclass
class PlanResponse:
    planned: dict[str, Any]
    requires_replace: list[AttrPath] = field(default_factory=list)
    private: dict[str, Any] = field(default_factory=dict)
    # Why the provider thinks this changes, when it knows better than a diff
    # (e.g. "artifact content changed").
    reason: str | None = None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@dataclass(frozen=True)
class ApplyRequest:
    kind: str
    address: str
    action: ApplyAction
    prior: dict[str, Any] | None
    planned: dict[str, Any]
    config: dict[str, Any]
    private: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[str], None] | None = None
    # Takes the run's sensitive values out of a text, for what the provider keeps of
    # the operation itself (a training log).
    redact: Callable[[str], str] | None = None


@dataclass
class ApplyResponse:
    attributes: dict[str, Any] | None
    private: dict[str, Any] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@dataclass(frozen=True)
class IntentRequest:
    """Asks for the name an object will get before it is created."""

    kind: str
    address: str
    planned: dict[str, Any]


@dataclass(frozen=True)
class UpgradeStateRequest:
    kind: str
    version: int
    attributes: dict[str, Any]


@dataclass
class UpgradeStateResponse:
    attributes: dict[str, Any]
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@runtime_checkable
class Provider(Protocol):
    def schema(self) -> ProviderSchema: ...

    def configure(self, req: ConfigureRequest) -> ConfigureResponse: ...

    def validate(self, req: ValidateRequest) -> ValidateResponse: ...

    def read(self, req: ReadRequest) -> ReadResponse: ...

    def plan(self, req: PlanRequest) -> PlanResponse: ...

    def intent(self, req: IntentRequest) -> str | None: ...

    def apply(self, req: ApplyRequest) -> ApplyResponse: ...

    def upgrade_state(self, req: UpgradeStateRequest) -> UpgradeStateResponse: ...

    def close(self) -> None: ...
