"""A data-only encoding of the syntax tree, for the on-disk parse cache.

A cache file is read back by a decoder that builds only the node types of
``mlinfra.config.syntax``, checking every field's type as it goes: JSON in, plain data
out, nothing executed, whatever the file holds. Each node is a JSON list: the node's
tag, then its fields in declaration order; source ranges are four integers (the file
name is the file's own). Anything unexpected raises ``BadEntry``. This module imports
neither ``hcl2`` nor ``lark``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mlinfra.config import syntax as n
from mlinfra.diagnostics import SourceRange


class BadEntry(Exception):
    """A cache entry that is not an encoding this module wrote."""


# Each field's kind: how it is encoded and checked. A kind names what a node field
# must hold: an expression, a traversal step, a body, a block or an attribute, one
# ("expr"), optional ("expr?"), several ("exprs") or in pairs ("expr_pairs").
_SPEC: dict[type, tuple[str, ...]] = {
    n.Literal: ("scalar", "range"),
    n.Template: ("parts", "range"),
    n.GetAttr: ("str", "range"),
    n.Index: ("expr", "range"),
    n.SplatMarker: ("range",),
    n.ScopeTraversal: ("str", "steps", "range"),
    n.RelativeTraversal: ("expr", "steps", "range"),
    n.FunctionCall: ("str", "exprs", "bool", "range"),
    n.BinaryOp: ("str", "expr", "expr", "range"),
    n.UnaryOp: ("str", "expr", "range"),
    n.Conditional: ("expr", "expr", "expr", "range"),
    n.TupleExpr: ("exprs", "range"),
    n.ObjectExpr: ("expr_pairs", "range"),
    n.ForExpr: ("str?", "str", "expr", "expr?", "expr", "expr?", "bool", "range"),
    n.Attribute: ("str", "expr", "range", "range"),
    n.Block: ("str", "strs", "body", "range", "range"),
    n.Body: ("attrs", "blocks", "range", "attr_pairs"),
}
_BASES: dict[str, type | tuple[type, ...]] = {
    "expr": n.Expr, "step": (n.GetAttr, n.Index, n.SplatMarker), "body": n.Body, "block": n.Block, "attr": n.Attribute,
}  # fmt: skip
_BY_TAG: dict[str, type] = {cls.__name__: cls for cls in _SPEC}
_SCALARS = (str, int, float, bool, type(None))


def encode(node: Any, filename: str) -> Any:
    """The JSON-ready form of a syntax node; every range must be in ``filename``."""
    spec = _SPEC[type(node)]
    values = [getattr(node, f.name) for f in dataclasses.fields(node)][: len(spec)]
    return [type(node).__name__, *(_enc(kind, v, filename) for kind, v in zip(spec, values, strict=True))]


def _enc(kind: str, v: Any, filename: str) -> Any:
    if v is None or kind in ("scalar", "str", "str?", "bool"):
        return v
    if kind == "strs":
        return list(v)
    if kind == "range":
        if v.filename != filename:
            raise BadEntry("a range in another file")
        return [v.start_line, v.start_column, v.end_line, v.end_column]
    if kind == "parts":
        return [x if isinstance(x, str) else encode(x, filename) for x in v]
    if kind == "attrs":
        return [encode(a, filename) for a in v.values()]
    if kind.endswith("_pairs"):
        return [[encode(a, filename), encode(b, filename)] for a, b in v]
    if kind.endswith("s"):
        return [encode(x, filename) for x in v]
    return encode(v, filename)


def decode(data: Any, filename: str) -> Any:
    """The syntax node ``data`` encodes; ``BadEntry`` on anything else."""
    if not isinstance(data, list) or not data or not isinstance(data[0], str):
        raise BadEntry("not a node")
    cls = _BY_TAG.get(data[0])
    if cls is None:
        raise BadEntry(f"unknown node {data[0][:20]!r}")
    spec = _SPEC[cls]
    if len(data) != len(spec) + 1:
        raise BadEntry(f"{data[0]} has {len(data) - 1} fields")
    return cls(*(_dec(kind, v, filename) for kind, v in zip(spec, data[1:], strict=True)))


def _node(v: Any, filename: str, kind: str) -> Any:
    node = decode(v, filename)
    if not isinstance(node, _BASES[kind]):
        raise BadEntry(f"{type(node).__name__} where a {kind} belongs")
    return node


def _dec(kind: str, v: Any, filename: str) -> Any:
    if kind.endswith("?"):
        if v is None:
            return None
        kind = kind[:-1]
    if kind == "scalar":
        if not isinstance(v, _SCALARS):
            raise BadEntry("not a scalar")
        return v
    if kind == "str" or kind == "bool":
        if not isinstance(v, str if kind == "str" else bool):
            raise BadEntry(f"not a {kind}")
        return v
    if not isinstance(v, list):
        raise BadEntry(f"{kind} is not a list")
    if kind == "range":
        if len(v) != 4 or not all(type(x) is int for x in v):
            raise BadEntry("not a range")
        return SourceRange(filename, *v)
    if kind == "strs":
        if not all(isinstance(x, str) for x in v):
            raise BadEntry("not strings")
        return tuple(v)
    if kind == "parts":
        return tuple(x if isinstance(x, str) else _node(x, filename, "expr") for x in v)
    if kind == "attrs":
        attrs = [_node(x, filename, "attr") for x in v]
        return {a.name: a for a in attrs}
    if kind.endswith("_pairs"):
        base = kind[: -len("_pairs")]
        if not all(isinstance(p, list) and len(p) == 2 for p in v):
            raise BadEntry("not pairs")
        return tuple((_node(a, filename, base), _node(b, filename, base)) for a, b in v)
    if kind.endswith("s"):
        return tuple(_node(x, filename, kind[:-1]) for x in v)
    return _node(v, filename, kind)
