"""The loaded configuration: immutable, validated structure of every block.

``loader`` builds a ``Config`` from the ``*.hcl`` files of a directory. Expressions stay
unevaluated here: the planner evaluates them once values are known.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra.addrs import Address
from mlinfra.config.syntax import Attribute, Body, Expr, File
from mlinfra.diagnostics import SourceRange
from mlinfra.records import field, frozen

# The kinds of ``backend "KIND"`` block the language accepts; mlinfra.states opens each.
BACKEND_TYPES: tuple[str, ...] = ("local", "s3", "gcs", "azurerm", "pg")

if TYPE_CHECKING:
    from mlinfra.config.checks import Assertion, Check
    from mlinfra.config.data_blocks import DataBlock
    from mlinfra.config.modules import ModuleCall
    from mlinfra.config.modules_expand import ModuleInstance

NO_DEFAULT: Any = object()


@frozen
class Lifecycle:
    """A resource's ``lifecycle`` block."""

    create_before_destroy: bool = False
    prevent_destroy: bool = False
    ignore_changes: tuple[str, ...] = ()
    ignore_all_changes: bool = False
    replace_triggered_by: tuple[Expr, ...] = ()
    preconditions: tuple[Assertion, ...] = ()
    postconditions: tuple[Assertion, ...] = ()


@frozen
class ResourceBlock:
    """A resource block (``dataset``, ``pipeline``, ``model``, ...) with its meta-arguments read."""

    kind: str
    name: str
    provider: str  # provider configuration address: "local" or "aws.eu"
    provider_range: SourceRange
    body: Body  # arguments and nested blocks, meta-arguments removed
    count: Attribute | None
    for_each: Attribute | None
    depends_on: tuple[Address, ...]
    lifecycle: Lifecycle
    range: SourceRange
    # Block-level dependencies: resource addresses (no key) this block refers to,
    # directly or through locals.
    dependencies: frozenset[str] = frozenset()
    # Where each entry of depends_on is written.
    depends_on_ranges: tuple[SourceRange, ...] = ()
    # The module instance the block belongs to (empty: the root module).
    module: tuple[str, ...] = ()
    # A pipeline's ``retrain_on`` monitors (no dependency: a monitor watches what the
    # pipeline trains), and where each is written.
    retrain_on: tuple[Address, ...] = ()
    retrain_on_ranges: tuple[SourceRange, ...] = ()

    @property
    def address(self) -> Address:
        return Address(self.kind, self.name, None, self.module)

    @property
    def context(self) -> str:
        where = f'{self.kind} "{self.name}"'
        return f"{where} in {module_address(self.module)}" if self.module else where


def module_address(module: tuple[str, ...]) -> str:
    """``module.a.module.b`` for the module path ("a", "b")."""
    return ".".join(f"module.{m}" for m in module)


@frozen
class Validation:
    """A variable's ``validation`` block."""

    condition: Expr
    error_message: Expr
    range: SourceRange


@frozen
class Variable:
    """A ``variable`` block."""

    name: str
    type: str | None
    default: Any
    description: str
    sensitive: bool
    nullable: bool
    validations: tuple[Validation, ...]
    range: SourceRange

    @property
    def required(self) -> bool:
        return self.default is NO_DEFAULT


@frozen
class Output:
    """An ``output`` block."""

    name: str
    value: Attribute
    description: str
    sensitive: bool
    range: SourceRange
    dependencies: frozenset[str] = frozenset()


@frozen
class ProviderBlock:
    """A ``provider`` block."""

    name: str
    alias: str | None
    body: Body
    range: SourceRange

    @property
    def key(self) -> str:
        return f"{self.name}.{self.alias}" if self.alias else self.name


@frozen
class Moved:
    """A ``moved`` block."""

    from_addr: Address
    to_addr: Address
    range: SourceRange


@frozen
class ImportBlock:
    """An ``import`` block."""

    to: Address
    id: Expr
    range: SourceRange


@frozen
class Config:
    """A loaded configuration: every block of every file of a directory."""

    dir: Path
    files: tuple[File, ...]
    backend_type: str = "local"
    backend_settings: dict[str, Any] = field(default_factory=dict)
    backend_range: SourceRange | None = None
    # The mlinfra block's encryption block (syntax.Block), evaluated with the variables
    # when a state is opened (mlinfra.states.keys).
    encryption: Any = None
    required_version: str | None = None
    providers: dict[str, ProviderBlock] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    locals: dict[str, Attribute] = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)
    resources: dict[str, ResourceBlock] = field(default_factory=dict)
    moved: tuple[Moved, ...] = ()
    imports: tuple[ImportBlock, ...] = ()
    # Block-level dependencies of each local (resource addresses).
    local_dependencies: dict[str, frozenset[str]] = field(default_factory=dict)
    checks: dict[str, Check] = field(default_factory=dict)
    # The module blocks of this module, each with the configuration it loads.
    module_calls: dict[str, ModuleCall] = field(default_factory=dict)
    # Once expanded (mlinfra.config.modules_expand.expand): every module instance by path, the
    # root () included; resources then hold the resources of every instance.
    modules: dict[tuple[str, ...], ModuleInstance] = field(default_factory=dict)
    # The module instance this configuration is loaded for (empty: the root module).
    module: tuple[str, ...] = ()
    # Data sources by KIND.NAME (mlinfra.config.data_blocks).
    data: dict[str, DataBlock] = field(default_factory=dict)

    @property
    def sources(self) -> dict[str, str]:
        return {f.filename: f.source for f in self.files}

    def provider_names(self) -> set[str]:
        names = {p.name for p in self.providers.values()}
        names |= {r.provider.split(".")[0] for r in self.resources.values()}
        names |= {b.provider.split(".")[0] for b in self.data.values()}
        return names
