"""Evaluation of the configuration against known values, shared by plan and apply.

An ``Evaluator`` holds the variables and the current value of every resource instance
(planned values during plan, with UNKNOWN for what apply will decide; real attributes
as apply proceeds). It expands ``count``/``for_each``, evaluates a resource instance's
arguments, local values (lazily, with cycle detection) and outputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from mlinfra import addrs
from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS, Address, Key
from mlinfra.config import bodies, expressions, limits
from mlinfra.config.functions_clock import Clock
from mlinfra.config.kinds import KIND_MODELS, OUTPUTS
from mlinfra.config.model import Config, ResourceBlock, Variable, module_address
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.providers.blocks import INSTALLED
from mlinfra.records import frozen
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown

if TYPE_CHECKING:
    from mlinfra.config.modules_expand import ModuleInstance


@frozen
class Instance:
    address: Address
    block: ResourceBlock
    each: tuple[Any, Any] | None
    count_index: int | None


class _Locals(Mapping[str, Any]):
    """Local values, evaluated on first use. A local asked for from outside any other
    has the locals it depends on evaluated first, in dependency order, so a chain of
    thousands of locals never recurses; their values (or errors) are kept for the
    length of that one request, and known values for good."""

    def __init__(self, ev: Evaluator, module: tuple[str, ...] = ()) -> None:
        self.ev = ev
        self.module = module
        self.defs = ev.module_config(module).locals
        self.cache: dict[str, Any] = {}
        self.stack: list[str] = []
        self.memo: dict[str, Any] | None = None

    def __getitem__(self, name: str) -> Any:
        if name in self.cache:
            return self.cache[name]
        if self.memo is not None and name in self.memo:
            found = self.memo[name]
            if isinstance(found, DiagnosticsError):
                raise found
            return found
        if self.stack or self.memo is not None:
            return self._evaluate(name)
        self.memo = {}
        try:
            for dep in _dependency_order(self.defs, name)[:-1]:
                try:
                    self.memo[dep] = self._evaluate(dep)
                except DiagnosticsError as e:
                    self.memo[dep] = e
            return self._evaluate(name)
        finally:
            self.memo = None

    def _evaluate(self, name: str) -> Any:
        attr = self.defs[name]
        if name in self.stack:
            chain = " -> ".join([*self.stack[self.stack.index(name) :], name])
            raise DiagnosticsError(
                d.error("Cycle in local values", f"Local values refer to each other in a cycle: {chain}.", attr.range)
            )
        self.stack.append(name)
        try:
            value = expressions.evaluate(attr.expr, self.ev.scope(module=self.module))
        except DiagnosticsError as e:
            where = f"locals in {module_address(self.module)}" if self.module else "locals"
            raise DiagnosticsError(x.with_defaults(context=where) for x in e.diagnostics) from None
        finally:
            self.stack.pop()
        if not contains_unknown(value):
            self.cache[name] = value
        return value

    def __contains__(self, name: object) -> bool:
        return name in self.defs

    def __iter__(self) -> Iterator[str]:
        return iter(self.defs)

    def __len__(self) -> int:
        return len(self.defs)


class _ModuleVariables(Mapping[str, Any]):
    """A module instance's variables: the call's argument, evaluated in the caller's
    scope (with the instance's each / count), converted to the declared type and
    checked by the variable's validation blocks; else the default."""

    def __init__(self, ev: Evaluator, inst: ModuleInstance) -> None:
        self.ev = ev
        self.inst = inst
        self.decls = inst.config.variables
        self.cache: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name in self.cache:
            return self.cache[name]
        var = self.decls[name]
        call = self.inst.call
        assert call is not None
        arg = call.arguments.get(name)
        where = f"{call.context} in {module_address(self.inst.parent)}" if self.inst.parent else call.context
        if arg is None:
            value = None if var.required else var.default
        else:
            try:
                value = expressions.evaluate(
                    arg.expr, self.ev.scope(self.inst.each, self.inst.count_index, self.inst.parent)
                )
            except DiagnosticsError as e:
                raise DiagnosticsError(x.with_defaults(context=where) for x in e.diagnostics) from None
        value = self._checked(var, value, arg, where)
        if not contains_unknown(value):
            self.cache[name] = value
        return value

    def _checked(self, var: Variable, value: Any, arg: Any, where: str) -> Any:
        from mlinfra.config import variables

        rng = arg.range if arg is not None else var.range
        marked = isinstance(value, Sensitive)
        plain = value.value if marked else value
        if plain is None and arg is not None and not var.nullable:
            raise DiagnosticsError(d.error(
                "Invalid value for input variable",
                f'The variable "{var.name}" of {self.inst.context} is not nullable: it must not be null.',
                rng, context=where,
            ))  # fmt: skip
        if plain is not None and not contains_unknown(plain):
            ok, plain, why = variables.convert(plain, var.type)
            if not ok:
                raise DiagnosticsError(d.error(
                    "Invalid value for input variable",
                    f'The given value is not suitable for {self.inst.context}\'s variable "{var.name}" declared at '
                    f"{var.range.filename} line {var.range.start_line}: {why}.",
                    rng, context=where,
                ))  # fmt: skip
            found = Diagnostics()
            variables.check_validations(var, plain, self.inst.config, found)
            if found.has_errors:
                raise DiagnosticsError(x.with_defaults(context=where) for x in found)
        if var.sensitive or marked:
            return Sensitive(plain)
        return plain

    def __contains__(self, name: object) -> bool:
        return name in self.decls

    def __iter__(self) -> Iterator[str]:
        return iter(self.decls)

    def __len__(self) -> int:
        return len(self.decls)


class _ModuleCalls(Mapping[str, Any]):
    """``module.NAME`` in a module instance: the outputs of each instance of the call
    NAME (an object; a list of them for count, a map for for_each)."""

    def __init__(self, ev: Evaluator, module: tuple[str, ...]) -> None:
        self.ev = ev
        self.module = module
        self.inst = ev.config.modules[module]
        # known outputs by instance path, kept until the evaluator forgets its locals
        self.cache: dict[tuple[str, ...], Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.inst.children:
            return UNKNOWN  # a call whose instances are not known yet (validate)
        keys = self.inst.children[name]
        if keys is None:
            return self._outputs(addrs.module_step(name, None))
        objects = {k: self._outputs(addrs.module_step(name, k)) for k in keys}
        call = self.inst.config.module_calls[name]
        return list(objects.values()) if call.count is not None else objects

    def _outputs(self, step: str) -> Any:
        path = (*self.module, step)
        if path in self.cache:
            return self.cache[path]
        child = self.ev.config.modules.get(path)
        if child is None:
            return UNKNOWN
        out: dict[str, Any] = {}
        scope = self.ev.scope(module=path)
        for oname, o in sorted(child.config.outputs.items()):
            try:
                v = expressions.evaluate(o.value.expr, scope)
            except DiagnosticsError as e:
                raise DiagnosticsError(
                    x.with_defaults(context=f'output "{oname}" in {child.context}') for x in e.diagnostics
                ) from None
            out[oname] = Sensitive(v.value if isinstance(v, Sensitive) else v) if o.sensitive else v
        if not contains_unknown(out):
            self.cache[path] = out
        return out

    def __contains__(self, name: object) -> bool:
        return name in self.inst.config.module_calls

    def __iter__(self) -> Iterator[str]:
        return iter(self.inst.config.module_calls)

    def __len__(self) -> int:
        return len(self.inst.config.module_calls)


# (kind, outputs only) -> the attribute names of a placeholder: the kinds are fixed.
_PLACEHOLDER_NAMES: dict[tuple[str, bool], tuple[str, ...]] = {}


def placeholder(kind: str, outputs_only: bool = False) -> dict[str, Any]:
    """A value standing for a resource not evaluated yet: every attribute UNKNOWN."""
    names = _PLACEHOLDER_NAMES.get((kind, outputs_only))
    if names is None:
        names = tuple(OUTPUTS[kind]) if outputs_only else (*KIND_MODELS[kind].model_fields, *OUTPUTS[kind])
        _PLACEHOLDER_NAMES[kind, outputs_only] = names
    return dict.fromkeys(names, UNKNOWN)


def null_object(kind: str) -> dict[str, Any]:
    """The value of an instance whose object does not exist: every attribute null."""
    return dict.fromkeys([*KIND_MODELS[kind].model_fields, *OUTPUTS[kind]])


class Evaluator:
    def __init__(
        self,
        config: Config,
        variables: Mapping[str, Any],
        workspace: str = "default",
        nested: bodies.NestedBlocks = INSTALLED,
        clock: Clock | None = None,
    ) -> None:
        self.config = config
        self.nested = nested
        self.clock = clock
        self.variables = variables
        self.workspace = workspace
        self.values: dict[str, dict[str, Any]] = {k: {} for k in KINDS}
        # The values of the resources of each module instance (the root's are ``values``).
        self.module_values: dict[tuple[str, ...], dict[str, dict[str, Any]]] = {}
        self.declared_cache: dict[tuple[str, ...], dict[str, list[str]]] = {}
        self.locals = _Locals(self)
        self.module_scopes: dict[tuple[str, ...], tuple[_ModuleVariables | Mapping[str, Any], _Locals, Mapping[str, Any]]] = {}
        from mlinfra.plans.data import DataValues

        self.data = DataValues(config.data)

    @property
    def declared(self) -> dict[str, list[str]]:
        return self.declared_in(())

    def declared_in(self, module: tuple[str, ...]) -> dict[str, list[str]]:
        found = self.declared_cache.get(module)
        if found is None:
            found = {k: [] for k in KINDS}
            for r in self.config.resources.values():
                if r.module == module:
                    found[r.kind].append(r.name)
            self.declared_cache[module] = found
        return found

    def namespace(self, module: tuple[str, ...]) -> dict[str, dict[str, Any]]:
        """kind -> name -> value of the resources of one module instance."""
        if not module:
            return self.values
        ns = self.module_values.get(module)
        if ns is None:
            ns = self.module_values[module] = {k: {} for k in KINDS}
        return ns

    def module_config(self, module: tuple[str, ...]) -> Config:
        return self.config.modules[module].config if module else self.config

    def scope(
        self, each: tuple[Any, Any] | None = None, count_index: int | None = None, module: tuple[str, ...] = ()
    ) -> expressions.Scope:
        if not self.config.modules:
            return expressions.Scope(
                variables=self.variables,
                locals=self.locals,
                resources=self.values,
                each=each,
                count_index=count_index,
                workspace=self.workspace,
                base_dir=self.config.dir,
                declared_resources=self.declared,
                extra_roots={"data": self.data} if self.data else {},
                clock=self.clock,
            )
        found = self.module_scopes.get(module)
        if found is None:
            inst = self.config.modules[module]
            found = (
                _ModuleVariables(self, inst) if module else self.variables,
                _Locals(self, module) if module else self.locals,
                _ModuleCalls(self, module),
            )
            self.module_scopes[module] = found
        variables, locals_, calls = found
        inst = self.config.modules[module]
        return expressions.Scope(
            variables=variables,
            locals=locals_,
            resources=self.namespace(module),
            modules=calls,
            each=each,
            count_index=count_index,
            workspace=self.workspace,
            base_dir=inst.call.dir if inst.call is not None and inst.call.dir is not None else self.config.dir,
            root_dir=self.config.dir,
            declared_resources=self.declared_in(module),
            extra_roots={"data": self.data} if self.data and not module else {},
            clock=self.clock,
        )

    def check_module_variables(self, diags: Diagnostics) -> None:
        """Evaluate every module instance's variables once, so a value of the wrong type
        or one its validation refuses is an error even where nothing uses it yet."""
        for path in sorted(self.config.modules):
            if not path:
                continue
            variables = self.scope(module=path).variables
            for name in variables:
                try:
                    variables[name]
                except DiagnosticsError as e:
                    diags.extend(e.diagnostics)

    def seed_placeholders(self) -> None:
        """Give every declared resource an all-UNKNOWN value (for validate)."""
        for r in self.config.resources.values():
            if r.count is not None or r.for_each is not None:
                self.namespace(r.module)[r.kind][r.name] = UNKNOWN
            else:
                self.namespace(r.module)[r.kind][r.name] = placeholder(r.kind)

    # -- expansion ---------------------------------------------------------------------
    def expand(
        self, block: ResourceBlock, diags: Diagnostics, *, allow_unknown: bool = False, seed: bool = True
    ) -> list[Instance] | None:
        """The instances of a block; None when count/for_each is not known yet. With
        ``seed`` the block's value is reset to placeholders, one per instance."""
        addr = block.address
        if block.count is not None:
            n = self._meta(block, block.count, diags)
            if n is UNKNOWN or n is _ERR:
                if n is UNKNOWN and not allow_unknown:
                    diags.add(_unknown_meta(block, "count"))
                return None
            if isinstance(n, float) and n.is_integer():
                n = int(n)
            if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n > limits.MAX_INSTANCES:
                got = f"{n:,}" if isinstance(n, int) and not isinstance(n, bool) else repr(n)[:40]
                diags.add(
                    d.error(
                        "Invalid count argument",
                        f"The count argument must be a whole number from 0 to {limits.MAX_INSTANCES:,} "
                        f"(see {limits.DOCS}); got {got}.",
                        block.count.range,
                        context=block.context,
                    )
                )
                return None
            if seed:
                self.namespace(block.module)[block.kind][block.name] = [placeholder(block.kind) for _ in range(n)]
            return [Instance(addr.with_key(i), block, None, i) for i in range(n)]
        if block.for_each is not None:
            fe = self._meta(block, block.for_each, diags)
            if fe is UNKNOWN or fe is _ERR:
                if fe is UNKNOWN and not allow_unknown:
                    diags.add(_unknown_meta(block, "for_each"))
                return None
            if isinstance(fe, list) and all(isinstance(x, str) for x in fe):
                items = {x: x for x in fe}
            elif isinstance(fe, dict):
                items = dict(fe)
            else:
                diags.add(
                    d.error(
                        "Invalid for_each argument",
                        "The for_each argument must be a map, or a set (list) of strings.",
                        block.for_each.range,
                        context=block.context,
                    )
                )
                return None
            if len(items) > limits.MAX_INSTANCES:
                diags.add(
                    d.error(
                        "Invalid for_each argument",
                        f"The for_each argument has {len(items):,} elements; mlinfra makes at most "
                        f"{limits.MAX_INSTANCES:,} instances of one block (see {limits.DOCS}).",
                        block.for_each.range,
                        context=block.context,
                    )
                )
                return None
            if seed:
                self.namespace(block.module)[block.kind][block.name] = {k: placeholder(block.kind) for k in items}
            return [Instance(addr.with_key(k), block, (k, v), None) for k, v in sorted(items.items())]
        if seed:
            self.namespace(block.module)[block.kind][block.name] = placeholder(block.kind)
        return [Instance(addr, block, None, None)]

    def _meta(self, block: ResourceBlock, attr: Any, diags: Diagnostics) -> Any:
        try:
            v = expressions.evaluate(attr.expr, self.scope(module=block.module))
        except DiagnosticsError as e:
            diags.extend(x.with_defaults(context=block.context) for x in e.diagnostics)
            return _ERR
        if isinstance(v, Sensitive):
            diags.add(
                d.error(
                    f"Invalid {attr.name} argument",
                    f"Sensitive values cannot be used in {attr.name}: they would appear in resource addresses.",
                    attr.range,
                    context=block.context,
                )
            )
            return _ERR
        if attr is block.for_each and isinstance(v, dict):
            # A map's keys are what for_each needs; its values may be known only after
            # apply (for_each over another for_each resource), as in Terraform.
            return v
        return UNKNOWN if contains_unknown(v) else v

    # -- arguments ---------------------------------------------------------------------
    def instance_config(self, inst: Instance, diags: Diagnostics) -> dict[str, Any]:
        """The instance's arguments, evaluated, checked and with defaults (may hold marks)."""
        block = inst.block
        scope = self.scope(inst.each, inst.count_index, block.module)
        value, ranges = bodies.evaluate_body(block.body, scope, diags, block.context)
        return bodies.check_arguments(block.kind, value, ranges, block.range, block.context, diags, self.nested)

    def set_value(self, addr: Address, value: Any) -> None:
        holder = self.namespace(addr.module)[addr.kind]
        if addr.key is None:
            holder[addr.name] = value
            return
        cur = holder.get(addr.name)
        if isinstance(addr.key, int):
            if not isinstance(cur, list):
                cur = []
            while len(cur) <= addr.key:
                cur.append(placeholder(addr.kind))
            cur[addr.key] = value
        else:
            if not isinstance(cur, dict) or _is_attr_map(cur):
                cur = {}
            cur[addr.key] = value
        holder[addr.name] = cur

    def forget_locals(self) -> None:
        """Drop the kept values of locals (and of module variables, locals and outputs),
        to be evaluated again from the resources' current values."""
        self.locals.cache.clear()
        self.module_scopes.clear()

    # -- outputs -----------------------------------------------------------------------
    def outputs(self, diags: Diagnostics) -> dict[str, tuple[Any, bool]]:
        out: dict[str, tuple[Any, bool]] = {}
        for name, o in sorted(self.config.outputs.items()):
            try:
                v = expressions.evaluate(o.value.expr, self.scope())
            except DiagnosticsError as e:
                diags.extend(x.with_defaults(context=f'output "{name}"') for x in e.diagnostics)
                continue
            if isinstance(v, Sensitive) and not o.sensitive:
                diags.add(
                    d.error(
                        "Output refers to sensitive values",
                        f'To reduce the risk of accidentally exporting sensitive data, the output "{name}" '
                        "must be marked sensitive = true.",
                        o.range,
                        context=f'output "{name}"',
                    )
                )
                continue
            out[name] = (v.value if isinstance(v, Sensitive) else v, o.sensitive)
        return out


_ERR: Any = object()


def _dependency_order(locals_: Mapping[str, Any], name: str) -> list[str]:
    """``name`` and the locals it refers to, directly or not, each after the ones it
    refers to (a reference that closes a cycle is left out: evaluation reports it)."""
    order: list[str] = []
    done: set[str] = set()
    path = {name}
    stack = [(name, iter(local_refs(locals_[name].expr)))]
    while stack:
        current, refs = stack[-1]
        nxt = next((r for r in refs if r in locals_ and r not in done and r not in path), None)
        if nxt is not None:
            path.add(nxt)
            stack.append((nxt, iter(local_refs(locals_[nxt].expr))))
            continue
        stack.pop()
        path.discard(current)
        done.add(current)
        order.append(current)
    return order


def local_refs(expr: Any) -> list[str]:
    """The names of the locals an expression refers to."""
    return [r.parts[1] for r in expressions.references(expr)
            if r.parts[0] == "local" and len(r.parts) > 1 and isinstance(r.parts[1], str)]  # fmt: skip


def _is_attr_map(v: dict[str, Any]) -> bool:
    return "id" in v and not all(isinstance(x, dict) for x in v.values())


def _unknown_meta(block: ResourceBlock, which: str) -> d.Diagnostic:
    attr = block.count if which == "count" else block.for_each
    assert attr is not None
    return d.error(
        f"Invalid {which} argument",
        f'The "{which}" value depends on resource attributes that cannot be determined until apply, '
        f"so mlinfra cannot predict how many instances will be created. Use values known at plan "
        f"time (variables, locals), or apply the resources it depends on first with --target.",
        attr.range,
        context=block.context,
    )


def instance_key(addr: Address) -> Key:
    return addr.key
