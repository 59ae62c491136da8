"""Evaluation of expressions: references, operators, templates, for expressions, calls.

``references`` lists what an expression refers to (the dependency edges of the graph);
``evaluate`` computes its value in a ``Scope``. Values are JSON-like; ``UNKNOWN`` and
``Sensitive`` marks travel through every operation as ``mlinfra.values`` describes.
Every failure is a ``DiagnosticsError`` whose diagnostics point at the offending node,
worded as Terraform words them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlinfra import addrs
from mlinfra.config import functions
from mlinfra.config.functions import render_string, to_number, type_name
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
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange, error, suggestion
from mlinfra.values import UNKNOWN, Sensitive, values_equal

_ROOTS = ("var", "local", "module", "each", "count", "mlinfra", *addrs.KINDS)


@dataclass(frozen=True)
class Reference:
    """The static prefix of a traversal, e.g. ("model", "m", 0, "id")."""

    parts: tuple[str | int, ...]
    range: SourceRange


@dataclass
class Scope:
    """What the names in an expression refer to."""

    variables: Mapping[str, Any] = field(default_factory=dict)  # var.NAME
    # local.NAME; may be a lazy mapping that computes (or raises DiagnosticsError) on []
    locals: Mapping[str, Any] = field(default_factory=dict)
    # kind -> name -> attributes (or a list / dict of them for count / for_each)
    resources: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    modules: Mapping[str, Any] = field(default_factory=dict)  # module.NAME.OUTPUT
    each: tuple[Any, Any] | None = None  # (each.key, each.value)
    count_index: int | None = None  # count.index
    workspace: str = "default"  # mlinfra.workspace
    base_dir: Path = Path(".")  # where file() and filesha256() resolve relative paths
    # kind -> declared names: a declared resource without a value yet is UNKNOWN, and
    # did-you-mean draws on these names (the keys of resources when None)
    declared_resources: Mapping[str, Collection[str]] | None = None


def references(expr: Expr) -> list[Reference]:
    """Every reference in the expression, in source order, except for-expression
    iteration variables."""
    out: list[Reference] = []
    _refs(expr, frozenset(), out)
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


def evaluate(expr: Expr, scope: Scope) -> Any:
    """The value of an expression; raises DiagnosticsError on any error."""
    return _Evaluator(scope, {}).eval(expr)


def _fail(summary: str, detail: str, rng: SourceRange) -> DiagnosticsError:
    return DiagnosticsError(error(summary, detail, rng))


def _unmark(v: Any) -> tuple[Any, bool]:
    return (v.value, True) if isinstance(v, Sensitive) else (v, False)


def _mark(v: Any, sensitive: bool) -> Any:
    return Sensitive(v) if sensitive else v


def _span(a: SourceRange, b: SourceRange) -> SourceRange:
    return SourceRange(a.filename, a.start_line, a.start_column, b.end_line, b.end_column)


class _Evaluator:
    def __init__(self, scope: Scope, bindings: dict[str, Any]) -> None:
        self.scope = scope
        self.bindings = bindings

    def eval(self, expr: Expr) -> Any:
        method = getattr(self, "eval_" + type(expr).__name__)
        return method(expr)

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
                raise _fail("Invalid template interpolation value",
                            f"Cannot include the given value in a string template: string required, "
                            f"but the value is {what}.", part.range)  # fmt: skip
            pieces.append(text)
        return _mark(UNKNOWN if unknown else "".join(pieces), sensitive)

    def eval_all(self, exprs: Iterable[Expr]) -> list[Any]:
        """Evaluate every expression, reporting the errors of all of them at once."""
        values: list[Any] = []
        errors = Diagnostics()
        for e in exprs:
            try:
                values.append(self.eval(e))
            except DiagnosticsError as exc:
                errors.extend(exc.diagnostics)
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
                raise _fail("Incorrect key type",
                            "Can't use this value as a key: string required.", key_expr.range)  # fmt: skip
            out[text] = flat[2 * i + 1]
        return out

    def eval_UnaryOp(self, expr: UnaryOp) -> Any:
        value, sensitive = _unmark(self.eval(expr.operand))
        if value is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        if expr.op == "!":
            if not isinstance(value, bool):
                raise _fail("Invalid operand",
                            "Unsuitable value for unary operand: a bool is required.", expr.range)  # fmt: skip
            return _mark(not value, sensitive)
        number = self.number(value, "unary operand", expr.operand.range)
        return _mark(-number, sensitive)

    def number(self, value: Any, what: str, rng: SourceRange) -> int | float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _fail(
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
                    raise _fail("Invalid operand",
                                f"Unsuitable value for {'left' if side is expr.left else 'right'} "
                                "operand: a bool is required.", side.range)  # fmt: skip
            return _mark(left and right if op == "&&" else left or right, sensitive)
        a = self.number(left, "left operand", expr.left.range)
        b = self.number(right, "right operand", expr.right.range)
        return _mark(_arith(op, a, b, expr), sensitive)

    def eval_Conditional(self, expr: Conditional) -> Any:
        cond, sensitive = _unmark(self.eval(expr.condition))
        if cond is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        if not isinstance(cond, bool):
            raise _fail("Incorrect condition type",
                        "The condition expression must be of type bool.", expr.condition.range)  # fmt: skip
        return _mark(self.eval(expr.true_result if cond else expr.false_result), sensitive)

    def eval_FunctionCall(self, expr: FunctionCall) -> Any:
        if expr.name not in functions.FUNCTIONS:
            raise _fail("Call to unknown function",
                        f'There is no function named "{expr.name}".'
                        + suggestion(expr.name, functions.FUNCTIONS), expr.range)  # fmt: skip
        args = self.eval_all(expr.args)
        ranges = [a.range for a in expr.args]
        if expr.expand_final and args:
            last, sensitive = _unmark(args.pop())
            if last is UNKNOWN:
                return UNKNOWN
            if not isinstance(last, list):
                raise _fail("Invalid expanding argument value",
                            "The expanding argument (indicated by ...) must be a list.",
                            expr.args[-1].range)  # fmt: skip
            args.extend(_mark(x, sensitive) for x in last)
            ranges = ranges[:-1] + [expr.args[-1].range] * len(last)
        return functions.call(expr.name, args, ranges, expr.range, self.scope.base_dir)

    def eval_ForExpr(self, expr: ForExpr) -> Any:
        coll, sensitive = _unmark(self.eval(expr.collection))
        if coll is UNKNOWN:
            return UNKNOWN
        if isinstance(coll, dict):
            pairs = list(coll.items())
        elif isinstance(coll, list):
            pairs = list(enumerate(coll))
        else:
            raise _fail("Iteration over non-iterable value",
                        f"A value of type {type_name(coll)} cannot be used as the collection "
                        "in a 'for' expression.", expr.collection.range)  # fmt: skip
        items: list[Any] = []
        obj: dict[str, Any] = {}
        for k, v in pairs:
            inner = dict(self.bindings)
            inner[expr.value_var] = _mark(v, sensitive)
            if expr.key_var:
                inner[expr.key_var] = _mark(k, sensitive)
            sub = _Evaluator(self.scope, inner)
            if expr.condition is not None:
                keep, _ = _unmark(sub.eval(expr.condition))
                if keep is UNKNOWN:
                    return UNKNOWN
                if not isinstance(keep, bool):
                    raise _fail("Invalid 'for' condition",
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
                raise _fail("Invalid object key", "Key expression in 'for' expression must be a string.",
                            expr.key_expr.range)  # fmt: skip
            if expr.grouping:
                obj.setdefault(text, []).append(value)
            elif text in obj:
                raise _fail("Duplicate object key",
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
        value, used = self.lookup_root(expr)
        first = expr.range if used == 0 else _span(expr.range, steps[used - 1].range)
        return self.apply_steps(value, steps[used:], first)

    def lookup_root(self, expr: ScopeTraversal) -> tuple[Any, int]:
        """The value a traversal's root (and its first steps) names, and how many
        steps that used."""
        root, steps, scope = expr.root, expr.steps, self.scope
        name = steps[0].name if steps and isinstance(steps[0], GetAttr) else None
        if root == "each" or root == "count":
            return self.meta_root(root, name, expr), 1
        if root == "mlinfra" and name is not None:
            if name != "workspace":
                raise _fail("Unsupported attribute",
                            f'The "mlinfra" object has no attribute named "{name}". '
                            'Did you mean "workspace"?', expr.range)  # fmt: skip
            return scope.workspace, 1
        if root not in _ROOTS or root == "mlinfra":
            raise _fail("Invalid reference",
                        "A reference to a resource must have the form KIND.NAME (dataset, pipeline, "
                        f'model, endpoint); to write a literal string, add quotes: "{root}".',
                        expr.range)  # fmt: skip
        if name is None:
            raise _fail("Invalid reference",
                        f'The "{root}" object cannot be used on its own: follow it with an '
                        f"attribute, as in {root}.NAME.", expr.range)  # fmt: skip
        rng = _span(expr.range, steps[0].range)
        if root == "var":
            if name not in scope.variables:
                raise _fail("Reference to undeclared input variable",
                            f'An input variable with the name "{name}" has not been declared. This '
                            f'variable can be declared with a variable "{name}" {{}} block.'
                            + suggestion(name, scope.variables), rng)  # fmt: skip
            return scope.variables[name], 1
        if root == "local":
            if name not in scope.locals:
                raise _fail("Reference to undeclared local value",
                            f'A local value with the name "{name}" has not been declared.'
                            + suggestion(name, scope.locals), rng)  # fmt: skip
            return scope.locals[name], 1
        if root == "module":
            if name not in scope.modules:
                raise _fail("Reference to undeclared module",
                            f'No module call named "{name}" is declared in this module.'
                            + suggestion(name, scope.modules), rng)  # fmt: skip
            return scope.modules[name], 1
        found = scope.resources.get(root, {})
        declared = (scope.declared_resources or {}).get(root, found.keys())
        if name in found:
            return found[name], 1
        if scope.declared_resources is not None and name in declared:
            return UNKNOWN, 1
        raise _fail("Reference to undeclared resource",
                    f'A {root} resource "{name}" has not been declared.' + suggestion(name, declared),
                    rng)  # fmt: skip

    def meta_root(self, root: str, name: str | None, expr: ScopeTraversal) -> Any:
        scope = self.scope
        if root == "each":
            if scope.each is None:
                raise _fail('Reference to "each" in context without for_each',
                            'The "each" object can be used only in "module" or resource blocks, and '
                            'only when the "for_each" argument is set.', expr.range)  # fmt: skip
            if name not in ("key", "value"):
                raise _fail("Unsupported attribute",
                            f'The "each" object has no attribute named "{name}".'
                            + suggestion(str(name), ("key", "value")), expr.range)  # fmt: skip
            return scope.each[0] if name == "key" else scope.each[1]
        if scope.count_index is None:
            raise _fail('Reference to "count" in non-counted context',
                        'The "count" object can be used only in "module" or resource blocks, and '
                        'only when the "count" argument is set.', expr.range)  # fmt: skip
        if name != "index":
            raise _fail("Unsupported attribute",
                        f'The "count" object has no attribute named "{name}". Did you mean "index"?',
                        expr.range)  # fmt: skip
        return scope.count_index

    def apply_steps(self, value: Any, steps: tuple[Step, ...], rng: SourceRange) -> Any:
        for i, step in enumerate(steps):
            if isinstance(step, SplatMarker):
                return self.splat(value, steps[i + 1 :], rng)
            value = self.step(value, step, _span(rng, step.range))
            rng = _span(rng, step.range)
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
            return _mark(_get_attr(inner, step.name, rng), sensitive)
        key, key_sensitive = _unmark(self.eval(step.key))
        sensitive = sensitive or key_sensitive
        if inner is UNKNOWN or key is UNKNOWN:
            return _mark(UNKNOWN, sensitive)
        return _mark(_index(inner, key, rng, step.key.range), sensitive)


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
        raise _fail("Division by zero", f"The right operand of {op} is zero.", expr.right.range)
    if op == "/":
        if isinstance(a, int) and isinstance(b, int) and a % b == 0:
            return a // b
        return a / b
    result = abs(a) % abs(b)  # the sign follows the dividend, as in HCL
    return -result if a < 0 else result


def _get_attr(value: Any, name: str, rng: SourceRange) -> Any:
    if isinstance(value, dict):
        if name in value:
            return value[name]
        raise _fail("Unsupported attribute",
                    f'This object does not have an attribute named "{name}".'
                    + suggestion(name, [str(k) for k in value]), rng)  # fmt: skip
    if value is None:
        raise _fail("Attempt to get attribute from null value",
                    "This value is null, so it does not have any attributes.", rng)  # fmt: skip
    if isinstance(value, list):
        raise _fail("Unsupported attribute",
                    "Can't access attributes on a list of objects. Did you mean to access attribute "
                    f'"{name}" for a specific element of the list, or across all elements of the '
                    "list with [*]?", rng)  # fmt: skip
    raise _fail("Unsupported attribute",
                f"Can't access attributes on a primitive-typed value ({type_name(value)}).", rng)  # fmt: skip


def _index(value: Any, key: Any, rng: SourceRange, key_rng: SourceRange) -> Any:
    if isinstance(value, list):
        number = to_number(key) if isinstance(key, str) else key
        if isinstance(number, bool) or not isinstance(number, int | float) or number != int(number):
            raise _fail("Invalid index", "The given key does not identify an element in this "
                        "collection value: a whole number is required.", key_rng)  # fmt: skip
        if not 0 <= int(number) < len(value):
            raise _fail("Invalid index", "The given key does not identify an element in this "
                        f"collection value: the index {int(number)} is out of range for a list "
                        f"of {len(value)} element(s).", rng)  # fmt: skip
        return value[int(number)]
    if isinstance(value, dict):
        text = render_string(key)
        if text is not None and text in value:
            return value[text]
        raise _fail("Invalid index", "The given key does not identify an element in this "
                    f"collection value.{suggestion(str(text), [str(k) for k in value])}", rng)  # fmt: skip
    if value is None:
        raise _fail("Attempt to index null value",
                    "This value is null, so it does not have any indices.", rng)  # fmt: skip
    raise _fail("Invalid index", f"This value does not have any indices ({type_name(value)}).", rng)
