"""Evaluation of expressions: operators, references, templates, marks and the errors."""

from __future__ import annotations

from typing import Any

import pytest

from mlinfra.config.expressions import Reference, Scope, evaluate, references
from mlinfra.config.hclparse import parse_expression
from mlinfra.diagnostics import Diagnostic, DiagnosticsError
from mlinfra.values import UNKNOWN, Sensitive


def ev(text: str, scope: Scope | None = None) -> Any:
    expr, diags = parse_expression(text)
    assert not diags.has_errors, [d.detail for d in diags]
    assert expr is not None
    return evaluate(expr, scope or Scope())


def failure(text: str, scope: Scope | None = None) -> Diagnostic:
    with pytest.raises(DiagnosticsError) as info:
        ev(text, scope)
    return info.value.diagnostics.items[0]


def refs(text: str) -> list[tuple[str | int, ...]]:
    expr, _ = parse_expression(text)
    assert expr is not None
    return [r.parts for r in references(expr)]


SCOPE = Scope(
    variables={"name": "iris", "n": 3, "tags": {"team": "ml"}, "l": [{"id": "a"}, {"id": "b"}]},
    locals={"prefix": "ml"},
    resources={
        "model": {"m": [{"id": "m0"}, {"id": "m1"}], "one": {"id": "x", "uri": "s3://b/k"}},
        "dataset": {"iris": {"uri": UNKNOWN, "digest": "abc"}},
    },
    modules={"net": {"vpc_id": "vpc-1"}},
    workspace="staging",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("7 - 10", -3),
        ("6 / 3", 2),
        ("7 / 2", 3.5),
        ("7 % 3", 1),
        ("-7 % 3", -1),
        ("1.5 + 1", 2.5),
        ("-var.n", -3),
        ("!true", False),
        ("1 == 1.0", True),
        ('"a" != "b"', True),
        ("[1, 2] == [1, 2]", True),
        ("3 > 2 && 2 >= 2", True),
        ("1 < 0 || 1 <= 0", False),
        ("true ? 1 : 2", 1),
        ("false ? 1 : 2", 2),
        ("null", None),
    ],
)
def test_operators_compute_as_hcl_does(text: str, expected: Any) -> None:
    result = ev(text, SCOPE)
    assert result == expected
    assert type(result) is type(expected)


def test_adding_a_string_to_a_number_is_an_invalid_operand() -> None:
    diag = failure('"a" + 1')
    assert diag.summary == "Invalid operand"
    assert "number is required" in diag.detail
    assert diag.range is not None and diag.range.start_column == 1


def test_a_conditional_needs_a_bool_condition() -> None:
    assert failure('"yes" ? 1 : 2').summary == "Incorrect condition type"


def test_division_by_zero_is_a_diagnostic() -> None:
    assert failure("1 / 0").summary == "Division by zero"


def test_references_resolve_variables_locals_resources_modules_and_workspace() -> None:
    assert ev("var.name", SCOPE) == "iris"
    assert ev("var.tags.team", SCOPE) == "ml"
    assert ev('var.tags["team"]', SCOPE) == "ml"
    assert ev("local.prefix", SCOPE) == "ml"
    assert ev("model.m[1].id", SCOPE) == "m1"
    assert ev("length(model.m)", SCOPE) == 2
    assert ev("model.one", SCOPE) == {"id": "x", "uri": "s3://b/k"}
    assert ev("module.net.vpc_id", SCOPE) == "vpc-1"
    assert ev("mlinfra.workspace", SCOPE) == "staging"


def test_splat_applies_the_following_steps_to_every_element() -> None:
    assert ev("var.l[*].id", SCOPE) == ["a", "b"]
    assert ev("var.l.*.id", SCOPE) == ["a", "b"]
    assert ev("model.m[*].id", SCOPE) == ["m0", "m1"]
    assert ev("null[*]", SCOPE) == []


def test_templates_render_numbers_and_bools_the_hcl_way() -> None:
    assert ev('"${var.name}-${var.n}-${true}-${1.0}-${2.5}"', SCOPE) == "iris-3-true-1-2.5"
    assert ev('"$${literal}"', SCOPE) == "${literal}"


def test_a_template_of_one_interpolation_keeps_the_value_type() -> None:
    assert ev('"${var.n}"', SCOPE) == 3
    assert ev('"${var.tags}"', SCOPE) == {"team": "ml"}


def test_a_template_cannot_include_a_list() -> None:
    assert failure('"x${var.l}"', SCOPE).summary == "Invalid template interpolation value"


def test_heredocs_interpolate_and_trim_indentation() -> None:
    text = "<<-EOT\n    name: ${var.name}\n      indented\n    EOT\n"
    assert ev(text, SCOPE) == "name: iris\n  indented\n"
    assert ev("<<EOT\n  raw ${var.n}\nEOT\n", SCOPE) == "  raw 3\n"


def test_template_directives_branch_and_loop() -> None:
    scope = Scope(variables={"on": True, "l": ["a", "b"], "m": {"x": 1, "y": 2}})
    assert ev('"%{if var.on}yes%{else}no%{endif}"', scope) == "yes"
    assert ev('"%{ if !var.on }yes%{ endif }"', scope) == ""
    assert ev('"%{for x in var.l}[${x}]%{endfor}"', scope) == "[a][b]"
    assert ev('"%{for k, v in var.m}${k}=${v};%{endfor}"', scope) == "x=1;y=2;"


def test_directive_strip_markers_remove_adjacent_whitespace_in_heredocs() -> None:
    scope = Scope(variables={"l": ["a", "b"], "on": True})
    assert ev("<<EOT\n%{ for x in var.l ~}\n- ${x}\n%{ endfor ~}\nEOT\n", scope) == "- a\n- b\n"
    text = "<<-EOT\n  %{~ if var.on ~}\n  on\n  %{~ endif ~}\n  EOT\n"
    assert ev(text, scope) == "on"


def test_for_expressions_build_lists_and_objects_with_filters() -> None:
    assert ev("[for x in [1, 2, 3] : x * 2 if x != 2]") == [2, 6]
    assert ev("[for i, x in ['a', 'b'] : i]".replace("'", '"')) == [0, 1]
    assert ev("{for k, v in {a = 1, b = 2} : upper(k) => v + 1}") == {"A": 2, "B": 3}
    assert ev('{for x in ["a", "b", "a"] : x => x...}') == {"a": ["a", "a"], "b": ["b"]}


def test_a_for_object_with_duplicate_keys_needs_grouping() -> None:
    assert failure('{for x in ["a", "a"] : x => 1}').summary == "Duplicate object key"


def test_object_keys_may_be_bare_words_strings_or_parenthesised_expressions() -> None:
    assert ev('{a = 1, "b" = 2, (var.name) = 3}', SCOPE) == {"a": 1, "b": 2, "iris": 3}


def test_unknown_propagates_through_operators_functions_and_templates() -> None:
    assert ev("dataset.iris.uri", SCOPE) is UNKNOWN
    assert ev("dataset.iris.uri == 1", SCOPE) is UNKNOWN
    assert ev("upper(dataset.iris.uri)", SCOPE) is UNKNOWN
    assert ev('"at ${dataset.iris.uri}"', SCOPE) is UNKNOWN
    assert ev("dataset.iris.uri.anything", SCOPE) is UNKNOWN
    assert ev("dataset.iris.uri ? 1 : 2", SCOPE) is UNKNOWN


def test_a_known_collection_with_unknown_elements_can_still_be_indexed() -> None:
    assert ev("dataset.iris.digest", SCOPE) == "abc"
    assert ev("[dataset.iris.uri, 2][1]", SCOPE) == 2
    assert ev("true ? 1 : dataset.iris.uri", SCOPE) == 1


def test_sensitive_values_stay_marked_through_computation() -> None:
    scope = Scope(variables={"pw": Sensitive("hunter2"), "m": {"k": Sensitive("v"), "o": "x"}})
    result = ev('"pw=${var.pw}"', scope)
    assert isinstance(result, Sensitive) and result.value == "pw=hunter2"
    assert isinstance(ev("upper(var.pw)", scope), Sensitive)
    assert isinstance(ev("var.pw == 1", scope), Sensitive)
    listed = ev("[var.pw, 1]", scope)
    assert isinstance(listed[0], Sensitive) and listed[1] == 1
    assert ev("var.m.o", scope) == "x"
    assert isinstance(ev("var.m.k", scope), Sensitive)


def test_undeclared_variable_reference_suggests_the_closest_name() -> None:
    diag = failure("var.nme", SCOPE)
    assert diag.summary == "Reference to undeclared input variable"
    assert 'An input variable with the name "nme" has not been declared.' in diag.detail
    assert 'variable "nme" {}' in diag.detail
    assert 'Did you mean "name"?' in diag.detail
    assert diag.range is not None and (diag.range.start_column, diag.range.end_column) == (1, 8)


def test_undeclared_local_and_resource_references_suggest_names() -> None:
    diag = failure("local.prefx", SCOPE)
    assert diag.summary == "Reference to undeclared local value"
    assert 'Did you mean "prefix"?' in diag.detail
    diag = failure("model.onee.id", SCOPE)
    assert diag.summary == "Reference to undeclared resource"
    assert 'A model resource "onee" has not been declared.' in diag.detail
    assert 'Did you mean "one"?' in diag.detail


def test_a_declared_resource_without_a_value_yet_is_unknown() -> None:
    scope = Scope(declared_resources={"model": ["later"]})
    assert ev("model.later.id", scope) is UNKNOWN


def test_missing_attribute_of_a_known_object_suggests_the_closest() -> None:
    diag = failure("model.one.urii", SCOPE)
    assert diag.summary == "Unsupported attribute"
    assert 'This object does not have an attribute named "urii".' in diag.detail
    assert 'Did you mean "uri"?' in diag.detail


def test_missing_map_key_and_out_of_range_index_are_invalid_indexes() -> None:
    diag = failure('var.tags["teem"]', SCOPE)
    assert diag.summary == "Invalid index"
    assert 'Did you mean "team"?' in diag.detail
    diag = failure("model.m[5]", SCOPE)
    assert diag.summary == "Invalid index"
    assert "out of range" in diag.detail


def test_each_and_count_outside_their_blocks_are_errors() -> None:
    assert failure("each.value").summary == 'Reference to "each" in context without for_each'
    assert failure("count.index").summary == 'Reference to "count" in non-counted context'
    scope = Scope(each=("eu", {"region": "eu-west-1"}), count_index=2)
    assert ev("each.key", scope) == "eu"
    assert ev("each.value.region", scope) == "eu-west-1"
    assert ev("count.index + 1", scope) == 3


def test_an_unknown_root_name_is_an_invalid_reference_that_suggests_quotes() -> None:
    for text in ("foo.bar", "foo"):
        diag = failure(text)
        assert diag.summary == "Invalid reference"
        assert "KIND.NAME" in diag.detail
        assert 'add quotes: "foo"' in diag.detail


def test_every_error_in_a_collection_is_reported_at_once() -> None:
    with pytest.raises(DiagnosticsError) as info:
        ev('[var.nope, { a = local.nada }, "${foo}"]', SCOPE)
    summaries = [d.summary for d in info.value.diagnostics]
    assert summaries == [
        "Reference to undeclared input variable",
        "Reference to undeclared local value",
        "Invalid reference",
    ]


def test_the_mlinfra_object_only_has_a_workspace() -> None:
    diag = failure("mlinfra.workspce")
    assert diag.summary == "Unsupported attribute"
    assert 'Did you mean "workspace"?' in diag.detail


def test_calling_an_unknown_function_suggests_the_closest() -> None:
    diag = failure('lowr("A")')
    assert diag.summary == "Call to unknown function"
    assert 'Did you mean "lower"?' in diag.detail


def test_expanding_the_final_argument_spreads_a_list() -> None:
    assert ev("max([1, 5, 2]...)") == 5
    assert ev("concat([1], [[2], [3]]...)") == [1, 2, 3]


def test_lazy_locals_are_read_through_the_mapping_interface() -> None:
    class Lazy(dict[str, Any]):
        def __getitem__(self, key: str) -> Any:
            return key.upper()

        def __contains__(self, key: object) -> bool:
            return key == "computed"

    assert ev("local.computed", Scope(locals=Lazy())) == "COMPUTED"


def test_references_list_static_prefixes_in_source_order() -> None:
    assert refs('"${var.a}-${model.m[0].id}"') == [("var", "a"), ("model", "m", 0, "id")]
    assert refs("model.m[var.i].id") == [("model", "m"), ("var", "i")]
    assert refs('lookup(local.y, "k", each.value)') == [("local", "y"), ("each", "value")]
    assert refs("[for x in var.xs : x.id if x.on]") == [("var", "xs")]
    assert refs("{for k, v in var.m : k => v + count.index}") == [("var", "m"), ("count", "index")]
    assert refs('model.m["a"].id') == [("model", "m", "a", "id")]
    assert refs("var.l[*].id") == [("var", "l")]


def test_reference_ranges_point_at_the_traversal() -> None:
    expr, _ = parse_expression("1 + var.abc")
    assert expr is not None
    (ref,) = references(expr)
    assert isinstance(ref, Reference)
    assert (ref.range.start_column, ref.range.end_column) == (5, 12)
