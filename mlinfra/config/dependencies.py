"""Block-level dependencies: which resources a resource, output or local refers to."""

from __future__ import annotations

from mlinfra.addrs import KINDS
from mlinfra.config import dynamic, expressions
from mlinfra.config.model import ResourceBlock
from mlinfra.config.syntax import Attribute, Body


def local_dependencies(locals_: dict[str, Attribute]) -> dict[str, frozenset[str]]:
    """The resources each local value refers to, directly or through other locals
    (worked out without recursion: a chain of locals may be thousands long)."""
    resources: dict[str, set[str]] = {}
    locals_of: dict[str, list[str]] = {}
    for name, a in locals_.items():
        resources[name], locals_of[name] = set(), []
        for ref in expressions.references(a.expr):
            p = ref.parts
            if p[0] in KINDS and len(p) >= 2:
                resources[name].add(f"{p[0]}.{p[1]}")
            elif p[0] == "local" and len(p) >= 2 and isinstance(p[1], str) and p[1] in locals_:
                locals_of[name].append(p[1])
    out: dict[str, frozenset[str]] = {}
    for start in locals_:
        path = {start}
        stack = [(start, iter(locals_of[start]))]
        while stack:
            name, refs = stack[-1]
            nxt = next((r for r in refs if r not in out and r not in path), None)
            if nxt is not None:
                path.add(nxt)
                stack.append((nxt, iter(locals_of[nxt])))
                continue
            stack.pop()
            path.discard(name)
            if name not in out:
                deps = set(resources[name])
                for r in locals_of[name]:
                    deps |= out.get(r, frozenset())
                out[name] = frozenset(deps)
    return out


def block_refs(r: ResourceBlock) -> list[expressions.Reference]:
    refs: list[expressions.Reference] = []
    body_refs(r.body, refs)
    for a in (r.count, r.for_each):
        if a is not None:
            refs.extend(expressions.references(a.expr))
    for e in r.lifecycle.replace_triggered_by:
        refs.extend(expressions.references(e))
    for cond in (*r.lifecycle.preconditions, *r.lifecycle.postconditions):
        for e in (cond.condition, cond.error_message):
            refs.extend(expressions.references(e, frozenset({"self"})))
    return refs


def body_refs(body: Body, out: list[expressions.Reference], bound: frozenset[str] = frozenset()) -> None:
    """The references of a body's arguments and nested blocks; the iterator of a
    dynamic block is no reference inside its content."""
    for a in body.attributes.values():
        out.extend(expressions.references(a.expr, bound))
    for b in body.blocks:
        if b.type == "dynamic":
            each = b.body.attributes.get("for_each")
            if each is not None:
                out.extend(expressions.references(each.expr, bound))
            inner = bound | {dynamic.iterator_name(b)}
            labels = b.body.attributes.get("labels")
            if labels is not None:
                out.extend(expressions.references(labels.expr, inner))
            content = dynamic.content_of(b)
            if content is not None:
                body_refs(content, out, inner)
        else:
            body_refs(b.body, out, bound)


def resource_deps(refs: list[expressions.Reference], local_deps: dict[str, frozenset[str]]) -> set[str]:
    deps: set[str] = set()
    for ref in refs:
        p = ref.parts
        if p[0] in KINDS and len(p) >= 2 and isinstance(p[1], str):
            deps.add(f"{p[0]}.{p[1]}")
        elif p[0] == "local" and len(p) >= 2 and isinstance(p[1], str):
            deps |= local_deps.get(p[1], frozenset())
    return deps
