"""``templatefile(path, vars)``: a file of the configuration rendered as a template.

The file is read as ``file`` reads it (relative to the configuration, a regular file
within the limits), parsed as a string template (``${...}`` and ``%{ for }`` /
``%{ if }`` directives) and evaluated with the keys of ``vars`` as its only names, as
in Terraform; errors point into the template file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra import records
from mlinfra.config import functions, hclparse
from mlinfra.config.functions_args import ArgError, arg_map, arg_str, type_name
from mlinfra.config.syntax import Expr, Template
from mlinfra.config.traversals import Scope
from mlinfra.diagnostics import Diagnostic, Diagnostics, DiagnosticsError, SourceRange, error
from mlinfra.values import UNKNOWN, Sensitive, contains_unknown, has_mark, unmark

NAME = "templatefile"
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def call(
    args: list[Any], ranges: list[SourceRange], rng: SourceRange, base_dir: Path, evaluate: Callable[[Expr, Scope], Any]
) -> Any:
    """``templatefile(path, vars)``; ``evaluate`` is the expression evaluator the template
    is evaluated with (passed in, as ``functions_try`` is, so the two modules do not import each other)."""
    if len(args) != 2:
        summary = "Not enough function arguments" if len(args) < 2 else "Too many function arguments"
        raise DiagnosticsError(error(summary, f'Function "{NAME}" expects 2 argument(s).', rng))
    if any(contains_unknown(a) for a in args):
        return UNKNOWN
    sensitive = any(has_mark(a) for a in args)
    path, variables = (unmark(a)[0] for a in args)
    try:
        text = functions.FUNCTIONS["file"].impl(base_dir, path)
        values = arg_map(variables, 1, "vars")
        for key in values:
            if not _IDENT.fullmatch(key):
                raise ArgError(1, f'Invalid value for "vars" parameter: invalid template variable name "{key}": must start with a letter, followed by zero or more letters, digits, and underscores.')
    except ArgError as exc:
        where = ranges[exc.index] if exc.index is not None else rng
        raise DiagnosticsError(error("Invalid function argument", exc.message, where)) from None
    filename = str(base_dir / arg_str(path, 0, "path"))
    template = _parse(text, filename)
    value = _evaluate(template, values, base_dir, evaluate)
    if not isinstance(value, str | Sensitive) and value is not UNKNOWN:
        raise DiagnosticsError(error("Invalid function argument",
                                     f"Invalid value for \"path\" parameter: the template gives a {type_name(value)}, "
                                     "not a string.", ranges[0]))  # fmt: skip
    return Sensitive(value) if sensitive and not isinstance(value, Sensitive) else value


def _parse(text: str, filename: str) -> Any:
    mark = "MLINFRA_TEMPLATE"
    while mark in text:
        mark += "_"
    exact = text.endswith("\n")
    source = f"__template = <<{mark}\n{text}{'' if exact else chr(10)}{mark}\n"
    parsed, diags = hclparse.parse_source(source, filename)
    if parsed is None or diags.has_errors:
        raise DiagnosticsError(Diagnostics([_shift(x) for x in diags.items]))
    expr = parsed.body.attributes["__template"].expr
    if not exact and isinstance(expr, Template) and expr.parts and isinstance(expr.parts[-1], str):
        last = expr.parts[-1][:-1]
        expr = records.replace(expr, parts=(*expr.parts[:-1], *([last] if last else [])))
    return expr


def _evaluate(template: Any, values: dict[str, Any], base_dir: Path, evaluate: Callable[[Expr, Scope], Any]) -> Any:
    try:
        return evaluate(template, Scope(template_vars=values, base_dir=base_dir))
    except DiagnosticsError as exc:
        raise DiagnosticsError(Diagnostics([_shift(x) for x in exc.diagnostics.items])) from None


def _shift(diag: Diagnostic) -> Diagnostic:
    """A diagnostic of the wrapped template, moved back to the template file's lines."""
    r = diag.range
    if r is None:
        return diag
    moved = SourceRange(r.filename, max(1, r.start_line - 1), r.start_column, max(1, r.end_line - 1), r.end_column)
    return records.replace(diag, range=moved)
