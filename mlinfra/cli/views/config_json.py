"""The ``configuration``, ``relevant_attributes`` and ``checks`` parts of plan JSON.

They describe the configuration a plan was made from, as ``terraform show -json`` does:
each argument as an expression (``constant_value`` or ``references``), ``count`` and
``for_each`` expressions, outputs, variables and provider blocks. They are computed from
the source files the plan carries, so a saved plan shows them without the directory.
"""

from __future__ import annotations

from typing import Any

from mlinfra import addrs
from mlinfra.addrs import KINDS, Address
from mlinfra.config import expressions
from mlinfra.config.model import Config, ResourceBlock
from mlinfra.config.syntax import Attribute, Body, Expr
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.plans.model import Action, Plan, ResourceChange
from mlinfra.values import contains_unknown

Part = str | int


def _step(p: Part) -> str:
    return f"[{p}]" if isinstance(p, int) else f'["{p}"]'


def _traversal(parts: tuple[Part, ...]) -> str:
    out = str(parts[0])
    for p in parts[1:]:
        out += f".{p}" if isinstance(p, str) and p.isidentifier() else _step(p)
    return out


def reference_strings(expr: Expr) -> list[str]:
    """Terraform's ``references``: each traversal, then the resource (and instance) it is in."""
    out: list[str] = []
    for ref in expressions.references(expr):
        p = ref.parts
        candidates = [_traversal(p)]
        if p[0] in KINDS and len(p) >= 2:
            if len(p) >= 3 and not isinstance(p[2], str):
                candidates.append(_traversal(p[:3]))
            candidates.append(_traversal(p[:2]))
        out.extend(c for c in candidates if c not in out)
    return out


def expression(expr: Expr, hide_constant: bool = False) -> dict[str, Any]:
    """``{"references": [...]}``, or ``{"constant_value": v}`` unless the value is
    secret (a sensitive argument, a provider setting), which is left out."""
    refs = reference_strings(expr)
    if refs:
        return {"references": refs}
    if hide_constant:
        return {}
    try:
        value = expressions.evaluate(expr, expressions.Scope())
    except DiagnosticsError:
        return {}
    # timestamp() or uuid(): no constant, and nothing referred to (Terraform's shape).
    return {} if contains_unknown(value) else {"constant_value": value}


def body_expressions(body: Body, hidden: frozenset[str] | None = None) -> dict[str, Any]:
    """Each argument's expression; constants left out for names in ``hidden`` (all when None)."""
    out: dict[str, Any] = {
        n: expression(a.expr, hidden is None or n in hidden) for n, a in sorted(body.attributes.items())
    }
    for b in body.blocks:
        inner: frozenset[str] | None = None if hidden is None or b.type in hidden else frozenset()
        out.setdefault(b.type, []).append(body_expressions(b.body, inner))
    return out


def _resource(block: ResourceBlock, schema_version: int, secret: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "address": str(block.address),
        "mode": "managed",
        "type": block.kind,
        "name": block.name,
        "provider_config_key": block.provider,
        "expressions": body_expressions(block.body, secret),
        "schema_version": schema_version,
    }
    _meta(out, block.count, block.for_each, block.depends_on)
    return out


def _meta(out: dict[str, Any], count: Attribute | None, for_each: Attribute | None, depends_on: tuple[Address, ...]) -> None:
    """The count, for_each and depends_on of a resource or module call, as Terraform writes them."""
    if count is not None:
        out["count_expression"] = expression(count.expr)
    if for_each is not None:
        out["for_each_expression"] = expression(for_each.expr)
    if depends_on:
        out["depends_on"] = [str(a) for a in depends_on]


def configuration(config: Config, changes: list[ResourceChange]) -> dict[str, Any]:
    versions = {addrs.block_key(c.address): c.schema_version for c in changes}
    secret: dict[str, set[str]] = {}
    for c in changes:
        for p in [*c.before_sensitive, *c.after_sensitive]:
            if p:
                secret.setdefault(addrs.block_key(c.address), set()).add(str(p[0]))
    providers: dict[str, Any] = {}
    for key, block in sorted(config.providers.items()):
        entry: dict[str, Any] = {"name": block.name, "full_name": block.name}
        if block.alias:
            entry["alias"] = block.alias
        exprs = body_expressions(block.body, None)
        if exprs:
            entry["expressions"] = exprs
        providers[key] = entry
    for b in config.resources.values():
        providers.setdefault(b.provider, {"name": b.provider.split(".")[0], "full_name": b.provider.split(".")[0]})
    return {"provider_config": providers, "root_module": _module(config, versions, secret)}


def _module(config: Config, versions: dict[str, int], secret: dict[str, set[str]]) -> dict[str, Any]:
    """A module's configuration, with the modules it calls under ``module_calls`` (as
    Terraform writes them: the source, the arguments' expressions, the module)."""
    outputs: dict[str, Any] = {}
    for name, o in sorted(config.outputs.items()):
        outputs[name] = {"expression": expression(o.value.expr, o.sensitive)}
        if o.sensitive:
            outputs[name]["sensitive"] = True
        if o.description:
            outputs[name]["description"] = o.description
    variables: dict[str, Any] = {}
    for name, v in sorted(config.variables.items()):
        entry = {}
        if not v.required and not v.sensitive:
            entry["default"] = v.default
        if v.description:
            entry["description"] = v.description
        if v.sensitive:
            entry["sensitive"] = True
        variables[name] = entry
    root: dict[str, Any] = {}
    if outputs:
        root["outputs"] = outputs
    root["resources"] = [
        _resource(b, versions.get(k, 0), frozenset(secret.get(k, ()))) for k, b in sorted(config.resources.items())
    ]
    if variables:
        root["variables"] = variables
    calls: dict[str, Any] = {}
    for name, call in sorted(config.module_calls.items()):
        called: dict[str, Any] = {"source": call.source}
        exprs = {n: expression(arg.expr) for n, arg in sorted(call.arguments.items())}
        if exprs:
            called["expressions"] = exprs
        _meta(called, call.count, call.for_each, call.depends_on)
        if call.config is not None:
            called["module"] = _module(call.config, {}, {})
        calls[name] = called
    if calls:
        root["module_calls"] = calls
    return root


def _block_refs(block: ResourceBlock) -> list[tuple[Part, ...]]:
    exprs: list[Expr] = []

    def walk(body: Body) -> None:
        exprs.extend(a.expr for a in body.attributes.values())
        for b in body.blocks:
            walk(b.body)

    walk(block.body)
    exprs.extend(a.expr for a in (block.count, block.for_each) if a is not None)
    return [r.parts for e in exprs for r in expressions.references(e)]


def relevant_attributes(config: Config, plan: Plan) -> list[dict[str, Any]]:
    """Resource attributes the changing resources and outputs are computed from,
    following locals and the resources they name."""
    todo: list[tuple[Part, ...]] = []
    for c in plan.changes:
        block = config.resources.get(addrs.block_key(c.address))
        if c.action is not Action.NOOP and block is not None:
            todo.extend(_block_refs(block))
    for o in plan.output_changes:
        out = config.outputs.get(o.name)
        if o.action is not Action.NOOP and out is not None:
            todo.extend(r.parts for r in expressions.references(out.value.expr))
    found: dict[str, dict[str, Any]] = {}
    seen: set[tuple[Part, ...]] = set()
    while todo:
        parts = todo.pop()
        if parts in seen:
            continue
        seen.add(parts)
        if parts[0] == "local" and len(parts) >= 2 and parts[1] in config.locals:
            todo.extend(r.parts for r in expressions.references(config.locals[str(parts[1])].expr))
        if parts[0] not in KINDS or len(parts) < 3:
            continue
        block = config.resources.get(_traversal(parts[:2]))
        if block is None:
            continue
        n = 3 if isinstance(parts[2], str) else 4
        if len(parts) < n:
            continue
        resource = _traversal(parts[: n - 1])
        entry = {"resource": resource, "attribute": list(parts[n - 1 :])}
        found[repr(entry)] = entry
        todo.extend(_block_refs(block))
    return [found[k] for k in sorted(found)]


def checks(config: Config, plan: Plan) -> list[dict[str, Any]]:
    """Terraform's ``checks``: the input variables with validation rules, each passing
    (a failing one stops the plan)."""
    out = []
    for name, v in sorted(config.variables.items()):
        if not v.validations:
            continue
        status = "unknown" if plan.errored else "pass"
        display = f"var.{name}"
        out.append(
            {
                "address": {"kind": "var", "name": name, "to_display": display},
                "status": status,
                "instances": [{"address": {"to_display": display}, "status": status}],
            }
        )
    return out
