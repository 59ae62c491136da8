"""Values written literally in the configuration, read without evaluating anything:
strings, resource addresses (depends_on, moved, import), type constraints and names."""

from __future__ import annotations

from typing import Any

from mlinfra import addrs
from mlinfra.addrs import KINDS, Address
from mlinfra.config import expressions
from mlinfra.config.syntax import (
    Expr,
    FunctionCall,
    GetAttr,
    Index,
    Literal,
    ObjectExpr,
    ScopeTraversal,
    Template,
)


def static_string(expr: Expr) -> str | None:
    """The value of a literal or interpolation-free string expression."""
    if isinstance(expr, Literal) and isinstance(expr.value, str):
        return expr.value
    if isinstance(expr, Template) and all(isinstance(p, str) for p in expr.parts):
        return "".join(p for p in expr.parts if isinstance(p, str))
    return None


def static_value(expr: Expr) -> Any:
    """Evaluate an expression that may not refer to anything (variable defaults)."""
    return expressions.evaluate(expr, expressions.Scope())


def traversal_address(expr: Expr) -> Address | None:
    """KIND.NAME or KIND.NAME[key] written as a bare traversal (depends_on, moved)."""
    if not isinstance(expr, ScopeTraversal) or expr.root not in KINDS:
        return None
    steps = expr.steps
    if not steps or not isinstance(steps[0], GetAttr):
        return None
    key: addrs.Key = None
    if len(steps) >= 2 and isinstance(steps[1], Index) and isinstance(steps[1].key, Literal | Template):
        k = steps[1].key
        key = k.value if isinstance(k, Literal) else static_string(k)
        if len(steps) > 2:
            return None
    elif len(steps) > 1:
        return None
    return Address(expr.root, steps[0].name, key)


def valid_name(s: str) -> bool:
    """A name usable in an address: ASCII letters, digits, ``_`` and ``-``, not starting
    with a digit or dash (what ``addrs.parse`` reads back)."""
    return addrs.NAME.fullmatch(s) is not None


def type_string(expr: Expr) -> str | None:
    """A type constraint written as an expression (string, list(number), ...) as text."""
    if isinstance(expr, ScopeTraversal) and not expr.steps:
        return expr.root if expr.root in ("string", "number", "bool", "any") else None
    if isinstance(expr, FunctionCall) and expr.name in ("list", "map", "set", "tuple", "object") and expr.args:
        if expr.name == "object" and isinstance(expr.args[0], ObjectExpr):
            return "object"
        inner = type_string(expr.args[0]) if expr.name != "tuple" else "any"
        return f"{expr.name}({inner})" if inner else None
    return None
