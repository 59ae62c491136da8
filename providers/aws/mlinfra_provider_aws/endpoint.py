"""The endpoint kind on AWS: an EndpointConfig (one production variant per variant) and
an Endpoint, with autoscaling and blue/green rollouts.

Every change but weights and instance counts creates a new endpoint configuration under
a generated name and swaps the endpoint onto it with ``UpdateEndpoint``; the old
configuration is deleted only once the endpoint is InService on the new one. A weight
or capacity change uses ``UpdateEndpointWeightsAndCapacities`` in place. Apply waits
for InService; a Failed endpoint or a rolled-back update is an error with SageMaker's
FailureReason. Instance counts owned by an autoscaler are never drift.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown, values_equal
from mlinfra_provider_aws import naming, serving
from mlinfra_provider_aws.config import EndpointBlock, parse_block
from mlinfra_provider_aws.resource import AwsResource

BUSY = frozenset({"Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting"})


class EndpointResource(AwsResource):
    kind: ClassVar[str] = "endpoint"
    block: ClassVar[type[EndpointBlock]] = EndpointBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "url")

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = []
        rollout = config.get("rollout")
        gates = rollout.get("gates") if isinstance(rollout, dict) else None
        extra = sorted(set(gates) - serving.ROLLOUT_GATE_KEYS) if isinstance(gates, dict) else []
        if extra:
            out.append(
                d.error(
                    "Unsupported rollout gate",
                    f"SageMaker rolls back on CloudWatch alarms: write gates = {{ alarms = [\"NAME\", ...] }} "
                    f"(not {', '.join(extra)}).",
                    address=address,
                )
            )
        return out

    # -- naming --------------------------------------------------------------------------
    def _name(self, address: str, config: dict[str, Any]) -> str:
        return naming.base_name(address, parse_block(EndpointBlock, config).name)

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return self._name(address, planned)

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        # Apply succeeds only once the endpoint serves, so its status is known too.
        if contains_unknown(config.get("aws")):
            return self.default_plan(prior, config)  # the name may hang on an unknown value
        name = self._name(address, config)
        resp = self.default_plan(prior, config, known={"id": name, "url": self._url(name)})
        if resp.planned.get("status") is UNKNOWN:
            resp.planned["status"] = "InService"
        if prior is not None and prior.get("id") != name:
            resp.requires_replace = [*resp.requires_replace, ("aws", "name")]
        return resp

    def _url(self, name: str) -> str:
        return f"https://runtime.sagemaker.{self.aws.region}.amazonaws.com/endpoints/{name}/invocations"

    def _config_spec(self, name: str, config: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(EndpointBlock, config)
        spec: dict[str, Any] = {"ProductionVariants": serving.production_variants(config, block)}
        try:
            capture = serving.data_capture(config, block, name, self.settings.artifact_bucket)
        except ValueError as e:
            raise ResourceError("Cannot capture data", str(e)) from e
        if capture:
            spec["DataCaptureConfig"] = capture
        return spec

    def _create_config(self, address: str, name: str, config: dict[str, Any], after: str | None) -> str:
        spec = self._config_spec(name, config)
        config_name = naming.hashed_name(name, {"spec": spec, "after": after})
        assert config_name is not None
        existing = self.aws.try_call("sagemaker", "describe_endpoint_config", address, EndpointConfigName=config_name)
        if existing is None:
            # Stored before it exists: a kill before the endpoint is made leaves a
            # configuration that recovery deletes.
            self.ctx.record(endpoint_config=config_name)
            self.aws.call(
                "sagemaker",
                "create_endpoint_config",
                address,
                EndpointConfigName=config_name,
                Tags=self.tags(address, config),
                **spec,
            )
        return config_name

    # -- waiting -------------------------------------------------------------------------
    def _wait_in_service(self, address: str, name: str) -> dict[str, Any]:
        final: dict[str, Any] = {}

        def poll() -> tuple[str, bool, str | None]:
            live = self.aws.call("sagemaker", "describe_endpoint", address, EndpointName=name)
            final.update(live)
            status = live.get("EndpointStatus", "")
            if status in ("Failed", "OutOfService"):
                return status, True, live.get("FailureReason") or f"The endpoint is {status}."
            return status, status not in BUSY, None

        self.wait(f"endpoint {name}", poll)
        return final

    def _wait_gone(self, address: str, name: str) -> None:
        def poll() -> tuple[str, bool, str | None]:
            live = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
            return ("Deleted", True, None) if live is None else (live.get("EndpointStatus", ""), False, None)

        self.wait(f"deleting endpoint {name}", poll)

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        name = self._name(address, config)
        block = parse_block(EndpointBlock, config)
        existing = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if existing is not None:
            if not self.tagged(existing["EndpointArn"], address):
                raise ResourceError(
                    f"A SageMaker endpoint named {name} already exists",
                    f'It is not tagged as {address}; import it, or set another name with aws {{ name = "..." }}.',
                )
            # Left by an interrupted apply: bring it to this configuration.
            prior = self.attributes(config, {"id": name})
            return self.update(address, prior, config, planned)
        config_name = self._create_config(address, name, config, None)
        self.aws.call(
            "sagemaker",
            "create_endpoint",
            address,
            EndpointName=name,
            EndpointConfigName=config_name,
            Tags=self.tags(address, config),
        )
        try:
            live = self._wait_in_service(address, name)
        except ResourceError:
            # Create is transactional: a failed endpoint is removed with its config.
            self.aws.try_call("sagemaker", "delete_endpoint", address, EndpointName=name)
            self.aws.try_call("sagemaker", "delete_endpoint_config", address, EndpointConfigName=config_name)
            raise
        serving.register_autoscaling(self.aws, address, name, config, block)
        return self.attributes(config, {"id": name, "url": self._url(name), "status": live["EndpointStatus"]})

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        name = prior["id"]
        block = parse_block(EndpointBlock, config)
        live = self.aws.call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if live.get("EndpointStatus") in BUSY:
            # SageMaker refuses to update an endpoint that is still busy (e.g. scaling).
            live = self._wait_in_service(address, name)
        old_config = live["EndpointConfigName"]
        current = self.aws.call("sagemaker", "describe_endpoint_config", address, EndpointConfigName=old_config)
        spec = self._config_spec(name, config)
        if _same_fleet(current, spec):
            live = self._update_weights(address, name, live, spec, bool(config.get("autoscaling")))
        else:
            live = self._swap_config(address, name, old_config, config, block, prior)
        if config.get("autoscaling") != prior.get("autoscaling") or not config.get("autoscaling"):
            serving.deregister_autoscaling(self.aws, address, name)
        serving.register_autoscaling(self.aws, address, name, config, block)
        self.retag(address, live["EndpointArn"], prior.get("tags") or {}, config)
        return self.attributes(config, {"id": name, "url": self._url(name), "status": live["EndpointStatus"]})

    def _update_weights(
        self, address: str, name: str, live: dict[str, Any], spec: dict[str, Any], autoscaled: bool
    ) -> dict[str, Any]:
        by_name = {v["VariantName"]: v for v in live.get("ProductionVariants", [])}
        desired = []
        for v in spec["ProductionVariants"]:
            now = by_name.get(v["VariantName"], {})
            item: dict[str, Any] = {"VariantName": v["VariantName"], "DesiredWeight": v["InitialVariantWeight"]}
            if not autoscaled:
                item["DesiredInstanceCount"] = v["InitialInstanceCount"]
            unchanged = values_equal(now.get("DesiredWeight", now.get("CurrentWeight")), item["DesiredWeight"]) and (
                autoscaled or now.get("DesiredInstanceCount", now.get("CurrentInstanceCount")) == item.get("DesiredInstanceCount")
            )
            if not unchanged:
                desired.append(item)
        if not desired:
            return live
        self.ctx.progress(f"endpoint {name}: shifting weights")
        self.aws.call(
            "sagemaker", "update_endpoint_weights_and_capacities", address, EndpointName=name, DesiredWeightsAndCapacities=desired
        )
        return self._wait_in_service(address, name)

    def _swap_config(
        self,
        address: str,
        name: str,
        old_config: str,
        config: dict[str, Any],
        block: EndpointBlock,
        prior: dict[str, Any],
    ) -> dict[str, Any]:
        new_config = self._create_config(address, name, config, old_config)
        serving.deregister_autoscaling(self.aws, address, name)
        kwargs: dict[str, Any] = {"EndpointName": name, "EndpointConfigName": new_config, "RetainAllVariantProperties": False}
        deployment = serving.deployment_config(config, block)
        if deployment:
            kwargs["DeploymentConfig"] = deployment
        self.ctx.progress(f"endpoint {name}: switching to {new_config}")
        self.aws.call("sagemaker", "update_endpoint", address, **kwargs)
        try:
            live = self._wait_in_service(address, name)
        except ResourceError as e:
            serving.register_autoscaling(self.aws, address, name, prior, block)
            raise ResourceError(f"Update of endpoint {name} failed", e.detail) from e
        if live.get("EndpointConfigName") != new_config:
            reason = live.get("FailureReason") or "SageMaker rolled the endpoint back to its previous configuration."
            self.aws.try_call("sagemaker", "delete_endpoint_config", address, EndpointConfigName=new_config)
            serving.register_autoscaling(self.aws, address, name, prior, block)
            raise ResourceError(f"Update of endpoint {name} was rolled back", reason)
        self._delete_config_if_ours(address, old_config)
        return live

    def _delete_config_if_ours(self, address: str, config_name: str) -> None:
        arn = self.aws.try_call("sagemaker", "describe_endpoint_config", address, EndpointConfigName=config_name)
        if arn is not None and self.tagged(arn["EndpointConfigArn"], address):
            self.aws.try_call("sagemaker", "delete_endpoint_config", address, EndpointConfigName=config_name)

    def _describe(self, address: str, name: str) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """(the endpoint, its endpoint configuration) or None when there is no endpoint."""
        live = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if live is None:
            return None
        endpoint_config = self.aws.try_call(
            "sagemaker", "describe_endpoint_config", address, EndpointConfigName=live["EndpointConfigName"]
        )
        return live, endpoint_config

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        found = self._describe(address, object_id)
        if found is None:
            return None
        live, endpoint_config = found
        return self._imported(address, live, endpoint_config or {}, _live_variants(live, endpoint_config))

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        if not isinstance(name, str):
            return None
        found = self._describe(address, name)
        if found is None:
            return None
        live, endpoint_config = found
        variants = _live_variants(live, endpoint_config)
        out = dict(state)
        autoscaled = bool(state.get("autoscaling"))
        merged = {}
        for vname, now in variants.items():
            before = (state.get("variant") or {}).get(vname, {})
            v = dict(before) if before else {"weight": now["weight"], "instance_count": now["instance_count"]}
            v["model"] = now["model"]
            if not values_equal(v.get("weight"), now["weight"]):
                v["weight"] = now["weight"]
            if not autoscaled and now["instance_count"] is not None:
                v["instance_count"] = now["instance_count"]
            if now["instance_type"] != (before.get("instance_type") or parse_block(EndpointBlock, state).instance_type) or not before:
                v["instance_type"] = now["instance_type"]
            merged[vname] = v
        out["variant"] = merged
        status = live.get("EndpointStatus")
        if status not in BUSY or not out.get("status"):
            # Scaling and platform updates pass through Updating: not a change of ours.
            out["status"] = status
        return out

    def _imported(
        self, address: str, live: dict[str, Any], endpoint_config: dict[str, Any], variants: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        name = live["EndpointName"]
        targets = serving.scalable_targets(self.aws, address, name)
        scaling = None
        if targets:
            first = targets[sorted(targets)[0]]
            scaling = {"min": first["min"], "max": first["max"], "target_rps": None}
        capture = endpoint_config.get("DataCaptureConfig")
        tags = self.aws.call("sagemaker", "list_tags", address, ResourceArn=live["EndpointArn"]).get("Tags", [])
        config = {
            "variant": variants,
            "autoscaling": scaling,
            "rollout": None,
            "data_capture": (
                {"enabled": bool(capture.get("EnableCapture", True)), "sample_percent": capture.get("InitialSamplingPercentage", 100)}
                if capture
                else None
            ),
            "tags": naming.user_tags(tags, self.settings.default_tags),
        }
        return self.attributes(config, {"id": name, "url": self._url(name), "status": live.get("EndpointStatus")})

    def delete(self, address: str, state: dict[str, Any]) -> None:
        name = state.get("id")
        if not isinstance(name, str):
            return
        live = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if live is None:
            return
        serving.deregister_autoscaling(self.aws, address, name)
        self.aws.call("sagemaker", "delete_endpoint", address, EndpointName=name)
        self._delete_config_if_ours(address, live["EndpointConfigName"])
        self._wait_gone(address, name)

    def recover(self, address: str, locator: dict[str, Any]) -> dict[str, Any] | None:
        """Adopt the endpoint tagged with ``address``; with none, delete the endpoint
        configuration an interrupted create made for it."""
        found = self.find(address)
        config_name = locator.get("endpoint_config")
        if found is None and isinstance(config_name, str):
            self._delete_config_if_ours(address, config_name)
        return found

    def find(self, address: str) -> dict[str, Any] | None:
        base = naming.base_name(address)
        resp = self.aws.call("sagemaker", "list_endpoints", address, NameContains=base, MaxResults=100)
        for e in resp.get("Endpoints", []):
            if self.tagged(e["EndpointArn"], address):
                return self.import_object(address, e["EndpointName"])
        return None


def _same_fleet(current: dict[str, Any], spec: dict[str, Any]) -> bool:
    """Whether ``spec`` differs from the live config only in weights and counts."""

    def shape(variants: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
        return sorted((v["VariantName"], v.get("ModelName", ""), v.get("InstanceType", "")) for v in variants)

    if shape(current.get("ProductionVariants", [])) != shape(spec["ProductionVariants"]):
        return False
    return _capture_key(current.get("DataCaptureConfig")) == _capture_key(spec.get("DataCaptureConfig"))


def _capture_key(capture: dict[str, Any] | None) -> tuple[Any, ...] | None:
    if not capture:
        return None
    return (bool(capture.get("EnableCapture", True)), capture.get("InitialSamplingPercentage"), capture.get("DestinationS3Uri"))


def _live_variants(live: dict[str, Any], endpoint_config: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    configured = {v["VariantName"]: v for v in (endpoint_config or {}).get("ProductionVariants", [])}
    out = {}
    for v in live.get("ProductionVariants", []) or list(configured.values()):
        c = configured.get(v["VariantName"], {})
        weight = v.get("DesiredWeight", v.get("CurrentWeight", c.get("InitialVariantWeight")))
        count = v.get("DesiredInstanceCount", v.get("CurrentInstanceCount", c.get("InitialInstanceCount")))
        out[v["VariantName"]] = {
            "model": c.get("ModelName"),
            "weight": weight,
            "instance_type": c.get("InstanceType"),
            "instance_count": count,
        }
    return out
