"""Blocks -> Config: the structure of every top-level block, checked and collected.

Reads every ``*.hcl`` file directly inside a directory in sorted name order, checks
block types, labels and meta-arguments, and records each resource's block-level
dependencies. Argument values are checked later, by ``config.checks``, once
expressions can be evaluated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS, Address
from mlinfra.config import expressions, hclparse
from mlinfra.config.model import (
    NO_DEFAULT,
    Config,
    ImportBlock,
    Lifecycle,
    Moved,
    Output,
    ProviderBlock,
    ResourceBlock,
    Validation,
    Variable,
)
from mlinfra.config.syntax import (
    Attribute,
    Block,
    Body,
    Expr,
    File,
    GetAttr,
    Index,
    Literal,
    ScopeTraversal,
    Template,
    TupleExpr,
)
from mlinfra.diagnostics import Diagnostics, SourceRange

TOP_LEVEL = ("mlinfra", "provider", "variable", "locals", "output", *KINDS, "module", "moved", "import")
META_ARGS = ("provider", "depends_on", "count", "for_each")
LIFECYCLE_ARGS = ("create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by")
LABELS = {"provider": 1, "variable": 1, "output": 1, "module": 1, **{k: 1 for k in KINDS}}


def load_dir(directory: Path, cache_dir: Path | None = None) -> tuple[Config, Diagnostics]:
    diags = Diagnostics()
    paths = sorted(p for p in directory.glob("*.hcl") if p.is_file())
    if not paths:
        diags.add(
            d.error(
                "No configuration files",
                f"There are no *.hcl files in {directory}. Create one (see examples/quickstart), "
                "or run mlinfra with -C DIR to work in another directory.",
            )
        )
    files: list[File] = []
    for p in paths:
        f, fd = hclparse.parse_file(p, p.name, cache_dir)
        diags.extend(fd)
        if f is not None:
            files.append(f)
    return load_files(directory, files, diags)


def load_sources(directory: Path, sources: dict[str, str]) -> tuple[Config, Diagnostics]:
    """Load from in-memory sources (a saved plan's snapshot)."""
    diags = Diagnostics()
    files = []
    for name in sorted(sources):
        f, fd = hclparse.parse_source(sources[name], name)
        diags.extend(fd)
        if f is not None:
            files.append(f)
    return load_files(directory, files, diags)


def load_files(directory: Path, files: list[File], diags: Diagnostics) -> tuple[Config, Diagnostics]:
    b = _Builder(directory, diags)
    for f in files:
        b.file(f)
    return b.finish(tuple(files)), diags


def static_string(expr: Expr) -> str | None:
    """The value of a literal or interpolation-free string expression."""
    if isinstance(expr, Literal) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, Template) and all(isinstance(p, str) for p in expr.parts):
        return "".join(p for p in expr.parts if isinstance(p, str))
    return None


def _static_value(expr: Expr) -> Any:
    """Evaluate an expression that may not refer to anything (variable defaults)."""
    return expressions.evaluate(expr, expressions.Scope())


def traversal_address(expr: Expr) -> Address | None:
    """KIND.NAME or KIND.NAME[key] written as a bare traversal (depends_on, moved)."""
    if not isinstance(expr, ScopeTraversal) or expr.root not in KINDS:
        return None
    steps = expr.steps
    if not steps or not isinstance(steps[0], GetAttr):
        return None
    key: addrs.Key = None
    if len(steps) >= 2 and isinstance(steps[1], Index) and isinstance(steps[1].key, Literal | Template):
        k = steps[1].key
        key = k.value if isinstance(k, Literal) else static_string(k)
        if len(steps) > 2:
            return None
    elif len(steps) > 1:
        return None
    return Address(expr.root, steps[0].name, key)


class _Builder:
    def __init__(self, directory: Path, diags: Diagnostics) -> None:
        self.dir = directory
        self.diags = diags
        self.backend_type = "local"
        self.backend_settings: dict[str, Any] = {}
        self.backend_range: SourceRange | None = None
        self.required_version: str | None = None
        self.providers: dict[str, ProviderBlock] = {}
        self.variables: dict[str, Variable] = {}
        self.locals: dict[str, Attribute] = {}
        self.outputs: dict[str, Output] = {}
        self.resources: dict[str, ResourceBlock] = {}
        self.moved: list[Moved] = []
        self.imports: list[ImportBlock] = []
        self.seen_mlinfra: SourceRange | None = None

    def err(self, summary: str, detail: str, rng: SourceRange | None, context: str | None = None) -> None:
        self.diags.add(d.error(summary, detail, rng, context=context))

    # -- files and blocks --------------------------------------------------------------
    def file(self, f: File) -> None:
        for a in f.body.attributes.values():
            self.err(
                "Unsupported argument",
                f'An argument named "{a.name}" is not expected at the top level; '
                "arguments belong inside a block.",
                a.range,
            )
        for blk in f.body.blocks:
            self.block(blk)

    def block(self, blk: Block) -> None:
        t = blk.type
        if t not in TOP_LEVEL:
            self.err(
                "Unsupported block type",
                f'Blocks of type "{t}" are not expected here.{d.suggestion(t, TOP_LEVEL)}',
                blk.type_range,
            )
            return
        want = LABELS.get(t, 0)
        if len(blk.labels) != want:
            if want:
                self.err(
                    "Missing name for " + t if len(blk.labels) < want else f"Extraneous label for {t}",
                    f'A {t} block takes exactly one label: {t} "NAME" {{ ... }}.',
                    blk.range,
                )
            else:
                self.err(f"Extraneous label for {t}", f"A {t} block takes no labels.", blk.range)
            return
        if want and not _valid_name(blk.labels[0]):
            self.err(
                "Invalid name",
                f'"{blk.labels[0]}" is not a valid name: use letters, digits, underscores and dashes, '
                "starting with a letter or underscore.",
                blk.range,
            )
            return
        self._duplicates(blk.body, f'{t} "{blk.labels[0]}"' if blk.labels else t)
        getattr(self, "b_" + t)(blk)

    def _duplicates(self, body: Body, context: str) -> None:
        for first, second in body.duplicates:
            self.err(
                "Attribute redefined",
                f'The argument "{second.name}" was already set at line {first.range.start_line}. '
                "Each argument may be set only once.",
                second.name_range,
                context,
            )

    def _only(self, blk: Block, allowed: tuple[str, ...], blocks: tuple[str, ...] = ()) -> None:
        ctx = f'{blk.type} "{blk.labels[0]}"' if blk.labels else blk.type
        for a in blk.body.attributes.values():
            if a.name not in allowed:
                self.err(
                    "Unsupported argument",
                    f'An argument named "{a.name}" is not expected here.{d.suggestion(a.name, allowed)}',
                    a.name_range,
                    ctx,
                )
        for nb in blk.body.blocks:
            if nb.type not in blocks:
                self.err(
                    "Unsupported block type",
                    f'Blocks of type "{nb.type}" are not expected here.{d.suggestion(nb.type, blocks)}',
                    nb.type_range,
                    ctx,
                )

    def b_mlinfra(self, blk: Block) -> None:
        if self.seen_mlinfra is not None:
            self.err(
                "Duplicate mlinfra block",
                f"An mlinfra block was already declared at line {self.seen_mlinfra.start_line} "
                f"of {self.seen_mlinfra.filename}; merge the two.",
                blk.range,
            )
            return
        self.seen_mlinfra = blk.range
        self._only(blk, ("required_version",), ("backend",))
        rv = blk.body.attributes.get("required_version")
        if rv is not None:
            self.required_version = static_string(rv.expr)
        backends = [b for b in blk.body.blocks if b.type == "backend"]
        if len(backends) > 1:
            self.err("Duplicate backend", "Only one backend block may be declared.", backends[1].range)
        if backends:
            bk = backends[0]
            if len(bk.labels) != 1:
                self.err("Missing backend type", 'Write backend "local" { ... }.', bk.range)
                return
            self.backend_type = bk.labels[0]
            self.backend_range = bk.range
            for a in bk.body.attributes.values():
                try:
                    self.backend_settings[a.name] = _static_value(a.expr)
                except d.DiagnosticsError:
                    self.err(
                        "Invalid backend setting",
                        f'The backend argument "{a.name}" must be a literal value: backends are '
                        "configured before variables are known.",
                        a.range,
                    )

    def b_provider(self, blk: Block) -> None:
        name = blk.labels[0]
        alias = None
        al = blk.body.attributes.get("alias")
        if al is not None:
            alias = static_string(al.expr)
            if alias is None:
                self.err("Invalid alias", "A provider alias must be a literal string.", al.range)
                return
        pb = ProviderBlock(name, alias, blk.body, blk.range)
        if pb.key in self.providers:
            prev = self.providers[pb.key].range
            self.err(
                "Duplicate provider configuration",
                f'A provider configuration for "{pb.key}" was already given at {prev.filename} line '
                f"{prev.start_line}. Give the second one an alias.",
                blk.range,
            )
            return
        self.providers[pb.key] = pb

    def b_variable(self, blk: Block) -> None:
        name = blk.labels[0]
        ctx = f'variable "{name}"'
        self._only(blk, ("type", "default", "description", "sensitive", "nullable"), ("validation",))
        if name in self.variables:
            self.err("Duplicate variable declaration", f'A variable named "{name}" was already declared.', blk.range)
            return
        attrs = blk.body.attributes
        default: Any = NO_DEFAULT
        if "default" in attrs:
            try:
                default = _static_value(attrs["default"].expr)
            except d.DiagnosticsError as e:
                self.diags.extend(e.diagnostics)
        type_s = None
        if "type" in attrs:
            type_s = _type_string(attrs["type"].expr)
            if type_s is None:
                self.err(
                    "Invalid type specification",
                    "Use string, number, bool, list(...), map(...), set(...), object({...}) or any.",
                    attrs["type"].range,
                    ctx,
                )
        validations = []
        for vb in blk.body.blocks:
            va = vb.body.attributes
            if "condition" not in va or "error_message" not in va:
                self.err(
                    "Missing required argument",
                    "A validation block needs both condition and error_message.",
                    vb.range,
                    ctx,
                )
                continue
            validations.append(Validation(va["condition"].expr, va["error_message"].expr, vb.range))
        self.variables[name] = Variable(
            name=name,
            type=type_s,
            default=default,
            description=self._lit_str(attrs.get("description")),
            sensitive=self._lit_bool(attrs.get("sensitive")),
            nullable=self._lit_bool(attrs.get("nullable"), True),
            validations=tuple(validations),
            range=blk.range,
        )

    def _lit_str(self, a: Attribute | None) -> str:
        if a is None:
            return ""
        s = static_string(a.expr)
        if s is None:
            self.err("Invalid value", f'"{a.name}" must be a literal string.', a.range)
            return ""
        return s

    def _lit_bool(self, a: Attribute | None, default: bool = False) -> bool:
        if a is None:
            return default
        if isinstance(a.expr, Literal) and isinstance(a.expr.value, bool):
            return a.expr.value
        self.err("Invalid value", f'"{a.name}" must be true or false.', a.range)
        return default

    def b_locals(self, blk: Block) -> None:
        for nb in blk.body.blocks:
            self.err("Unsupported block type", "A locals block holds only name = value pairs.", nb.type_range)
        for a in blk.body.attributes.values():
            if a.name in self.locals:
                prev = self.locals[a.name].range
                self.err(
                    "Duplicate local value definition",
                    f'A local value named "{a.name}" was already defined at {prev.filename} line '
                    f"{prev.start_line}. Local value names must be unique.",
                    a.name_range,
                )
                continue
            self.locals[a.name] = a

    def b_output(self, blk: Block) -> None:
        name = blk.labels[0]
        self._only(blk, ("value", "description", "sensitive", "depends_on"))
        if name in self.outputs:
            self.err("Duplicate output definition", f'An output named "{name}" was already defined.', blk.range)
            return
        val = blk.body.attributes.get("value")
        if val is None:
            self.err(
                "Missing required argument",
                'The argument "value" is required, but no definition was found.',
                blk.range,
                f'output "{name}"',
            )
            return
        self.outputs[name] = Output(
            name,
            val,
            self._lit_str(blk.body.attributes.get("description")),
            self._lit_bool(blk.body.attributes.get("sensitive")),
            blk.range,
        )

    def b_module(self, blk: Block) -> None:
        self.err(
            "Modules are not supported yet",
            "This version of mlinfra reads a single directory; move the module's blocks into it.",
            blk.range,
        )

    def b_moved(self, blk: Block) -> None:
        self._only(blk, ("from", "to"))
        a = blk.body.attributes
        if "from" not in a or "to" not in a:
            self.err("Missing required argument", "A moved block needs both from and to.", blk.range, "moved")
            return
        src, dst = traversal_address(a["from"].expr), traversal_address(a["to"].expr)
        if src is None or dst is None or src.kind != dst.kind:
            self.err(
                "Invalid moved block",
                "from and to must be resource addresses of the same kind, e.g. from = model.old, to = model.new.",
                blk.range,
                "moved",
            )
            return
        self.moved.append(Moved(src, dst, blk.range))

    def b_import(self, blk: Block) -> None:
        self._only(blk, ("to", "id"))
        a = blk.body.attributes
        if "to" not in a or "id" not in a:
            self.err("Missing required argument", "An import block needs both to and id.", blk.range, "import")
            return
        to = traversal_address(a["to"].expr)
        if to is None:
            self.err("Invalid import address", "to must be a resource address such as endpoint.churn.", a["to"].range)
            return
        self.imports.append(ImportBlock(to, a["id"].expr, blk.range))

    def resource(self, blk: Block) -> None:
        kind, name = blk.type, blk.labels[0]
        ctx = f'{kind} "{name}"'
        key = f"{kind}.{name}"
        if key in self.resources:
            prev = self.resources[key].range
            self.err(
                "Duplicate resource configuration",
                f'A {kind} resource named "{name}" was already declared at {prev.filename} line '
                f"{prev.start_line}. Resource names must be unique per kind.",
                blk.range,
            )
            return
        attrs = dict(blk.body.attributes)
        provider, prange = self._provider_of(attrs.pop("provider", None), blk)
        depends = self._depends_on(attrs.pop("depends_on", None), ctx)
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
        self.resources[key] = ResourceBlock(
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
        )

    b_dataset = b_pipeline = b_model = b_endpoint = resource

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

    def _depends_on(self, a: Attribute | None, ctx: str) -> tuple[Address, ...]:
        if a is None:
            return ()
        items = a.expr.items if isinstance(a.expr, TupleExpr) else None
        if items is None:
            self.err("Invalid depends_on", "depends_on takes a list of resources: [model.x, dataset.y].", a.range, ctx)
            return ()
        out = []
        for it in items:
            ad = traversal_address(it)
            if ad is None or ad.key is not None:
                self.err(
                    "Invalid depends_on reference",
                    "Each item must name a whole resource, such as model.x.",
                    it.range,
                    ctx,
                )
                continue
            out.append(ad)
        return tuple(out)

    def _lifecycle(self, blk: Block, ctx: str) -> Lifecycle:
        self._only(blk, LIFECYCLE_ARGS)
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
            create_before_destroy=self._lit_bool(a.get("create_before_destroy")),
            prevent_destroy=self._lit_bool(a.get("prevent_destroy")),
            ignore_changes=tuple(ignore),
            ignore_all_changes=ignore_all,
            replace_triggered_by=rtb,
        )

    # -- finishing ---------------------------------------------------------------------
    def finish(self, files: tuple[File, ...]) -> Config:
        default_provider = self._default_provider()
        local_deps = self._local_dependencies()
        resources: dict[str, ResourceBlock] = {}
        for key, r in self.resources.items():
            provider = r.provider or default_provider
            deps = set(_resource_deps(_block_refs(r), local_deps))
            deps |= {str(a) for a in r.depends_on}
            deps.discard(key)
            resources[key] = ResourceBlock(
                kind=r.kind,
                name=r.name,
                provider=provider,
                provider_range=r.provider_range,
                body=r.body,
                count=r.count,
                for_each=r.for_each,
                depends_on=r.depends_on,
                lifecycle=r.lifecycle,
                range=r.range,
                dependencies=frozenset(deps),
            )
            for dep in r.depends_on:
                if str(dep) not in self.resources:
                    self.err(
                        "Reference to undeclared resource",
                        f'depends_on names {dep}, which is not declared.'
                        + d.suggestion(str(dep), self.resources),
                        r.range,
                        r.context,
                    )
        outputs = {
            n: Output(
                o.name,
                o.value,
                o.description,
                o.sensitive,
                o.range,
                frozenset(_resource_deps(expressions.references(o.value.expr), local_deps)),
            )
            for n, o in self.outputs.items()
        }
        return Config(
            dir=self.dir,
            files=files,
            backend_type=self.backend_type,
            backend_settings=self.backend_settings,
            backend_range=self.backend_range,
            required_version=self.required_version,
            providers=self.providers,
            variables=self.variables,
            locals=self.locals,
            outputs=outputs,
            resources=resources,
            moved=tuple(self.moved),
            imports=tuple(self.imports),
            local_dependencies=local_deps,
        )

    def _default_provider(self) -> str:
        unaliased = sorted({p.name for p in self.providers.values() if p.alias is None})
        if len(unaliased) == 1:
            return unaliased[0]
        if not unaliased:
            return "local"
        missing = [r for r in self.resources.values() if not r.provider]
        for r in missing:
            self.err(
                "Missing provider argument",
                f"Several providers are configured ({', '.join(unaliased)}); say which one this "
                f"resource uses, e.g. provider = {unaliased[0]}.",
                r.range,
                r.context,
            )
        return unaliased[0]

    def _local_dependencies(self) -> dict[str, frozenset[str]]:
        direct = {n: expressions.references(a.expr) for n, a in self.locals.items()}
        out: dict[str, frozenset[str]] = {}

        def resolve(name: str, stack: tuple[str, ...]) -> frozenset[str]:
            if name in out:
                return out[name]
            if name in stack:
                return frozenset()
            deps: set[str] = set()
            for ref in direct.get(name, []):
                p = ref.parts
                if p[0] in KINDS and len(p) >= 2:
                    deps.add(f"{p[0]}.{p[1]}")
                elif p[0] == "local" and len(p) >= 2 and isinstance(p[1], str):
                    deps |= resolve(p[1], (*stack, name))
            out[name] = frozenset(deps)
            return out[name]

        for n in direct:
            resolve(n, ())
        return out


def _valid_name(s: str) -> bool:
    return bool(s) and (s[0].isalpha() or s[0] == "_") and all(c.isalnum() or c in "_-" for c in s)


def _block_refs(r: ResourceBlock) -> list[expressions.Reference]:
    refs: list[expressions.Reference] = []
    _body_refs(r.body, refs)
    for a in (r.count, r.for_each):
        if a is not None:
            refs.extend(expressions.references(a.expr))
    for e in r.lifecycle.replace_triggered_by:
        refs.extend(expressions.references(e))
    return refs


def _body_refs(body: Body, out: list[expressions.Reference]) -> None:
    for a in body.attributes.values():
        out.extend(expressions.references(a.expr))
    for b in body.blocks:
        _body_refs(b.body, out)


def _resource_deps(refs: list[expressions.Reference], local_deps: dict[str, frozenset[str]]) -> set[str]:
    deps: set[str] = set()
    for ref in refs:
        p = ref.parts
        if p[0] in KINDS and len(p) >= 2 and isinstance(p[1], str):
            deps.add(f"{p[0]}.{p[1]}")
        elif p[0] == "local" and len(p) >= 2 and isinstance(p[1], str):
            deps |= local_deps.get(p[1], frozenset())
    return deps


def _type_string(expr: Expr) -> str | None:
    """A type constraint written as an expression (string, list(number), ...) as text."""
    from mlinfra.config.syntax import FunctionCall, ObjectExpr

    if isinstance(expr, ScopeTraversal) and not expr.steps:
        return expr.root if expr.root in ("string", "number", "bool", "any") else None
    if isinstance(expr, FunctionCall) and expr.name in ("list", "map", "set", "tuple", "object") and expr.args:
        if expr.name == "object" and isinstance(expr.args[0], ObjectExpr):
            return "object"
        inner = _type_string(expr.args[0]) if expr.name != "tuple" else "any"
        return f"{expr.name}({inner})" if inner else None
    return None
