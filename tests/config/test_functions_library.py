"""Terraform's collection, string, number, encoding, hashing and CIDR functions, from a
table of results and a table of refusals worded as Terraform words them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from mlinfra.config.expressions import Scope, evaluate
from mlinfra.config.functions import FUNCTIONS
from mlinfra.config.hclparse import parse_expression
from mlinfra.diagnostics import DiagnosticsError
from mlinfra.values import UNKNOWN, Sensitive

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from clirun import cli, write  # noqa: E402


def ev(text: str, **variables: Any) -> Any:
    expr, diags = parse_expression(text)
    assert expr is not None and not diags.has_errors
    return evaluate(expr, Scope(variables=variables))


RESULTS = [
    ("sum([1, 2, 3.5])", 6.5),
    ('zipmap(["a", "b"], [1, 2])', {"a": 1, "b": 2}),
    ('sort(["b", "a", "c"])', ["a", "b", "c"]),
    ("reverse([1, 2, 3])", [3, 2, 1]),
    ('slice(["a", "b", "c", "d"], 1, 3)', ["b", "c"]),
    ("one([])", None),
    ('one(["x"])', "x"),
    ("alltrue([])", True),
    ('alltrue([true, "true"])', True),
    ("anytrue([false, true])", True),
    ('index(["a", "b"], "b")', 1),
    ('setunion(["a", "b"], ["b", "c"])', ["a", "b", "c"]),
    ('setintersection(["a", "b"], ["b", "c"])', ["b"]),
    ('setsubtract(["a", "b"], ["b"])', ["a"]),
    ('compact(["a", "", null, "b"])', ["a", "b"]),
    ("chunklist([1, 2, 3], 2)", [[1, 2], [3]]),
    ('transpose({a = ["1", "2"], b = ["2"]})', {"1": ["a"], "2": ["a", "b"]}),
    ("coalescelist([], [1])", [1]),
    ('trim("?!hello?!", "!?")', "hello"),
    ('trimprefix("helloworld", "hello")', "world"),
    ('trimsuffix("helloworld", "world")', "hello"),
    ('chomp("hello\\n\\n")', "hello"),
    ('strrev("abc")', "cba"),
    ('indent(2, "a\\nb")', "a\n  b"),
    ('regex("[a-z]+", "53abc12")', "abc"),
    ('regex("(\\\\d+)-(\\\\d+)", "10-20")', ["10", "20"]),
    ('regex("(?P<major>\\\\d+)\\\\.(?P<minor>\\\\d+)", "v1.2")', {"major": "1", "minor": "2"}),
    ('regexall("[0-9]", "a1b2")', ["1", "2"]),
    ("signum(-4)", -1),
    ("log(8, 2)", 3.0),
    ("pow(2, 10)", 1024),
    ('parseint("ff", 16)', 255),
    ('tobool("true")', True),
    ('csvdecode("a,b\\n1,2\\n")', [{"a": "1", "b": "2"}]),
    ('urlencode("a b/c?")', "a%20b%2Fc%3F"),
    ('sha1("hello")', "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"),
    ('base64sha256("hello")', "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ="),
    ('cidrhost("10.12.112.0/20", 16)', "10.12.112.16"),
    ('cidrhost("10.12.112.0/20", 268)', "10.12.113.12"),
    ('cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', "fd00:fd12:3456:7890::22"),
    ('cidrnetmask("172.16.0.0/12")', "255.240.0.0"),
    ('cidrsubnet("172.16.0.0/12", 4, 2)', "172.18.0.0/16"),
    ('cidrsubnet("10.1.2.0/24", 4, 15)', "10.1.2.240/28"),
    ('cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]),
    ('basename("foo/bar/baz.txt")', "baz.txt"),
    ('dirname("foo/bar/baz.txt")', "foo/bar"),
]


@pytest.mark.parametrize(("text", "expected"), RESULTS, ids=[t for t, _ in RESULTS])
def test_each_function_gives_terraform_s_result(text: str, expected: Any) -> None:
    assert ev(text) == expected


REFUSALS = [
    ("sum([])", "cannot sum empty list"),
    ('sum(["a"])', "argument must be list, set, or tuple of number values"),
    ('zipmap(["a"], [1, 2])', "number of keys (1) does not match number of values (2)"),
    ("slice([1, 2], 1, 3)", "end index must not be greater than the length of the list"),
    ("slice([1, 2], 2, 1)", "start index must not be greater than end index"),
    ("one([1, 2])", "must be a list, set, or tuple value with either zero or one elements"),
    ('index(["a"], "z")', "item not found"),
    ("chunklist([1], -1)", "the size argument must be positive"),
    ('regex("[0-9]+", "abc")', "pattern did not match any part of the given string"),
    ('regex("(", "abc")', "invalid regular expression pattern"),
    ('parseint("zz", 10)', 'cannot parse "zz" as a base 10 integer'),
    ('cidrhost("10.0.0.0/30", 4)', "prefix of 30 does not accommodate a host numbered 4"),
    ('cidrsubnet("10.0.0.0/30", 4, 0)', "insufficient address space to extend prefix of 30 by 4"),
    ('cidrsubnet("10.0.0.0/16", 2, 4)', "prefix extension of 2 does not accommodate a subnet numbered 4"),
    ('cidrnetmask("not-a-cidr")', "invalid CIDR address: not-a-cidr"),
    ('cidrsubnets("10.0.0.0/24", 1, 1, 1)', "not enough remaining address space"),
    ("sort([null])", "a null string cannot be sorted"),
]


@pytest.mark.parametrize(("text", "message"), REFUSALS, ids=[t for t, _ in REFUSALS])
def test_each_misuse_is_an_invalid_function_argument_worded_as_terraform(text: str, message: str) -> None:
    with pytest.raises(DiagnosticsError) as info:
        ev(text)
    diag = info.value.diagnostics.items[0]
    assert diag.summary == "Invalid function argument"
    assert message in diag.detail and diag.range is not None


NEW = sorted(name for name, _ in {t.split("(", 1)[0]: 0 for t, _ in RESULTS}.items())


@pytest.mark.parametrize("name", [n for n in NEW if n in FUNCTIONS])
def test_an_unknown_argument_gives_an_unknown_result_and_a_sensitive_one_a_sensitive_result(name: str) -> None:
    text = next(t for t, _ in RESULTS if t.startswith(name + "("))
    expr, _ = parse_expression(text)
    assert expr is not None
    args = expr.args  # type: ignore[attr-defined]
    first = args[0].range
    source = text[: first.start_column - 1] + "var.x" + text[first.end_column - 1 :]
    assert ev(source, x=UNKNOWN) is UNKNOWN
    secret = Sensitive(ev(text[first.start_column - 1 : first.end_column - 1]))
    value = ev(source, x=secret)
    assert isinstance(value, Sensitive) and value.value == ev(text)


def test_functions_work_in_a_configuration_through_validate_and_plan(tmp_path: Path, capsys) -> None:
    write(tmp_path, """
variable "subnets" { default = ["a", "b"] }
locals {
  cidrs = zipmap(var.subnets, cidrsubnets("10.0.0.0/16", 8, 8))
}
output "cidrs" { value = local.cidrs }
output "total" { value = sum([for k, v in local.cidrs : parseint(split(".", v)[2], 10)]) }
output "bad" { value = one(reverse(var.subnets)) }
""")
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Invalid function argument" in r.err and "main.hcl line 8" in r.err and "Traceback" not in r.err


def test_try_gives_the_first_argument_that_succeeds_and_can_says_whether_one_does() -> None:
    m = {"a": 1}
    assert ev("try(var.m.x, var.m.a, 3)", m=m) == 1
    assert ev('try(regex("[0-9]+", "abc"), "none")') == "none"
    assert ev("can(var.m.x)", m=m) is False
    assert ev("can(var.m.a)", m=m) is True
    assert ev("try(var.u, 1)", u=UNKNOWN) is UNKNOWN
    assert ev("can(var.u)", u=UNKNOWN) is UNKNOWN


def test_try_with_no_success_lists_every_failure_at_the_call() -> None:
    with pytest.raises(DiagnosticsError) as info:
        ev("try(var.m.x, var.m.y)", m={"a": 1})
    diag = info.value.diagnostics.items[0]
    assert diag.summary == "Error in function call"
    assert 'no expression succeeded' in diag.detail and '"x"' in diag.detail and '"y"' in diag.detail
    assert "At least one expression must produce a successful result." in diag.detail


@pytest.mark.parametrize("text", ["try(var.undeclared, 1)", "can(nosuchfunction(1))", "try()", "can(1, 2)"])
def test_static_mistakes_stay_errors_inside_try_and_can(text: str) -> None:
    with pytest.raises(DiagnosticsError) as info:
        ev(text, m={})
    assert info.value.diagnostics.items[0].summary != "Error in function call"


def test_try_in_a_configuration_falls_back_and_reports_with_a_location(tmp_path: Path, capsys) -> None:
    write(tmp_path, """
variable "settings" { default = { replicas = 2 } }
output "replicas" { value = try(var.settings.replicas, 1) }
output "gpu" { value = try(var.settings.gpu, "none") }
output "ok" { value = can(var.settings.gpu) }
output "bad" { value = try(var.settings.gpu, var.settings.tpu) }
""")
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1 and r.err.count("Error:") == 1
    assert "Error in function call" in r.err and "main.hcl line 6" in r.err
    write(tmp_path, "\n".join(tmp_path.joinpath("main.hcl").read_text().splitlines()[:-1]) + "\n")
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0, r.err
    assert '"none"' in r.out and "false" in r.out
