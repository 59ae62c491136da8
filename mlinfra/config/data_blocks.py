"""``data "KIND" "NAME" { ... }`` blocks: what exists, read through a provider, never managed.

Three kinds of data source are portable across providers:

- ``data "model" "m" { name = "iris", stage = "production" }``: the latest registered
  version of a model (of one stage or approval status when ``stage`` is given);
- ``data "endpoint" "e" { name = "iris" }``: an existing endpoint, its url and status;
- ``data "dataset" "d" { source = "file://data/iris.csv" }``: a dataset's digest.

A data source is addressed ``data.KIND.NAME`` and referred to as
``data.model.m.version``. It is read while planning, or during apply when its arguments
are not known until then (Terraform's rule), and recorded in the state with ``mode =
"data"``. Resources that refer to a data source depend on whatever it refers to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS
from mlinfra.config import expressions
from mlinfra.config.dependencies import body_refs, resource_deps
from mlinfra.config.model import Config, ResourceBlock
from mlinfra.config.syntax import Block, Body
from mlinfra.diagnostics import SourceRange
from mlinfra.records import frozen, replace


@frozen
class DataKind:
    required: tuple[str, ...]
    optional: tuple[str, ...]
    # What a read reports besides the arguments.
    attributes: tuple[str, ...]


DATA_KINDS: dict[str, DataKind] = {
    "model": DataKind(("name",), ("stage",), ("id", "version", "uri", "digest", "stage")),
    "endpoint": DataKind(("name",), (), ("id", "url", "status")),
    "dataset": DataKind(("source",), (), ("id", "digest", "version")),
}
META = ("provider", "depends_on")


@frozen
class DataBlock:
    kind: str
    name: str
    provider: str  # provider configuration address; "" until the loader resolves it
    provider_range: SourceRange
    body: Body  # the arguments, meta-arguments removed
    range: SourceRange
    # Managed resources (KIND.NAME) and data sources (data.KIND.NAME) it refers to.
    dependencies: frozenset[str] = frozenset()
    data_dependencies: frozenset[str] = frozenset()
    # The resources its depends_on names: a pending change to one defers the read.
    depends_on: frozenset[str] = frozenset()

    @property
    def address(self) -> str:
        return f"data.{self.kind}.{self.name}"

    @property
    def key(self) -> str:
        return f"{self.kind}.{self.name}"

    @property
    def context(self) -> str:
        return f'data "{self.kind}" "{self.name}"'


Err = Callable[..., None]


def read(blk: Block, err: Err, provider_of: Callable[..., tuple[str, SourceRange]]) -> DataBlock | None:
    """The data source a ``data`` block declares; None (after ``err``) when malformed."""
    if len(blk.labels) != 2:
        err("Missing name for data" if len(blk.labels) < 2 else "Extraneous label for data",
            'A data block takes two labels, the kind and a name: data "model" "latest" { ... }.', blk.range)  # fmt: skip
        return None
    kind, name = blk.labels
    ctx = f'data "{kind}" "{name}"'
    if kind not in DATA_KINDS:
        err("Invalid data source kind",
            f'There is no data source kind "{kind}"; the kinds are {", ".join(DATA_KINDS)}.'
            + d.suggestion(kind, DATA_KINDS), blk.range, ctx)  # fmt: skip
        return None
    if not expressions_name_ok(name):
        err("Invalid name", f'"{name}" is not a valid name: use letters, digits, underscores and dashes, '
            "starting with a letter or underscore.", blk.range, ctx)  # fmt: skip
        return None
    spec = DATA_KINDS[kind]
    allowed = (*spec.required, *spec.optional, *META)
    attrs = dict(blk.body.attributes)
    bad = False
    for a in attrs.values():
        if a.name not in allowed:
            err("Unsupported argument",
                f'An argument named "{a.name}" is not expected in a {kind} data source.'
                + d.suggestion(a.name, allowed), a.name_range, ctx)  # fmt: skip
            bad = True
    for nb in blk.body.blocks:
        err("Unsupported block type", f'Blocks of type "{nb.type}" are not expected in a data source.', nb.type_range, ctx)
        bad = True
    for req in spec.required:
        if req not in attrs:
            err("Missing required argument",
                f'The argument "{req}" is required, but no definition was found: a {kind} data source '
                f"is looked up by {req}.", blk.range, ctx)  # fmt: skip
            bad = True
    if bad:
        return None
    provider, prange = provider_of(attrs.pop("provider", None), blk)
    depends = attrs.pop("depends_on", None)
    deps: set[str] = set()
    if depends is not None:
        deps = {f"{r.parts[0]}.{r.parts[1]}" for r in expressions.references(depends.expr) if len(r.parts) >= 2}
    body = Body(attrs, (), blk.body.range)
    return DataBlock(kind, name, provider, prange, body, blk.range, frozenset(deps), depends_on=frozenset(deps))


def expressions_name_ok(name: str) -> bool:
    from mlinfra.config.statics import valid_name

    return valid_name(name)


def data_refs(refs: list[expressions.Reference]) -> set[str]:
    """The data sources (KIND.NAME) among references."""
    return {f"{r.parts[1]}.{r.parts[2]}" for r in refs
            if r.parts[0] == "data" and len(r.parts) >= 3 and isinstance(r.parts[2], str)}  # fmt: skip


def attach(config: Config, blocks: dict[str, DataBlock], default_provider: str, err: Err) -> Config:
    """``config`` with its data sources: providers resolved, their dependencies worked
    out, and every resource made to depend on what the data sources it reads depend on
    (so a data source is read after the resources its arguments name)."""
    if not blocks:
        return config
    local_data = _local_data_refs(config)
    resolved: dict[str, DataBlock] = {}
    for key, b in blocks.items():
        refs: list[expressions.Reference] = []
        body_refs(b.body, refs)
        data = data_refs(refs) | {x for r in refs if r.parts[0] == "local" and len(r.parts) > 1
                                  for x in local_data.get(str(r.parts[1]), ())}  # fmt: skip
        if key in data:
            at = next((r.range for r in refs if r.parts[:3] == ("data", b.kind, b.name)), b.range)
            err("Self-referential block",
                f"Configuration for {b.address} may not refer to itself: its value would depend on itself.",
                at, b.context)  # fmt: skip
            data.discard(key)
        managed = resource_deps(refs, dict(config.local_dependencies)) | set(b.dependencies)
        resolved[key] = replace(b, provider=b.provider or default_provider,
                                dependencies=frozenset(managed), data_dependencies=frozenset(data))  # fmt: skip
    closure = _closure(resolved)
    resources: dict[str, ResourceBlock] = {}
    for key, r in config.resources.items():
        refs = []
        body_refs(r.body, refs)
        for a in (r.count, r.for_each):
            if a is not None:
                refs.extend(expressions.references(a.expr))
        used = data_refs(refs) | {x for ref in refs if ref.parts[0] == "local" and len(ref.parts) > 1
                                  for x in local_data.get(str(ref.parts[1]), ())}  # fmt: skip
        extra: set[str] = set().union(*(closure.get(u, frozenset()) for u in used)) if used else set()
        extra.discard(key)
        resources[key] = replace(r, dependencies=r.dependencies | extra) if extra - r.dependencies else r
    return replace(config, resources=resources, data=resolved)


def _closure(blocks: dict[str, DataBlock]) -> dict[str, frozenset[str]]:
    """Each data source's managed-resource dependencies, through the data sources it reads."""
    out: dict[str, frozenset[str]] = {}

    def visit(key: str, path: set[str]) -> frozenset[str]:
        if key in out:
            return out[key]
        b = blocks.get(key)
        if b is None or key in path:
            return frozenset()
        deps = set(b.dependencies)
        for other in b.data_dependencies:
            deps |= visit(other, path | {key})
        out[key] = frozenset(x for x in deps if x.split(".", 1)[0] in KINDS)
        return out[key]

    for k in blocks:
        visit(k, set())
    return out


def _local_data_refs(config: Config) -> dict[str, set[str]]:
    """The data sources each local refers to, directly or through other locals
    (worked out without recursion: a chain of locals may be thousands long)."""
    direct = {n: expressions.references(a.expr) for n, a in config.locals.items()}
    out = {n: data_refs(refs) for n, refs in direct.items()}
    via = {n: [str(r.parts[1]) for r in refs if r.parts[0] == "local" and len(r.parts) > 1 and r.parts[1] in direct]
           for n, refs in direct.items()}  # fmt: skip
    changed = any(out.values())
    while changed:
        changed = False
        for n, others in via.items():
            grown = out[n].union(*(out[o] for o in others)) if others else out[n]
            if len(grown) > len(out[n]):
                out[n], changed = grown, True
    return out


def placeholder(kind: str, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """A data source's value before it is read: its arguments, the rest UNKNOWN."""
    from mlinfra.values import UNKNOWN

    spec = DATA_KINDS[kind]
    value: dict[str, Any] = dict.fromkeys((*spec.required, *spec.optional, *spec.attributes), UNKNOWN)
    value.update(config or {})
    return value


def describe_query(config: dict[str, Any]) -> str:
    """'name = "iris", stage = "production"': what a read looked for."""
    import json

    return ", ".join(f"{k} = {json.dumps(v)}" for k, v in sorted(config.items()) if v is not None)
