"""Online deployments of one endpoint: what each variant asks for, and creating,
resizing and deleting deployments with the waiting (as steps the engine polls) and
clean-up around them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mlinfra.providers import ResourceError, Steps
from mlinfra_provider_azure import _sdk, naming, traffic
from mlinfra_provider_azure.config import EndpointBlock

if TYPE_CHECKING:
    from mlinfra_provider_azure.clients import AzureClients


def spec(variant: dict[str, Any], block: EndpointBlock) -> dict[str, Any]:
    """What a variant's deployment is made of."""
    return {
        "model": variant.get("model"),
        "instance_type": variant.get("instance_type") or block.instance_type,
        "instance_count": int(variant.get("instance_count", 1) or 1),
        "env": [block.environment, block.code, block.scoring_script] if block.environment else None,
    }


def names(variants: dict[str, dict[str, Any]], block: EndpointBlock) -> dict[str, str]:
    return {v: traffic.deployment_name(v, spec(b, block)) for v, b in sorted(variants.items())}


def listing(az: AzureClients, endpoint: str, address: str) -> dict[str, Any]:
    deps = az.call(lambda: list(az.ml.online_deployments.list(endpoint_name=endpoint)), f"online_deployments.list {endpoint}", address)
    return {d.name: d for d in deps if _sdk.state(d.provisioning_state) != "Deleting"}


def model_ref(live: Any) -> str | None:
    parsed = naming.parse_model_ref(str(live.model or ""))
    return naming.model_ref(*parsed) if parsed else (str(live.model) if live.model else None)


def create(az: AzureClients, progress: Any, address: str, endpoint: str, variant: str, name: str,
           want: dict[str, Any], block: EndpointBlock, tags: dict[str, str]) -> Steps[Any]:
    """Create (or resize) deployment ``name`` and wait (as steps); a failed new one is removed."""
    ent = _sdk.entities()
    kwargs: dict[str, Any] = {}
    if block.environment:
        kwargs["environment"] = block.environment
        if block.code and block.scoring_script:
            kwargs["code_configuration"] = ent.CodeConfiguration(code=block.code, scoring_script=block.scoring_script)
    deployment = ent.ManagedOnlineDeployment(
        name=name,
        endpoint_name=endpoint,
        model=want["model"],
        instance_type=want["instance_type"],
        instance_count=want["instance_count"],
        tags={**tags, naming.VARIANT_TAG: variant},
        **kwargs,
    )
    existed = az.try_call(lambda: az.ml.online_deployments.get(name, endpoint_name=endpoint), f"online_deployments.get {name}", address)
    what = f"deployment {name} of endpoint {endpoint}"
    try:
        return (yield from az.wait_steps(lambda: az.ml.online_deployments.begin_create_or_update(deployment), what, address))
    except ResourceError as e:
        if existed is None:
            # Create is transactional: a deployment that failed to provision goes (it has no traffic).
            progress(f"{what} failed; removing it")
            yield from delete(az, address, endpoint, name, quiet=True)
        raise ResourceError(f"Deployment {name} of endpoint {endpoint} failed to provision", e.detail) from e


def delete(az: AzureClients, address: str, endpoint: str, name: str, quiet: bool = False) -> Steps[None]:
    """Delete deployment ``name`` and wait for it to go (as steps)."""
    what = f"deleting deployment {name} of endpoint {endpoint}"
    try:
        yield from az.wait_steps(lambda: az.ml.online_deployments.begin_delete(name=name, endpoint_name=endpoint), what, address)
    except ResourceError as e:
        if not quiet and not getattr(e, "not_found", False):
            raise
