"""Module calls: ``module "NAME" { source = "./modules/serving" ... }``.

A module is a directory of ``*.hcl`` files with its own variables, locals, outputs,
resources and checks, called from another module with values for its variables.
``read_call`` reads a ``module`` block; ``load_calls`` loads, recursively, the
directory each call's source names (a local path, read in place, or a git source that
``mlinfra init`` installed under ``.mlinfra/modules``: see ``module_sources``).

``modules_expand.expand`` turns the loaded tree into one configuration of every module
instance's resources.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mlinfra import diagnostics as d
from mlinfra.addrs import Address
from mlinfra.config import hclparse, module_sources
from mlinfra.config.model import Config
from mlinfra.config.module_sources import GitSource, parse_source, read_lock
from mlinfra.config.statics import is_dependency, reference_list, static_string
from mlinfra.config.syntax import Attribute, Block, File, ObjectExpr, ScopeTraversal
from mlinfra.diagnostics import Diagnostics, SourceRange
from mlinfra.records import frozen, replace

if TYPE_CHECKING:
    pass

# The arguments of a module block that are not the module's variables.
META = ("source", "version", "count", "for_each", "depends_on", "providers")
# Modules nested deeper than this are refused (a source that calls itself is found
# before; this bounds a chain of distinct directories).
MAX_DEPTH = 32


@frozen
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
    depends = reference_list(
        attrs.get("depends_on"),
        ctx,
        err,
        accepts=is_dependency,
        module_ok=True,
        list_detail="depends_on takes a list: [model.x, module.a].",
        item_detail="Each item must name a whole resource (model.x) or a module call (module.a).",
    )
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
