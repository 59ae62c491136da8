"""Evaluation of expressions: operators, templates, for expressions, calls, splats.

``evaluate`` computes the value of an expression in a ``Scope`` (``traversals``);
``references`` (``references``) lists what it refers to. Values are JSON-like;
``UNKNOWN`` and ``Sensitive`` marks travel through every operation as ``mlinfra.values``
describes. Every failure is a ``DiagnosticsError`` whose diagnostics point at the
offending node, worded as Terraform words them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from mlinfra.config import functions, functions_clock, functions_template, functions_try, limits
from mlinfra.config import functions_files as _files  # noqa: F401  (adds its functions to FUNCTIONS)
from mlinfra.config import functions_library as _library  # noqa: F401  (likewise)
from mlinfra.config.functions_args import render_string, type_name
from mlinfra.config.references import Reference, references
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
    SplatMarker,
    Step,
    Template,
    TupleExpr,
    UnaryOp,
)
from mlinfra.config.traversals import Scope, fail, get_attr, get_index, lookup_root, span
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange, suggestion
from mlinfra.values import UNKNOWN, Sensitive, values_equal

__all__ = ["Reference", "Scope", "evaluate", "references"]


def evaluate(expr: Expr, scope: Scope) -> Any:
    """The value of an expression; raises DiagnosticsError on any error, including a
    value beyond the limits of ``limits`` (too deep, too large, out of range)."""
    if type(expr) is Literal:  # most arguments: no evaluator needed
        value = expr.value
    else:
        value = _Evaluator(scope, {}, _Meter()).eval(expr)
    problem = limits.value_problem(value)
    if problem:
        raise fail("Value beyond the limits", problem, expr.range)
    return value


class _Meter:
    """The work one evaluation may do: each element a ``for`` expression or a function
    builds, and each 64 characters of a string, costs one unit of ``MAX_WORK``."""

    MAX_WORK = 2 * limits.MAX_VALUE_ELEMENTS

    def __init__(self) -> None:
        self.left = self.MAX_WORK

    def spend(self, units: int, rng: SourceRange) -> None:
        self.left -= units
        if self.left < 0:
            raise fail("Expression too expensive",
                       f"Evaluating this expression builds more than {self.MAX_WORK:,} elements "
                       f"(or that many times 64 characters); see {limits.DOCS}. Iterate over less, "
                       "or split the work into smaller local values.", rng)  # fmt: skip

    def result(self, value: Any, rng: SourceRange) -> Any:
        """``value``, a new string or collection, paid for and within the size limits."""
        inner = value.value if isinstance(value, Sensitive) else value
        if isinstance(inner, str):
            problem = limits.string_problem(len(inner))
            self.spend(len(inner) // 64, rng)
        elif isinstance(inner, list | dict):
            problem = limits.collection_problem(len(inner))
            self.spend(len(inner), rng)
        else:
            problem = limits.number_problem(inner)
        if problem:
            raise fail("Value beyond the limits", problem, rng)
        return value


def _unmark(v: Any) -> tuple[Any, bool]:
    return (v.value, True) if isinstance(v, Sensitive) else (v, False)


def _mark(v: Any, sensitive: bool) -> Any:
    return Sensitive(v) if sensitive else v


class _Evaluator:
    def __init__(self, scope: Scope, bindings: dict[str, Any], meter: _Meter) -> None:
        self.scope = scope
        self.bindings = bindings
        self.meter = meter

    def eval(self, expr: Expr) -> Any:
        method = _METHODS.get(type(expr))
        if method is None:
            method = _METHODS[type(expr)] = getattr(_Evaluator, "eval_" + type(expr).__name__)
        return method(self, expr)

    def eval_Literal(self, expr: Literal) -> Any:
        return expr.value

    def eval_Template(self, expr: Template) -> Any:
        if len(expr.parts) == 1 and isinstance(expr.parts[0], Expr):
            return self.eval(expr.parts[0])
        pieces: list[str] = []
        sensitive = unknown = False
        values = iter(self.eval_all(p for p in expr.parts if isinstance(p, Expr)))
        for part in expr.parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            value, marked = _unmark(next(values))
            sensitive = sensitive or marked
            if value is UNKNOWN:
                unknown = True
                continue
            text = render_string(value)
            if text is None:
                what = "null" if value is None else type_name(value)
                raise fail("Invalid template interpolation value",
                           f"Cannot include the given value in a string template: string required, "
                           f"but the value is {what}.", part.range)  # fmt: skip
            pieces.append(text)
        if unknown:
            return _mark(UNKNOWN, sensitive)
        problem = limits.string_problem(sum(map(len, pieces)))
        if problem:
            raise fail("Value beyond the limits", problem, expr.range)
        return self.meter.result(_mark("".join(pieces), sensitive), expr.range)

    def eval_all(self, exprs: Iterable[Expr]) -> list[Any]:
        """Evaluate every expression, reporting the errors of all of them at once."""
        values: list[Any] = []
        errors: Diagnostics | None = None
        for e in exprs:
            try:
                values.append(self.eval(e))
            except DiagnosticsError as exc:
                if errors is None:
                    errors = Diagnostics()
                errors.extend(exc.diagnostics)
        if errors is not None:
            errors.raise_if_errors()
        return values

    def eval_TupleExpr(self, expr: TupleExpr) -> Any:
        return self.eval_all(expr.items)

    def eval_ObjectExpr(self, expr: ObjectExpr) -> Any:
        out: dict[str, Any] = {}
        flat = self.eval_all(e for pair in expr.items for e in pair)
        for i, (key_expr, _value_expr) in enumerate(expr.items):
            key, _marked = _unmark(flat[2 * i])
            if key is UNKNOWN:
                return UNKNOWN
            text = render_string(key)
            if text is None:
                raise fail("Incorrect key type",
                           "Can't use this value as a key: string required.", key_expr.range)  # fmt: skip
            out[text] = flat[2 * i + 1]
        return out

    def eval_UnaryOp(self, expr: UnaryOp) -> Any:
        value, sensitive = _unmark(self.eval(expr.operand))
        if value is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        if expr.op == "!":
            if not isinstance(value, bool):
                raise fail("Invalid operand",
                           "Unsuitable value for unary operand: a bool is required.", expr.range)  # fmt: skip
            return _mark(not value, sensitive)
        number = self.number(value, "unary operand", expr.operand.range)
        return _mark(-number, sensitive)

    def number(self, value: Any, what: str, rng: SourceRange) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(
                "Invalid operand", f"Unsuitable value for {what}: a number is required.", rng
            )
        return value

    def eval_BinaryOp(self, expr: BinaryOp) -> Any:
        left, right = self.eval_all((expr.left, expr.right))
        (left, ls), (right, rs) = _unmark(left), _unmark(right)
        sensitive = ls or rs
        op = expr.op
        if left is UNKNOWN or right is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        if op in ("==", "!="):
            equal = values_equal(_plain(left), _plain(right))
            return _mark(equal if op == "==" else not equal, sensitive)
        if op in ("&&", "||"):
            for value, side in ((left, expr.left), (right, expr.right)):
                if not isinstance(value, bool):
                    raise fail("Invalid operand",
                               f"Unsuitable value for {'left' if side is expr.left else 'right'} "
                               "operand: a bool is required.", side.range)  # fmt: skip
            return _mark(left and right if op == "&&" else left or right, sensitive)
        a = self.number(left, "left operand", expr.left.range)
        b = self.number(right, "right operand", expr.right.range)
        return _mark(self.meter.result(_arith(op, a, b, expr), expr.range), sensitive)

    def eval_Conditional(self, expr: Conditional) -> Any:
        cond, sensitive = _unmark(self.eval(expr.condition))
        if cond is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        if not isinstance(cond, bool):
            raise fail("Incorrect condition type",
                       "The condition expression must be of type bool.", expr.condition.range)  # fmt: skip
        return _mark(self.eval(expr.true_result if cond else expr.false_result), sensitive)

    def eval_FunctionCall(self, expr: FunctionCall) -> Any:
        if expr.name in functions_try.NAMES:
            return functions_try.call(expr, self.eval)
        if expr.name == functions_template.NAME and self.scope.template_vars is None:
            args = self.eval_all(expr.args)
            return self.meter.result(functions_template.call(args, [a.range for a in expr.args], expr.range, self.scope.base_dir, evaluate), expr.range)
        if expr.name in functions_clock.NAMES:
            return functions_clock.call(expr.name, len(expr.args), expr.range, self.scope.clock)
        if expr.name not in functions.FUNCTIONS:
            known = [*functions.FUNCTIONS, *functions_try.NAMES, functions_template.NAME, *functions_clock.NAMES]
            raise fail("Call to unknown function",
                       f'There is no function named "{expr.name}".'
                       + suggestion(expr.name, known), expr.range)  # fmt: skip
        args = self.eval_all(expr.args)
        ranges = [a.range for a in expr.args]
        if expr.expand_final and args:
            last, sensitive = _unmark(args.pop())
            if last is UNKNOWN:
                return UNKNOWN
            if not isinstance(last, list):
                raise fail("Invalid expanding argument value",
                           "The expanding argument (indicated by ...) must be a list.",
                           expr.args[-1].range)  # fmt: skip
            args.extend(_mark(x, sensitive) for x in last)
            ranges = ranges[:-1] + [expr.args[-1].range] * len(last)
        if len(args) > limits.MAX_COLLECTION_LENGTH:
            raise fail("Value beyond the limits", limits.collection_problem(len(args)) or "", expr.range)
        for arg, at in zip(args, ranges, strict=False):
            problem = limits.value_problem(arg) if isinstance(arg, list | dict | Sensitive) else None
            if problem:  # before a function multiplies it (jsonencode of a list sharing one string)
                raise fail("Value beyond the limits", problem, at)
        return self.meter.result(functions.call(expr.name, args, ranges, expr.range, self.scope.base_dir), expr.range)

    def eval_ForExpr(self, expr: ForExpr) -> Any:
        coll, sensitive = _unmark(self.eval(expr.collection))
        if coll is UNKNOWN:
            return UNKNOWN
        if isinstance(coll, dict):
            pairs = list(coll.items())
        elif isinstance(coll, list):
            pairs = list(enumerate(coll))
        else:
            raise fail("Iteration over non-iterable value",
                       f"A value of type {type_name(coll)} cannot be used as the collection "
                       "in a 'for' expression.", expr.collection.range)  # fmt: skip
        items: list[Any] = []
        obj: dict[str, Any] = {}
        for k, v in pairs:
            self.meter.spend(1, expr.range)
            inner = dict(self.bindings)
            inner[expr.value_var] = _mark(v, sensitive)
            if expr.key_var:
                inner[expr.key_var] = _mark(k, sensitive)
            sub = _Evaluator(self.scope, inner, self.meter)
            if expr.condition is not None:
                keep, _ = _unmark(sub.eval(expr.condition))
                if keep is UNKNOWN:
                    return UNKNOWN
                if not isinstance(keep, bool):
                    raise fail("Invalid 'for' condition",
                               "The 'if' clause value must be of type bool.", expr.condition.range)  # fmt: skip
                if not keep:
                    continue
            value = sub.eval(expr.value_expr)
            if expr.key_expr is None:
                items.append(value)
                continue
            key, _ = _unmark(sub.eval(expr.key_expr))
            if key is UNKNOWN:
                return UNKNOWN
            text = render_string(key)
            if text is None:
                raise fail("Invalid object key", "Key expression in 'for' expression must be a string.",
                           expr.key_expr.range)  # fmt: skip
            if expr.grouping:
                obj.setdefault(text, []).append(value)
            elif text in obj:
                raise fail("Duplicate object key",
                           f'Two different items produced the key "{text}" in this \'for\' expression. '
                           "If duplicates are expected, use the ellipsis (...) after the value "
                           "expression to enable grouping by key.", expr.key_expr.range)  # fmt: skip
            else:
                obj[text] = value
        return items if expr.key_expr is None else obj

    def eval_RelativeTraversal(self, expr: RelativeTraversal) -> Any:
        return self.apply_steps(self.eval(expr.source), expr.steps, expr.source.range)

    def eval_ScopeTraversal(self, expr: ScopeTraversal) -> Any:
        root, steps = expr.root, expr.steps
        if root in self.bindings:
            return self.apply_steps(self.bindings[root], steps, expr.range)
        value, used = lookup_root(self.scope, expr)
        first = expr.range if used == 0 else span(expr.range, steps[used - 1].range)
        return self.apply_steps(value, steps[used:], first)

    def apply_steps(self, value: Any, steps: tuple[Step, ...], rng: SourceRange) -> Any:
        for i, step in enumerate(steps):
            if isinstance(step, SplatMarker):
                return self.splat(value, steps[i + 1 :], rng)
            rng = span(rng, step.range)
            value = self.step(value, step, rng)
        return value

    def splat(self, value: Any, rest: tuple[Step, ...], rng: SourceRange) -> Any:
        inner, sensitive = _unmark(value)
        if inner is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        if inner is None:
            return []
        items = inner if isinstance(inner, list) else [inner]
        return _mark([self.apply_steps(x, rest, rng) for x in items], sensitive)

    def step(self, value: Any, step: GetAttr | Index, rng: SourceRange) -> Any:
        inner, sensitive = _unmark(value)
        if isinstance(step, GetAttr):
            if inner is UNKNOWN:
                return _mark(UNKNOWN, sensitive)
            return _mark(get_attr(inner, step.name, rng), sensitive)
        key, key_sensitive = _unmark(self.eval(step.key))
        sensitive = sensitive or key_sensitive
        if inner is UNKNOWN or key is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        return _mark(get_index(inner, key, rng, step.key.range), sensitive)


# Each node type's method of _Evaluator, looked up on first use.
_METHODS: dict[type, Callable[[_Evaluator, Any], Any]] = {}


def _plain(v: Any) -> Any:
    if isinstance(v, Sensitive):
        return _plain(v.value)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def _arith(op: str, a: int | float, b: int | float, expr: BinaryOp) -> Any:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op in ("<", ">", "<=", ">="):
        return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
    if b == 0:
        raise fail("Division by zero", f"The right operand of {op} is zero.", expr.right.range)
    if op == "/":
        if isinstance(a, int) and isinstance(b, int) and a % b == 0:
            return a // b
        return a / b
    result = abs(a) % abs(b)  # the sign follows the dividend, as in HCL
    return -result if a < 0 else result
