"""The plan as plain data: actions, resource changes, drift, output changes.

``Action`` is an enum whose value is its display symbol. ``decide_action`` is the one
pure function that chooses a resource's action; it is tested from a table.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum, StrEnum
from typing import Any

from mlinfra import addrs
from mlinfra.addrs import Address
from mlinfra.records import field, mutable
from mlinfra.values import Path


class Action(Enum):
    NOOP = " "
    CREATE = "+"
    UPDATE = "~"
    DELETE_THEN_CREATE = "-/+"
    CREATE_THEN_DELETE = "+/-"
    DELETE = "-"
    READ = "<="

    @property
    def symbol(self) -> str:
        return self.value

    @property
    def json_actions(self) -> list[str]:
        return {
            Action.NOOP: ["no-op"],
            Action.CREATE: ["create"],
            Action.UPDATE: ["update"],
            Action.DELETE_THEN_CREATE: ["delete", "create"],
            Action.CREATE_THEN_DELETE: ["create", "delete"],
            Action.DELETE: ["delete"],
            Action.READ: ["read"],
        }[self]

    @staticmethod
    def from_json_actions(actions: list[str]) -> Action:
        for a in Action:
            if a.json_actions == actions:
                return a
        raise ValueError(f"unknown actions {actions}")

    @property
    def is_replace(self) -> bool:
        return self in (Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE)

    @property
    def verb(self) -> str:
        """The end of '# ADDR will be ...' in a text plan."""
        return {
            Action.NOOP: "left unchanged",
            Action.CREATE: "created",
            Action.UPDATE: "updated in-place",
            Action.DELETE_THEN_CREATE: "replaced",
            Action.CREATE_THEN_DELETE: "replaced",
            Action.DELETE: "destroyed",
            Action.READ: "read during apply",
        }[self]


class Mode(StrEnum):
    NORMAL = "normal"
    DESTROY = "destroy"
    REFRESH_ONLY = "refresh-only"


def decide_action(
    *,
    prior_exists: bool,
    planned_exists: bool,
    changed: bool,
    requires_replace: bool,
    forced_replace: bool = False,
    tainted: bool = False,
    create_before_destroy: bool = False,
) -> Action:
    """The action for one resource instance.

    prior_exists: the object is in (refreshed) state. planned_exists: the configuration
    wants it. changed: planned attributes differ from prior. requires_replace: the
    provider says a changed argument cannot be updated in place. forced_replace:
    ``--replace`` or ``replace_triggered_by``. tainted: the object is marked tainted.
    """
    if not prior_exists and not planned_exists:
        return Action.NOOP
    if not prior_exists:
        return Action.CREATE
    if not planned_exists:
        return Action.DELETE
    if tainted or forced_replace or (changed and requires_replace):
        return Action.CREATE_THEN_DELETE if create_before_destroy else Action.DELETE_THEN_CREATE
    if changed:
        return Action.UPDATE
    return Action.NOOP


@mutable
class ResourceChange:
    address: str  # as text: the plan file and JSON form; ``addr`` is the Address
    kind: str
    name: str
    index: int | str | None
    provider: str  # provider configuration address, "local" or "aws.eu"
    action: Action
    before: dict[str, Any] | None
    after: dict[str, Any] | None  # may hold UNKNOWN
    replace_paths: list[Path] = field(default_factory=list)
    reason: str | None = None
    # Paths holding sensitive values, before and after.
    before_sensitive: list[Path] = field(default_factory=list)
    after_sensitive: list[Path] = field(default_factory=list)
    # A deposed object key when the change deletes an old half of a replacement.
    deposed: str | None = None
    # Arguments as configured (without computed outputs), what the provider applies.
    config: dict[str, Any] | None = None
    private: dict[str, Any] = field(default_factory=dict)
    dependencies: list[str] = field(default_factory=list)
    create_before_destroy: bool = False
    # A change that is an adoption: import of an existing object (id).
    importing: str | None = None
    # The address the object had before a moved block renamed it.
    previous_address: str | None = None
    # Terraform's enum for why (``replace_by_request``, ``delete_because_count_index``...);
    # ``reason`` above is the same in English.
    action_reason: str | None = None
    # The provider's schema version for the kind.
    schema_version: int = 0

    @property
    def addr(self) -> Address:
        return addrs.of(self.address)


@mutable
class OutputChange:
    name: str
    action: Action
    before: Any
    after: Any  # may be UNKNOWN
    sensitive: bool = False


@mutable
class DataRead:
    """A data source's read (``data.KIND.NAME``): done while planning (``attributes``),
    or deferred to apply when its arguments are not known yet (``deferred``)."""

    address: str
    kind: str
    name: str
    provider: str
    config: dict[str, Any]  # may hold UNKNOWN when deferred
    attributes: dict[str, Any] | None = None
    deferred: bool = False
    # Why a deferred read waits for apply, as Terraform words it.
    reason: str | None = None


@mutable
class Plan:
    mode: Mode
    changes: list[ResourceChange]
    lineage: str
    serial: int
    variables: dict[str, Any] = field(default_factory=dict)
    output_changes: list[OutputChange] = field(default_factory=list)
    # Differences between recorded state and what the providers read back.
    drift: list[ResourceChange] = field(default_factory=list)
    # The state the plan was made against, refreshed (JSON form of State).
    prior_state: dict[str, Any] = field(default_factory=dict)
    # The configuration directory's content digest, so a saved plan can be re-checked.
    config_digest: str = ""
    # The configuration's source files (name -> text), so a saved plan applies exactly
    # the configuration it was made from.
    sources: dict[str, str] = field(default_factory=dict)
    workspace: str = "default"
    targets: list[str] = field(default_factory=list)
    # Diagnostics that did not stop the plan (warnings).
    warnings: list[str] = field(default_factory=list)
    # What the plan tells without acting on it: "monitor.iris: drift detected on ...".
    notes: list[str] = field(default_factory=list)
    errored: bool = False
    # When the plan was made, RFC 3339 in UTC, as Terraform's ``timestamp``.
    timestamp: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    # The data sources read while planning, and those left for apply.
    data_reads: list[DataRead] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return any(
            c.action is not Action.NOOP or c.importing or c.previous_address for c in self.changes
        ) or any(
            o.action is not Action.NOOP for o in self.output_changes
        ) or (self.mode is Mode.REFRESH_ONLY and bool(self.drift)) or any(r.deferred for r in self.data_reads)

    def counts(self) -> tuple[int, int, int]:
        """(to add, to change, to destroy) as Terraform counts them."""
        add = change = destroy = 0
        for c in self.changes:
            if c.action is Action.CREATE:
                add += 1
            elif c.action is Action.UPDATE:
                change += 1
            elif c.action is Action.DELETE:
                destroy += 1
            elif c.action.is_replace:
                add += 1
                destroy += 1
        return add, change, destroy
