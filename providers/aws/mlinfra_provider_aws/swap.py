"""The two ways an endpoint update reaches its new configuration, each checked after
the wait, because SageMaker reports a failed update as an endpoint back InService:

- ``update_weights``: ``UpdateEndpointWeightsAndCapacities`` in place. SageMaker can roll
  it back (RollingBack -> InService with a FailureReason and the old weights); the live
  desired weights and counts are compared with the request and a mismatch is an error.
- ``swap_config``: a new endpoint configuration and ``UpdateEndpoint``. Blue/green
  traffic shifting (canary, linear) is asked for only when the variant names are the
  same on both sides, as SageMaker requires. Autoscaling stays on for a model swap
  (instance counts are retained); targets are removed only from variants that go away
  or change instance type, and are put back on every failure path, together with the
  removal of the unused new configuration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from mlinfra.providers import ResourceError, Steps
from mlinfra.values import values_equal
from mlinfra_provider_aws import serving
from mlinfra_provider_aws.config import EndpointBlock
from mlinfra_provider_aws.resource import WaitTimeout

if TYPE_CHECKING:
    from mlinfra_provider_aws.clients import AwsClients
    from mlinfra_provider_aws.context import AwsContext


class EndpointResource(Protocol):
    """What a swap needs of the endpoint handler."""

    @property
    def aws(self) -> AwsClients: ...

    ctx: AwsContext

    def create_config(self, address: str, name: str, config: dict[str, Any], after: str | None) -> str: ...

    def config_spec(self, name: str, config: dict[str, Any]) -> dict[str, Any]: ...

    def wait_in_service(self, address: str, name: str) -> Steps[dict[str, Any]]: ...

    def delete_config_if_ours(self, address: str, config_name: str) -> None: ...


def update_weights(
    h: EndpointResource,
    address: str,
    name: str,
    live: dict[str, Any],
    spec: dict[str, Any],
    autoscaled: bool,
    prior: dict[str, Any],
) -> Steps[dict[str, Any]]:
    by_name = {v["VariantName"]: v for v in live.get("ProductionVariants", [])}
    desired = []
    for v in spec["ProductionVariants"]:
        now = by_name.get(v["VariantName"], {})
        item: dict[str, Any] = {"VariantName": v["VariantName"], "DesiredWeight": v["InitialVariantWeight"]}
        if not autoscaled:
            item["DesiredInstanceCount"] = v["InitialInstanceCount"]
        if not _reached(now, item):
            desired.append(item)
    if not desired:
        return live
    h.ctx.progress(f"endpoint {name}: shifting weights in place")
    h.aws.call(
        "sagemaker", "update_endpoint_weights_and_capacities", address, EndpointName=name, DesiredWeightsAndCapacities=desired
    )
    after = yield from h.wait_in_service(address, name)
    now_by_name = {v["VariantName"]: v for v in after.get("ProductionVariants", [])}
    missed = [i for i in desired if not _reached(now_by_name.get(i["VariantName"], {}), i)]
    if missed:
        live_text = ", ".join(
            f"{i['VariantName']} weight {_desired(now_by_name.get(i['VariantName'], {}), 'Weight')}"
            for i in missed
        )
        reason = after.get("FailureReason") or "SageMaker did not apply the new weights."
        raise ResourceError(
            f"Weight change of endpoint {name} was rolled back",
            f"{reason} (live: {live_text}).",
            partial=prior,
        )
    return after


def _desired(variant: dict[str, Any], what: str) -> Any:
    return variant.get(f"Desired{what}", variant.get(f"Current{what}"))


def _reached(variant: dict[str, Any], item: dict[str, Any]) -> bool:
    if not values_equal(_desired(variant, "Weight"), item["DesiredWeight"]):
        return False
    return "DesiredInstanceCount" not in item or _desired(variant, "InstanceCount") == item["DesiredInstanceCount"]


def swap_config(
    h: EndpointResource,
    address: str,
    name: str,
    current: dict[str, Any],
    config: dict[str, Any],
    block: EndpointBlock,
    prior: dict[str, Any],
) -> Steps[dict[str, Any]]:
    old_config = current["EndpointConfigName"]
    new_config = h.create_config(address, name, config, old_config)
    old = {v["VariantName"]: v for v in current.get("ProductionVariants", [])}
    new = {v["VariantName"]: v for v in h.config_spec(name, config)["ProductionVariants"]}
    # SageMaker refuses a swap that removes a variant, or changes its instance type,
    # under a scalable target: only those targets go, and come back if the swap fails.
    blocking = [v for v in old if v not in new or new[v].get("InstanceType") != old[v].get("InstanceType")]
    removed = serving.deregister_autoscaling(h.aws, address, name, blocking)
    kept = serving.scalable_targets(h.aws, address, name, [v for v in old if v not in removed])
    kwargs: dict[str, Any] = {"EndpointName": name, "EndpointConfigName": new_config}
    if kept:
        # The autoscaler owns the instance counts: keep them; weights and data
        # capture come from the new configuration.
        kwargs["RetainAllVariantProperties"] = True
        kwargs["ExcludeRetainedVariantProperties"] = [
            {"VariantPropertyType": "DesiredWeight"},
            {"VariantPropertyType": "DataCaptureConfig"},
        ]
    else:
        kwargs["RetainAllVariantProperties"] = False
    path = serving.update_path(prior, config) or serving.ALL_AT_ONCE_SWAP
    deployment = serving.deployment_config(config, block)
    if deployment and set(old) == set(new):
        kwargs["DeploymentConfig"] = deployment
    h.ctx.progress(f"endpoint {name}: {path} to {new_config}")

    def undo() -> None:
        h.aws.try_call("sagemaker", "delete_endpoint_config", address, EndpointConfigName=new_config)
        if removed:
            serving.register_autoscaling(h.aws, address, name, prior, block, only=removed)

    try:
        h.aws.call("sagemaker", "update_endpoint", address, **kwargs)
    except ResourceError:
        undo()
        raise
    try:
        live = yield from h.wait_in_service(address, name)
    except WaitTimeout:
        raise  # still going: the new configuration is in use, the next apply waits on
    except ResourceError as e:
        after = h.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name) or {}
        if after.get("EndpointConfigName") != new_config:
            undo()
        raise ResourceError(f"Update of endpoint {name} failed", e.detail) from e
    if live.get("EndpointConfigName") != new_config:
        reason = live.get("FailureReason") or "SageMaker rolled the endpoint back to its previous configuration."
        undo()
        raise ResourceError(f"Update of endpoint {name} was rolled back", reason)
    h.delete_config_if_ours(address, old_config)
    return live
