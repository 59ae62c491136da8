"""The function library: results, argument checks, marks and file access."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from mlinfra.config.expressions import Scope, evaluate
from mlinfra.config.functions import FUNCTIONS
from mlinfra.config.hclparse import parse_expression
from mlinfra.diagnostics import Diagnostic, DiagnosticsError
from mlinfra.values import UNKNOWN, Sensitive


def ev(text: str, scope: Scope | None = None) -> Any:
    expr, diags = parse_expression(text)
    assert expr is not None and not diags.has_errors, [d.detail for d in diags]
    return evaluate(expr, scope or Scope())


def failure(text: str, scope: Scope | None = None) -> Diagnostic:
    with pytest.raises(DiagnosticsError) as info:
        ev(text, scope)
    return info.value.diagnostics.items[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('jsonencode({b = [1, 2.0, true, null], a = "x"})', '{"a":"x","b":[1,2,true,null]}'),
        ('jsondecode("{\\"a\\": [1, 2]}")', {"a": [1, 2]}),
        ('lower("ABC")', "abc"),
        ('upper("abc")', "ABC"),
        ('title("hello world")', "Hello World"),
        ('trimspace("  x \\n")', "x"),
        ('format("%s-%d", "a", 3)', "a-3"),
        ('format("%.2f", 3.14159)', "3.14"),
        ('format("%q", "hi")', '"hi"'),
        ('format("%v %v %v", "s", 1.0, true)', "s 1 true"),
        ('format("%5s|%-4d|%%", "ab", 7)', "   ab|7   |%"),
        ('format("%v", [1, "a"])', '[1,"a"]'),
        ("merge({a = 1, b = 2}, {b = 3}, null)", {"a": 1, "b": 3}),
        ('lookup({a = 1}, "a")', 1),
        ('lookup({a = 1}, "z", "dflt")', "dflt"),
        ("concat([1], [2, 3], [])", [1, 2, 3]),
        ("length([1, 2, 3])", 3),
        ('length("abcd")', 4),
        ("length({a = 1})", 1),
        ('coalesce(null, "", "x", "y")', "x"),
        ("tostring(1.0)", "1"),
        ("tostring(true)", "true"),
        ("tostring(null)", None),
        ('tonumber("42")', 42),
        ('tonumber("2.5")', 2.5),
        ('toset(["b", "a", "b"])', ["a", "b"]),
        ("keys({b = 1, a = 2})", ["a", "b"]),
        ("values({b = 1, a = 2})", [2, 1]),
        ('contains(["a", "b"], "b")', True),
        ('join("-", ["a", "b", 3])', "a-b-3"),
        ('split(",", "a,b")', ["a", "b"]),
        ('replace("a-b-c", "-", "_")', "a_b_c"),
        ("min(3, 1, 2)", 1),
        ("max(3, 1.5)", 3),
        ("abs(-2)", 2),
        ("ceil(1.2)", 2),
        ("floor(1.8)", 1),
        ("range(3)", [0, 1, 2]),
        ("range(1, 7, 2)", [1, 3, 5]),
        ('element(["a", "b"], 3)', "b"),
        ("flatten([1, [2, [3]]])", [1, 2, 3]),
        ("distinct([1, 2, 1])", [1, 2]),
        ('sha256("abc")', hashlib.sha256(b"abc").hexdigest()),
        ('md5("abc")', hashlib.md5(b"abc").hexdigest()),
        ('base64encode("hi")', "aGk="),
        ('base64decode("aGk=")', "hi"),
        ('startswith("mlinfra", "ml")', True),
        ('endswith("mlinfra", "ml")', False),
        ('tolist(["a"])', ["a"]),
        ("tomap({a = 1})", {"a": 1}),
        ('substr("hello", 1, 3)', "ell"),
        ('substr("hello", -3, -1)', "llo"),
    ],
)
def test_functions_compute_what_terraform_computes(text: str, expected: Any) -> None:
    assert ev(text) == expected


def test_every_required_function_exists() -> None:
    required = "file filesha256 jsonencode jsondecode lower upper format merge lookup concat length coalesce tostring tonumber toset"
    assert set(required.split()) <= set(FUNCTIONS)


def test_no_function_reads_the_clock_or_network() -> None:
    assert not {"timestamp", "uuid", "plantimestamp", "http"} & set(FUNCTIONS)


def test_file_and_filesha256_resolve_paths_against_the_base_dir(tmp_path: Path) -> None:
    (tmp_path / "conf.json").write_text('{"k": 1}')
    scope = Scope(base_dir=tmp_path)
    assert ev('file("conf.json")', scope) == '{"k": 1}'
    assert ev('jsondecode(file("conf.json")).k', scope) == 1
    assert ev('filesha256("conf.json")', scope) == hashlib.sha256(b'{"k": 1}').hexdigest()


def test_a_missing_file_is_a_diagnostic_naming_the_path(tmp_path: Path) -> None:
    diag = failure('file("nope.txt")', Scope(base_dir=tmp_path))
    assert diag.summary == "Invalid function argument"
    assert str(tmp_path / "nope.txt") in diag.detail
    assert diag.range is not None and diag.range.start_column == 6
    assert "nope.txt" in failure('filesha256("nope.txt")', Scope(base_dir=tmp_path)).detail


def test_too_few_arguments_is_not_enough_function_arguments() -> None:
    diag = failure("lookup({})")
    assert diag.summary == "Not enough function arguments"
    assert '"key"' in diag.detail


def test_too_many_arguments_is_reported() -> None:
    assert failure('upper("a", "b")').summary == "Too many function arguments"


@pytest.mark.parametrize(
    "text",
    [
        "upper([1])",
        'tonumber("abc")',
        'jsondecode("{")',
        'lookup({a = 1}, "b")',
        "merge(1)",
        'concat("a")',
        "length(1)",
        "coalesce(null)",
        'format("%d", "x")',
        'format("%s %s", "x")',
        "element([], 0)",
        'base64decode("!!")',
        "range(1, 2, 0)",
    ],
)
def test_bad_arguments_are_invalid_function_arguments(text: str) -> None:
    assert failure(text).summary == "Invalid function argument"


def test_the_diagnostic_points_at_the_bad_argument() -> None:
    diag = failure('join(",", [[1]])')
    assert diag.summary == "Invalid function argument"
    assert diag.range is not None and diag.range.start_column == 11


def test_an_unknown_argument_gives_an_unknown_result() -> None:
    scope = Scope(variables={"u": UNKNOWN, "l": [UNKNOWN, 1]})
    assert ev("upper(var.u)", scope) is UNKNOWN
    assert ev("jsonencode({a = var.u})", scope) is UNKNOWN
    assert ev("length(var.u)", scope) is UNKNOWN


def test_length_of_a_list_with_unknown_elements_is_known() -> None:
    assert ev("length(var.l)", Scope(variables={"l": [UNKNOWN, 1]})) == 2


def test_a_sensitive_argument_gives_a_sensitive_result() -> None:
    scope = Scope(variables={"pw": Sensitive("s3cret"), "m": {"a": Sensitive("x")}})
    result = ev("upper(var.pw)", scope)
    assert isinstance(result, Sensitive) and result.value == "S3CRET"
    assert isinstance(ev("jsonencode(var.m)", scope), Sensitive)
    assert ev("jsonencode(var.m)", scope).value == '{"a":"x"}'


def test_structural_functions_keep_inner_marks_in_place() -> None:
    scope = Scope(variables={"m": {"a": Sensitive("x")}})
    merged = ev('merge(var.m, {b = "y"})', scope)
    assert isinstance(merged, dict) and isinstance(merged["a"], Sensitive) and merged["b"] == "y"
