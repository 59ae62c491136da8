"""What an expression refers to: the dependency edges of the graph.

``references`` lists the static prefix of every traversal in an expression (``var.x``,
``model.m[0].id``), in source order, leaving out the iteration variables of for
expressions; it evaluates nothing.
"""

from __future__ import annotations

from mlinfra.config.syntax import (
    BinaryOp,
    Conditional,
    Expr,
    ForExpr,
    FunctionCall,
    GetAttr,
    Index,
    Literal,
    ObjectExpr,
    RelativeTraversal,
    ScopeTraversal,
    Step,
    Template,
    TupleExpr,
    UnaryOp,
)
from mlinfra.diagnostics import SourceRange
from mlinfra.records import frozen


@frozen
class Reference:
    """The static prefix of a traversal, e.g. ("model", "m", 0, "id")."""

    parts: tuple[str | int, ...]
    range: SourceRange


def references(expr: Expr, bound: frozenset[str] = frozenset()) -> list[Reference]:
    """Every reference in the expression, in source order, except for-expression
    iteration variables and the names in ``bound`` (dynamic block iterators)."""
    out: list[Reference] = []
    _refs(expr, bound, out)
    return out


def _refs(expr: Expr, bound: frozenset[str], out: list[Reference]) -> None:
    if type(expr) is Literal:  # the commonest leaf, answered before the other checks
        return
    if isinstance(expr, ScopeTraversal):
        if expr.root not in bound:
            parts: list[str | int] = [expr.root]
            for step in expr.steps:
                if isinstance(step, GetAttr):
                    parts.append(step.name)
                elif (isinstance(step, Index) and isinstance(step.key, Literal)
                      and isinstance(step.key.value, str | int) and not isinstance(step.key.value, bool)):  # fmt: skip
                    parts.append(step.key.value)
                else:
                    break
            out.append(Reference(tuple(parts), expr.range))
        _step_refs(expr.steps, bound, out)
    elif isinstance(expr, RelativeTraversal):
        _refs(expr.source, bound, out)
        _step_refs(expr.steps, bound, out)
    elif isinstance(expr, ForExpr):
        _refs(expr.collection, bound, out)
        inner = bound | {expr.value_var} | ({expr.key_var} if expr.key_var else set())
        for sub in (expr.key_expr, expr.value_expr, expr.condition):
            if sub is not None:
                _refs(sub, inner, out)
    else:
        for child in _children(expr):
            _refs(child, bound, out)


def _step_refs(steps: tuple[Step, ...], bound: frozenset[str], out: list[Reference]) -> None:
    for step in steps:
        if isinstance(step, Index):
            _refs(step.key, bound, out)


def _children(expr: Expr) -> list[Expr]:
    if isinstance(expr, Template):
        return [p for p in expr.parts if isinstance(p, Expr)]
    if isinstance(expr, FunctionCall):
        return list(expr.args)
    if isinstance(expr, BinaryOp):
        return [expr.left, expr.right]
    if isinstance(expr, UnaryOp):
        return [expr.operand]
    if isinstance(expr, Conditional):
        return [expr.condition, expr.true_result, expr.false_result]
    if isinstance(expr, TupleExpr):
        return list(expr.items)
    if isinstance(expr, ObjectExpr):
        return [e for pair in expr.items for e in pair]
    return []
