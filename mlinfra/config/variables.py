"""Input variable values: from defaults, MLINFRA_VAR_name, --var-file and --var.

Later sources win (defaults < environment < files in order < --var in order), as in
Terraform. Values are converted to the declared type and checked against the
variable's validation blocks; sensitive variables come back wrapped in ``Sensitive``.
With ``allow_missing`` (for ``validate``) a variable without a value is UNKNOWN.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.config import expressions, hclparse
from mlinfra.config.model import Config, Variable
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange
from mlinfra.values import UNKNOWN, Sensitive

ENV_PREFIX = "MLINFRA_VAR_"


def auto_var_files(directory: Path) -> list[Path]:
    """Variable files loaded without --var-file: mlinfra.vars.hcl, then *.auto.vars.hcl."""
    first = [directory / "mlinfra.vars.hcl"] if (directory / "mlinfra.vars.hcl").is_file() else []
    return first + sorted(directory.glob("*.auto.vars.hcl"))


def parse_cli_value(raw: str, var: Variable | None) -> Any:
    """A --var or environment value: raw text for string variables, else an HCL literal
    when it parses as one (numbers, bools, lists, maps), else the raw text."""
    if var is not None and var.type == "string":
        return raw
    expr, diags = hclparse.parse_expression(raw, "<value>")
    if expr is None or diags.has_errors:
        return raw
    try:
        return expressions.evaluate(expr, expressions.Scope())
    except DiagnosticsError:
        return raw


def collect(
    config: Config,
    cli_vars: list[str] | None = None,
    var_files: list[Path] | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    allow_missing: bool = False,
    overrides: Mapping[str, tuple[Any, SourceRange | None]] | None = None,
) -> tuple[dict[str, Any], Diagnostics]:
    """The value of every declared variable. ``overrides`` (name -> value and where it
    was written) win over every other source: a test file's run blocks set them."""
    diags = Diagnostics()
    env = os.environ if environ is None else environ
    given: dict[str, tuple[Any, SourceRange | None]] = {}
    for key, raw in sorted(env.items()):
        if key.startswith(ENV_PREFIX):
            name = key[len(ENV_PREFIX) :]
            if name in config.variables:
                given[name] = (parse_cli_value(raw, config.variables[name]), None)
    for vf in var_files or []:
        _read_var_file(config, vf, given, diags)
    for item in cli_vars or []:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            diags.add(
                d.error(
                    "Invalid --var option",
                    f'The given --var option "{item}" is not correctly specified. '
                    'It must be a variable name and value separated by an equals sign: --var "name=value".',
                )
            )
            continue
        if name not in config.variables:
            diags.add(
                d.error(
                    "Value for undeclared variable",
                    f'A variable named "{name}" was assigned on the command line, but the configuration '
                    f'does not declare a variable of that name.{d.suggestion(name, config.variables)} '
                    f'To use this value, add a variable "{name}" {{}} block.',
                )
            )
            continue
        given[name] = (parse_cli_value(raw, config.variables[name]), None)
    given.update({k: v for k, v in (overrides or {}).items() if k in config.variables})

    values: dict[str, Any] = {}
    for name, var in sorted(config.variables.items()):
        if name in given:
            raw_value, rng = given[name]
        elif not var.required:
            raw_value, rng = var.default, var.range
        elif allow_missing:
            values[name] = UNKNOWN
            continue
        else:
            diags.add(
                d.error(
                    "No value for required variable",
                    f'The input variable "{name}" is not set, and has no default value. Use a '
                    f'--var "{name}=..." or --var-file option, or set the {ENV_PREFIX}{name} '
                    "environment variable." + _env_case_hint(name, env),
                    var.range,
                    context=f'variable "{name}"',
                )
            )
            continue
        ok, value, problem = convert(raw_value, var.type)
        if not ok:
            diags.add(
                d.error(
                    "Invalid value for input variable",
                    f'The value given for variable "{name}" is not valid: {problem}.',
                    rng or var.range,
                    context=f'variable "{name}"',
                )
            )
            continue
        if value is None and not var.nullable:
            diags.add(d.error("Invalid value for input variable", f'"{name}" must not be null.', var.range))
            continue
        if _check_validations(var, value, config, diags):
            values[name] = Sensitive(value) if var.sensitive else value
    return values, diags


def _read_var_file(
    config: Config, path: Path, given: dict[str, tuple[Any, SourceRange | None]], diags: Diagnostics
) -> None:
    try:
        text = path.read_text()
    except OSError as e:
        diags.add(d.error("Failed to read variables file", f"Cannot read {path}: {e.strerror}."))
        return
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            diags.add(
                d.error("Invalid variables file", f"{e.msg}.", SourceRange(str(path), e.lineno, e.colno))
            )
            return
        if not isinstance(data, dict):
            diags.add(d.error("Invalid variables file", f"{path} must hold a JSON object."))
            return
        for k, v in data.items():
            if k in config.variables:
                given[k] = (v, SourceRange(str(path), 1))
            else:
                diags.add(d.warning("Value for undeclared variable", f'{path} sets "{k}", which is not declared.{d.suggestion(k, config.variables)}'))
        return
    f, pd = hclparse.parse_source(text, str(path))
    diags.extend(pd)
    if f is None:
        return
    for b in f.body.blocks:
        diags.add(d.error("Unexpected block", "A variables file holds only name = value lines.", b.range))
    for name, attr in f.body.attributes.items():
        if name not in config.variables:
            diags.add(
                d.warning(
                    "Value for undeclared variable",
                    f'The file sets "{name}", which is not declared.{d.suggestion(name, config.variables)}',
                    attr.range,
                )
            )
            continue
        try:
            given[name] = (expressions.evaluate(attr.expr, expressions.Scope()), attr.range)
        except DiagnosticsError as e:
            diags.extend(e.diagnostics)


def convert(value: Any, type_s: str | None) -> tuple[bool, Any, str]:
    """Convert a value to a declared type: (ok, converted value, problem)."""
    if type_s is None or type_s == "any" or value is None or value is UNKNOWN:
        return True, value, ""
    if type_s == "string":
        if isinstance(value, bool):
            return True, "true" if value else "false", ""
        if isinstance(value, int | float):
            return True, _num_str(value), ""
        if isinstance(value, str):
            return True, value, ""
        return False, value, "a string is required"
    if type_s == "number":
        if isinstance(value, bool):
            return False, value, "a number is required"
        if isinstance(value, int | float):
            return True, value, ""
        if isinstance(value, str):
            try:
                f = float(value)
            except ValueError:
                return False, value, f'a number is required, got "{value}"'
            return True, int(f) if f.is_integer() and "." not in value else f, ""
        return False, value, "a number is required"
    if type_s == "bool":
        if isinstance(value, bool):
            return True, value, ""
        if value in ("true", "false"):
            return True, value == "true", ""
        return False, value, "a bool is required"
    head, _, rest = type_s.partition("(")
    inner = rest[:-1] if rest.endswith(")") else "any"
    if head in ("list", "set", "tuple"):
        if not isinstance(value, list):
            return False, value, f"a {head} is required"
        out = []
        for i, v in enumerate(value):
            ok, cv, why = convert(v, inner)
            if not ok:
                return False, value, f"element {i}: {why}"
            out.append(cv)
        return True, (sorted(set(out), key=repr) if head == "set" else out), ""
    if head in ("map", "object"):
        if not isinstance(value, dict):
            return False, value, f"a {head} is required"
        outm = {}
        for k, v in value.items():
            ok, cv, why = convert(v, inner if head == "map" else "any")
            if not ok:
                return False, value, f'element "{k}": {why}'
            outm[k] = cv
        return True, outm, ""
    return True, value, ""


def _num_str(v: float) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _check_validations(var: Variable, value: Any, config: Config, diags: Diagnostics) -> bool:
    ok = True
    for val in var.validations:
        scope = expressions.Scope(variables={var.name: value}, base_dir=config.dir)
        try:
            result = expressions.evaluate(val.condition, scope)
        except DiagnosticsError as e:
            diags.extend(e.diagnostics)
            ok = False
            continue
        if isinstance(result, Sensitive):
            result = result.value
        if result is UNKNOWN:
            continue
        if result is not True:
            try:
                msg = expressions.evaluate(val.error_message, scope)
            except DiagnosticsError:
                msg = "The value is not valid."
            if isinstance(msg, Sensitive):
                msg = "The value is not valid."
            diags.add(
                d.error(
                    "Invalid value for variable",
                    f"{msg}\n\nThis was checked by the validation rule at {val.range.filename} "
                    f"line {val.range.start_line}.",
                    val.range,
                    context=f'variable "{var.name}"',
                )
            )
            ok = False
    return ok


def _env_case_hint(name: str, env: Mapping[str, str]) -> str:
    """' Did you mean ...' when an environment variable names ``name`` in another case
    (variable names are case-sensitive, as in Terraform)."""
    for key in sorted(env):
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :] != name and key[len(ENV_PREFIX) :].casefold() == name.casefold():
            return f' {key} is set, but names differ in case: did you mean {ENV_PREFIX}{name}?'
    return ""
