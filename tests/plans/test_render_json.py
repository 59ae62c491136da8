"""The plan and state JSON documents: Terraform's shape, unknown masks, no secrets."""

from __future__ import annotations

import json
from typing import Any

from mlinfra.cli.views.plan_json import plan_to_json, state_to_json
from mlinfra.plans.model import Action, Mode, OutputChange, Plan, ResourceChange
from mlinfra.states.model import Deposed, OutputState, ResourceState, State
from mlinfra.values import UNKNOWN, Sensitive

SECRET = "pa55word-that-must-not-leak"


def change(address: str, action: Action, before: Any, after: Any, **kw: Any) -> ResourceChange:
    kind, name = address.split(".", 1)
    name = name.split("[", 1)[0]
    return ResourceChange(
        address,
        kind,
        name,
        kw.pop("index", None),
        kw.pop("provider", "local"),
        action,
        before,
        after,
        **kw,
    )


def sample_state() -> State:
    return State(
        lineage="lin-1",
        serial=7,
        mlinfra_version="0.1.0",
        resources={
            "model.clf": ResourceState(
                "model.clf",
                "model",
                "local",
                "m-1",
                {"id": "m-1", "artifact": "file://a", "api_key": SECRET},
                sensitive_paths=[["api_key"]],
                dependencies=["dataset.iris"],
                deposed=[Deposed("dd01", "m-0", {"id": "m-0", "api_key": SECRET})],
            ),
            "dataset.iris": ResourceState("dataset.iris", "dataset", "local", "d-1", {"id": "d-1"}),
        },
        outputs={"url": OutputState("http://x"), "token": OutputState(SECRET, sensitive=True)},
    )


def sample_plan() -> Plan:
    return Plan(
        Mode.NORMAL,
        [
            change(
                "model.clf",
                Action.DELETE_THEN_CREATE,
                {"id": "m-1", "artifact": "file://a", "api_key": SECRET},
                {
                    "id": UNKNOWN,
                    "artifact": "file://b",
                    "api_key": SECRET,
                    "meta": {"v": UNKNOWN, "k": 1},
                },
                replace_paths=[("artifact",)],
                reason="artifact content changed",
                action_reason="replace_because_cannot_update",
                before_sensitive=[("api_key",)],
                after_sensitive=[("api_key",)],
            ),
            change("dataset.iris", Action.NOOP, {"id": "d-1"}, {"id": "d-1"}),
            change(
                "endpoint.e[0]",
                Action.CREATE,
                None,
                {"id": UNKNOWN, "secret": Sensitive(SECRET)},
                index=0,
                provider="aws.eu",
            ),
            change("module.m.model.x", Action.DELETE, {"id": "x"}, None),
            change("model.clf", Action.DELETE, {"id": "m-0"}, None, deposed="dd01"),
        ],
        "lin-1",
        7,
        variables={"region": "eu", "password": Sensitive(SECRET)},
        output_changes=[
            OutputChange("url", Action.CREATE, None, UNKNOWN),
            OutputChange("token", Action.UPDATE, SECRET + "old", SECRET, sensitive=True),
        ],
        drift=[
            change(
                "dataset.iris",
                Action.UPDATE,
                {"id": "d-1", "rows": 150},
                {"id": "d-1", "rows": 151},
            )
        ],
        prior_state=sample_state().to_json(),
    )


def by_address(doc: dict[str, Any], address: str, deposed: str | None = None) -> dict[str, Any]:
    return next(
        r
        for r in doc["resource_changes"]
        if r["address"] == address and r.get("deposed") == deposed
    )


def test_the_document_has_terraforms_top_level_fields() -> None:
    doc = plan_to_json(sample_plan(), "0.1.0")
    assert doc["format_version"] == "1.2"
    assert doc["mlinfra_version"] == "0.1.0"
    for key in (
        "variables",
        "resource_changes",
        "resource_drift",
        "output_changes",
        "prior_state",
        "configuration",
        "terraform_version",
        "complete",
        "relevant_attributes",
    ):
        assert key in doc
    # The plan's own time, so the same plan always renders the same document.
    plan = sample_plan()
    plan.timestamp = "2026-01-02T03:04:05Z"
    assert plan_to_json(plan, "0.1.0")["timestamp"] == "2026-01-02T03:04:05Z"


def test_each_change_has_actions_as_policy_tools_expect() -> None:
    doc = plan_to_json(sample_plan(), "0.1.0")
    assert [r["change"]["actions"] for r in doc["resource_changes"]] == [
        ["no-op"],
        ["create"],
        ["delete", "create"],
        ["delete"],
        ["delete"],
    ]
    clf = by_address(doc, "model.clf")
    assert clf["type"] == "model" and clf["name"] == "clf" and clf["mode"] == "managed"
    assert clf["provider_name"] == "local"
    assert clf["action_reason"] == "replace_because_cannot_update"
    assert clf["mlinfra_action_reason"] == "artifact content changed"
    assert clf["change"]["replace_paths"] == [["artifact"]]
    assert "index" not in clf
    assert "action_reason" not in by_address(doc, "dataset.iris")


def test_indexes_modules_and_deposed_objects_are_named() -> None:
    doc = plan_to_json(sample_plan(), "0.1.0")
    e = by_address(doc, "endpoint.e[0]")
    assert e["index"] == 0 and e["name"] == "e" and e["provider_name"] == "aws"
    assert by_address(doc, "module.m.model.x")["module_address"] == "module.m"
    assert by_address(doc, "model.clf", deposed="dd01")["change"]["actions"] == ["delete"]


def test_unknown_values_are_null_with_an_after_unknown_mask() -> None:
    clf = by_address(plan_to_json(sample_plan(), "0.1.0"), "model.clf")["change"]
    assert clf["after"]["id"] is None
    assert clf["after"]["meta"] == {"v": None, "k": 1}
    assert clf["after_unknown"] == {"id": True, "meta": {"v": True}}
    deleted = by_address(plan_to_json(sample_plan(), "0.1.0"), "module.m.model.x")["change"]
    assert (
        deleted["after"] is None
        and deleted["after_unknown"] == {}
        and deleted["after_sensitive"] is False
    )


def test_sensitive_values_are_null_and_marked_never_present() -> None:
    doc = plan_to_json(sample_plan(), "0.1.0")
    assert SECRET not in json.dumps(doc)
    clf = by_address(doc, "model.clf")["change"]
    assert clf["before"]["api_key"] is None and clf["after"]["api_key"] is None
    assert clf["before_sensitive"] == {"api_key": True}
    assert clf["after_sensitive"] == {"api_key": True}
    assert by_address(doc, "endpoint.e[0]")["change"]["after_sensitive"] == {"secret": True}
    assert doc["variables"] == {"password": {"sensitive": True}, "region": {"value": "eu"}}
    token = doc["output_changes"]["token"]
    assert token["before"] is None and token["after_sensitive"] is True


def test_output_changes_and_drift_have_the_change_shape() -> None:
    doc = plan_to_json(sample_plan(), "0.1.0")
    assert doc["output_changes"]["url"] == {
        "actions": ["create"],
        "before": None,
        "after_unknown": True,
        "before_sensitive": False,
        "after_sensitive": False,
    }
    [drift] = doc["resource_drift"]
    assert drift["change"]["before"]["rows"] == 150 and drift["change"]["after"]["rows"] == 151


def test_configuration_lists_each_resource_with_its_provider_key() -> None:
    config = plan_to_json(sample_plan(), "0.1.0")["configuration"]
    resources = config["root_module"]["resources"]
    assert {
        "address": "endpoint.e",
        "mode": "managed",
        "type": "endpoint",
        "name": "e",
        "provider_config_key": "aws.eu",
    } in resources
    assert sorted(config["provider_config"]) == ["aws.eu", "local"]


def test_the_document_is_deterministic() -> None:
    first, second = sample_plan(), sample_plan()
    first.timestamp = second.timestamp = "2026-01-02T03:04:05Z"
    a = json.dumps(plan_to_json(first, "0.1.0"))
    b = json.dumps(plan_to_json(second, "0.1.0"))
    assert a == b


def test_state_json_has_terraforms_values_shape_without_secrets() -> None:
    doc = state_to_json(sample_state())
    assert SECRET not in json.dumps(doc)
    assert doc["format_version"] == "1.0" and doc["mlinfra_version"] == "0.1.0"
    assert doc["values"]["outputs"] == {
        "token": {"sensitive": True, "type": "string"},
        "url": {"sensitive": False, "value": "http://x", "type": "string"},
    }
    resources = doc["values"]["root_module"]["resources"]
    assert [(r["address"], r.get("deposed_key")) for r in resources] == [
        ("dataset.iris", None),
        ("model.clf", None),
        ("model.clf", "dd01"),
    ]
    clf = resources[1]
    assert clf["type"] == "model" and clf["name"] == "clf" and clf["provider_name"] == "local"
    assert clf["values"] == {"id": "m-1", "artifact": "file://a", "api_key": None}
    assert clf["sensitive_values"] == {"api_key": True}
    assert clf["depends_on"] == ["dataset.iris"]


def test_the_prior_state_is_the_state_document() -> None:
    doc = plan_to_json(sample_plan(), "0.1.0")
    assert doc["prior_state"] == state_to_json(sample_state(), "0.1.0")


def test_an_import_and_applyability_are_reported() -> None:
    c = change("model.m", Action.NOOP, {"id": "m-9"}, {"id": "m-9"}, importing="m-9")
    doc = plan_to_json(Plan(Mode.NORMAL, [c], "l", 1), "0.1.0")
    assert doc["resource_changes"][0]["change"]["importing"] == {"id": "m-9"}
    assert doc["applyable"] is True
    assert plan_to_json(Plan(Mode.NORMAL, [], "l", 1), "0.1.0")["applyable"] is False
