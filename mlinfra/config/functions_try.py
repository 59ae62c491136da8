"""``try`` and ``can``: the two functions that see their arguments' errors.

Their arguments are evaluated here, one at a time, instead of before the call: ``try``
gives the first that succeeds, ``can`` whether its one argument succeeds. As in
Terraform, a wholly unknown argument makes the result unknown (it may fail once
known), and mistakes a static check finds (an undeclared variable, an unknown
function, a malformed reference) stay errors rather than being caught.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlinfra.config.syntax import Expr, FunctionCall
from mlinfra.diagnostics import DiagnosticsError, error
from mlinfra.values import UNKNOWN, Sensitive

NAMES = ("try", "can")

_STATIC = (
    "Reference to undeclared",
    "Call to unknown function",
    "Invalid reference",
    "Not enough function arguments",
    "Too many function arguments",
)


def _static(e: DiagnosticsError) -> bool:
    return any(x.summary.startswith(_STATIC) for x in e.diagnostics.items)


def call(expr: FunctionCall, evaluate: Callable[[Expr], Any]) -> Any:
    """The value of a ``try(...)`` or ``can(...)`` call."""
    if expr.expand_final:
        raise DiagnosticsError(error("Invalid expanding argument value",
                                     f'The "{expr.name}" function does not take an expanding argument (...).',
                                     expr.range))  # fmt: skip
    if expr.name == "can":
        if len(expr.args) != 1:
            summary = "Not enough function arguments" if not expr.args else "Too many function arguments"
            raise DiagnosticsError(error(summary, 'Function "can" expects 1 argument(s).', expr.range))
        try:
            value = evaluate(expr.args[0])
        except DiagnosticsError as e:
            if _static(e):
                raise
            return False
        inner = value.value if isinstance(value, Sensitive) else value
        return UNKNOWN if inner is UNKNOWN else True
    if not expr.args:
        raise DiagnosticsError(error("Not enough function arguments",
                                     'Function "try" expects at least one argument.', expr.range))  # fmt: skip
    failures: list[str] = []
    for arg in expr.args:
        try:
            value = evaluate(arg)
        except DiagnosticsError as e:
            if _static(e):
                raise
            for x in e.diagnostics.items:
                where = f" (at {x.range.filename}:{x.range.start_line},{x.range.start_column})" if x.range else ""
                failures.append(f"- {x.summary}{where}\n  {x.detail}")
            continue
        inner = value.value if isinstance(value, Sensitive) else value
        return UNKNOWN if inner is UNKNOWN else value
    raise DiagnosticsError(error("Error in function call",
                                 'Call to function "try" failed: no expression succeeded:\n'
                                 + "\n".join(failures)
                                 + "\n\nAt least one expression must produce a successful result.",
                                 expr.range))  # fmt: skip
