"""The endpoint kind on AWS: an EndpointConfig (one production variant per variant) and
an Endpoint, with autoscaling and blue/green rollouts.

A weight or capacity change uses ``UpdateEndpointWeightsAndCapacities`` in place and is
checked afterwards: SageMaker may roll it back, reporting a FailureReason. Anything else
creates a new endpoint configuration under a generated name and swaps the endpoint onto
it with ``UpdateEndpoint`` (``swap.py``); the old configuration is deleted only once the
endpoint is InService on the new one. Apply waits for InService; a Failed endpoint or a
rolled-back update is an error with SageMaker's FailureReason. Create, update and delete
are written as steps: while SageMaker works they yield, and the engine polls them
without holding a worker, so many endpoints become ready at once. Instance counts owned by
an autoscaler are never drift; the autoscaling settings themselves are.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, Steps
from mlinfra.providers.protocol import PlanResponse
from mlinfra.providers.resource import unsupported_shadow_variants
from mlinfra.values import UNKNOWN, contains_unknown, values_equal
from mlinfra_provider_aws import naming, serving, swap
from mlinfra_provider_aws.config import EndpointBlock, parse_block
from mlinfra_provider_aws.resource import AwsResource, WaitTimeout

BUSY = frozenset({"Creating", "Updating", "SystemUpdating", "RollingBack", "Deleting"})
FAILED = frozenset({"Failed", "OutOfService", "UpdateRollbackFailed"})


class EndpointResource(AwsResource):
    kind: ClassVar[str] = "endpoint"
    block: ClassVar[type[EndpointBlock]] = EndpointBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "url")

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = unsupported_shadow_variants(address, config, "aws")
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
        out.extend(d.error("Not accepted by SageMaker", p, address=address) for p in serving.rollout_problems(config))
        out.extend(self.tag_diagnostics(address, config))
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
        path = serving.update_path(prior, config) if prior is not None else None
        resp = self.default_plan(prior, config, known={"id": name, "url": self._url(name)}, reason=path)
        if resp.planned.get("status") is UNKNOWN:
            resp.planned["status"] = "InService"
        if prior is not None and prior.get("id") != name:
            resp.requires_replace = [*resp.requires_replace, ("aws", "name")]
        return resp

    def _url(self, name: str) -> str:
        return f"https://runtime.sagemaker.{self.aws.region}.{self.aws.dns_suffix()}/endpoints/{name}/invocations"

    def config_spec(self, name: str, config: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(EndpointBlock, config)
        spec: dict[str, Any] = {"ProductionVariants": serving.production_variants(config, block)}
        try:
            capture = serving.data_capture(config, block, name, self.settings.artifact_bucket)
        except ValueError as e:
            raise ResourceError("Cannot capture data", str(e)) from e
        if capture:
            spec["DataCaptureConfig"] = capture
        return spec

    def create_config(self, address: str, name: str, config: dict[str, Any], after: str | None) -> str:
        spec = self.config_spec(name, config)
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
    def wait_in_service(self, address: str, name: str) -> Steps[dict[str, Any]]:
        final: dict[str, Any] = {}

        def poll() -> tuple[str, bool, str | None]:
            live = self.aws.call("sagemaker", "describe_endpoint", address, EndpointName=name)
            final.update(live)
            status = live.get("EndpointStatus", "")
            if status in FAILED:
                why = live.get("FailureReason") or f"The endpoint is {status}."
                if status == "UpdateRollbackFailed":
                    why = f"The update failed and so did SageMaker's rollback of it: {why}"
                return status, True, why
            return status, status not in BUSY, None

        yield from self.wait_steps(f"endpoint {name}", poll)
        return final

    def wait_gone(self, address: str, name: str) -> Steps[None]:
        def poll() -> tuple[str, bool, str | None]:
            live = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
            return ("Deleted", True, None) if live is None else (live.get("EndpointStatus", ""), False, None)

        yield from self.wait_steps(f"deleting endpoint {name}", poll)

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        name = self._name(address, config)
        block = parse_block(EndpointBlock, config)
        existing = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if existing is not None:
            if not self.tagged(existing["EndpointArn"], address):
                raise ResourceError(
                    f"A SageMaker endpoint named {name} already exists",
                    f'It is not tagged as {address}; import it, or set another name with aws {{ name = "..." }}.',
                )
            if existing.get("EndpointStatus") != "Deleting":
                # Left by an interrupted apply: bring it to this configuration.
                prior = self.attributes(config, {"id": name})
                return (yield from self.update(address, prior, config, planned))
            # Left by a failed create or a destroy still under way: let it go first.
            yield from self.wait_gone(address, name)
        config_name = self.create_config(address, name, config, None)
        self.aws.call(
            "sagemaker",
            "create_endpoint",
            address,
            EndpointName=name,
            EndpointConfigName=config_name,
            Tags=self.tags(address, config),
        )
        try:
            live = yield from self.wait_in_service(address, name)
        except WaitTimeout as e:
            # Slow is not broken: keep it in state; the next apply waits on.
            outputs = {"id": name, "url": self._url(name), "status": e.status}
            raise ResourceError(e.summary, e.detail, partial=self.attributes(config, outputs)) from e
        except ResourceError:
            # Create is transactional: a failed endpoint is removed with its config,
            # and only once it is gone (deletion takes minutes on AWS).
            self.aws.try_call("sagemaker", "delete_endpoint", address, EndpointName=name)
            yield from self.wait_gone(address, name)
            self.aws.try_call("sagemaker", "delete_endpoint_config", address, EndpointConfigName=config_name)
            raise
        serving.register_autoscaling(self.aws, address, name, config, block)
        return self.attributes(config, {"id": name, "url": self._url(name), "status": live["EndpointStatus"]})

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        name = prior["id"]
        block = parse_block(EndpointBlock, config)
        live = self.aws.call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if live.get("EndpointStatus") in BUSY:
            # SageMaker refuses to update an endpoint that is still busy (e.g. scaling).
            live = yield from self.wait_in_service(address, name)
        old_config = live["EndpointConfigName"]
        current = self.aws.call("sagemaker", "describe_endpoint_config", address, EndpointConfigName=old_config)
        spec = self.config_spec(name, config)
        if _same_fleet(current, spec):
            live = yield from swap.update_weights(self, address, name, live, spec, bool(config.get("autoscaling")), prior)
        else:
            live = yield from swap.swap_config(self, address, name, current, config, block, prior)
        wanted = set(config.get("variant") or {})
        if not config.get("autoscaling"):
            serving.deregister_autoscaling(self.aws, address, name, wanted | set(prior.get("variant") or {}))
        else:
            gone = set(prior.get("variant") or {}) - wanted
            if gone:
                serving.deregister_autoscaling(self.aws, address, name, gone)
            serving.register_autoscaling(self.aws, address, name, config, block)
        self.retag(address, live["EndpointArn"], prior.get("tags") or {}, config)
        return self.attributes(config, {"id": name, "url": self._url(name), "status": live["EndpointStatus"]})

    def delete_config_if_ours(self, address: str, config_name: str) -> None:
        arn = self.aws.try_call("sagemaker", "describe_endpoint_config", address, EndpointConfigName=config_name)
        if arn is not None and self.tagged(arn["EndpointConfigArn"], address):
            self.aws.try_call("sagemaker", "delete_endpoint_config", address, EndpointConfigName=config_name)

    def _describe(self, address: str, name: str) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """(the endpoint, its endpoint configuration) or None when there is no endpoint."""
        live = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if live is None or live.get("EndpointStatus") == "Deleting":
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
        out["autoscaling"] = self._live_autoscaling(address, name, merged, state.get("autoscaling"))
        out["data_capture"] = _live_capture((endpoint_config or {}).get("DataCaptureConfig"), state.get("data_capture"))
        tags = self.aws.call("sagemaker", "list_tags", address, ResourceArn=live["EndpointArn"]).get("Tags", [])
        out["tags"] = naming.user_tags(tags, self.settings.default_tags)
        status = live.get("EndpointStatus")
        if status not in BUSY or not out.get("status"):
            # Scaling and platform updates pass through Updating: not a change of ours.
            out["status"] = status
        return out

    def _live_autoscaling(
        self, address: str, name: str, variants: dict[str, Any], recorded: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        """The autoscaling settings as registered: None unless every variant has a target."""
        targets = serving.scalable_targets(self.aws, address, name, variants)
        if not targets or set(targets) != set(variants):
            return None
        first = targets[sorted(targets)[0]]
        rps = serving.target_rps(self.aws, address, name, sorted(targets)[0])
        if recorded and rps is not None and values_equal(recorded.get("target_rps"), rps):
            rps = recorded.get("target_rps")
        return {**(recorded or {}), "min": first["min"], "max": first["max"], "target_rps": rps}

    def _imported(
        self, address: str, live: dict[str, Any], endpoint_config: dict[str, Any], variants: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        name = live["EndpointName"]
        tags = self.aws.call("sagemaker", "list_tags", address, ResourceArn=live["EndpointArn"]).get("Tags", [])
        config = {
            "variant": variants,
            "autoscaling": self._live_autoscaling(address, name, variants, None),
            "rollout": None,
            "data_capture": _live_capture(endpoint_config.get("DataCaptureConfig"), None),
            "tags": naming.user_tags(tags, self.settings.default_tags),
        }
        return self.attributes(config, {"id": name, "url": self._url(name), "status": live.get("EndpointStatus")})

    def delete(self, address: str, state: dict[str, Any]) -> Steps[None]:
        name = state.get("id")
        if not isinstance(name, str):
            return
        live = self.aws.try_call("sagemaker", "describe_endpoint", address, EndpointName=name)
        if live is None:
            return
        if live.get("EndpointStatus") != "Deleting":
            variants = {v["VariantName"] for v in live.get("ProductionVariants") or []} | set(state.get("variant") or {})
            serving.deregister_autoscaling(self.aws, address, name, variants)
            self.aws.call("sagemaker", "delete_endpoint", address, EndpointName=name)
        self.delete_config_if_ours(address, live["EndpointConfigName"])
        yield from self.wait_gone(address, name)

    def recover(self, address: str, locator: dict[str, Any]) -> dict[str, Any] | None:
        """Adopt the endpoint tagged with ``address``; with none, delete the endpoint
        configuration an interrupted create made for it."""
        found = self.find(address)
        config_name = locator.get("endpoint_config")
        if found is None and isinstance(config_name, str):
            self.delete_config_if_ours(address, config_name)
        return found

    def find(self, address: str) -> dict[str, Any] | None:
        base = naming.base_name(address)
        for e in self.aws.pages("sagemaker", "list_endpoints", "Endpoints", address, NameContains=base, MaxResults=100):
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


def _live_capture(capture: dict[str, Any] | None, recorded: dict[str, Any] | None) -> dict[str, Any] | None:
    if not capture:
        return None
    now = {"enabled": bool(capture.get("EnableCapture", True)), "sample_percent": capture.get("InitialSamplingPercentage", 100)}
    if recorded and all(values_equal(recorded.get(k), v) for k, v in now.items()):
        return recorded
    return {**(recorded or {}), **now}


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
