"""Each policy check over planned resources, without a configuration directory."""

from __future__ import annotations

from typing import Any

from mlinfra.diagnostics import Diagnostics, SourceRange
from mlinfra.plans.model import Action, Mode, Plan, ResourceChange
from mlinfra.policy import Policy, evaluate
from mlinfra.policy.loader import parse
from mlinfra.policy.rules import settings


def res(address: str, after: dict[str, Any] | None, provider: str = "aws", action: Action = Action.CREATE) -> ResourceChange:
    kind, name = address.split(".")
    return ResourceChange(address, kind, name, None, provider, action, None, after)


def policy(check: str, enforcement: str = "mandatory", **settings: Any) -> Policy:
    return Policy("p", check, enforcement, settings, SourceRange("policies/p.hcl", 1))


def messages(p: Policy, *changes: ResourceChange, workspace: str = "default") -> list[str]:
    plan = Plan(Mode.NORMAL, list(changes), "l", 1, workspace=workspace)
    return [f"{v.address}: {v.message}" for v in evaluate([p], plan)]


def test_pipelines_without_gates_or_without_a_named_gate_fail() -> None:
    p = policy("pipeline_gates", gates=["min_accuracy"])
    assert messages(
        p,
        res("pipeline.none", {"gates": {}}),
        res("pipeline.other", {"gates": {"min_f1": 0.8}}),
        res("pipeline.good", {"gates": {"min_accuracy": 0.9}}),
    ) == [
        "pipeline.none: has no quality gates (gates = { min_accuracy = ... })",
        "pipeline.other: lacks the gate min_accuracy",
    ]


def test_public_endpoints_are_found_in_arguments_and_provider_blocks() -> None:
    p = policy("no_public_endpoints")
    assert messages(
        p,
        res("endpoint.a", {"public": True}),
        res("endpoint.b", {"azure": {"public_network_access": "Enabled"}}, provider="azure"),
        res("endpoint.c", {"azure": {"public_network_access": "Disabled"}}, provider="azure"),
    ) == [
        "endpoint.a: is reachable from the public internet (public)",
        "endpoint.b: is reachable from the public internet (public_network_access)",
    ]


def test_gpu_instances_count_autoscaling_maxima_across_endpoints() -> None:
    gpu = {"variant": {"v": {"instance_type": "ml.g4dn.xlarge"}}, "autoscaling": {"min": 1, "max": 3}}
    cpu = {"variant": {"v": {"instance_type": "ml.m5.large", "instance_count": 9}}}
    assert messages(policy("max_gpu_instances", max=3), res("endpoint.a", gpu), res("endpoint.b", cpu)) == []
    [msg] = messages(policy("max_gpu_instances", max=2), res("endpoint.a", gpu), res("endpoint.b", cpu))
    assert msg.startswith("endpoint.a: the plan runs up to 3 GPU instances, more than 2")


def test_a_destroyed_resource_is_not_checked() -> None:
    p = policy("required_tags", tags=["team"])
    assert messages(p, res("model.gone", None, action=Action.DELETE), res("model.kept", {"tags": {"team": "x"}})) == []


def test_production_is_the_workspace_or_the_env_tag() -> None:
    p = policy("endpoint_model_stage")
    ep = res("endpoint.e", {"variant": {"v": {"model": "m-1"}}})
    assert messages(p, ep) == []
    [msg] = messages(p, ep, workspace="prod")
    assert "registry stage is unknown" in msg


def test_policy_files_parse_every_setting() -> None:
    diags = Diagnostics()
    text = 'policy "gpu" {\n  check = "max_gpu_instances"\n  enforcement = "advisory"\n  max = 2\n  instance_types = ["x"]\n}\n'
    [p] = parse(text, "p.hcl", settings(), diags)
    assert not diags.has_errors
    assert (p.name, p.check, p.enforcement, p.settings) == ("gpu", "max_gpu_instances", "advisory", {"max": 2, "instance_types": ["x"]})
