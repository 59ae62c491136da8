"""Parsing HCL into syntax nodes: every node kind, source ranges, errors and the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlinfra.config import hclparse
from mlinfra.config.hclparse import parse_expression, parse_file, parse_source
from mlinfra.config.syntax import (
    BinaryOp,
    Conditional,
    Expr,
    File,
    ForExpr,
    FunctionCall,
    GetAttr,
    Index,
    Literal,
    ObjectExpr,
    RelativeTraversal,
    ScopeTraversal,
    SplatMarker,
    Template,
    TupleExpr,
    UnaryOp,
)
from mlinfra.diagnostics import Diagnostic

TESTDATA = Path(__file__).parent / "testdata"
# examples/quickstart is the example of the language documentation, verbatim.
LANGUAGE_EXAMPLE = Path(__file__).parents[2] / "examples" / "quickstart" / "main.hcl"

SOURCE = """\
# a comment
variable "C" { default = 1.0 }

model iris {
  count    = 2
  name     = "iris-${var.C}"
  path     = model.other[0].id
  ids      = var.list[*].id
  attrs    = var.list.*.name
  pick     = (var.m).key
  call     = lookup(var.m, "k", null)
  spread   = max(var.nums...)
  sum      = -var.a + 2 * 3
  neg      = -1
  not      = !true
  cond     = var.a > 1 ? "big" : "small"
  list     = [1, 2.5, "three"]
  obj      = { a = 1, "b" = 2, (var.k) = 3 }
  squares  = [for i, x in var.nums : x * x if x > 0]
  by_key   = { for k, v in var.m : k => v... }
  script   = <<-EOT
    hello ${var.C}
    EOT
  nested "label" {
    x = 1
  }
}
"""


def parse(text: str) -> File:
    f, diags = parse_source(text, "main.hcl")
    assert not diags.has_errors, [(d.summary, d.detail) for d in diags]
    assert f is not None
    return f


def only_error(text: str) -> Diagnostic:
    f, diags = parse_source(text, "main.hcl")
    assert f is None
    assert len(diags.errors) == 1
    return diags.errors[0]


@pytest.fixture(scope="module")
def model() -> dict[str, Expr]:
    f = parse(SOURCE)
    block = f.body.blocks[1]
    return {name: a.expr for name, a in block.body.attributes.items()}


def test_blocks_keep_their_type_labels_and_header_lines() -> None:
    f = parse(SOURCE)
    variable, model = f.body.blocks
    assert (variable.type, variable.labels) == ("variable", ("C",))
    assert (model.type, model.labels) == ("model", ("iris",))
    assert model.range.start_line == 4
    assert (model.type_range.start_column, model.type_range.end_column) == (1, 6)
    nested = model.body.blocks[0]
    assert (nested.type, nested.labels, nested.range.start_line) == ("nested", ("label",), 24)
    assert nested.body.attributes["x"].range.start_line == 25
    assert model.body.range.start_line == 4 and model.body.range.end_line == 27


def test_attributes_carry_name_and_value_ranges(model: dict[str, Expr]) -> None:
    f = parse(SOURCE)
    count = f.body.blocks[1].body.attributes["count"]
    assert count.name_range.start_line == 5
    assert (count.name_range.start_column, count.name_range.end_column) == (3, 8)
    assert count.expr == Literal(2, count.expr.range)
    assert (count.expr.range.start_line, count.expr.range.start_column) == (5, 14)


def test_templates_hold_text_and_interpolations(model: dict[str, Expr]) -> None:
    name = model["name"]
    assert isinstance(name, Template)
    assert name.parts[0] == "iris-"
    ref = name.parts[1]
    assert isinstance(ref, ScopeTraversal) and ref.root == "var"
    assert ref.range.start_line == 6 and ref.range.start_column == 22


def test_traversals_have_attribute_index_and_splat_steps(model: dict[str, Expr]) -> None:
    path = model["path"]
    assert isinstance(path, ScopeTraversal) and path.root == "model"
    assert [type(s) for s in path.steps] == [GetAttr, Index, GetAttr]
    ids = model["ids"]
    assert isinstance(ids, ScopeTraversal)
    assert [type(s) for s in ids.steps] == [GetAttr, SplatMarker, GetAttr]
    attrs = model["attrs"]
    assert isinstance(attrs, ScopeTraversal) and isinstance(attrs.steps[1], SplatMarker)
    pick = model["pick"]
    assert isinstance(pick, RelativeTraversal) and isinstance(pick.source, ScopeTraversal)
    assert pick.range.start_column == 14


def test_calls_operators_and_conditionals(model: dict[str, Expr]) -> None:
    call = model["call"]
    assert isinstance(call, FunctionCall) and call.name == "lookup" and len(call.args) == 3
    assert not call.expand_final
    spread = model["spread"]
    assert isinstance(spread, FunctionCall) and spread.expand_final
    total = model["sum"]
    assert isinstance(total, BinaryOp) and total.op == "+"
    assert isinstance(total.left, UnaryOp) and total.left.op == "-"
    assert isinstance(total.right, BinaryOp) and total.right.op == "*"
    assert model["neg"] == Literal(-1, model["neg"].range)
    assert isinstance(model["not"], UnaryOp)
    cond = model["cond"]
    assert isinstance(cond, Conditional) and isinstance(cond.condition, BinaryOp)


def test_collections_and_for_expressions(model: dict[str, Expr]) -> None:
    lst = model["list"]
    assert isinstance(lst, TupleExpr)
    assert [i.value for i in lst.items if isinstance(i, Literal)] == [1, 2.5, "three"]
    obj = model["obj"]
    assert isinstance(obj, ObjectExpr)
    assert [k.value for k, _ in obj.items[:2] if isinstance(k, Literal)] == ["a", "b"]
    assert isinstance(obj.items[2][0], ScopeTraversal)
    squares = model["squares"]
    assert isinstance(squares, ForExpr)
    assert (squares.key_var, squares.value_var, squares.key_expr) == ("i", "x", None)
    assert squares.condition is not None and not squares.grouping
    by_key = model["by_key"]
    assert isinstance(by_key, ForExpr) and by_key.key_expr is not None and by_key.grouping


def test_heredocs_become_templates_with_interpolation(model: dict[str, Expr]) -> None:
    script = model["script"]
    assert isinstance(script, Template)
    assert script.parts[0] == "hello "
    ref = script.parts[1]
    assert isinstance(ref, ScopeTraversal) and ref.range.start_line == 22
    assert script.parts[2] == "\n"


def test_escapes_and_the_literal_interpolation_marker() -> None:
    f = parse('a = "tab\\tquote\\" $${x} \\u00e9"\n')
    assert f.body.attributes["a"].expr == Literal(
        'tab\tquote" ${x} é', f.body.attributes["a"].expr.range
    )


def test_a_plain_string_is_a_literal() -> None:
    f = parse('a = "plain"\n')
    assert isinstance(f.body.attributes["a"].expr, Literal)


def test_block_labels_may_be_bare_identifiers() -> None:
    f = parse("endpoint iris {}\n")
    assert f.body.blocks[0].labels == ("iris",)


def test_an_attribute_set_twice_is_kept_once_and_reported_as_duplicate() -> None:
    f = parse("a = 1\nb = 2\na = 3\n")
    assert f.body.attributes["a"].expr.range.start_line == 1
    ((first, second),) = f.body.duplicates
    assert (first.range.start_line, second.range.start_line) == (1, 3)


def test_the_language_example_parses() -> None:
    f, diags = parse_file(LANGUAGE_EXAMPLE, "main.hcl")
    assert not diags and f is not None
    assert [b.type for b in f.body.blocks] == [
        "mlinfra", "provider", "variable", "dataset", "pipeline", "model", "endpoint", "output",
    ]  # fmt: skip
    endpoint = f.body.blocks[6]
    assert endpoint.body.blocks[0].labels == ("blue",)


def test_a_stray_closing_brace_names_what_was_expected() -> None:
    diag = only_error("a = 1\n}\n")
    assert diag.summary == "Invalid syntax"
    assert diag.detail == "Expected an attribute name or a block; found '}'."
    assert diag.range is not None and diag.range.start_line == 2


def test_an_unclosed_block_points_at_its_header() -> None:
    diag = only_error('model "x" {\n  a = 1\n\nendpoint "y" {\n  b = 2\n}\n')
    assert diag.summary == "Unclosed configuration block"
    assert diag.detail.startswith("There is no closing brace for this block before the end")
    assert diag.range is not None and diag.range.start_line == 1
    assert (diag.range.start_column, diag.range.end_column) == (1, 12)


def test_an_unclosed_nested_block_points_at_the_innermost_header() -> None:
    diag = only_error("x {\n  y {\n    a = 1\n}\n")
    assert diag.summary == "Unclosed configuration block"
    assert diag.range is not None and diag.range.start_line == 1


def test_an_unterminated_string_is_reported_on_its_line() -> None:
    diag = only_error('a = 1\nb = "abc\nc = 2\n')
    assert diag.summary == "Unterminated template string"
    assert diag.range is not None and (diag.range.start_line, diag.range.start_column) == (2, 5)


def test_a_quoted_string_split_over_lines_is_an_invalid_multi_line_string() -> None:
    _, diags = parse_source('a = "abc\ndef"\nb = 1\n', "main.hcl")
    assert [d.summary for d in diags.errors] == ["Invalid multi-line string"]
    assert "heredoc" in diags.errors[0].detail


def test_a_block_label_cannot_interpolate() -> None:
    _, diags = parse_source('model "m-${var.x}" {}\n', "main.hcl")
    assert [d.summary for d in diags.errors] == ["Invalid block label"]


def test_a_missing_value_asks_for_an_expression() -> None:
    diag = only_error("a = 1\nb =\n")
    assert diag.summary == "Invalid syntax"
    assert diag.detail.startswith("Expected the start of an expression")
    assert diag.range is not None and diag.range.start_line == 2


def test_an_unexpected_character_is_named() -> None:
    diag = only_error("a = 1\nb = $\n")
    assert "found '$'" in diag.detail
    assert diag.range is not None and diag.range.start_line == 2


def test_an_if_directive_without_endif_is_reported_at_the_directive() -> None:
    f, diags = parse_source('a = 1\nb = "%{if true}x"\n', "main.hcl")
    assert f is not None
    assert diags.errors[0].summary == "Unterminated template directive"
    assert diags.errors[0].range is not None and diags.errors[0].range.start_line == 2


def test_a_stray_endif_and_an_unknown_heredoc_directive_are_reported() -> None:
    _, diags = parse_source('a = "%{endif}"\n', "main.hcl")
    assert diags.errors[0].summary == "Unexpected template directive"
    _, diags = parse_source("a = <<EOT\n%{ bogus }\nEOT\n", "main.hcl")
    assert diags.errors[0].summary == "Invalid template directive"
    assert diags.errors[0].range is not None and diags.errors[0].range.start_line == 2


def test_parse_expression_reports_columns_of_the_expression_text() -> None:
    expr, diags = parse_expression("[1, var.x]")
    assert not diags and isinstance(expr, TupleExpr)
    assert (expr.range.start_line, expr.range.start_column) == (1, 1)
    assert expr.items[1].range.start_column == 5
    bad, diags = parse_expression("[1,")
    assert bad is None and diags.has_errors


def test_parse_expression_rejects_text_after_the_expression() -> None:
    _, diags = parse_expression("1\nb = 2")
    assert diags.errors[0].summary == "Extra characters after expression"
    assert diags.errors[0].range is not None and diags.errors[0].range.start_line == 2


def test_a_syntax_error_inside_a_heredoc_interpolation_points_into_the_heredoc() -> None:
    _, diags = parse_source("a = 1\nb = <<EOT\n  x ${1 +}\nEOT\n", "main.hcl")
    assert diags.errors[0].summary == "Invalid syntax"
    assert diags.errors[0].range is not None and diags.errors[0].range.start_line == 3


def test_parse_file_reuses_the_in_process_cache(tmp_path: Path) -> None:
    hclparse.clear_memory_cache()
    path = tmp_path / "main.hcl"
    path.write_text("a = 1\n")
    first, _ = parse_file(path, "main.hcl")
    second, _ = parse_file(path, "main.hcl")
    assert first is second and first is not None and first.source == "a = 1\n"


# hclfast gives up on template directives: only such files are kept on disk.
SLOW = 'model "m" {\n  a = "%{ if true }x%{ endif }"\n}\n'


def test_parse_file_reads_and_writes_the_disk_cache(tmp_path: Path) -> None:
    hclparse.clear_memory_cache()
    cache = tmp_path / "cache"
    path = tmp_path / "main.hcl"
    path.write_text(SLOW)
    first, _ = parse_file(path, "main.hcl", cache)
    (entry,) = list(cache.glob("*.json"))
    hclparse.clear_memory_cache()
    second, _ = parse_file(path, "main.hcl", cache)
    assert second == first and second is not first


def test_a_file_the_fast_parser_reads_is_not_kept_on_disk(tmp_path: Path) -> None:
    hclparse.clear_memory_cache()
    cache = tmp_path / "cache"
    path = tmp_path / "main.hcl"
    path.write_text('model "m" { a = 1 }\n')
    assert parse_file(path, "main.hcl", cache)[0] is not None
    # Only the marker that the text is within the limits (see test_limits_marker.py).
    assert [p.suffix for p in cache.iterdir()] == [".limits"]


def test_a_corrupt_cache_file_is_ignored_and_rewritten(tmp_path: Path) -> None:
    hclparse.clear_memory_cache()
    cache = tmp_path / "cache"
    path = tmp_path / "main.hcl"
    path.write_text(SLOW)
    expected, _ = parse_file(path, "main.hcl", cache)
    (entry,) = list(cache.glob("*.json"))
    entry.write_bytes(b"not json")
    hclparse.clear_memory_cache()
    f, diags = parse_file(path, "main.hcl", cache)
    assert not diags and f == expected
    assert entry.read_bytes() != b"not json"


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "main.hcl"
    path.write_text("a = 1\n")
    parse_file(path, "main.hcl")
    path.write_text("a = 5\n")
    f, _ = parse_file(path, "main.hcl")
    assert f is not None and isinstance(f.body.attributes["a"].expr, Literal)
    assert f.body.attributes["a"].expr.value == 5
