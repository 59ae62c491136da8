"""The provider protocol, version 2: one request and one response dataclass per method.

Every response carries ``diagnostics`` instead of raising. The engine calls:

- ``schema()``: static; imports no SDK and needs no credentials. It declares the
  protocol version the provider implements (``PROTOCOL_VERSION``), the provider block,
  and per kind the nested block, the computed attributes and the arguments that force
  replacement.
- ``configure(req)``: once per provider configuration (alias), before any other call.
- ``validate(req)``: a resource's arguments (values may be UNKNOWN). The core has
  already checked the portable arguments and the provider's nested block against the
  schema; this is for the provider's own rules.
- ``read(req)``: refresh of an object in state; ``attributes=None`` when it is gone.
- ``import_resource(req)``: the attributes of an existing object named by the user's
  import id, or a diagnostic; separate from ``read`` so no handler has to guess.
- ``plan(req)``: the planned attributes (UNKNOWN where not known before apply), the
  argument paths that force replacement, and opaque private data.
- ``intent(req)``: before a create, the *locator*: what it takes to find the object
  after the applying process is killed at any instant. The core stores it in state
  before calling ``apply``; during the create the provider may extend it through
  ``ApplyRequest.record`` (a pid, a server folder), each update stored at once.
- ``recover(req)``: for a create that was interrupted, adopt the object the locator
  finds (its attributes) or make sure nothing is left (stop, delete) and say None.
- ``apply(req)``: create, update or delete. On failure, the best-known partial state
  plus error diagnostics ("create is transactional; a failed delete means the object
  still exists"). Every attribute known in the plan must come back equal: the core
  checks it and reports "Provider produced inconsistent result after apply".
- ``poll(req)`` (optional): resume an operation ``apply`` left pending. When the core
  sets ``ApplyRequest.deferrable``, a provider may answer a create, update or delete it
  has started but that completes later (an endpoint becoming ready) with
  ``ApplyResponse.pending``: poll again after ``Pending.after`` seconds with its opaque
  ``continuation``. ``poll`` answers as ``apply`` does, pending again or done. The core
  does not hold a worker while it waits, so ``--parallelism`` bounds calls in flight,
  not waits. A provider that never answers pending needs no ``poll``.
- ``upgrade_state(req)``: bring attributes stored under an older schema version forward.
- ``read_data(req)``: a data source (``data "KIND" "NAME"``): the attributes of what
  exists and matches the arguments, or ``attributes=None`` when nothing does. Optional:
  a provider without it supports no data sources.
- ``close()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from mlinfra.config.kinds import OUTPUTS
from mlinfra.diagnostics import Diagnostics
from mlinfra.records import field, frozen, mutable
from mlinfra.shapes import ModelClass
from mlinfra.values import Path as AttrPath

# The version of this protocol. A provider declares the version it was written for
# (``protocol_version`` on its class); the core refuses any other.
PROTOCOL_VERSION = 2

ApplyAction = Literal["create", "update", "delete"]
Locator = dict[str, Any]


def portable_outputs(kind: str) -> tuple[str, ...]:
    """The computed attributes every provider reports for ``kind`` (``id`` first). A
    provider may add its own after these (a local endpoint's ``pid``)."""
    return OUTPUTS[kind]


@frozen
class KindSchema:
    """What a provider says about one kind it supports."""

    kind: str
    # The provider's nested block inside the resource (e.g. ``local { port = 8080 }``).
    block: ModelClass | None = None
    # Computed attributes, reported after apply: the portable ones, then the provider's.
    outputs: tuple[str, ...] = ("id",)
    # Top-level argument names whose change cannot be done in place.
    force_new: frozenset[str] = frozenset()
    version: int = 0


@frozen
class ProviderSchema:
    name: str
    config: ModelClass | None = None
    kinds: dict[str, KindSchema] = field(default_factory=dict)
    protocol_version: int = PROTOCOL_VERSION


@frozen
class ConfigureRequest:
    config: dict[str, Any]
    workdir: Path
    alias: str | None = None
    # The selected workspace: a provider that keeps objects on this machine keeps each
    # workspace's apart, as two accounts of a cloud would be.
    workspace: str = "default"


@mutable
class ConfigureResponse:
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class ValidateRequest:
    kind: str
    address: str
    config: dict[str, Any]


@mutable
class ValidateResponse:
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class ReadRequest:
    """Refresh of an object in state: ``attributes`` are those last stored (with ``id``)."""

    kind: str
    address: str
    id: str | None
    attributes: dict[str, Any]
    private: dict[str, Any] = field(default_factory=dict)


@mutable
class ReadResponse:
    attributes: dict[str, Any] | None
    private: dict[str, Any] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class ImportRequest:
    """``import { to = ADDRESS, id = ID }`` or ``mlinfra import ADDRESS ID``: only the
    user's id of an existing object is known."""

    kind: str
    address: str
    id: str


@mutable
class ImportResponse:
    # None (with no error) when no object has that id.
    attributes: dict[str, Any] | None
    private: dict[str, Any] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class PlanRequest:
    kind: str
    address: str
    prior: dict[str, Any] | None
    config: dict[str, Any]
    prior_private: dict[str, Any] = field(default_factory=dict)


@mutable
class PlanResponse:
    planned: dict[str, Any]
    requires_replace: list[AttrPath] = field(default_factory=list)
    private: dict[str, Any] = field(default_factory=dict)
    # Why the provider thinks this changes, when it knows better than a diff
    # (e.g. "artifact content changed").
    reason: str | None = None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class IntentRequest:
    """Asks, before a create, for what it takes to find the object afterwards."""

    kind: str
    address: str
    planned: dict[str, Any]
    config: dict[str, Any] = field(default_factory=dict)


@mutable
class IntentResponse:
    # JSON data only; ``name`` (when the provider knows it) is shown as the record's id.
    locator: Locator = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class RecoverRequest:
    """An interrupted create: the locator as last stored."""

    kind: str
    address: str
    locator: Locator


@mutable
class RecoverResponse:
    # The adopted object's attributes, or None when nothing is left (or was stopped).
    attributes: dict[str, Any] | None
    private: dict[str, Any] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class ApplyRequest:
    kind: str
    address: str
    action: ApplyAction
    prior: dict[str, Any] | None
    planned: dict[str, Any]
    config: dict[str, Any]
    private: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[str], None] | None = None
    # A create's locator (from ``intent``), and where to store what is added to it
    # while creating: the core writes each update to state before returning.
    locator: Locator = field(default_factory=dict)
    record: Callable[[Locator], None] | None = None
    # Takes the run's sensitive values out of a text, for what the provider keeps of
    # the operation itself (a training log).
    redact: Callable[[str], str] | None = None
    # The core polls: the provider may answer ``pending`` instead of waiting.
    deferrable: bool = False


@frozen
class Pending:
    """An operation started and not finished: call ``poll`` again in ``after`` seconds."""

    after: float
    # The provider's own, in this process only: what ``poll`` resumes from.
    continuation: Any
    # What it waits for, shown beside the resource ("Creating (40s elapsed)").
    status: str = ""


@mutable
class ApplyResponse:
    attributes: dict[str, Any] | None
    private: dict[str, Any] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    # Set (with ``attributes`` not yet meaningful) when the operation is still going.
    pending: Pending | None = None


@frozen
class PollRequest:
    """Resume an operation an ``ApplyResponse`` left pending. The callbacks are those
    of the ``ApplyRequest`` that started it."""

    kind: str
    address: str
    continuation: Any
    progress: Callable[[str], None] | None = None
    record: Callable[[Locator], None] | None = None
    redact: Callable[[str], str] | None = None


@frozen
class UpgradeStateRequest:
    kind: str
    version: int
    attributes: dict[str, Any]


@mutable
class UpgradeStateResponse:
    attributes: dict[str, Any]
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@frozen
class ReadDataRequest:
    """A data source's read: ``config`` holds its arguments, all known."""

    kind: str
    address: str  # data.KIND.NAME
    config: dict[str, Any]


@mutable
class ReadDataResponse:
    # None (with no error) when nothing matches the arguments.
    attributes: dict[str, Any] | None
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


@runtime_checkable
class Provider(Protocol):
    def schema(self) -> ProviderSchema: ...

    def configure(self, req: ConfigureRequest) -> ConfigureResponse: ...

    def validate(self, req: ValidateRequest) -> ValidateResponse: ...

    def read(self, req: ReadRequest) -> ReadResponse: ...

    def import_resource(self, req: ImportRequest) -> ImportResponse: ...

    def plan(self, req: PlanRequest) -> PlanResponse: ...

    def intent(self, req: IntentRequest) -> IntentResponse: ...

    def recover(self, req: RecoverRequest) -> RecoverResponse: ...

    def apply(self, req: ApplyRequest) -> ApplyResponse: ...

    def upgrade_state(self, req: UpgradeStateRequest) -> UpgradeStateResponse: ...

    def close(self) -> None: ...
