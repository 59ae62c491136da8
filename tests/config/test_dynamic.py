"""dynamic blocks: nested blocks generated from lists, sets and maps, with iterator,
labels and nesting, read alike by both parsers and checked with located errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from mlinfra.config import bodies, hclparse
from mlinfra.config.dependencies import block_refs
from mlinfra.config.hclfast import parse_fast
from mlinfra.config.syntax import Block
from mlinfra.config.traversals import Scope
from mlinfra.diagnostics import Diagnostics
from mlinfra.values import UNKNOWN

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from clirun import cli, write  # noqa: E402
from test_hclfast import handled_and_equal  # noqa: E402

ENDPOINT = """
endpoint "e" {
  dynamic "variant" {
    for_each = var.weights
    content {
      model  = "m-${variant.key}"
      weight = variant.value
    }
  }
}
"""

NESTED = """
pipeline "p" {
  dynamic "step" {
    for_each = var.steps
    iterator = s
    labels   = ["fit_${s.key}"]
    content {
      estimator = s.value.estimator
      dynamic "tuning" {
        for_each = s.value.grid
        iterator = g
        content {
          name  = "${s.key}-${g.key}"
          value = g.value
        }
      }
    }
  }
}
"""


def evaluate(text: str, variables: dict[str, Any], fast: bool = True) -> tuple[dict[str, Any], Diagnostics]:
    if fast:
        parsed = parse_fast(text, "main.hcl")
        assert parsed is not None
    else:
        parsed, diags = hclparse._parse_with_lark(text, "main.hcl")
        assert parsed is not None and not diags.items
    blk: Block = parsed.body.blocks[0]
    diags = Diagnostics()
    value, _ = bodies.evaluate_body(blk.body, Scope(variables=variables), diags, "test")
    return value, diags


@pytest.mark.parametrize("fast", [True, False], ids=["fast parser", "python-hcl2"])
def test_a_dynamic_variant_over_a_map_makes_one_labelled_variant_per_key(fast: bool) -> None:
    value, diags = evaluate(ENDPOINT, {"weights": {"blue": 80, "green": 20}}, fast)
    assert not diags.items
    assert value == {"variant": {"blue": {"model": "m-blue", "weight": 80}, "green": {"model": "m-green", "weight": 20}}}


@pytest.mark.parametrize("fast", [True, False], ids=["fast parser", "python-hcl2"])
def test_nested_dynamics_with_iterators_and_labels_see_the_outer_element(fast: bool) -> None:
    steps = {"a": {"estimator": "x", "grid": {"C": 1}}, "b": {"estimator": "y", "grid": []}}
    value, diags = evaluate(NESTED, {"steps": steps}, fast)
    assert not diags.items, diags.items
    assert value == {"step": {"fit_a": {"estimator": "x", "tuning": {"name": "a-C", "value": 1}}, "fit_b": {"estimator": "y"}}}


def test_a_list_gives_its_index_as_key_and_an_unlabelled_block_once() -> None:
    text = 'endpoint "e" {\n  dynamic "autoscaling" {\n    for_each = var.on\n    content { max = autoscaling.value }\n  }\n}\n'
    value, diags = evaluate(text, {"on": [4]})
    assert not diags.items and value == {"autoscaling": {"max": 4}}
    value, diags = evaluate(text, {"on": []})
    assert not diags.items and value == {}


def test_an_unknown_for_each_makes_the_generated_blocks_unknown() -> None:
    value, diags = evaluate(ENDPOINT, {"weights": UNKNOWN})
    assert not diags.items and value == {"variant": UNKNOWN}


@pytest.mark.parametrize(
    ("body", "summary", "line"),
    [
        ('for_each = "blue"\ncontent { weight = 1 }', "Invalid dynamic for_each value", 3),
        ("for_each = null\ncontent { weight = 1 }", "Invalid dynamic for_each value", 3),
        ("content { weight = 1 }", "Missing required argument", 2),
        ("for_each = {}", "Missing content block", 2),
        ("for_each = {}\ncolour = 1\ncontent {}", "Unsupported argument", 4),
        ("for_each = {}\niterator = a.b\ncontent {}", "Invalid dynamic iterator name", 4),
        ("for_each = {}\ncontent {}\ncontent {}", "Duplicate content block", 5),
        ("for_each = [1]\nlabels = [null]\ncontent {}", "Invalid dynamic block label", 4),
        ("for_each = [1]\ncontent { weight = variant.nope }", "Unsupported attribute", 4),
    ],
)
def test_misused_dynamic_blocks_are_located_errors(body: str, summary: str, line: int) -> None:
    text = 'endpoint "e" {\n  dynamic "variant" {\n' + body + "\n  }\n}\n"
    _, diags = evaluate(text, {})
    assert [x.summary for x in diags.items] == [summary]
    assert diags.items[0].range is not None and diags.items[0].range.start_line == line


def test_both_parsers_read_dynamic_blocks_to_the_same_tree() -> None:
    assert handled_and_equal(ENDPOINT)
    assert handled_and_equal(NESTED)


def test_the_iterator_is_not_a_dependency_but_for_each_and_content_references_are(tmp_path: Path) -> None:
    from mlinfra.config.loader import load_sources

    text = NESTED.replace('"${s.key}-${g.key}"', "model.m.id").replace("var.steps", "dataset.d.steps")
    config, _ = load_sources(tmp_path, {"main.hcl": text + 'dataset "d" {}\nmodel "m" {}\n'})
    assert config is not None
    block = config.resources["pipeline.p"]
    assert {r.parts[0] for r in block_refs(block)} == {"dataset", "model"}
    assert block.dependencies == frozenset({"dataset.d", "model.m"})


LOCAL = """
mlinfra {
  backend "local" { path = "mlinfra.state.json" }
}

provider "local" {}

variable "weights" {
  type    = map(number)
  default = { blue = 80, green = 20 }
}

dataset "iris" {
  source = "sklearn:iris"
}

pipeline "train" {
  inputs = { train = dataset.iris.uri }
  dynamic "step" {
    for_each = ["fit"]
    iterator = s
    labels   = [s.value]
    content {
      estimator = "sklearn.linear_model.LogisticRegression"
      params    = { max_iter = 500 }
    }
  }
  metrics = ["accuracy"]
}

model "iris" {
  artifact  = pipeline.train.artifact
  framework = "sklearn"
}

endpoint "e" {
  dynamic "variant" {
    for_each = var.weights
    content {
      model  = model.iris.id
      weight = variant.value
    }
  }
}

output "variants" { value = keys(endpoint.e.variant) }
"""


def test_the_issue_example_validates_plans_and_applies_on_the_local_provider(tmp_path: Path, capsys) -> None:
    write(tmp_path, LOCAL)
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 0, r.err
    r = cli(capsys, tmp_path, "plan")
    assert r.code == 0, r.err
    assert 'variant' in r.out and "blue" in r.out and "green" in r.out
    r = cli(capsys, tmp_path, "apply", "--auto-approve")
    assert r.code == 0, r.err
    r = cli(capsys, tmp_path, "output", "--json", "variants")
    assert r.code == 0 and '"blue"' in r.out and '"green"' in r.out
    r = cli(capsys, tmp_path, "plan", "--detailed-exitcode")
    assert r.code == 0, r.out + r.err
    cli(capsys, tmp_path, "destroy", "--auto-approve")


def test_dynamic_over_a_number_is_a_located_error_at_validate_without_a_traceback(tmp_path: Path, capsys) -> None:
    write(tmp_path, LOCAL.replace("for_each = var.weights", "for_each = 3"))
    r = cli(capsys, tmp_path, "validate")
    assert r.code == 1
    assert "Invalid dynamic for_each value" in r.err and "Cannot use a number value in for_each" in r.err
    assert "on main.hcl line 38" in r.err and r.err.count("Error:") == 1, r.err
    assert "Traceback" not in r.err
