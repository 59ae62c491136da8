"""Module calls: ``module "NAME" { source = "./modules/serving" ... }``.

A module is a directory of ``*.hcl`` files with its own variables, locals, outputs,
resources and checks, called from another module with values for its variables.
``read_call`` reads a ``module`` block; ``load_calls`` loads, recursively, the
directory each call's source names (a local path, read in place, or a git source that
``mlinfra init`` installed under ``.mlinfra/modules``: see ``module_sources``).

``expand`` turns the loaded tree into one configuration: each call becomes one module
instance per ``count`` index or ``for_each`` key (known from variables and locals, as
Terraform requires), every resource of every instance is a resource of the whole
configuration at its full address (``module.a["eu"].endpoint.x``), and every
reference across a module boundary (a variable's value, ``module.a.out``, a call's
``depends_on``) becomes a dependency between resources, so the graph, the planner and
the apply walker see one set of resources. The evaluator gives each instance its own
scope (``mlinfra.plans.evaluator``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS, Address, Key
from mlinfra.config import expressions, hclparse, module_sources
from mlinfra.config.dependencies import block_refs
from mlinfra.config.model import Config, Moved, ResourceBlock, module_address
from mlinfra.config.module_sources import GitSource, parse_source, read_lock
from mlinfra.config.statics import static_string, traversal_address
from mlinfra.config.syntax import Attribute, Block, File, ObjectExpr, ScopeTraversal
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown

if TYPE_CHECKING:
    from mlinfra.config.checks import Check

# The arguments of a module block that are not the module's variables.
META = ("source", "version", "count", "for_each", "depends_on", "providers")
# Modules nested deeper than this are refused (a source that calls itself is found
# before; this bounds a chain of distinct directories).
MAX_DEPTH = 32


@dataclass(frozen=True)
class ModuleCall:
    name: str
    source: str
    source_range: SourceRange
    arguments: dict[str, Attribute]  # the module's variables
    count: Attribute | None
    for_each: Attribute | None
    depends_on: tuple[Address, ...]
    depends_on_ranges: tuple[SourceRange, ...]
    # child provider configuration address -> the caller's ("aws" -> "aws.eu")
    providers: dict[str, str]
    providers_range: SourceRange | None
    range: SourceRange
    config: Config | None = None  # the module's configuration, once loaded
    dir: Path | None = None

    @property
    def context(self) -> str:
        return f'module "{self.name}"'


@dataclass
class ModuleInstance:
    """One instance of a module call: its path, where it was called from, its
    configuration (variables, locals, outputs) and the keys of the calls it makes."""

    path: tuple[str, ...]
    call: ModuleCall | None  # None for the root module
    config: Config
    each: tuple[Any, Any] | None = None
    count_index: int | None = None
    # call name -> the instance keys of that call (None for a call without count/for_each)
    children: dict[str, list[Key] | None] = field(default_factory=dict)

    @property
    def parent(self) -> tuple[str, ...]:
        return self.path[:-1]

    @property
    def context(self) -> str:
        return f"module.{self.path[-1]}" if len(self.path) == 1 else module_address(self.path)


def call_context(path: tuple[str, ...]) -> str:
    """How a diagnostic in a module's files names the call: ``module "a"`` or, nested,
    ``module "a.b"``."""
    return f'module "{".".join(path)}"'


# -- reading a module block -------------------------------------------------------------


def read_call(blk: Block, err: Callable[..., None]) -> ModuleCall | None:
    name = blk.labels[0]
    ctx = f'module "{name}"'
    attrs = blk.body.attributes
    for nb in blk.body.blocks:
        err("Unsupported block type", f'Blocks of type "{nb.type}" are not expected in a module call.', nb.type_range, ctx)
    src = attrs.get("source")
    if src is None:
        err("Missing required argument", 'The argument "source" is required, but no definition was found.', blk.range, ctx)
        return None
    source = static_string(src.expr)
    if not source:
        err("Invalid module source", "The module source must be a literal string, such as \"./modules/serving\".", src.range, ctx)
        return None
    if "version" in attrs:
        err(
            "Unsupported argument",
            "Module versions come from registries, which mlinfra does not read; pin a git source "
            'with ?ref= instead, e.g. source = "git::https://example.com/modules.git?ref=v1".',
            attrs["version"].name_range,
            ctx,
        )
    count, for_each = attrs.get("count"), attrs.get("for_each")
    if count is not None and for_each is not None:
        err(
            'Invalid combination of "count" and "for_each"',
            'The "count" and "for_each" meta-arguments are mutually-exclusive; only one may be used.',
            for_each.name_range,
            ctx,
        )
    depends: list[tuple[Address, SourceRange]] = []
    dep_attr = attrs.get("depends_on")
    if dep_attr is not None:
        items = getattr(dep_attr.expr, "items", None)
        for it in items if isinstance(items, tuple) else ():
            ad = traversal_address(it, module_ok=True)
            if ad is None or ad.key is not None or len(ad.module) > 1 or (ad.module and not ad.is_module):
                err("Invalid depends_on reference", "Each item must name a whole resource (model.x) or a module call (module.a).", it.range, ctx)
                continue
            depends.append((ad, it.range))
        if not isinstance(items, tuple):
            err("Invalid depends_on", "depends_on takes a list: [model.x, module.a].", dep_attr.range, ctx)
    providers: dict[str, str] = {}
    prov = attrs.get("providers")
    if prov is not None:
        if not isinstance(prov.expr, ObjectExpr):
            err("Invalid providers argument", "providers takes a map of provider configurations: { aws = aws.eu }.", prov.range, ctx)
        else:
            for k, v in prov.expr.items:
                child, parent = _provider_ref(k), _provider_ref(v)
                if child is None or parent is None:
                    err("Invalid providers argument", "Each entry maps a provider configuration in the module to one here, e.g. aws = aws.eu.", k.range, ctx)
                    continue
                providers[child] = parent
    arguments = {n: a for n, a in attrs.items() if n not in META}
    return ModuleCall(
        name=name,
        source=source,
        source_range=src.range,
        arguments=arguments,
        count=count,
        for_each=for_each,
        depends_on=tuple(a for a, _ in depends),
        depends_on_ranges=tuple(r for _, r in depends),
        providers=providers,
        providers_range=prov.range if prov is not None else None,
        range=blk.range,
    )


def _provider_ref(expr: Any) -> str | None:
    s = static_string(expr)
    if s:
        return s
    if isinstance(expr, ScopeTraversal) and len(expr.steps) <= 1:
        step = expr.steps[0] if expr.steps else None
        alias = getattr(step, "name", None)
        if expr.steps and alias is None:
            return None
        return f"{expr.root}.{alias}" if alias else expr.root
    return None


# -- loading the called directories ------------------------------------------------------


class Reader(Protocol):
    """Where a module directory's files come from: the disk, or a saved plan's copy."""

    def files(self, directory: Path, diags: Diagnostics) -> list[File] | None: ...


class DiskReader:
    def __init__(self, root: Path, cache_dir: Path | None = None) -> None:
        self.root = root
        self.cache_dir = cache_dir

    def files(self, directory: Path, diags: Diagnostics) -> list[File] | None:
        if not directory.is_dir():
            return None
        out = []
        for p in sorted(x for x in directory.glob("*.hcl") if x.is_file() and not x.name.endswith(".vars.hcl")):
            f, fd = hclparse.parse_file(p, display_name(p, self.root), self.cache_dir)
            diags.extend(fd)
            if f is not None:
                out.append(f)
        return out


class SourcesReader:
    """Module files from a saved plan's sources (named relative to the root), falling
    back to the disk for a directory the snapshot does not hold."""

    def __init__(self, root: Path, sources: dict[str, str]) -> None:
        self.root = root
        self.sources = sources
        self.disk = DiskReader(root)

    def files(self, directory: Path, diags: Diagnostics) -> list[File] | None:
        prefix = display_name(directory, self.root) + "/"
        names = sorted(n for n in self.sources if n.startswith(prefix) and "/" not in n[len(prefix) :])
        if not names:
            return self.disk.files(directory, diags)
        out = []
        for n in names:
            f, fd = hclparse.parse_source(self.sources[n], n)
            diags.extend(fd)
            if f is not None:
                out.append(f)
        return out


def display_name(p: Path, root: Path) -> str:
    """A module file's name in diagnostics and plan snapshots: relative to the root
    module's directory, with forward slashes."""
    try:
        rel = os.path.relpath(p, root)
    except ValueError:
        rel = str(p)
    return rel.replace(os.sep, "/")


LoadModule = Callable[[Path, list[File], tuple[str, ...], Diagnostics], Config]


def load_calls(config: Config, root: Path, reader: Reader, diags: Diagnostics, load: LoadModule) -> dict[str, ModuleCall]:
    """The calls of the root module, each with its module's configuration loaded
    (recursively). A missing or uninstalled source is a diagnostic at ``source``."""
    lock = read_lock(root)
    return _load(config.module_calls, config.dir, (), (config.dir.resolve(),), root, reader, diags, load, lock)


def _load(
    calls: dict[str, ModuleCall],
    here: Path,
    path: tuple[str, ...],
    stack: tuple[Path, ...],
    root: Path,
    reader: Reader,
    diags: Diagnostics,
    load: LoadModule,
    lock: dict[str, dict[str, Any]],
) -> dict[str, ModuleCall]:
    out: dict[str, ModuleCall] = {}
    for name, call in calls.items():
        cpath = (*path, name)
        where = call_context(cpath)
        directory = _source_dir(call, here, cpath, root, diags, lock)
        if directory is None:
            continue
        if directory.resolve() in stack or len(cpath) > MAX_DEPTH:
            diags.add(d.error(
                "Module cycle",
                f"The module source {call.source} calls itself, directly or through other modules "
                f"({' -> '.join(display_name(p, root) or '.' for p in (*stack, directory.resolve()))}).",
                call.source_range, context=where,
            ))  # fmt: skip
            continue
        found = Diagnostics()
        files = reader.files(directory, found)
        diags.extend(found)
        if files is None or (not files and not found.has_errors):
            diags.add(d.error(
                "Module source has no configuration" if files is not None else "Module not found",
                f"The module source {call.source} points at {display_name(directory, root)}, which "
                + ("holds no *.hcl files." if files is not None else "does not exist.")
                + (" Check the path: a local source is relative to the calling module's directory." if files is None else ""),
                call.source_range, context=where,
            ))  # fmt: skip
            continue
        child = load(directory, files, cpath, diags)
        unknown = [a for a in call.arguments.values() if a.name not in child.variables]
        for a in unknown:
            diags.add(d.error(
                "Unsupported argument",
                f'An argument named "{a.name}" is not expected here: the module {call.source} declares no '
                f'variable "{a.name}".{d.suggestion(a.name, child.variables)}',
                a.name_range, context=where,
            ))  # fmt: skip
        for v in child.variables.values():
            if v.required and v.name not in call.arguments:
                diags.add(d.error(
                    "Missing required argument",
                    f'The argument "{v.name}" is required (the module\'s variable "{v.name}" at '
                    f"{v.range.filename} line {v.range.start_line} has no default), but no definition was found.",
                    call.range, context=where,
                ))  # fmt: skip
        children = _load(child.module_calls, directory, cpath, (*stack, directory.resolve()), root, reader, diags, load, lock)
        out[name] = replace(call, config=replace(child, module_calls=children), dir=directory)
    return out


def _source_dir(
    call: ModuleCall, here: Path, cpath: tuple[str, ...], root: Path, diags: Diagnostics, lock: dict[str, dict[str, Any]]
) -> Path | None:
    where = call_context(cpath)
    try:
        src = parse_source(call.source)
    except ValueError as e:
        diags.add(d.error("Invalid module source", str(e), call.source_range, context=where))
        return None
    if not isinstance(src, GitSource):
        return here / src
    key = ".".join(cpath)
    entry = lock.get(key)
    if entry is None or entry.get("source") != call.source:
        why = "is not installed" if entry is None else f"was installed from {entry.get('source')}, not {call.source}"
        diags.add(d.error(
            "Module not installed",
            f'The module "{key}" {why}. Run "mlinfra init" to fetch it into .mlinfra/modules.',
            call.source_range, context=where,
        ))  # fmt: skip
        return None
    return root / str(entry["dir"])


def all_loaded(calls: dict[str, ModuleCall]) -> Iterator[Config]:
    for c in calls.values():
        if c.config is not None:
            yield c.config
            yield from all_loaded(c.config.module_calls)


# -- expansion -----------------------------------------------------------------------------


def expand(config: Config, variables: dict[str, Any], diags: Diagnostics, *, lenient: bool = False) -> Config:
    """The configuration with every module instance's resources in it (see the module
    docstring). With ``lenient`` (validate, missing variables) a call whose count or
    for_each is not known yet has no instances instead of an error."""
    if not config.module_calls:
        return config
    from mlinfra.plans.evaluator import Evaluator  # the evaluator gives each instance its scope

    instances: dict[tuple[str, ...], ModuleInstance] = {(): ModuleInstance((), None, config)}
    resources: dict[str, ResourceBlock] = dict(config.resources)
    checks: dict[str, Check] = dict(config.checks)
    moved: list[Moved] = list(config.moved)
    working = replace(config, modules=instances, resources=resources)
    ev = Evaluator(working, variables)
    queue: list[tuple[str, ...]] = [()]
    while queue:
        path = queue.pop(0)
        inst = instances[path]
        for name, call in sorted(inst.config.module_calls.items()):
            if call.config is None:
                continue
            keys = _instance_keys(ev, call, path, diags, lenient)
            if keys is None:
                continue
            inst.children[name] = None if call.count is None and call.for_each is None else [k for k, _, _ in keys]
            for key, each, index in keys:
                cpath = (*path, addrs.module_step(name, key))
                child = ModuleInstance(cpath, call, call.config, each, index)
                instances[cpath] = child
                for r in call.config.resources.values():
                    block = replace(r, module=cpath, provider=_provider(r.provider, cpath, instances, config, diags, r))
                    resources[str(block.address)] = block
                for cname, chk in call.config.checks.items():
                    checks[f"{addrs.module_prefix(cpath)}{cname}"] = replace(chk, module=cpath)
                moved.extend(
                    replace(mv, from_addr=_inside(mv.from_addr, cpath), to_addr=_inside(mv.to_addr, cpath))
                    for mv in call.config.moved
                )
                queue.append(cpath)
        ev.declared_cache.clear()
    deps = _Dependencies(instances, resources)
    final = {k: replace(r, dependencies=frozenset(deps.of_block(r))) for k, r in resources.items()}
    return replace(config, modules=instances, resources=final, checks=checks, moved=tuple(moved))


def _inside(a: Address, path: tuple[str, ...]) -> Address:
    """An address written in the module instance ``path``, from the root."""
    return Address(a.kind, a.name, a.key, (*path, *a.module))


def _instance_keys(
    ev: Any, call: ModuleCall, path: tuple[str, ...], diags: Diagnostics, lenient: bool
) -> list[tuple[Key, tuple[Any, Any] | None, int | None]] | None:
    attr = call.count if call.count is not None else call.for_each
    if attr is None:
        return [(None, None, None)]
    ctx = f"{call.context} in {module_address(path)}" if path else call.context
    try:
        value = expressions.evaluate(attr.expr, ev.scope(module=path))
    except DiagnosticsError as e:
        diags.extend(x.with_defaults(context=ctx) for x in e.diagnostics)
        return None
    if isinstance(value, Sensitive):
        diags.add(d.error(f"Invalid {attr.name} argument", f"Sensitive values cannot be used in {attr.name}: they would appear in module addresses.", attr.range, context=ctx))
        return None
    if contains_unknown(value) if attr is call.count else (value is UNKNOWN or not isinstance(value, dict) and contains_unknown(value)):
        if not lenient:
            diags.add(d.error(
                f"Invalid {attr.name} argument",
                f'The "{attr.name}" value of a module call must be known before any resource is planned: '
                "use variables and local values, not resource attributes.",
                attr.range, context=ctx,
            ))  # fmt: skip
        return None
    if attr is call.count:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            diags.add(d.error("Invalid count argument", f"The count argument must be a whole number of 0 or more; got {value!r}.", attr.range, context=ctx))
            return None
        return [(i, None, i) for i in range(value)]
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        items: dict[str, Any] = {x: x for x in value}
    elif isinstance(value, dict):
        items = dict(value)
    else:
        diags.add(d.error("Invalid for_each argument", "The for_each argument must be a map, or a set (list) of strings.", attr.range, context=ctx))
        return None
    return [(k, (k, v), None) for k, v in sorted(items.items())]


def _provider(
    key: str, path: tuple[str, ...], instances: dict[tuple[str, ...], ModuleInstance], root: Config, diags: Diagnostics, r: ResourceBlock
) -> str:
    """The root provider configuration a module resource's provider key names, following
    each call's ``providers`` map up to the root; without a map an unaliased provider
    passes down as is, and a resource without ``provider`` gets its caller's default."""
    while path:
        call = instances[path].call
        assert call is not None
        if key == "":
            unaliased = sorted(v for k, v in call.providers.items() if "." not in k)
            if len(unaliased) == 1:
                key = unaliased[0]
        elif key in call.providers:
            key = call.providers[key]
        elif "." in key:
            diags.add(d.error(
                "Provider configuration not present",
                f"{r.context} uses the provider configuration {key}, which the call does not pass: add "
                f'providers = {{ {key} = ... }} to {call.context}.',
                r.provider_range, context=r.context,
            ))  # fmt: skip
            return key.split(".")[0]
        path = path[:-1]
    if key == "":
        return _root_default(root)
    return key


def _root_default(root: Config) -> str:
    unaliased = sorted({p.name for p in root.providers.values() if p.alias is None})
    return unaliased[0] if unaliased else "local"


class _Dependencies:
    """The resources a block depends on, with every reference across a module boundary
    followed: a variable to its value in the call, ``module.a.out`` to the output's
    expression in each instance of ``a``, a call's ``depends_on`` to what it names."""

    def __init__(self, instances: dict[tuple[str, ...], ModuleInstance], resources: dict[str, ResourceBlock]) -> None:
        self.instances = instances
        self.resources = resources
        self.memo: dict[tuple[Any, ...], frozenset[str]] = {}
        self.in_progress: set[tuple[Any, ...]] = set()

    def of_block(self, r: ResourceBlock) -> set[str]:
        out: set[str] = set()
        for ref in block_refs(r):
            out |= self.of_ref(ref.parts, r.module)
        for dep in r.depends_on:
            out |= self.named(dep, r.module)
        out |= self.of_call(r.module)
        out.discard(str(r.address))
        return out

    def of_call(self, path: tuple[str, ...]) -> frozenset[str]:
        """What every resource of a module instance depends on: its call's depends_on and
        for_each/count, and (recursively) its callers'."""
        if not path:
            return frozenset()
        return self._memo(("call", path), lambda: self._of_call(path))

    def _of_call(self, path: tuple[str, ...]) -> set[str]:
        inst = self.instances[path]
        call = inst.call
        assert call is not None
        out = set(self.of_call(inst.parent))
        for dep in call.depends_on:
            out |= self.named(dep, inst.parent)
        for a in (call.count, call.for_each):
            if a is not None:
                out |= self.of_expr(a.expr, inst.parent)
        return out

    def named(self, dep: Address, path: tuple[str, ...]) -> set[str]:
        if dep.is_module:
            inside = (*path, *dep.module)
            return {k for k, r in self.resources.items() if r.address.in_module(inside)}
        return {str(Address(dep.kind, dep.name, None, path))}

    def of_expr(self, expr: Any, path: tuple[str, ...]) -> set[str]:
        out: set[str] = set()
        for ref in expressions.references(expr):
            out |= self.of_ref(ref.parts, path)
        return out

    def of_ref(self, p: tuple[str | int, ...], path: tuple[str, ...]) -> frozenset[str]:
        if len(p) < 2 or not isinstance(p[1], str) or path not in self.instances:
            return frozenset()
        root, name = p[0], p[1]
        inst = self.instances[path]
        if root in KINDS:
            return frozenset({str(Address(str(root), name, None, path))})
        if root == "local" and name in inst.config.locals:
            return self._memo(("local", path, name), lambda: self.of_expr(inst.config.locals[name].expr, path))
        if root == "var" and inst.call is not None:
            arg = inst.call.arguments.get(name)
            if arg is None:
                return frozenset()
            return self._memo(("var", path, name), lambda: self.of_expr(arg.expr, inst.parent) | self.of_call(path))
        if root == "module":
            out: set[str] = set()
            keys = inst.children.get(name)
            for key in [None] if keys is None else keys:
                cpath = (*path, addrs.module_step(name, key))
                child = self.instances.get(cpath)
                if child is None:
                    continue
                wanted = [p[2]] if len(p) > 2 and isinstance(p[2], str) and keys is None else list(child.config.outputs)
                for out_name in wanted:
                    o = child.config.outputs.get(out_name)
                    if o is not None:
                        out |= self._output(o.value.expr, cpath, out_name)
            return frozenset(out)
        return frozenset()

    def _output(self, expr: Any, path: tuple[str, ...], name: str) -> frozenset[str]:
        return self._memo(("output", path, name), lambda: self.of_expr(expr, path))

    def _memo(self, key: tuple[Any, ...], compute: Callable[[], set[str] | frozenset[str]]) -> frozenset[str]:
        if key in self.memo:
            return self.memo[key]
        if key in self.in_progress:
            return frozenset()  # a reference cycle: the graph of resources reports it
        self.in_progress.add(key)
        try:
            found = frozenset(compute())
        finally:
            self.in_progress.discard(key)
        self.memo[key] = found
        return found


# -- installing (mlinfra init) ---------------------------------------------------------------


def install_all(root: Path, calls: dict[str, ModuleCall], load: LoadModule, diags: Diagnostics) -> list[str]:
    """Fetch every git source the root module's calls reach, recursively, and write
    the lock (``module_sources``); returns a line per module call."""
    entries: list[dict[str, Any]] = []
    said: list[str] = []
    reader = DiskReader(root)

    def walk(calls: dict[str, ModuleCall], here: Path, path: tuple[str, ...]) -> None:
        for name, call in sorted(calls.items()):
            cpath = (*path, name)
            if len(cpath) > MAX_DEPTH:
                continue
            key = ".".join(cpath)
            found, lines = module_sources.install(root, [(key, call.source, call.source_range, here)], diags)
            entries.extend(found)
            said.extend(lines)
            try:
                src = parse_source(call.source)
            except ValueError:
                continue
            if isinstance(src, GitSource):
                if not found:
                    continue
                directory = root / str(found[0]["dir"])
            else:
                directory = here / src
            files = reader.files(directory, Diagnostics())
            if files:
                walk(load(directory, files, cpath, Diagnostics()).module_calls, directory, cpath)

    walk(calls, root, ())
    if entries or module_sources.lock_path(root).exists():
        module_sources.write_lock(root, entries)
    return said
