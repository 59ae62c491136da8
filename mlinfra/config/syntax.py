"""The syntax tree of an mlinfra configuration, independent of the HCL parser.

``hclparse`` builds these from source text; ``expressions`` evaluates the expression
nodes; ``loader`` turns files of blocks into a ``Config``. Every node carries the
``SourceRange`` it came from, so any diagnostic can point at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlinfra.diagnostics import SourceRange


class Expr:
    """Base of expression nodes."""

    range: SourceRange


@dataclass(frozen=True)
class Literal(Expr):
    value: Any  # str, int, float, bool or None
    range: SourceRange


@dataclass(frozen=True)
class Template(Expr):
    """A quoted string or heredoc with interpolations. A template that is exactly one
    interpolation ("${x}") evaluates to x's value unchanged, as in HCL."""

    parts: tuple[str | Expr, ...]
    range: SourceRange


@dataclass(frozen=True)
class GetAttr:
    name: str
    range: SourceRange


@dataclass(frozen=True)
class Index:
    key: Expr
    range: SourceRange


@dataclass(frozen=True)
class SplatMarker:
    """``[*]`` or ``.*``: the steps after it apply to each element."""

    range: SourceRange


Step = GetAttr | Index | SplatMarker


@dataclass(frozen=True)
class ScopeTraversal(Expr):
    """A reference rooted at a name: var.x, local.y, model.m[0].id, each.value, count.index."""

    root: str
    steps: tuple[Step, ...]
    range: SourceRange


@dataclass(frozen=True)
class RelativeTraversal(Expr):
    """Steps applied to the value of another expression: (expr).a, f(x)[0]."""

    source: Expr
    steps: tuple[Step, ...]
    range: SourceRange


@dataclass(frozen=True)
class FunctionCall(Expr):
    name: str
    args: tuple[Expr, ...]
    expand_final: bool  # f(x...)
    range: SourceRange


@dataclass(frozen=True)
class BinaryOp(Expr):
    op: str  # + - * / % == != < > <= >= && ||
    left: Expr
    right: Expr
    range: SourceRange


@dataclass(frozen=True)
class UnaryOp(Expr):
    op: str  # - !
    operand: Expr
    range: SourceRange


@dataclass(frozen=True)
class Conditional(Expr):
    condition: Expr
    true_result: Expr
    false_result: Expr
    range: SourceRange


@dataclass(frozen=True)
class TupleExpr(Expr):
    items: tuple[Expr, ...]
    range: SourceRange


@dataclass(frozen=True)
class ObjectExpr(Expr):
    items: tuple[tuple[Expr, Expr], ...]  # (key, value); a bare-word key is a Literal str
    range: SourceRange


@dataclass(frozen=True)
class ForExpr(Expr):
    key_var: str | None
    value_var: str
    collection: Expr
    key_expr: Expr | None  # set for {for ...: k => v}
    value_expr: Expr
    condition: Expr | None
    grouping: bool  # the "..." of a for-object expression
    range: SourceRange


@dataclass(frozen=True)
class Attribute:
    name: str
    expr: Expr
    range: SourceRange  # the whole "name = expr" line(s)
    name_range: SourceRange


@dataclass(frozen=True)
class Block:
    type: str
    labels: tuple[str, ...]
    body: Body
    range: SourceRange  # the header line
    type_range: SourceRange


@dataclass(frozen=True)
class Body:
    attributes: dict[str, Attribute]
    blocks: tuple[Block, ...]
    range: SourceRange
    # Attributes set twice in the same body: (first, second), for a diagnostic.
    duplicates: tuple[tuple[Attribute, Attribute], ...] = ()


@dataclass(frozen=True)
class File:
    filename: str
    body: Body
    source: str = field(repr=False, default="")
