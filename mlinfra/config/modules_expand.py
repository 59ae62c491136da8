"""Expansion of module calls into one configuration (see ``mlinfra.config.modules``).

Each call becomes one module instance per ``count`` index or ``for_each`` key (known
from variables and locals, as Terraform requires); every resource of every instance
is a resource of the whole configuration at its full address
(``module.a["eu"].endpoint.x``), and every reference across a module boundary (a
variable's value, ``module.a.out``, a call's ``depends_on``) becomes a dependency
between resources, so the graph, the planner and the apply walker see one set of
resources. The evaluator gives each instance its own scope (``mlinfra.plans.evaluator``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS, Address, Key
from mlinfra.config import expressions
from mlinfra.config.dependencies import block_refs
from mlinfra.config.model import Config, Moved, ResourceBlock, module_address
from mlinfra.config.modules import ModuleCall
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown

if TYPE_CHECKING:
    from mlinfra.config.checks import Check


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
                    block = replace(
                        r,
                        module=cpath,
                        provider=_provider(r.provider, cpath, instances, config, diags, r),
                        retrain_on=tuple(_inside(m, cpath) for m in r.retrain_on),
                    )
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
        if not lenient:  # else the command reports the variables' own errors
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
