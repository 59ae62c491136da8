"""Pydantic models of the documents mlinfra writes, mirroring their writers
(``State.to_json``, ``planfile``, ``cli.views.plan_json``, ``Diagnostic.to_json``).

Only ``mlinfra.schemas`` reads them, to generate the JSON Schemas under ``schemas/``;
nothing on a command's path imports this module (or pydantic).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ActionSymbol = Literal[" ", "+", "~", "-/+", "+/-", "-", "<="]
JsonActions = list[Literal["no-op", "create", "update", "delete", "read"]]
Key = int | str | None


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --- the state file (State.to_json) ---


class DeposedObject(_Doc):
    key: str
    id: str | None
    attributes: dict[str, Any]
    private: dict[str, Any]


class ResourceRecord(_Doc):
    mode: Literal["managed", "data"] = Field(
        default="managed", description='"data" for what a data source read (address data.KIND.NAME).'
    )
    address: str = Field(description='Resource address, e.g. endpoint.iris or model.m["eu"].')
    kind: Literal["dataset", "pipeline", "model", "endpoint", "monitor"]
    provider: str = Field(description='Provider configuration address, e.g. "local" or "aws.eu".')
    id: str | None
    attributes: dict[str, Any]
    sensitive_paths: list[list[str | int]]
    schema_version: int
    dependencies: list[str]
    status: Literal["ready", "tainted", "creating"]
    deposed: list[DeposedObject]
    private: dict[str, Any]


class OutputRecord(_Doc):
    value: Any
    sensitive: bool


class StateFile(_Doc):
    """The mlinfra state file (mlinfra.state.json)."""

    format_version: int = Field(ge=1)
    mlinfra_version: str
    serial: int = Field(ge=0)
    lineage: str
    outputs: dict[str, OutputRecord]
    resources: list[ResourceRecord]


# --- the saved plan file (planfile) ---


class ActionTag(_Doc):
    action: ActionSymbol = Field(alias="$action")


class ModeTag(_Doc):
    mode: Literal["normal", "destroy", "refresh-only"] = Field(alias="$mode")


class PathTag(_Doc):
    tuple_: list[str | int] = Field(alias="$tuple")


Paths = list[PathTag | list[str | int]]
VALUE_NOTE = "A value; UNKNOWN, Sensitive, tuples and $-keyed maps are tagged objects ($unknown, $sensitive, $tuple, $map)."


class SavedResourceChange(_Doc):
    address: str
    kind: str
    name: str
    index: Key
    provider: str
    action: ActionTag
    before: Any = Field(description=VALUE_NOTE)
    after: Any = Field(description=VALUE_NOTE)
    replace_paths: Paths
    reason: str | None
    before_sensitive: Paths
    after_sensitive: Paths
    deposed: str | None
    config: Any = Field(description=VALUE_NOTE)
    private: Any = Field(description=VALUE_NOTE)
    dependencies: list[str]
    create_before_destroy: bool
    importing: str | None
    previous_address: str | None
    action_reason: str | None = Field(default=None, description="Terraform's action_reason enum value.")
    schema_version: int = 0


class SavedOutputChange(_Doc):
    name: str
    action: ActionTag
    before: Any = Field(description=VALUE_NOTE)
    after: Any = Field(description=VALUE_NOTE)
    sensitive: bool


class SavedDataRead(_Doc):
    address: str = Field(description="data.KIND.NAME")
    kind: str
    name: str
    provider: str
    config: Any = Field(description=VALUE_NOTE)
    attributes: Any = Field(description="What the read found; null when deferred to apply.")
    deferred: bool
    reason: str | None = Field(default=None, description="Why a deferred read waits for apply.")


class SavedPlan(_Doc):
    """A plan saved by `mlinfra plan --out FILE`, applied exactly by `mlinfra apply FILE`."""

    mlinfra_plan_format: Literal[1] = Field(alias="mlinfra_plan_format")
    mlinfra_version: str
    mode: ModeTag
    changes: list[SavedResourceChange]
    lineage: str
    serial: int
    variables: Any = Field(description=VALUE_NOTE)
    output_changes: list[SavedOutputChange]
    drift: list[SavedResourceChange]
    prior_state: Any = Field(
        description="The refreshed state the plan was made against (state file form)."
    )
    config_digest: str
    sources: Any = Field(description="The configuration's source files, name to text.")
    workspace: str
    targets: list[str]
    warnings: list[str]
    notes: list[str] = Field(
        default_factory=list, description='What the plan reports without acting on it ("monitor.iris: drift detected ...").'
    )
    errored: bool
    timestamp: str = Field(default="", description="When the plan was made (RFC 3339, UTC).")
    data_reads: list[SavedDataRead] = Field(default_factory=list, description="The data sources read, or left for apply.")


# --- the plan JSON document (cli.views.plan_json) ---


class Change(_Doc):
    actions: JsonActions
    before: Any
    after: Any = Field(default=None, description="Left out of an output change known only after apply.")
    after_unknown: Any = Field(description="true at paths known only after apply.")
    before_sensitive: Any = Field(
        description="true at paths holding a sensitive value (shown as null)."
    )
    after_sensitive: Any
    replace_paths: list[list[str | int]] | None = None
    importing: dict[str, str] | None = None


class ResourceHead(_Doc):
    address: str
    module_address: str | None = None
    mode: Literal["managed", "data"] = Field(description='"data" for a data source (data.KIND.NAME).')
    type: str = Field(description="The resource kind.")
    name: str
    index: int | str | None = None
    provider_name: str


class ResourceChangeDoc(ResourceHead):
    deposed: str | None = None
    change: Change
    action_reason: str | None = Field(
        default=None, description="Terraform's enum: replace_by_request, delete_because_count_index..."
    )
    mlinfra_action_reason: str | None = Field(default=None, description="The same reason in English.")
    previous_address: str | None = Field(default=None, description="The address before a moved block renamed it.")


class ResourceValues(ResourceHead):
    schema_version: int | None = None
    values: dict[str, Any] | None
    sensitive_values: Any
    depends_on: list[str] | None = None
    tainted: bool | None = None
    deposed_key: str | None = None


class ModuleValues(_Doc):
    address: str | None = None
    resources: list[ResourceValues]
    child_modules: list[ModuleValues] | None = None


class OutputValue(_Doc):
    sensitive: bool
    value: Any = None
    type: Any = Field(default=None, description='Terraform\'s type: "string", ["object", {...}]...')


class ValuesBody(_Doc):
    outputs: dict[str, OutputValue]
    root_module: ModuleValues


class StateValuesDoc(_Doc):
    """`mlinfra show --json`: the state in Terraform's values shape, no sensitive values."""

    format_version: str
    terraform_version: str = Field(description="The mlinfra version (Terraform's key).")
    mlinfra_version: str
    values: ValuesBody


class Variable(_Doc):
    value: Any = None
    sensitive: bool | None = None
    sensitive_values: Any = None


Expression = dict[str, Any]  # {"constant_value": v} or {"references": [...]}


class ConfigResource(_Doc):
    address: str
    mode: Literal["managed"]
    type: str
    name: str
    provider_config_key: str
    expressions: dict[str, Any] | None = None
    schema_version: int | None = None
    count_expression: Expression | None = None
    for_each_expression: Expression | None = None
    depends_on: list[str] | None = None


class ProviderConfig(_Doc):
    name: str
    full_name: str
    alias: str | None = None
    expressions: dict[str, Any] | None = None


class ConfigOutput(_Doc):
    expression: Expression
    sensitive: bool | None = None
    description: str | None = None


class ConfigVariable(_Doc):
    default: Any = None
    description: str | None = None
    sensitive: bool | None = None


class ConfigModule(_Doc):
    outputs: dict[str, ConfigOutput] | None = None
    resources: list[ConfigResource]
    variables: dict[str, ConfigVariable] | None = None


class RelevantAttribute(_Doc):
    resource: str
    attribute: list[str | int]


class CheckAddress(_Doc):
    kind: str | None = None
    name: str | None = None
    to_display: str


class CheckInstance(_Doc):
    address: CheckAddress
    status: Literal["pass", "fail", "error", "unknown"]


class Check(_Doc):
    address: CheckAddress
    status: Literal["pass", "fail", "error", "unknown"]
    instances: list[CheckInstance]


class Configuration(_Doc):
    provider_config: dict[str, ProviderConfig]
    root_module: ConfigModule


class PlanJson(_Doc):
    """`mlinfra plan --json` / `mlinfra show --json PLANFILE`, shaped like Terraform's plan JSON."""

    format_version: str
    terraform_version: str = Field(description="The mlinfra version (Terraform's key).")
    mlinfra_version: str
    mode: Literal["normal", "destroy", "refresh-only"]
    timestamp: str
    complete: bool
    variables: dict[str, Variable]
    planned_values: ValuesBody
    resource_changes: list[ResourceChangeDoc]
    resource_drift: list[ResourceChangeDoc]
    output_changes: dict[str, Change]
    configuration: Configuration
    relevant_attributes: list[RelevantAttribute]
    prior_state: StateValuesDoc | None = None
    checks: list[Check] | None = None
    notes: list[str] | None = Field(
        default=None, description='What the plan reports without acting on it: "monitor.iris: drift detected on 2 features since ...".'
    )
    cost: dict[str, Any] | None = Field(
        default=None, description="Endpoint variants' $/hour and $/month before and after, from the shipped price tables."
    )
    applyable: bool
    errored: bool


# --- validate --json ---


class Position(_Doc):
    line: int
    column: int


class Range(_Doc):
    filename: str
    start: Position
    end: Position


class DiagnosticDoc(_Doc):
    severity: Literal["error", "warning"]
    summary: str
    detail: str
    address: str | None
    range: Range | None


class ValidateJson(_Doc):
    """`mlinfra validate --json`."""

    valid: bool
    error_count: int = Field(ge=0)
    warning_count: int = Field(ge=0)
    diagnostics: list[DiagnosticDoc]
