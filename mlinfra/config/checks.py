"""``check`` blocks: assertions about the whole configuration that warn, never stop.

``check "NAME" { assert { condition = ..., error_message = "..." } }`` is evaluated
after every plan and every apply, as in Terraform: a false condition (or one that
cannot be evaluated) is a warning ``Check block assertion failed`` with the message,
at the condition; a condition not known until apply is left for the apply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.config import expressions
from mlinfra.config.functions_args import render_string, type_name
from mlinfra.config.syntax import Block, Expr
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange
from mlinfra.records import frozen
from mlinfra.values import UNKNOWN, Sensitive


@frozen
class Assertion:
    condition: Expr
    error_message: Expr
    range: SourceRange


@frozen
class Check:
    name: str
    asserts: tuple[Assertion, ...]
    range: SourceRange
    module: tuple[str, ...] = ()  # the module instance it belongs to (empty: the root)


def read(blk: Block, err: Callable[..., None]) -> Check | None:
    """The check a ``check`` block declares; None (after ``err``) when malformed."""
    ctx = f'check "{blk.labels[0]}"'
    for a in blk.body.attributes.values():
        err("Unsupported argument", f'An argument named "{a.name}" is not expected here; a check holds assert blocks.', a.name_range, ctx)
        return None
    asserts: list[Assertion] = []
    for nb in blk.body.blocks:
        if nb.type != "assert":
            err("Unsupported block type", f'Blocks of type "{nb.type}" are not expected here. Did you mean "assert"?', nb.type_range, ctx)
            return None
        found = read_assertion(nb, err, ctx)
        if found is None:
            return None
        asserts.append(found)
    if not asserts:
        err("Missing required block", 'A check block needs at least one assert block: assert { condition = ..., error_message = "..." }.', blk.range, ctx)
        return None
    return Check(blk.labels[0], tuple(asserts), blk.range)


def read_assertion(nb: Block, err: Callable[..., None], ctx: str) -> Assertion | None:
    """The condition and error_message of an ``assert``, ``precondition`` or
    ``postcondition`` block; None (after ``err``) when malformed."""
    attrs = nb.body.attributes
    extra = [n for n in attrs if n not in ("condition", "error_message")]
    missing = [n for n in ("condition", "error_message") if n not in attrs]
    if extra:
        err("Unsupported argument", f'An argument named "{extra[0]}" is not expected here.', attrs[extra[0]].name_range, ctx)
        return None
    if missing:
        err("Missing required argument", f'The argument "{missing[0]}" is required, but no definition was found.', nb.range, ctx)
        return None
    for inner in nb.body.blocks:
        err("Unsupported block type", f'Blocks of type "{inner.type}" are not expected here.', inner.type_range, ctx)
        return None
    return Assertion(attrs["condition"].expr, attrs["error_message"].expr, nb.range)


def failed(a: Assertion, scope: expressions.Scope) -> tuple[str, str] | None:
    """(summary, detail) when the assertion does not hold in ``scope``; None when it
    holds or is not known yet. An evaluation error raises DiagnosticsError."""
    ok = expressions.evaluate(a.condition, scope)
    ok = ok.value if isinstance(ok, Sensitive) else ok
    if ok is UNKNOWN or ok is True:
        return None
    if not isinstance(ok, bool):
        return "Invalid condition result", f"The condition must give true or false, not a {type_name(ok)}."
    return "", message(a.error_message, scope)


def evaluate(checks: dict[str, Check], scope: expressions.Scope | Callable[[Check], expressions.Scope]) -> Diagnostics:
    """The warnings of every failed or unevaluable assertion; unknown ones are skipped.
    ``scope`` is the scope of every check, or gives each check's (its module's)."""
    out = Diagnostics()
    for _name, check in sorted(checks.items()):
        ctx = f'check "{check.name}"' + (f" in {'.'.join('module.' + m for m in check.module)}" if check.module else "")
        here = scope(check) if callable(scope) else scope
        for a in check.asserts:
            try:
                bad = failed(a, here)
            except DiagnosticsError as e:
                for x in e.diagnostics.items:
                    out.add(d.warning(x.summary, x.detail, x.range, context=ctx))
                continue
            if bad is not None:
                out.add(d.warning(bad[0] or "Check block assertion failed", bad[1], a.condition.range, context=ctx))
    return out


def message(expr: Expr, scope: expressions.Scope) -> str:
    """An error_message's text, or a note of why it has none."""
    try:
        value: Any = expressions.evaluate(expr, scope)
    except DiagnosticsError as e:
        return f"The error message could not be evaluated: {e.diagnostics.items[0].detail}"
    if isinstance(value, Sensitive):
        return "The error message refers to sensitive values, so it is not shown."
    text = None if value is UNKNOWN else render_string(value)
    return text if text is not None else "The error message is not known yet."
