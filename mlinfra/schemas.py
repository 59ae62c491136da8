"""The JSON Schemas of what mlinfra reads and writes, generated into ``schemas/``.

``generate()`` maps file names to JSON Schemas (draft 2020-12): one per resource kind
(from the pydantic models in ``config.kinds``, with the nested block of each provider
shipped in this repository's ``providers/`` folder, from that provider's schema), the state file, the saved plan file,
the ``plan --json`` document and the ``validate --json`` document. The file formats are
described here by pydantic models that mirror the writers (``State.to_json``,
``planfile``, ``cli.views.plan_json``, ``Diagnostic.to_json``); a test validates real documents
against the generated schemas, so a writer that drifts from its schema fails it.

``python -m mlinfra.schemas [--check] [DIR]`` writes the files (default: the
repository's ``schemas/`` folder) or, with ``--check``, lists stale ones and exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from mlinfra.config.kinds import KIND_MODELS
from mlinfra.providers import registry

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_DIR = Path(__file__).parents[1] / "schemas"
PROVIDERS_DIR = Path(__file__).parents[1] / "providers"
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


def _schema(model: type[BaseModel], title: str, description: str | None = None) -> dict[str, Any]:
    schema = _short_names(model.model_json_schema(by_alias=True))
    schema["title"] = title
    if description or model.__doc__:
        schema["description"] = description or (model.__doc__ or "").strip()
    return {"$schema": DRAFT, **schema}


def _short_names(schema: dict[str, Any]) -> dict[str, Any]:
    """``mlinfra_provider_aws__config__EndpointBlock`` (pydantic's name for one of two
    models called EndpointBlock) becomes ``AwsEndpointBlock``."""
    renames = {}
    for name in schema.get("$defs", {}):
        module, sep, cls = name.rpartition("__")
        if sep and module.startswith("mlinfra_provider_"):
            renames[name] = module[len("mlinfra_provider_") :].split("__")[0].title() + cls
    if not renames:
        return schema
    text = json.dumps(schema)
    for old, new in renames.items():
        text = text.replace(f'"{old}"', f'"{new}"').replace(f"/{old}\"", f"/{new}\"")
    out: dict[str, Any] = json.loads(text)
    return out


def shipped_providers() -> list[str]:
    """The names of the providers whose packages live in this repository."""
    names: set[str] = set()
    for pyproject in sorted(PROVIDERS_DIR.glob("*/pyproject.toml")):
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        names.update(data.get("project", {}).get("entry-points", {}).get(registry.GROUP, {}))
    return sorted(names)


def _with_provider_blocks(kind: str, model: type[BaseModel]) -> type[BaseModel]:
    """The kind's model with a field per shipped provider that has a block for it."""
    fields: dict[str, Any] = {}
    for name in shipped_providers():
        ks = registry.load(name).schema().kinds.get(kind)
        if ks is not None and ks.block is not None:
            fields[name] = (ks.block | None, Field(default=None, description=f"Settings for the {name} provider."))
    if not fields:
        return model
    extended: type[BaseModel] = create_model(model.__name__, __base__=model, __doc__=model.__doc__, **fields)
    return extended


def generate() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every schema under ``schemas/``."""
    out: dict[str, dict[str, Any]] = {}
    for kind, model in KIND_MODELS.items():
        doc = (model.__doc__ or "").strip()
        out[f"{kind}.schema.json"] = _schema(
            _with_provider_blocks(kind, model), f"mlinfra {kind}", f'The arguments of a {kind} "NAME" block. {doc}'.strip()
        )
    out["state.schema.json"] = _schema(StateFile, "mlinfra state file")
    out["plan.schema.json"] = _schema(SavedPlan, "mlinfra saved plan file")
    out["plan-json.schema.json"] = _schema(PlanJson, "mlinfra plan JSON")
    out["state-json.schema.json"] = _schema(StateValuesDoc, "mlinfra state JSON")
    out["validate-json.schema.json"] = _schema(ValidateJson, "mlinfra validate JSON")
    return dict(sorted(out.items()))


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def stale(directory: Path) -> list[str]:
    """Names of the schema files in ``directory`` that are missing or differ from ``generate()``."""
    names = []
    for name, schema in generate().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != dumps(schema):
            names.append(name)
    return names


def write(directory: Path) -> list[str]:
    """Write every schema into ``directory``; return the names of files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = stale(directory)
    for name, schema in generate().items():
        if name in changed:
            (directory / name).write_text(dumps(schema), encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlinfra.schemas", description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="list stale schema files and exit 1 if any"
    )
    parser.add_argument("dir", nargs="?", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    if args.check:
        names = stale(args.dir)
        for name in names:
            print(f"stale: {args.dir / name}")
        if names:
            print("Regenerate with: python -m mlinfra.schemas", file=sys.stderr)
        return 1 if names else 0
    for name in write(args.dir):
        print(f"wrote {args.dir / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
