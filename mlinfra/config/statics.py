"""Values written literally in the configuration, read without evaluating anything:
strings, resource addresses (depends_on, moved, import), type constraints and names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlinfra import addrs
from mlinfra.addrs import KINDS, Address
from mlinfra.config import expressions
from mlinfra.config.syntax import (
    Attribute,
    Expr,
    FunctionCall,
    GetAttr,
    Index,
    Literal,
    ObjectExpr,
    ScopeTraversal,
    Template,
    TupleExpr,
)
from mlinfra.diagnostics import SourceRange

# How the readers below report a problem: (summary, detail, where, context).
Err = Callable[[str, str, SourceRange | None, str | None], None]


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


def traversal_address(expr: Expr, *, module_ok: bool = False) -> Address | None:
    """KIND.NAME or KIND.NAME[key] written as a bare traversal (depends_on, moved,
    import), possibly inside modules: ``module.a["eu"].model.x``. With ``module_ok`` a
    whole module instance (``module.a``) is an address too."""
    if not isinstance(expr, ScopeTraversal):
        return None
    steps: list[Any] = [GetAttr(expr.root, expr.range), *expr.steps]
    module: list[str] = []
    while len(steps) >= 2 and isinstance(steps[0], GetAttr) and steps[0].name == "module":
        if not isinstance(steps[1], GetAttr):
            return None
        name, steps = steps[1].name, steps[2:]
        key: addrs.Key = None
        if steps and isinstance(steps[0], Index):
            key = _static_key(steps[0])
            if key is None:
                return None
            steps = steps[1:]
        module.append(addrs.module_step(name, key))
    if not steps:
        return Address("", "", None, tuple(module)) if module and module_ok else None
    if len(steps) < 2 or not isinstance(steps[0], GetAttr) or steps[0].name not in KINDS:
        return None
    if not isinstance(steps[1], GetAttr):
        return None
    key = None
    if len(steps) == 3 and isinstance(steps[2], Index):
        key = _static_key(steps[2])
        if key is None:
            return None
    elif len(steps) > 2:
        return None
    return Address(steps[0].name, steps[1].name, key, tuple(module))


def _static_key(step: Index) -> addrs.Key:
    k = step.key
    if isinstance(k, Literal) and isinstance(k.value, int | str) and not isinstance(k.value, bool):
        return k.value
    return static_string(k) if isinstance(k, Template) else None


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


def reference_list(
    a: Attribute | None,
    ctx: str,
    err: Err,
    *,
    accepts: Callable[[Address], bool],
    list_detail: str,
    item_detail: str,
    module_ok: bool = False,
    item_summary: str | None = None,
) -> tuple[tuple[Address, SourceRange], ...]:
    """The addresses a list argument names (depends_on, retrain_on, a test's target),
    each with where it is written. A value that is not a list is an error ``Invalid
    NAME``; an item that is not a reference ``accepts`` takes, ``Invalid NAME reference``
    (or ``item_summary``)."""
    if a is None:
        return ()
    items = a.expr.items if isinstance(a.expr, TupleExpr) else None
    if items is None:
        err(f"Invalid {a.name}", list_detail, a.range, ctx)
        return ()
    out = []
    for it in items:
        ad = traversal_address(it, module_ok=module_ok)
        if ad is None or not accepts(ad):
            err(item_summary or f"Invalid {a.name} reference", item_detail, it.range, ctx)
            continue
        out.append((ad, it.range))
    return tuple(out)


def is_dependency(ad: Address) -> bool:
    """What depends_on may name: a whole resource, or a module call of this module."""
    return ad.key is None and not (ad.module and not ad.is_module) and len(ad.module) <= 1
