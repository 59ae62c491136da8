"""The endpoint kind on GCP: a Vertex AI Endpoint with one deployed model per variant and
a traffic split from the weights.

A weight-only change is one PATCH of ``trafficSplit``. A new model version (or machine
type) deploys beside the old deployed model, shifts the traffic (in timed steps with a
check between them when ``rollout`` says canary or linear, rolled back when a check
fails), then undeploys the old one. A removed variant gets 0 traffic first and is
undeployed after. Replica counts change in place. Every long-running operation is
awaited; a failed one is an error with the service's message, and a failed deployment
leaves the endpoint as it was. Create, update and delete are written as steps: while
Vertex AI works on an operation, and between the traffic steps of a rollout, they yield,
and the engine polls them without holding a worker, so many endpoints deploy at once.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, Steps, Wait
from mlinfra.providers.protocol import PlanResponse
from mlinfra.providers.resource import unsupported_shadow_variants
from mlinfra.values import contains_unknown
from mlinfra_provider_gcp import _sdk, deployments, naming, traffic
from mlinfra_provider_gcp.config import EndpointBlock, parse_block
from mlinfra_provider_gcp.resource import GcpResource

STATUS = "deployed"


class EndpointResource(GcpResource):
    kind: ClassVar[str] = "endpoint"
    block: ClassVar[type[EndpointBlock]] = EndpointBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "url", "status")

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        return (
            self.label_diagnostics(address, config)
            + deployments.validate(address, config)
            + unsupported_shadow_variants(address, config, "gcp")
        )

    # -- naming --------------------------------------------------------------------------
    def _name(self, address: str, config: dict[str, Any]) -> str:
        eid = naming.resource_id(address, parse_block(EndpointBlock, config).name)
        return f"{self.gcp.parent}/endpoints/{eid}"

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return self._name(address, planned)

    def _url(self, name: str) -> str:
        return f"{self.gcp.api_endpoint}/v1/{name}:predict"

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        if contains_unknown(config.get("gcp")):
            return self.default_plan(prior, config)
        name = self._name(address, config)
        resp = self.default_plan(prior, config, known={"id": name, "url": self._url(name), "status": STATUS})
        if prior is not None and prior.get("id") != name:
            resp.requires_replace = [*resp.requires_replace, ("gcp", "name")]
        return resp

    # -- calls ---------------------------------------------------------------------------
    def _get(self, address: str, name: str) -> dict[str, Any] | None:
        ep = self.gcp.try_call("endpoints", "get_endpoint", address, name=name)
        return None if ep is None else _sdk.to_dict(ep)

    def _patch(self, address: str, name: str, **fields: Any) -> None:
        self.gcp.call(
            "endpoints",
            "update_endpoint",
            address,
            endpoint={"name": name, **fields},
            update_mask=_sdk.field_mask(list(fields)),
        )

    def _deploy(self, address: str, name: str, want: traffic.Desired, block: EndpointBlock) -> Steps[str]:
        model_ref = f"{self.gcp.parent}/{want.model}"
        op = self.gcp.call(
            "endpoints", "deploy_model", address, endpoint=name, deployed_model=deployments.deployed_model(want, model_ref, block)
        )
        resp = yield from self.wait_steps(op, f"deploying {want.model} as variant {want.variant}", address)
        return str(resp.deployed_model.id)

    def _undeploy(self, address: str, name: str, deployed_id: str) -> Steps[None]:
        """Undeploy ``deployed_id``; one already gone is fine."""
        op = self.gcp.try_call("endpoints", "undeploy_model", address, endpoint=name, deployed_model_id=deployed_id)
        if op is not None:
            yield from self.wait_steps(op, f"undeploying deployed model {deployed_id}", address)

    def _rescale(self, address: str, name: str, deployed_id: str, lo: int, hi: int) -> Steps[None]:
        op = self.gcp.call(
            "endpoints",
            "mutate_deployed_model",
            address,
            endpoint=name,
            deployed_model={"id": deployed_id, "dedicated_resources": {"min_replica_count": lo, "max_replica_count": hi}},
            update_mask=_sdk.field_mask(["dedicated_resources.min_replica_count", "dedicated_resources.max_replica_count"]),
        )
        yield from self.wait_steps(op, f"rescaling deployed model {deployed_id} to {lo}-{hi} replicas", address)

    def _endpoint_body(self, endpoint_id: str, address: str, config: dict[str, Any]) -> dict[str, Any]:
        body: dict[str, Any] = {"display_name": endpoint_id, "labels": self.labels(address, config)}
        logging = deployments.request_logging(config, parse_block(EndpointBlock, config), self.gcp.project)
        if logging:
            body["predict_request_response_logging_config"] = _snake(logging)
        return body

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        name = self._name(address, config)
        existing = self._get(address, name)
        if existing is not None:
            if not self.ours(existing.get("labels", {}), address):
                raise ResourceError(
                    f"A Vertex AI endpoint {name} already exists",
                    f'It is not labelled as {address}; import it, or set another ID with gcp {{ name = "..." }}.',
                )
            # Left by an interrupted apply: bring it to this configuration.
            return (yield from self.update(address, {**config, "id": name}, config, planned))
        endpoint_id = name.rsplit("/", 1)[1]
        op = self.gcp.call(
            "endpoints",
            "create_endpoint",
            address,
            parent=self.gcp.parent,
            endpoint_id=endpoint_id,
            endpoint=self._endpoint_body(endpoint_id, address, config),
        )
        yield from self.wait_steps(op, f"creating endpoint {endpoint_id}", address)
        try:
            yield from self._converge(address, name, config, {"deployedModels": []})
        except ResourceError:
            # Create is transactional: undeploy what was deployed and remove the endpoint.
            yield from self._teardown(address, name)
            raise
        return self.attributes(config, {"id": name, "url": self._url(name), "status": STATUS})

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        name = prior["id"]
        live = self._get(address, name)
        if live is None:
            raise ResourceError(f"The Vertex AI endpoint {name} is gone", "Run `mlinfra plan` again: it will be created anew.")
        labels = self.labels(address, config)
        if live.get("labels", {}) != labels:
            self._patch(address, name, labels=labels)
        logging = deployments.request_logging(config, parse_block(EndpointBlock, config), self.gcp.project)
        if (live.get("predictRequestResponseLoggingConfig") or {}) != logging:
            self._patch(address, name, predict_request_response_logging_config=_snake(logging) or {"enabled": False})
        yield from self._converge(address, name, config, live)
        return self.attributes(config, {"id": name, "url": self._url(name), "status": STATUS})

    def _converge(self, address: str, name: str, config: dict[str, Any], live: dict[str, Any]) -> Steps[None]:
        """Bring the deployed models and the split of ``live`` to ``config``."""
        block = parse_block(EndpointBlock, config)
        want = deployments.desired(config, block)
        plan = traffic.changes(want, deployments.live(live), deployments.same_model)
        for deployed_id, (lo, hi) in sorted(plan.rescale.items()):
            yield from self._rescale(address, name, deployed_id, lo, hi)
        ids = dict(plan.keep)
        new: list[str] = []
        try:
            for w in plan.deploy:
                ids[w.variant] = yield from self._deploy(address, name, w, block)
                new.append(ids[w.variant])
        except ResourceError as e:
            for deployed_id in new:
                yield from self._undeploy(address, name, deployed_id)
            raise ResourceError(f"Deploying to endpoint {name} failed", e.detail) from e
        weights = {v: float(config["variant"][v].get("weight", 100)) for v in want}
        target = {ids[v]: p for v, p in traffic.percentages(weights).items() if p > 0}
        current = {k: int(v) for k, v in (live.get("trafficSplit") or {}).items()}
        fractions = traffic.rollout_fractions(config.get("rollout")) if new and current else [1.0]
        yield from self._shift(address, name, config, current, target, fractions, new)
        for deployed_id in plan.retire:
            yield from self._undeploy(address, name, deployed_id)

    def _shift(
        self,
        address: str,
        name: str,
        config: dict[str, Any],
        current: dict[str, int],
        target: dict[str, int],
        fractions: list[float],
        new: list[str],
    ) -> Steps[None]:
        """Move the traffic from ``current`` to ``target`` in steps, checking the endpoint
        between them; a failed check puts the old split back and undeploys ``new``. The
        interval between steps is a ``Wait``: no worker is held while the step settles."""
        interval = naming.seconds((config.get("rollout") or {}).get("interval"), 300.0) if len(fractions) > 1 else 0.0
        for i, f in enumerate(fractions):
            step = traffic.blend(current, target, f)
            self.progress(f"endpoint {name}: traffic {_show(step)}")
            if step != current or i == len(fractions) - 1:
                self._patch(address, name, traffic_split=step)
            if i == len(fractions) - 1:
                return
            yield Wait(interval, f"endpoint {name}: watching traffic {_show(step)} for {interval:g}s")
            problem = self._health(address, name, step)
            if problem:
                self.progress(f"endpoint {name}: health check failed; rolling back")
                self._patch(address, name, traffic_split=current)
                for deployed_id in new:
                    yield from self._undeploy(address, name, deployed_id)
                raise ResourceError(f"Rollout on endpoint {name} was rolled back", problem)

    def _health(self, address: str, name: str, step: dict[str, int]) -> str | None:
        live = self._get(address, name) or {}
        deployed = {dm["id"] for dm in live.get("deployedModels", [])}
        missing = sorted(set(step) - deployed)
        if missing:
            return f"Deployed model(s) {', '.join(missing)} are no longer deployed to the endpoint."
        split = {k: int(v) for k, v in (live.get("trafficSplit") or {}).items()}
        if split != step:
            return f"The traffic split is {_show(split)}, not the {_show(step)} this step set."
        return None

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        if not isinstance(name, str):
            return None
        live = self._get(address, name)
        if live is None:
            return None
        name = f"{self.gcp.parent}/endpoints/{live['name'].rsplit('/', 1)[1]}"
        if "variant" not in state:
            return self._imported(address, name, live)
        out = dict(state)
        out["id"] = name
        out["variant"] = deployments.read_variants(state, live, parse_block(EndpointBlock, state), self.gcp.parent)
        out["tags"] = naming.user_labels(live.get("labels", {}), self.settings.labels)
        out["data_capture"] = deployments.read_data_capture(state, live)
        return out

    def _imported(self, address: str, name: str, live: dict[str, Any]) -> dict[str, Any]:
        eid = name.rsplit("/", 1)[1]
        config = {
            "variant": deployments.read_variants({}, live, EndpointBlock(), self.gcp.parent),
            "autoscaling": deployments.imported_autoscaling(live),
            "rollout": None,
            "data_capture": deployments.read_data_capture({}, live),
            "tags": naming.user_labels(live.get("labels", {}), self.settings.labels),
            "gcp": None if eid == naming.resource_id(address) else {"name": eid},
        }
        return self.attributes(config, {"id": name, "url": self._url(name), "status": STATUS})

    def delete(self, address: str, state: dict[str, Any]) -> Steps[None]:
        name = state.get("id")
        if isinstance(name, str):
            yield from self._teardown(address, name)

    def _teardown(self, address: str, name: str) -> Steps[None]:
        live = self._get(address, name)
        if live is None:
            return
        if live.get("trafficSplit") and len(live.get("deployedModels", [])) > 1:
            self._patch(address, name, traffic_split={})
        for dm in live.get("deployedModels", []):
            yield from self._undeploy(address, name, dm["id"])
        op = self.gcp.call("endpoints", "delete_endpoint", address, name=name)
        yield from self.wait_steps(op, f"deleting endpoint {name.rsplit('/', 1)[1]}", address)

    def find(self, address: str) -> dict[str, Any] | None:
        first = naming.address_labels(address)[naming.ADDRESS_LABEL]
        pager = self.gcp.call(
            "endpoints", "list_endpoints", address, parent=self.gcp.parent, filter=f'labels.{naming.ADDRESS_LABEL}="{first}"'
        )
        for ep in pager:
            if self.ours(dict(ep.labels), address):
                return self.read(address, {"id": ep.name})
        return None


def _snake(logging: dict[str, Any]) -> dict[str, Any]:
    if not logging:
        return {}
    return {
        "enabled": logging["enabled"],
        "sampling_rate": logging["samplingRate"],
        "bigquery_destination": {"output_uri": logging["bigqueryDestination"]["outputUri"]},
    }


def _show(split: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}%" for k, v in sorted(split.items())) or "none"

