"""Block-level dependencies: which resources a resource, output or local refers to."""

from __future__ import annotations

from mlinfra.addrs import KINDS
from mlinfra.config import expressions
from mlinfra.config.model import ResourceBlock
from mlinfra.config.syntax import Attribute, Body


def local_dependencies(locals_: dict[str, Attribute]) -> dict[str, frozenset[str]]:
    """The resources each local value refers to, directly or through other locals."""
    direct = {n: expressions.references(a.expr) for n, a in locals_.items()}
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


def block_refs(r: ResourceBlock) -> list[expressions.Reference]:
    refs: list[expressions.Reference] = []
    body_refs(r.body, refs)
    for a in (r.count, r.for_each):
        if a is not None:
            refs.extend(expressions.references(a.expr))
    for e in r.lifecycle.replace_triggered_by:
        refs.extend(expressions.references(e))
    return refs


def body_refs(body: Body, out: list[expressions.Reference]) -> None:
    for a in body.attributes.values():
        out.extend(expressions.references(a.expr))
    for b in body.blocks:
        body_refs(b.body, out)


def resource_deps(refs: list[expressions.Reference], local_deps: dict[str, frozenset[str]]) -> set[str]:
    deps: set[str] = set()
    for ref in refs:
        p = ref.parts
        if p[0] in KINDS and len(p) >= 2 and isinstance(p[1], str):
            deps.add(f"{p[0]}.{p[1]}")
        elif p[0] == "local" and len(p) >= 2 and isinstance(p[1], str):
            deps |= local_deps.get(p[1], frozenset())
    return deps
