"""The syntax tree of an mlinfra configuration, independent of the HCL parser.

``hclparse`` builds these from source text; ``expressions`` evaluates the expression
nodes; ``loader`` turns files of blocks into a ``Config``. Every node carries the
``SourceRange`` it came from, so any diagnostic can point at the exact line.
"""

from __future__ import annotations

from typing import Any

from mlinfra.diagnostics import SourceRange
from mlinfra.records import field, frozen


class Expr:
    """Base of expression nodes."""

    range: SourceRange


@frozen
class Literal(Expr):
    """A number, string without interpolation, bool or null."""

    value: Any  # str, int, float, bool or None
    range: SourceRange


@frozen
class Template(Expr):
    """A quoted string or heredoc with interpolations. A template that is exactly one
    interpolation ("${x}") evaluates to x's value unchanged, as in HCL."""

    parts: tuple[str | Expr, ...]
    range: SourceRange


@frozen
class GetAttr:
    """``.name`` in a traversal."""

    name: str
    range: SourceRange


@frozen
class Index:
    """``[key]`` in a traversal."""

    key: Expr
    range: SourceRange


@frozen
class SplatMarker:
    """``[*]`` or ``.*``: the steps after it apply to each element."""

    range: SourceRange


Step = GetAttr | Index | SplatMarker


@frozen
class ScopeTraversal(Expr):
    """A reference rooted at a name: var.x, local.y, model.m[0].id, each.value, count.index."""

    root: str
    steps: tuple[Step, ...]
    range: SourceRange


@frozen
class RelativeTraversal(Expr):
    """Steps applied to the value of another expression: (expr).a, f(x)[0]."""

    source: Expr
    steps: tuple[Step, ...]
    range: SourceRange


@frozen
class FunctionCall(Expr):
    """``name(args)``; ``expand_final`` for ``name(x...)``."""

    name: str
    args: tuple[Expr, ...]
    expand_final: bool  # f(x...)
    range: SourceRange


@frozen
class BinaryOp(Expr):
    """``left op right``."""

    op: str  # + - * / % == != < > <= >= && ||
    left: Expr
    right: Expr
    range: SourceRange


@frozen
class UnaryOp(Expr):
    """``-x`` or ``!x``."""

    op: str  # - !
    operand: Expr
    range: SourceRange


@frozen
class Conditional(Expr):
    """``condition ? true_result : false_result``."""

    condition: Expr
    true_result: Expr
    false_result: Expr
    range: SourceRange


@frozen
class TupleExpr(Expr):
    """``[a, b, ...]``."""

    items: tuple[Expr, ...]
    range: SourceRange


@frozen
class ObjectExpr(Expr):
    """``{ key = value, ... }``."""

    items: tuple[tuple[Expr, Expr], ...]  # (key, value); a bare-word key is a Literal str
    range: SourceRange


@frozen
class ForExpr(Expr):
    """``[for k, v in c : e if cond]`` or ``{for k, v in c : k => v... if cond}``."""

    key_var: str | None
    value_var: str
    collection: Expr
    key_expr: Expr | None  # set for {for ...: k => v}
    value_expr: Expr
    condition: Expr | None
    grouping: bool  # the "..." of a for-object expression
    range: SourceRange


@frozen
class Attribute:
    """``name = expr`` in a body."""

    name: str
    expr: Expr
    range: SourceRange  # the whole "name = expr" line(s)
    name_range: SourceRange


@frozen
class Block:
    """``type "label" ... { body }``."""

    type: str
    labels: tuple[str, ...]
    body: Body
    range: SourceRange  # the header line
    type_range: SourceRange


@frozen
class Body:
    """The attributes and nested blocks between a block's braces (or of a whole file)."""

    attributes: dict[str, Attribute]
    blocks: tuple[Block, ...]
    range: SourceRange
    # Attributes set twice in the same body: (first, second), for a diagnostic.
    duplicates: tuple[tuple[Attribute, Attribute], ...] = ()


@frozen
class File:
    """A parsed file: its name, body and source text."""

    filename: str
    body: Body
    source: str = field(repr=False, default="")
