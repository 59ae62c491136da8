"""Blocks -> Config: the structure of every top-level block, checked and collected.

Reads every ``*.hcl`` file directly inside a directory in sorted name order, checks
block types, labels and meta-arguments, and records each resource's block-level
dependencies. Argument values are checked later, by ``config.bodies``, once
expressions can be evaluated. ``*.vars.hcl`` files hold variable values, not
configuration.
"""

from __future__ import annotations

import os
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS, Address
from mlinfra.config import data_blocks, expressions, hclparse, monitoring
from mlinfra.config.checks import Check
from mlinfra.config.dependencies import block_refs, local_dependencies, resource_deps
from mlinfra.config.model import (
    BACKEND_TYPES,
    NO_DEFAULT,
    Config,
    ImportBlock,
    Moved,
    Output,
    ProviderBlock,
    ResourceBlock,
    Validation,
    Variable,
)
from mlinfra.config.resource_blocks import ResourceBlockReader
from mlinfra.config.statics import static_string, static_value, type_string, valid_name
from mlinfra.config.syntax import Attribute, Block, Body, File, Literal
from mlinfra.diagnostics import Diagnostics, SourceRange
from mlinfra.records import replace

if TYPE_CHECKING:  # module calls are read by the configurations that have them
    from mlinfra.config import modules

TOP_LEVEL = ("mlinfra", "provider", "variable", "locals", "output", *KINDS, "data", "module", "moved", "import", "check")

# Blocks only the root module may hold, and what they configure.
ROOT_ONLY = {
    "mlinfra": "The backend, encryption and required version",
    "provider": "Provider configurations (pass them to a module with providers = { aws = aws.eu })",
    "import": "Import blocks",
    "data": "Data sources (read them in the root module and pass what a module needs as a variable)",
}

LABELS = {"provider": 1, "variable": 1, "output": 1, "module": 1, "check": 1, **{k: 1 for k in KINDS}}


def load_dir(directory: Path, cache_dir: Path | None = None) -> tuple[Config, Diagnostics]:
    """The configuration in ``directory``, with the modules it calls loaded (from their
    directories, or for git sources from where ``mlinfra init`` installed them)."""
    diags = Diagnostics()
    paths = config_files(directory)
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
    return _with_modules(directory, load_files(directory, files, diags), cache_dir=cache_dir)


def _with_modules(
    directory: Path,
    loaded: tuple[Config, Diagnostics],
    *,
    cache_dir: Path | None = None,
    sources: dict[str, str] | None = None,
) -> tuple[Config, Diagnostics]:
    """The configuration with the modules it calls, read from disk or from ``sources``
    (the module machinery is imported by the configurations that call modules)."""
    config, diags = loaded
    if not config.module_calls:
        return config, diags
    from mlinfra.config import modules

    reader: modules.Reader = (
        modules.DiskReader(directory, cache_dir) if sources is None else modules.SourcesReader(directory, sources)
    )
    calls = modules.load_calls(config, directory, reader, diags, load_module)
    files = config.files + tuple(f for c in modules.all_loaded(calls) for f in c.files)
    return replace(config, module_calls=calls, files=tuple({f.filename: f for f in files}.values())), diags


def load_module(directory: Path, files: list[File], path: tuple[str, ...], diags: Diagnostics) -> Config:
    """The configuration of a module directory called at ``path`` (call names)."""
    b = _Builder(directory, diags, path)
    for f in files:
        b.file(f)
    return b.finish(tuple(files))


VARS_SUFFIX = ".vars.hcl"
TEST_SUFFIX = ".mltest.hcl"  # test files (mlinfra.testing), not configuration


def config_files(directory: Path) -> list[Path]:
    """The configuration's files: every *.hcl directly in the directory, sorted, except
    variable files (*.vars.hcl) and test files (*.mltest.hcl)."""
    try:  # the folder listed by hand: Path.glob compiles its pattern to a regular expression
        with os.scandir(directory) as entries:
            names = [e.name for e in entries if e.name.endswith(".hcl") and not e.name.endswith((VARS_SUFFIX, TEST_SUFFIX))]
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
    return sorted(p for p in (directory / name for name in names) if p.is_file())


def load_sources(directory: Path, sources: dict[str, str]) -> tuple[Config, Diagnostics]:
    """Load from in-memory sources (a saved plan's snapshot): the root module's files
    are the names without a directory; the modules' files are read from there too."""
    diags = Diagnostics()
    files = []
    for name in sorted(sources):
        if "/" in name:
            continue
        f, fd = hclparse.parse_source(sources[name], name)
        diags.extend(fd)
        if f is not None:
            files.append(f)
    return _with_modules(directory, load_files(directory, files, diags), sources=sources)


def load_files(directory: Path, files: list[File], diags: Diagnostics) -> tuple[Config, Diagnostics]:
    b = _Builder(directory, diags)
    for f in files:
        b.file(f)
    return b.finish(tuple(files)), diags


class _Builder:
    def __init__(self, directory: Path, diags: Diagnostics, module: tuple[str, ...] = ()) -> None:
        self.dir = directory
        self.diags = diags
        # The call path of the module being read (empty: the root module).
        self.module = module
        self.module_calls: dict[str, modules.ModuleCall] = {}
        self.blocks = ResourceBlockReader(self)
        self.backend_type = "local"
        self.backend_settings: dict[str, Any] = {}
        self.backend_range: SourceRange | None = None
        self.encryption: Block | None = None
        self.required_version: str | None = None
        self.providers: dict[str, ProviderBlock] = {}
        self.variables: dict[str, Variable] = {}
        self.locals: dict[str, Attribute] = {}
        self.outputs: dict[str, Output] = {}
        self.resources: dict[str, ResourceBlock] = {}
        self.moved: list[Moved] = []
        self.imports: list[ImportBlock] = []
        self.checks: dict[str, Check] = {}
        self.data: dict[str, data_blocks.DataBlock] = {}
        self.seen_mlinfra: SourceRange | None = None

    def err(self, summary: str, detail: str, rng: SourceRange | None, context: str | None = None) -> None:
        if self.module:
            from mlinfra.config.modules import call_context

            context = f"{context}, in {call_context(self.module)}" if context else call_context(self.module)
        self.diags.add(d.error(summary, detail, rng, context=context))

    def only(self, blk: Block, allowed: tuple[str, ...], blocks: tuple[str, ...] = ()) -> None:
        self._only(blk, allowed, blocks)

    def lit_bool(self, a: Attribute | None, default: bool = False) -> bool:
        return self._lit_bool(a, default)

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
        if t == "data":
            self.b_data(blk)
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
        if want and not valid_name(blk.labels[0]):
            self.err(
                "Invalid name",
                f'"{blk.labels[0]}" is not a valid name: use letters, digits, underscores and dashes, '
                "starting with a letter or underscore.",
                blk.range,
            )
            return
        self._duplicates(blk.body, f'{t} "{blk.labels[0]}"' if blk.labels else t)
        if self.module and t in ROOT_ONLY:
            self.err(
                f"{t.capitalize()} block in a module",
                f"{ROOT_ONLY[t]} belong in the root module, not in a module that others call.",
                blk.type_range,
            )
            return
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
        self._only(blk, ("required_version",), ("backend", "encryption"))
        encryptions = [b for b in blk.body.blocks if b.type == "encryption"]
        if len(encryptions) > 1:
            self.err("Duplicate encryption block", "Only one encryption block may be declared.", encryptions[1].range)
        if encryptions:
            self.encryption = encryptions[0]
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
            if bk.labels[0] not in BACKEND_TYPES:
                self.err(
                    "Unsupported backend",
                    f'There is no backend named "{bk.labels[0]}"; the known backends are: '
                    f"{', '.join(BACKEND_TYPES)}.{d.suggestion(bk.labels[0], BACKEND_TYPES)}",
                    bk.range,
                )
                return
            self.backend_type = bk.labels[0]
            self.backend_range = bk.range
            for a in bk.body.attributes.values():
                try:
                    self.backend_settings[a.name] = static_value(a.expr)
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
                default = static_value(attrs["default"].expr)
            except d.DiagnosticsError as e:
                self.diags.extend(e.diagnostics)
        type_s = None
        if "type" in attrs:
            type_s = type_string(attrs["type"].expr)
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

    def b_dataset(self, blk: Block) -> None:
        self.blocks.resource(blk)

    b_pipeline = b_model = b_endpoint = b_monitor = b_dataset

    def b_check(self, blk: Block) -> None:
        self.blocks.b_check(blk)

    def b_moved(self, blk: Block) -> None:
        self.blocks.b_moved(blk)

    def b_import(self, blk: Block) -> None:
        self.blocks.b_import(blk)
    def b_data(self, blk: Block) -> None:
        found = data_blocks.read(blk, self.err, self.blocks._provider_of)
        if found is None:
            return
        if found.key in self.data:
            prev = self.data[found.key].range
            self.err("Duplicate data configuration",
                     f'A {found.kind} data source named "{found.name}" was already declared at '
                     f"{prev.filename} line {prev.start_line}.", blk.range, found.context)  # fmt: skip
            return
        self.data[found.key] = found

    def b_module(self, blk: Block) -> None:
        name = blk.labels[0]
        if name in self.module_calls:
            prev = self.module_calls[name].range
            self.err(
                "Duplicate module call",
                f'A module call named "{name}" was already defined at {prev.filename} line {prev.start_line}. '
                "Module calls must have unique names within a module.",
                blk.range,
            )
            return
        from mlinfra.config import modules

        call = modules.read_call(blk, self.err)
        if call is not None:
            self.module_calls[name] = call

    # -- finishing ---------------------------------------------------------------------
    def _check_depends_on(self, deps: tuple[Address, ...], ranges: tuple[SourceRange, ...], context: str) -> None:
        """Each entry of a depends_on names a declared resource or module call."""
        for dep, at in zip(deps, ranges, strict=True):
            if dep.is_module and dep.module[0] not in self.module_calls:
                self.err(
                    "Reference to undeclared module",
                    f"depends_on names {dep}, but no module call by that name is declared."
                    + d.suggestion(dep.module[0], self.module_calls),
                    at,
                    context,
                )
            elif not dep.is_module and str(dep) not in self.resources:
                self.err(
                    "Reference to undeclared resource",
                    f"depends_on names {dep}, which is not declared." + _similar(dep, self.resources),
                    at,
                    context,
                )

    def finish(self, files: tuple[File, ...]) -> Config:
        # A module's resources without a provider argument get theirs where the module
        # is called (mlinfra.config.modules_expand.expand).
        default_provider = "" if self.module else self.blocks.default_provider()
        local_deps = local_dependencies(self.locals)
        resources: dict[str, ResourceBlock] = {}
        for key, r in self.resources.items():
            provider = r.provider or default_provider
            refs = block_refs(r)
            deps = set(resource_deps(refs, local_deps))
            deps |= {str(a) for a in r.depends_on}
            self.blocks.self_references(r, refs, local_deps)
            deps.discard(key)
            resources[key] = resolved(r, provider, frozenset(deps))
            self._check_depends_on(r.depends_on, r.depends_on_ranges or (r.range,) * len(r.depends_on), r.context)
        for call in self.module_calls.values():
            self._check_depends_on(call.depends_on, call.depends_on_ranges, call.context)
        monitoring.check(resources, self.err, lambda a: _similar(a, self.resources))
        outputs = {
            n: replace(o, dependencies=frozenset(resource_deps(expressions.references(o.value.expr), local_deps)))
            for n, o in self.outputs.items()
        }
        config = Config(
            dir=self.dir,
            files=files,
            backend_type=self.backend_type,
            backend_settings=self.backend_settings,
            backend_range=self.backend_range,
            encryption=self.encryption,
            required_version=self.required_version,
            providers=self.providers,
            variables=self.variables,
            locals=self.locals,
            outputs=outputs,
            resources=resources,
            moved=tuple(self.moved),
            imports=tuple(self.imports),
            checks=self.checks,
            local_dependencies=local_deps,
            module_calls=self.module_calls,
            module=self.module,
        )
        return data_blocks.attach(config, self.data, default_provider, self.err)


_BLOCK_FIELDS: tuple[str, ...] = ResourceBlock.__match_args__  # in the order __init__ takes them
_BLOCK_VALUES = attrgetter(*_BLOCK_FIELDS)
_PROVIDER, _DEPENDENCIES = _BLOCK_FIELDS.index("provider"), _BLOCK_FIELDS.index("dependencies")


def resolved(r: ResourceBlock, provider: str, dependencies: frozenset[str]) -> ResourceBlock:
    """``replace(r, provider=provider, dependencies=dependencies)``, done for every block
    of the configuration on every command, with the fields read in one step."""
    values = list(_BLOCK_VALUES(r))
    values[_PROVIDER] = provider
    values[_DEPENDENCIES] = dependencies
    return ResourceBlock(*values)


def _similar(addr: Address, declared: dict[str, Any]) -> str:
    """' Did you mean "KIND.NAME"?' for a declared resource of the same kind whose name
    is close to ``addr``'s (the shared "KIND." alone makes no two names alike)."""
    names = [k.split(".", 1)[1] for k in declared if k.startswith(addr.kind + ".")]
    best = d.did_you_mean(addr.name, names)
    return f' Did you mean "{addr.kind}.{best}"?' if best else ""


def install_modules(directory: Path, cache_dir: Path | None = None) -> tuple[list[str], Diagnostics]:
    """``mlinfra init``'s module step: fetch the git sources the configuration calls
    (see ``mlinfra.config.module_sources``); a line per module call."""
    diags = Diagnostics()
    files = []
    for p in config_files(directory):
        f, fd = hclparse.parse_file(p, p.name, cache_dir)
        diags.extend(fd)
        if f is not None:
            files.append(f)
    config, _ = load_files(directory, files, Diagnostics())
    if not config.module_calls:
        return [], diags
    from mlinfra.config import modules

    return modules.install_all(directory, config.module_calls, load_module, diags), diags
