"""The human plan text: Terraform's layout, symbols, masks and summary lines."""

from __future__ import annotations

from typing import Any

from mlinfra.cli.views.plan_text import render_apply_summary, render_outputs, render_plan
from mlinfra.plans.model import Action, Mode, OutputChange, Plan, ResourceChange
from mlinfra.values import UNKNOWN, Sensitive

SECRET = "hunter2-do-not-print"


def change(address: str, action: Action, before: Any, after: Any, **kw: Any) -> ResourceChange:
    kind, name = address.split(".", 1)
    return ResourceChange(address, kind, name, None, "local", action, before, after, **kw)


def plan(*changes: ResourceChange, mode: Mode = Mode.NORMAL, **kw: Any) -> Plan:
    return Plan(mode, list(changes), "lineage-1", 4, **kw)


def lines_of(text: str) -> list[str]:
    return text.splitlines()


ENDPOINT_BEFORE = {
    "id": "ep-1",
    "url": "http://127.0.0.1:8080",
    "variant": {
        "blue": {"model": "m-1", "weight": 90, "instance_count": 1},
        "green": {"model": "m-2", "weight": 10, "instance_count": 1},
    },
    "tags": {"team": "ml", "env": "dev"},
    "autoscaling": {"min": 1, "max": 2},
}
ENDPOINT_AFTER = {
    "id": "ep-1",
    "url": "http://127.0.0.1:8080",
    "variant": {"blue": {"model": "m-1", "weight": 100, "instance_count": 1}},
    "tags": {"team": "ml", "env": "prod"},
    "autoscaling": {"min": 1, "max": 2},
}


def test_a_small_create_renders_exactly_like_terraform() -> None:
    p = plan(
        change(
            "dataset.iris",
            Action.CREATE,
            None,
            {"source": "sklearn:iris", "id": UNKNOWN, "format": None},
        ),
        output_changes=[OutputChange("dataset_uri", Action.CREATE, None, UNKNOWN)],
    )
    assert render_plan(p) == "\n".join(
        [
            "mlinfra will perform the following actions:",
            "",
            "  # dataset.iris will be created",
            '  + dataset "iris" {',
            "      + id     = (known after apply)",
            '      + source = "sklearn:iris"',
            "    }",
            "",
            "Plan: 1 to add, 0 to change, 0 to destroy.",
            "",
            "Changes to Outputs:",
            "  + dataset_uri = (known after apply)",
        ]
    )


def test_an_update_shows_only_what_changes_inside_nested_blocks() -> None:
    text = render_plan(
        plan(change("endpoint.iris", Action.UPDATE, ENDPOINT_BEFORE, ENDPOINT_AFTER))
    )
    assert text.startswith("mlinfra will perform the following actions:\n")
    lines = lines_of(text)
    start = lines.index("  # endpoint.iris will be updated in-place")
    assert lines[start + 1 : start + 24] == [
        '  ~ endpoint "iris" {',
        '        id   = "ep-1"',
        "      ~ tags = {",
        '          ~ "env" = "dev" -> "prod"',
        "            # (1 unchanged element hidden)",
        "        }",
        "        # (1 unchanged attribute hidden)",
        "",
        '      ~ variant "blue" {',
        "          ~ weight = 90 -> 100",
        "            # (2 unchanged attributes hidden)",
        "        }",
        "",
        '      - variant "green" {',
        "          - instance_count = 1 -> null",
        '          - model          = "m-2" -> null',
        "          - weight         = 10 -> null",
        "        }",
        "",
        "        # (1 unchanged block hidden)",
        "    }",
        "",
        "Plan: 0 to add, 1 to change, 0 to destroy.",
    ]


def test_a_replacement_names_the_argument_that_forces_it_and_the_reason() -> None:
    c = change(
        "model.clf",
        Action.DELETE_THEN_CREATE,
        {"id": "m-1", "artifact": "file://a.joblib", "version": 1},
        {"id": UNKNOWN, "artifact": "file://b.joblib", "version": UNKNOWN},
        replace_paths=[("artifact",)],
        reason="artifact content changed",
    )
    lines = lines_of(render_plan(plan(c)))
    i = lines.index("  # model.clf must be replaced")
    assert lines[i + 1 : i + 7] == [
        "  # (artifact content changed)",
        '-/+ model "clf" {',
        '      ~ artifact = "file://a.joblib" -> "file://b.joblib" # forces replacement',
        '      ~ id       = "m-1" -> (known after apply)',
        "      ~ version  = 1 -> (known after apply)",
        "    }",
    ]
    assert lines[-1] == "Plan: 1 to add, 0 to change, 1 to destroy."


def test_create_before_destroy_replacement_uses_plus_minus_and_says_so() -> None:
    c = change(
        "pipeline.train",
        Action.CREATE_THEN_DELETE,
        {"id": "p", "step": {"fit": {"params": {"C": 1.0}}}},
        {"id": "p", "step": {"fit": {"params": {"C": 2.0}}}},
        replace_paths=[("step", "fit", "params", "C")],
    )
    text = render_plan(plan(c))
    assert "  # pipeline.train must be replaced (create_before_destroy)" in text
    assert '+/- pipeline "train" {' in text
    assert '      ~ step "fit" {' in text
    assert '              ~ "C" = 1.0 -> 2.0 # forces replacement' in text


def test_a_delete_lists_every_attribute_going_to_null() -> None:
    c = change("model.old", Action.DELETE, {"id": "o", "tags": {"a": "b"}, "command": ["x"]}, None)
    lines = lines_of(render_plan(plan(c)))
    i = lines.index("  # model.old will be destroyed")
    assert lines[i + 1 : i + 11] == [
        '  - model "old" {',
        "      - command = [",
        '          - "x",',
        "        ] -> null",
        '      - id      = "o" -> null',
        "      - tags    = {",
        '          - "a" = "b" -> null',
        "        } -> null",
        "    }",
        "",
    ]
    assert lines[-1] == "Plan: 0 to add, 0 to change, 1 to destroy."


def test_a_deposed_object_is_destroyed_under_its_own_header() -> None:
    c = change("model.clf", Action.DELETE, {"id": "m-0"}, None, deposed="abc123")
    text = render_plan(plan(c))
    assert "  # model.clf (deposed object abc123) will be destroyed" in text
    assert '  - model "clf" {\n      - id = "m-0" -> null\n    }' in text


def test_no_op_resources_are_left_out_and_the_rest_come_in_address_order() -> None:
    p = plan(
        change("model.b", Action.CREATE, None, {"id": UNKNOWN}),
        change("endpoint.z", Action.NOOP, {"id": "z"}, {"id": "z"}),
        change("dataset.a", Action.CREATE, None, {"id": UNKNOWN}),
        change("model.a", Action.CREATE, None, {"id": UNKNOWN}),
    )
    headers = [line for line in lines_of(render_plan(p)) if line.startswith("  # ")]
    assert headers == [
        "  # dataset.a will be created",
        "  # model.a will be created",
        "  # model.b will be created",
    ]


def test_values_are_written_like_hcl() -> None:
    after = {"s": 'say "hi"\n', "n": 1.5, "t": True, "f": False, "l": [1, "a"], "z": 0}
    before = {"s": "x", "n": 1, "t": False, "f": True, "l": [1, "b"], "z": None}
    text = render_plan(plan(change("dataset.d", Action.UPDATE, before, after)))
    assert '      ~ s = "x" -> "say \\"hi\\"\\n"' in text
    assert "      ~ n = 1 -> 1.5" in text
    assert "      ~ t = false -> true" in text
    assert "      + z = 0" in text
    assert '          - "b",\n          + "a",\n            # (1 unchanged element hidden)' in text


def test_sensitive_values_never_appear_in_any_rendering() -> None:
    p = plan(
        change("dataset.a", Action.CREATE, None, {"password": Sensitive(SECRET), "id": UNKNOWN}),
        change(
            "dataset.b",
            Action.UPDATE,
            {"creds": {"key": SECRET + "-old"}, "n": 1},
            {"creds": {"key": SECRET}, "n": 2},
            after_sensitive=[("creds", "key")],
        ),
        change("dataset.c", Action.DELETE, {"token": SECRET}, None, before_sensitive=[("token",)]),
        output_changes=[OutputChange("token", Action.UPDATE, SECRET + "x", SECRET, sensitive=True)],
    )
    for color in (False, True):
        text = render_plan(p, color=color)
        assert SECRET not in text
    text = render_plan(p)
    assert "      + password = (sensitive value)" in text
    assert '          ~ "key" = (sensitive value)' in text
    assert "      - token = (sensitive value) -> null" in text
    assert "  ~ token = (sensitive value)" in text


def test_drift_is_shown_before_the_changes() -> None:
    p = plan(
        change("endpoint.iris", Action.UPDATE, {"status": "ok"}, {"status": "stopped"}),
        drift=[
            change("model.gone", Action.DELETE, {"id": "g"}, None),
            change("endpoint.iris", Action.UPDATE, {"status": "ok"}, {"status": "failed"}),
        ],
    )
    text = render_plan(p)
    assert text.startswith("Note: Objects have changed outside of mlinfra\n")
    assert text.index("  # model.gone has been deleted") < text.index(
        "mlinfra will perform the following actions:"
    )
    assert (
        '  # endpoint.iris has changed\n  ~ endpoint "iris" {\n      ~ status = "ok" -> "failed"'
        in text
    )
    assert "Unless you have made equivalent changes to your configuration" in text


def test_a_refresh_only_plan_with_drift_offers_to_record_it() -> None:
    p = plan(mode=Mode.REFRESH_ONLY, drift=[change("model.gone", Action.DELETE, {"id": "g"}, None)])
    text = render_plan(p)
    assert "  # model.gone has been deleted" in text
    assert (
        "This is a refresh-only plan, so mlinfra will not take any actions to undo these." in text
    )
    assert "Plan:" not in text


def test_an_empty_plan_says_there_are_no_changes() -> None:
    assert render_plan(plan()).startswith(
        "No changes. Your infrastructure matches the configuration."
    )
    assert render_plan(plan(mode=Mode.DESTROY)).startswith(
        "No changes. No objects need to be destroyed."
    )
    assert render_plan(plan(mode=Mode.REFRESH_ONLY)).startswith(
        "No changes. Your infrastructure still matches the configuration."
    )


def test_a_destroy_plan_counts_every_deletion() -> None:
    p = plan(
        change("model.a", Action.DELETE, {"id": "a"}, None),
        change("endpoint.b", Action.DELETE, {"id": "b"}, None),
        mode=Mode.DESTROY,
    )
    assert render_plan(p).endswith("Plan: 0 to add, 0 to change, 2 to destroy.")


def test_output_only_changes_say_they_change_no_infrastructure() -> None:
    p = plan(
        output_changes=[
            OutputChange("n", Action.UPDATE, 1, 2),
            OutputChange("old", Action.DELETE, "x", None),
        ]
    )
    text = render_plan(p)
    assert 'Changes to Outputs:\n  ~ n   = 1 -> 2\n  - old = "x" -> null' in text
    assert "without changing any real infrastructure" in text


def test_colour_codes_appear_only_when_asked_for() -> None:
    p = plan(change("model.a", Action.CREATE, None, {"id": UNKNOWN}))
    assert "\x1b[" not in render_plan(p)
    coloured = render_plan(p, color=True)
    assert "\x1b[32m+\x1b[0m" in coloured


def test_apply_summary_and_outputs_read_like_terraform() -> None:
    assert (
        render_apply_summary(2, 1, 0)
        == "Apply complete! Resources: 2 added, 1 changed, 0 destroyed."
    )
    assert (
        render_apply_summary(0, 0, 3, mode=Mode.DESTROY)
        == "Destroy complete! Resources: 3 destroyed."
    )
    text = render_outputs(
        {"url": ("http://127.0.0.1:8080", False), "key": (SECRET, True), "n": ([1], False)}
    )
    assert (
        text == 'Outputs:\n\nkey = (sensitive value)\nn = [\n  1,\n]\nurl = "http://127.0.0.1:8080"'
    )
    assert render_outputs({}) == ""


def test_an_import_is_announced_and_counted() -> None:
    c = change(
        "model.m",
        Action.NOOP,
        {"id": "m-9", "artifact": "x"},
        {"id": "m-9", "artifact": "x"},
        importing="m-9",
    )
    text = render_plan(plan(c))
    assert "  # model.m will be imported" in text
    assert '  # (imported from "m-9")' in text
    assert text.endswith("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.")


def test_nested_sensitive_output_values_stay_hidden() -> None:
    text = render_outputs({"creds": ({"user": "u", "key": Sensitive(SECRET)}, False)})
    assert SECRET not in text
    assert '  key = (sensitive value)\n  user = "u"' in text
