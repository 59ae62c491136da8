"""Inputs beyond the limits of docs/limits.md are located errors, never internal errors,
hangs or memory blow-ups; inputs at the limits still work."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from clirun import cli, write  # noqa: E402

from mlinfra.config import limits  # noqa: E402

HEAD = 'provider "fake" {}\n\n'


def _locals_chain(n: int, step: str) -> str:
    lines = ["locals {", "  l0 = 1"] + [f"  l{i} = {step.format(prev=f'local.l{i - 1}')}" for i in range(1, n)]
    return "\n".join(lines) + f'\n}}\n\noutput "o" {{\n  value = local.l{n - 1}\n}}\n'


CASES = {
    # name: (configuration after HEAD, expected text, line of the error)
    "deep_list": (f"locals {{\n  x = {'[' * 3000}1{']' * 3000}\n}}\n", "Configuration nested too deeply", 4),
    "deep_object": (f"locals {{\n  x = {'{a = ' * 3000}1{'}' * 3000}\n}}\n", "Configuration nested too deeply", 4),
    "deep_parentheses": (f"locals {{\n  x = {'(' * 3000}1{')' * 3000}\n}}\n", "Configuration nested too deeply", 4),
    "deep_calls": (f"locals {{\n  x = {'abs(' * 3000}1{')' * 3000}\n}}\n", "Configuration nested too deeply", 4),
    "deep_interpolations": ('locals {\n  x = ' + '"${' * 200 + "1" + '}"' * 200 + "\n}\n", "Configuration nested too deeply", 4),
    "deep_blocks": ('dataset "d" {\n  source = "x"\n' + "fake {\n" * 500 + "}\n" * 500 + "}\n", "Configuration nested too deeply", 36),
    "long_plus_chain": ("locals {\n  x = " + " + ".join(["1"] * 20000) + "\n}\n", "Expression nested too deeply", 4),
    "long_plus_chain_with_a_directive": (
        'locals {\n  t = "%{ if true }y%{ endif }"\n  x = ' + " + ".join(["1"] * 5000) + "\n}\n",
        "Expression nested too deeply",
        5,
    ),
    "long_conditional_chain": ("locals {\n  x = " + "true ? 1 : " * 3000 + "0\n}\n", "Expression nested too deeply", 4),
    "long_attribute_chain": ('output "o" {\n  value = {}' + ".a" * 5000 + "\n}\n", "Unsupported attribute", 4),
    "floor_of_infinity": ('output "o" {\n  value = floor(1e999)\n}\n', "Number out of range", 4),
    "ceil_of_overflow": ('output "o" {\n  value = ceil(1e300 * 1e300)\n}\n', "Value beyond the limits", 4),
    "integer_of_5000_digits": (f'output "o" {{\n  value = {"9" * 5000}\n}}\n', "Number out of range", 4),
    "huge_format_width": ('output "o" {\n  value = format("%999999999d", 1)\n}\n', "a width of 999999999", 4),
    "huge_format_precision": ('output "o" {\n  value = format("%.999999999f", 1)\n}\n', "a precision of", 4),
    "unbounded_count": ('dataset "d" {\n  count  = 100000000000\n  source = "x"\n}\n', "Invalid count argument", 4),
    "unbounded_for_each": (
        'dataset "d" {\n  for_each = {for i in range(1000) : "k${i}" => i}\n  source = "x"\n}\n'.replace("1000", "1000"),
        None,
        None,
    ),
    "nested_for_blow_up": (
        'locals {\n  r = range(1000)\n  x = [for a in local.r : [for b in local.r : [for c in local.r : c]]]\n}\n'
        'output "o" {\n  value = length(local.x)\n}\n',
        "Expression too expensive",
        5,
    ),
    "doubling_locals": (_locals_chain(60, "[{prev}, {prev}]"), "more than 1,000,000 elements", None),
    "deep_locals": (_locals_chain(3000, "[{prev}]"), "nests more than 64 levels", None),
    "long_locals_chain": (_locals_chain(3000, "{prev} + 1"), None, None),
    "doubling_strings": (_locals_chain(40, '"${{{prev}}}${{{prev}}}"'), "characters long", None),
    "non_ascii_label": ('dataset "ä" {\n  source = "x"\n}\n', "Invalid name", 3),
    "deep_jsondecode": ('output "o" {\n  value = jsondecode("' + "[" * 5000 + "]" * 5000 + '")\n}\n', "nests", 4),
    "file_of_a_device": ('output "o" {\n  value = file("/dev/zero")\n}\n', "not a regular file", 4),
    "filesha256_of_a_pipe": ('output "o" {\n  value = filesha256("/dev/stdin")\n}\n', "not a regular file", 4),
    "split_with_an_empty_separator": ('output "o" {\n  value = split("", "abc")\n}\n', None, None),
    "join_multiplying_a_separator": (
        'locals {\n  w = format("%10000s", "x")\n}\n\noutput "o" {\n  value = join(local.w, range(1000))\n}\n',
        "characters",
        8,
    ),
    "one_string_shared_many_times": (
        'locals {\n  w = format("%10000s", "x")\n  s = join("", [for i in range(400) : local.w])\n'
        '  l = [for i in range(1000) : local.s]\n}\n\noutput "o" {\n  value = jsonencode(local.l)\n}\n',
        "characters of text",
        6,
    ),
    "jsondecode_infinity": ('output "o" {\n  value = jsondecode("[1e999, Infinity]")\n}\n', "Error:", 4),
}


@pytest.mark.parametrize("command", ["validate", "plan"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_input_beyond_a_limit_is_a_located_error(case: str, command: str, tmp_path: Path, capsys) -> None:
    text, expected, line = CASES[case]
    write(tmp_path, HEAD + text)
    r = cli(capsys, tmp_path, command)
    assert "internal error" not in r.err and "Traceback" not in r.err, r.err[-2000:]
    if expected is None:  # within the limits: it simply works
        assert r.code in (0, 2), r.err[-2000:]
        return
    assert r.code == 1, r.out[-2000:]
    assert "Error: " in r.err and expected in r.err, r.err[-3000:]
    if line is not None:
        assert f"on main.hcl line {line}" in r.err, r.err[-3000:]
    else:
        assert "on main.hcl line " in r.err


def _nested_list(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def test_a_configuration_at_the_limits_plans(tmp_path: Path, capsys) -> None:
    deep = _nested_list(limits.MAX_NESTING - 2)  # inside locals { } and x = ...
    chain = " + ".join(["1"] * (limits.MAX_EXPRESSION_DEPTH - 5))
    write(
        tmp_path,
        HEAD + f'locals {{\n  deep  = {deep}\n  chain = {chain}\n}}\n\n'
        'dataset "d" {\n  count  = 3\n  source = "fake://d"\n  tags   = { n = tostring(local.chain) }\n}\n\n'
        'output "deep" {\n  value = local.deep\n}\n',
    )
    assert cli(capsys, tmp_path, "validate").code == 0
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0, r.err
    assert "Plan: 3 to add" in r.out


@pytest.mark.parametrize("how", ["option", "file"])
def test_a_var_value_beyond_the_limits_is_an_error(tmp_path: Path, capsys, how: str) -> None:
    write(tmp_path, HEAD + 'variable "v" {\n  type = any\n}\n\noutput "o" {\n  value = var.v\n}\n')
    if how == "file":
        write(tmp_path, "v = " + _nested_list(3000) + "\n", "mlinfra.vars.hcl")
        r = cli(capsys, tmp_path, "plan")
    else:
        r = cli(capsys, tmp_path, "plan", "--var", "v=" + _nested_list(3000))
    assert "internal error" not in r.err
    if how == "file":
        assert r.code == 1, r.out[-500:]
        assert "nested too deeply" in r.err and "mlinfra.vars.hcl line 1" in r.err
    else:  # a --var value that does not parse is taken as text, as for any other value
        assert r.code == 0 and '+ o = "[[[' in r.out


def test_the_source_scan_follows_strings_comments_and_heredocs() -> None:
    opened = "[" * 40
    assert limits.check_source(f'a = "{opened}"\n# {opened}\n/* {opened} */\nb = <<EOT\n{opened}\nEOT\n', "x") is None
    found = limits.check_source(f'a = "${{{opened}}}"\n', "x")
    assert found is not None and found.range is not None and found.range.start_line == 1
    found = limits.check_source("b = <<EOT\n  ${" + opened + "1" + "]" * 40 + "}\nEOT\n", "x")
    assert found is not None and found.range is not None and found.range.start_line == 2
