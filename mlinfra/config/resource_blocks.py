"""Resource blocks and the blocks that name resources.

Meta-arguments (provider, depends_on, count, for_each) and lifecycle are checked and
separated from the arguments the kind and its provider own; ``moved`` and ``import``
blocks are read; a resource without ``provider`` gets the configuration's default."""

from __future__ import annotations

from typing import Protocol

from mlinfra.addrs import Address
from mlinfra.config import checks, monitoring
from mlinfra.config.model import ImportBlock, Lifecycle, Moved, ProviderBlock, ResourceBlock
from mlinfra.config.references import Reference
from mlinfra.config.statics import is_dependency, reference_list, static_string, traversal_address
from mlinfra.config.syntax import Attribute, Block, Body, Expr, GetAttr, ScopeTraversal, TupleExpr
from mlinfra.diagnostics import SourceRange

LIFECYCLE_ARGS = ("create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by")


class Collector(Protocol):
    """What the reader adds to and reports through: the loader's builder."""

    resources: dict[str, ResourceBlock]
    providers: dict[str, ProviderBlock]
    moved: list[Moved]
    imports: list[ImportBlock]
    checks: dict[str, checks.Check]

    def err(self, summary: str, detail: str, rng: SourceRange | None, context: str | None = None) -> None: ...

    def only(self, blk: Block, allowed: tuple[str, ...], blocks: tuple[str, ...] = ()) -> None: ...

    def lit_bool(self, a: Attribute | None, default: bool = False) -> bool: ...


class ResourceBlockReader:
    """Reads resource, check, moved and import blocks into a ``Collector``."""

    def __init__(self, into: Collector) -> None:
        self.into = into
        self.err = into.err

    def resource(self, blk: Block) -> None:
        kind, name = blk.type, blk.labels[0]
        ctx = f'{kind} "{name}"'
        key = f"{kind}.{name}"
        if key in self.into.resources:
            prev = self.into.resources[key].range
            self.err(
                "Duplicate resource configuration",
                f'A {kind} resource named "{name}" was already declared at {prev.filename} line '
                f"{prev.start_line}. Resource names must be unique per kind.",
                blk.range,
            )
            return
        attrs = dict(blk.body.attributes)
        provider, prange = self._provider_of(attrs.pop("provider", None), blk)
        depends_at = self._depends_on(attrs.pop("depends_on", None), ctx)
        depends = tuple(a for a, _ in depends_at)
        retrain_at = monitoring.retrain_on(attrs.pop("retrain_on", None), ctx, self.err) if kind == "pipeline" else ()
        count = attrs.pop("count", None)
        for_each = attrs.pop("for_each", None)
        if count is not None and for_each is not None:
            self.err(
                'Invalid combination of "count" and "for_each"',
                'The "count" and "for_each" meta-arguments are mutually-exclusive; only one may be used.',
                for_each.name_range,
                ctx,
            )
        lifecycle = Lifecycle()
        blocks = []
        for nb in blk.body.blocks:
            if nb.type == "lifecycle":
                lifecycle = self._lifecycle(nb, ctx)
            else:
                blocks.append(nb)
        body = Body(attrs, tuple(blocks), blk.body.range, ())
        self.into.resources[key] = ResourceBlock(
            kind=kind,
            name=name,
            provider=provider,
            provider_range=prange,
            body=body,
            count=count,
            for_each=for_each,
            depends_on=depends,
            lifecycle=lifecycle,
            range=blk.range,
            depends_on_ranges=tuple(r for _, r in depends_at),
            retrain_on=tuple(a for a, _ in retrain_at),
            retrain_on_ranges=tuple(r for _, r in retrain_at),
        )


    def self_references(self, r: ResourceBlock, refs: list[Reference], local_deps: dict[str, frozenset[str]]) -> None:
        """A block may not refer to itself, directly, through a local or in depends_on:
        its value would depend on itself and never settle."""
        key = str(r.address)
        found: list[tuple[SourceRange, str]] = []
        for ref in refs:
            p = ref.parts
            if len(p) >= 2 and f"{p[0]}.{p[1]}" == key:
                found.append((ref.range, ""))
            elif p[0] == "local" and len(p) >= 2 and isinstance(p[1], str) and key in local_deps.get(p[1], ()):
                found.append((ref.range, f" (local.{p[1]} refers to {key})"))
        found += [(at, " (in depends_on)") for dep, at in zip(r.depends_on, r.depends_on_ranges, strict=False) if str(dep) == key]
        for at, how in found:
            self.err(
                "Self-referential block",
                f"Configuration for {key} may not refer to itself{how}: its value would depend on "
                "itself. Refer to another resource, a variable or a local value instead.",
                at,
                r.context,
            )

    def _provider_of(self, a: Attribute | None, blk: Block) -> tuple[str, SourceRange]:
        if a is None:
            return "", blk.range  # resolved in finish()
        e = a.expr
        if isinstance(e, ScopeTraversal) and all(isinstance(s, GetAttr) for s in e.steps) and len(e.steps) <= 1:
            alias = e.steps[0].name if e.steps and isinstance(e.steps[0], GetAttr) else None
            return (f"{e.root}.{alias}" if alias else e.root), a.range
        s = static_string(e)
        if s:
            return s, a.range
        self.err(
            "Invalid provider reference",
            "The provider argument takes a provider name such as local or aws.eu, without quotes.",
            a.range,
            f'{blk.type} "{blk.labels[0]}"',
        )
        return "local", a.range

    def _depends_on(self, a: Attribute | None, ctx: str) -> tuple[tuple[Address, SourceRange], ...]:
        return reference_list(
            a,
            ctx,
            self.err,
            accepts=is_dependency,
            module_ok=True,
            list_detail="depends_on takes a list of resources: [model.x, dataset.y].",
            item_detail="Each item must name a whole resource, such as model.x, or a module call, such as module.a.",
        )

    def _lifecycle(self, blk: Block, ctx: str) -> Lifecycle:
        self.into.only(blk, LIFECYCLE_ARGS, ("precondition", "postcondition"))
        conditions: dict[str, list[checks.Assertion]] = {"precondition": [], "postcondition": []}
        for nb in blk.body.blocks:
            found = checks.read_assertion(nb, self.err, ctx) if nb.type in conditions else None
            if found is not None:
                conditions[nb.type].append(found)
        a = blk.body.attributes
        ignore: list[str] = []
        ignore_all = False
        ic = a.get("ignore_changes")
        if ic is not None:
            if isinstance(ic.expr, ScopeTraversal) and ic.expr.root == "all" and not ic.expr.steps:
                ignore_all = True
            elif isinstance(ic.expr, TupleExpr):
                for it in ic.expr.items:
                    if isinstance(it, ScopeTraversal) and not it.steps:
                        ignore.append(it.root)
                    elif static_string(it):
                        ignore.append(static_string(it) or "")
                    else:
                        self.err("Invalid ignore_changes", "List argument names, e.g. [tags, variant].", it.range, ctx)
            else:
                self.err("Invalid ignore_changes", "Use a list of argument names, or all.", ic.range, ctx)
        rtb: tuple[Expr, ...] = ()
        r = a.get("replace_triggered_by")
        if r is not None:
            if isinstance(r.expr, TupleExpr):
                rtb = r.expr.items
            else:
                self.err("Invalid replace_triggered_by", "Use a list of references.", r.range, ctx)
        return Lifecycle(
            create_before_destroy=self.into.lit_bool(a.get("create_before_destroy")),
            prevent_destroy=self.into.lit_bool(a.get("prevent_destroy")),
            ignore_changes=tuple(ignore),
            ignore_all_changes=ignore_all,
            replace_triggered_by=rtb,
            preconditions=tuple(conditions["precondition"]),
            postconditions=tuple(conditions["postcondition"]),
        )

    def b_check(self, blk: Block) -> None:
        name = blk.labels[0]
        if name in self.into.checks:
            self.err("Duplicate check block", f'A check block named "{name}" was already declared.', blk.range)
            return
        found = checks.read(blk, self.err)
        if found is not None:
            self.into.checks[name] = found

    def b_moved(self, blk: Block) -> None:
        self.into.only(blk, ("from", "to"))
        a = blk.body.attributes
        if "from" not in a or "to" not in a:
            self.err("Missing required argument", "A moved block needs both from and to.", blk.range, "moved")
            return
        src = traversal_address(a["from"].expr, module_ok=True)
        dst = traversal_address(a["to"].expr, module_ok=True)
        if src is None or dst is None or src.kind != dst.kind:
            self.err(
                "Invalid moved block",
                "from and to must be resource addresses of the same kind, e.g. from = model.old, to = model.new, "
                "or module calls, e.g. from = module.a, to = module.b.",
                blk.range,
                "moved",
            )
            return
        self.into.moved.append(Moved(src, dst, blk.range))

    def b_import(self, blk: Block) -> None:
        self.into.only(blk, ("to", "id"))
        a = blk.body.attributes
        if "to" not in a or "id" not in a:
            self.err("Missing required argument", "An import block needs both to and id.", blk.range, "import")
            return
        to = traversal_address(a["to"].expr)
        if to is None:
            self.err(
                "Invalid import address",
                "to must be a resource address such as endpoint.churn or module.a.endpoint.churn.",
                a["to"].range,
            )
            return
        self.into.imports.append(ImportBlock(to, a["id"].expr, blk.range))

    def default_provider(self) -> str:
        unaliased = sorted({p.name for p in self.into.providers.values() if p.alias is None})
        if len(unaliased) == 1:
            return unaliased[0]
        if not unaliased:
            return "local"
        missing = [r for r in self.into.resources.values() if not r.provider]
        for r in missing:
            self.err(
                "Missing provider argument",
                f"Several providers are configured ({', '.join(unaliased)}); say which one this "
                f"resource uses, e.g. provider = {unaliased[0]}.",
                r.range,
                r.context,
            )
        return unaliased[0]
