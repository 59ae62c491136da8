"""Canonical formatting: layout rules, idempotence, and that meaning never changes."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest

from mlinfra.config.fmt import format_source, tokenize
from mlinfra.config.hclparse import parse_source
from mlinfra.diagnostics import DiagnosticsError, SourceRange

TESTDATA = Path(__file__).parent / "testdata"
# examples/quickstart is the example of the language documentation, verbatim.
LANGUAGE_EXAMPLE = Path(__file__).parents[2] / "examples" / "quickstart" / "main.hcl"

MESSY = """\


# settings
mlinfra {
backend "local" {   path="state.json"  }
}
dataset "iris"   {
provider=local
      source = "sklearn:iris"    # where the data comes from
  target_column_name =   "species"



  tags = {
  team = "ml"
      cost_center = "research"
  }
  // a comment line breaks alignment
  format = "csv"
  notes = <<-EOT
      keep   this   exactly
        and this
    EOT
  inputs = merge({
  a = 1
  }, var.extra)
  list = [1,2 ,3]
  step "fit" {
  estimator="x"
  params = { C = var.C, max_iter = 500 }
  }
}
"""

EXPECTED = """\
# settings
mlinfra {
  backend "local" { path = "state.json" }
}
dataset "iris" {
  provider           = local
  source             = "sklearn:iris" # where the data comes from
  target_column_name = "species"

  tags = {
    team        = "ml"
    cost_center = "research"
  }
  // a comment line breaks alignment
  format = "csv"
  notes = <<-EOT
      keep   this   exactly
        and this
    EOT
  inputs = merge({
    a = 1
  }, var.extra)
  list = [1, 2, 3]
  step "fit" {
    estimator = "x"
    params    = { C = var.C, max_iter = 500 }
  }
}
"""


def strip_ranges(node: Any) -> Any:
    """A comparable form of a syntax tree with every source range and the text removed."""
    if isinstance(node, SourceRange):
        return None
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return (type(node).__name__,) + tuple(
            strip_ranges(getattr(node, f.name))
            for f in dataclasses.fields(node)
            if f.name != "source"
        )
    if isinstance(node, dict):
        return {k: strip_ranges(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return tuple(strip_ranges(v) for v in node)
    return node


def tree(text: str) -> Any:
    f, diags = parse_source(text, "main.hcl")
    assert f is not None and not diags.has_errors
    return strip_ranges(f.body)


def test_messy_input_gets_the_canonical_layout() -> None:
    assert format_source(MESSY) == EXPECTED


def test_formatting_is_idempotent() -> None:
    once = format_source(MESSY)
    assert format_source(once) == once


def test_formatting_never_changes_meaning() -> None:
    assert tree(format_source(MESSY)) == tree(MESSY)


def test_the_language_example_is_already_canonical() -> None:
    text = (LANGUAGE_EXAMPLE).read_text()
    assert format_source(text) == text


def test_heredoc_bodies_and_string_contents_are_untouched() -> None:
    text = 'a   =   "  spaced   ${ var.x }  "\nb = <<EOT\n   x  =   1   \nEOT\n'
    out = format_source(text)
    assert '"  spaced   ${ var.x }  "' in out
    assert "\n   x  =   1   \nEOT\n" in out
    assert tree(out) == tree(text)


def test_trailing_whitespace_and_extra_blank_lines_are_removed() -> None:
    out = format_source("a = 1   \n\n\n\nb = 2\t\n\n\n")
    assert out == "a = 1\n\nb = 2\n"


def test_a_file_ends_with_exactly_one_newline() -> None:
    assert format_source("a = 1") == "a = 1\n"
    assert format_source("") == ""


def test_a_blank_line_or_block_breaks_an_alignment_group() -> None:
    out = format_source("a = 1\nbbbb = 2\n\ncc = 3\nx {}\nddddd = 4\ne = 5\n")
    assert out == "a    = 1\nbbbb = 2\n\ncc = 3\nx {}\nddddd = 4\ne     = 5\n"


def test_operators_braces_and_commas_get_single_spaces() -> None:
    text = "a={b=1+2*-3,c=!true}\nd=x?1:-2\ne={for k,v in m:k=>v if v>0}\nf=max(l...)\ng=f({a=1})\n"
    assert format_source(text) == (
        "a = { b = 1 + 2 * -3, c = !true }\n"
        "d = x ? 1 : -2\n"
        "e = { for k, v in m : k => v if v > 0 }\n"
        "f = max(l...)\n"
        "g = f({ a = 1 })\n"
    )
    assert tree(format_source(text)) == tree(text)


def test_the_colon_of_an_object_element_keeps_its_place() -> None:
    assert format_source('o = {"a": 1, "b":2}\n') == 'o = { "a": 1, "b": 2 }\n'


def test_multi_line_lists_are_reindented() -> None:
    text = "x {\nl = [\n1,\n      2,\n]\n}\n"
    assert format_source(text) == "x {\n  l = [\n    1,\n    2,\n  ]\n}\n"


def test_block_comments_and_hash_comments_are_preserved() -> None:
    text = "/* header\n   kept as is */\na = 1 # trailing\n# own line\nb = 2\n"
    out = format_source(text)
    assert "/* header\n   kept as is */" in out
    assert "a = 1 # trailing\n# own line\nb = 2\n" in out


def test_windows_line_endings_become_newlines_without_changing_meaning() -> None:
    text = 'a=1\r\nb = <<EOT\r\n  x\r\nEOT\r\nc = "y"\r\n'
    out = format_source(text)
    assert out.startswith("a = 1\nb = <<EOT\r\n")
    assert out.endswith('c = "y"\n')
    assert tree(out) == tree(text)
    assert format_source(out) == out


def test_input_that_does_not_parse_raises_the_parse_diagnostics() -> None:
    with pytest.raises(DiagnosticsError) as info:
        format_source("a = {\n")
    assert info.value.diagnostics.items[0].summary == "Unclosed configuration block"


@pytest.mark.parametrize(
    "text",
    [
        "a = -1\nb = 1 - -2\nc = x-y\n",
        'a = "x" == "y" ? { for k, v in m : k => v... } : {}\n',
        "a = f(\n  1,\n  2,\n)\n",
        'a = { "k" = 1, (var.z) = 2 }\n',
        "a = var.l[*].id\nb = var.l.*.id\nc = x[0].y\n",
        "a = 1e-5\nb = a-1\nc = (1)-1\nd = [1]-[2][0]\n",
        'a = <<EOT\n  ${x}\nEOT\nb = "%{ if x }y%{ endif }"\n',
    ],
)
def test_formatting_preserves_the_tree_of_tricky_expressions(text: str) -> None:
    out = format_source(text)
    assert tree(out) == tree(text)
    assert format_source(out) == out


def test_random_respacing_of_valid_input_formats_to_the_same_meaning() -> None:
    rnd = random.Random(7)
    sources = [MESSY, (LANGUAGE_EXAMPLE).read_text()]
    checked = 0
    for _ in range(80):
        pieces = []
        for tok in tokenize(rnd.choice(sources)):
            if tok.kind == "nl":
                pieces.append(" " * rnd.randint(0, 2) + "\n" + " " * rnd.randint(0, 6))
            else:
                pad = tok.space_before or rnd.random() < 0.3
                pieces.append(" " * rnd.randint(1, 3) * pad + tok.text)
        text = "".join(pieces)
        if parse_source(text, "main.hcl")[1].has_errors:
            continue  # a space inserted where HCL allows none, e.g. inside "1.5"
        out = format_source(text)
        assert tree(out) == tree(text)
        assert format_source(out) == out
        checked += 1
    assert checked > 20
