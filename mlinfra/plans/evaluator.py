"""Evaluation of the configuration against known values, shared by plan and apply.

An ``Evaluator`` holds the variables and the current value of every resource instance
(planned values during plan, with UNKNOWN for what apply will decide; real attributes
as apply proceeds). It expands ``count``/``for_each``, evaluates a resource instance's
arguments, local values (lazily, with cycle detection) and outputs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS, Address, Key
from mlinfra.config import bodies, expressions, limits
from mlinfra.config.kinds import KIND_MODELS, OUTPUTS
from mlinfra.config.model import Config, ResourceBlock
from mlinfra.diagnostics import Diagnostics, DiagnosticsError
from mlinfra.providers.blocks import INSTALLED
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown


@dataclass(frozen=True)
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

    def __init__(self, ev: Evaluator) -> None:
        self.ev = ev
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
            for dep in _dependency_order(self.ev.config.locals, name)[:-1]:
                try:
                    self.memo[dep] = self._evaluate(dep)
                except DiagnosticsError as e:
                    self.memo[dep] = e
            return self._evaluate(name)
        finally:
            self.memo = None

    def _evaluate(self, name: str) -> Any:
        attr = self.ev.config.locals[name]
        if name in self.stack:
            chain = " -> ".join([*self.stack[self.stack.index(name) :], name])
            raise DiagnosticsError(
                d.error("Cycle in local values", f"Local values refer to each other in a cycle: {chain}.", attr.range)
            )
        self.stack.append(name)
        try:
            value = expressions.evaluate(attr.expr, self.ev.scope())
        except DiagnosticsError as e:
            raise DiagnosticsError(x.with_defaults(context="locals") for x in e.diagnostics) from None
        finally:
            self.stack.pop()
        if not contains_unknown(value):
            self.cache[name] = value
        return value

    def __contains__(self, name: object) -> bool:
        return name in self.ev.config.locals

    def __iter__(self) -> Iterator[str]:
        return iter(self.ev.config.locals)

    def __len__(self) -> int:
        return len(self.ev.config.locals)


def placeholder(kind: str, outputs_only: bool = False) -> dict[str, Any]:
    """A value standing for a resource not evaluated yet: every attribute UNKNOWN."""
    names = list(OUTPUTS[kind]) if outputs_only else list(KIND_MODELS[kind].model_fields) + list(OUTPUTS[kind])
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
    ) -> None:
        self.config = config
        self.nested = nested
        self.variables = variables
        self.workspace = workspace
        self.values: dict[str, dict[str, Any]] = {k: {} for k in KINDS}
        self.declared = {k: [r.name for r in config.resources.values() if r.kind == k] for k in KINDS}
        self.locals = _Locals(self)
        from mlinfra.plans.data import DataValues

        self.data = DataValues(config.data)

    def scope(self, each: tuple[Any, Any] | None = None, count_index: int | None = None) -> expressions.Scope:
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
        )

    def seed_placeholders(self) -> None:
        """Give every declared resource an all-UNKNOWN value (for validate)."""
        for r in self.config.resources.values():
            if r.count is not None or r.for_each is not None:
                self.values[r.kind][r.name] = UNKNOWN
            else:
                self.values[r.kind][r.name] = placeholder(r.kind)

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
                self.values[block.kind][block.name] = [placeholder(block.kind) for _ in range(n)]
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
                self.values[block.kind][block.name] = {k: placeholder(block.kind) for k in items}
            return [Instance(addr.with_key(k), block, (k, v), None) for k, v in sorted(items.items())]
        if seed:
            self.values[block.kind][block.name] = placeholder(block.kind)
        return [Instance(addr, block, None, None)]

    def _meta(self, block: ResourceBlock, attr: Any, diags: Diagnostics) -> Any:
        try:
            v = expressions.evaluate(attr.expr, self.scope())
        except DiagnosticsError as e:
            diags.extend(e.diagnostics)
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
        scope = self.scope(inst.each, inst.count_index)
        value, ranges = bodies.evaluate_body(block.body, scope, diags, block.context)
        return bodies.check_arguments(block.kind, value, ranges, block.range, block.context, diags, self.nested)

    def set_value(self, addr: Address, value: Any) -> None:
        holder = self.values[addr.kind]
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
        self.locals.cache.clear()

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
