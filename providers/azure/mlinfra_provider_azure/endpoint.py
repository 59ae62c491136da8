"""The endpoint kind on Azure ML: a managed online endpoint plus one managed online
deployment per variant, with traffic.

Deployments are named after their variant and what they serve, so a new model version
or VM size is a new deployment created beside the old one; traffic is set only once the
deployments it names exist, then the deployments no longer configured (now without
traffic) are deleted. A weight-only change is one endpoint update. A ``shadow`` variant
receives mirror traffic. ``rollout`` canary/linear moves traffic to new deployments in
timed steps and rolls back to the previous split when a step fails. Create, update and
delete are written as steps: while Azure ML provisions, and between rollout steps, they
yield, and the engine polls them without holding a worker.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, Steps, Wait
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_azure import _sdk, autoscale, deployments, naming, traffic
from mlinfra_provider_azure.config import EndpointBlock, parse_block
from mlinfra_provider_azure.resource import AzureResource

AUTH = {"key": "key", "aml_token": "aml_token", "aad_token": "aad_token"}


def _seconds(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    units = {"s": 1, "m": 60, "h": 3600}
    if text and text[-1] in units:
        return float(text[:-1]) * units[text[-1]]
    return float(text)


class EndpointResource(AzureResource):
    kind: ClassVar[str] = "endpoint"
    block: ClassVar[type[EndpointBlock]] = EndpointBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "url")

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = []
        variants = config.get("variant")
        if isinstance(variants, dict) and not contains_unknown(variants):
            mirror = sum(float(v.get("weight", 0)) for v in variants.values() if isinstance(v, dict) and v.get("shadow"))
            if mirror > traffic.MAX_MIRROR:
                out.append(d.error("Too much mirror traffic",
                                   f"Shadow variants copy {mirror:g} percent of requests; Azure ML mirrors at most "
                                   f"{traffic.MAX_MIRROR}. Lower their weights (a shadow variant's weight is the percent copied).",
                                   address=address))
            if variants and all(isinstance(v, dict) and v.get("shadow") for v in variants.values()):
                out.append(d.error("No live variant", "At least one variant must take live traffic (shadow = false).", address=address))
        if config.get("data_capture"):
            out.append(d.error("Unsupported argument data_capture",
                               "The azure provider does not manage `data_capture` yet: managed online deployments "
                               "collect data through data collectors set up outside mlinfra. Remove the block.", address=address))
        rollout = config.get("rollout")
        if isinstance(rollout, dict) and rollout.get("gates"):
            out.append(d.error("Unsupported rollout gates",
                               "The azure provider rolls back when a deployment fails to provision or a step fails; "
                               "it has no metric gates. Remove `gates`.", address=address))
        if isinstance(rollout, dict) and not contains_unknown(rollout.get("interval")):
            try:
                _seconds(rollout.get("interval"))
            except ValueError:
                out.append(d.error("Invalid rollout interval", f'"{rollout.get("interval")}" is not a duration; write seconds or e.g. "30s", "5m".', address=address))
        return out

    # -- naming and plan ----------------------------------------------------------------
    def _name(self, address: str, config: dict[str, Any]) -> str:
        return naming.endpoint_name(address, parse_block(EndpointBlock, config).name)

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return None if contains_unknown(planned.get("azure")) else self._name(address, planned)

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        if contains_unknown(config.get("azure")):
            return self.default_plan(prior, config)
        name = self._name(address, config)
        resp = self.default_plan(prior, config, known={"id": name})
        if resp.planned.get("status") is UNKNOWN:
            resp.planned["status"] = "Succeeded"  # apply ends only once it is
        if prior is not None and prior.get("id") != name:
            resp.requires_replace = [*resp.requires_replace, ("azure", "name")]
            resp.planned["url"] = UNKNOWN
        return resp

    # -- CRUD ----------------------------------------------------------------------------
    def _endpoint(self, address: str, name: str) -> Any:
        live = self.az.try_call(lambda: self.az.ml.online_endpoints.get(name), f"online_endpoints.get {name}", address)
        if live is None or _sdk.state(live.provisioning_state) == "Deleting":
            return None
        return live

    def _put_endpoint(self, address: str, name: str, config: dict[str, Any], live_traffic: dict[str, int],
                      mirror: dict[str, int]) -> Steps[Any]:
        block = parse_block(EndpointBlock, config)
        ep = _sdk.entities().ManagedOnlineEndpoint(
            name=name, auth_mode=AUTH[block.auth_mode], tags=self.tags(address, config), traffic=live_traffic,
            mirror_traffic=mirror,
        )
        return (yield from self.az.wait_steps(lambda: self.az.ml.online_endpoints.begin_create_or_update(ep),
                                              f"endpoint {name}", address))

    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        name = self._name(address, config)
        live = self._endpoint(address, name)
        if live is not None:
            if (live.tags or {}).get(naming.ADDRESS_TAG) != address:
                raise ResourceError(f"An Azure ML online endpoint named {name} already exists",
                                    f'It is not tagged as {address}; import it, or set another name with azure {{ name = "..." }}.')
        else:
            self.progress(f"creating endpoint {name}")
            try:
                yield from self._put_endpoint(address, name, config, {}, {})
            except ResourceError:
                yield from self._delete_endpoint(address, name, quiet=True)
                raise
        try:
            return (yield from self._converge(address, name, config))
        except ResourceError as e:
            # The endpoint exists: record what is there so the next plan finishes the job.
            e.partial = self.read(address, self.attributes(config, {"id": name, "status": "Failed"}))
            raise

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        return (yield from self._converge(address, prior["id"], config))

    def _converge(self, address: str, name: str, config: dict[str, Any]) -> Steps[dict[str, Any]]:
        block = parse_block(EndpointBlock, config)
        variants: dict[str, dict[str, Any]] = config.get("variant") or {}
        wanted = deployments.names(variants, block)
        existing = deployments.listing(self.az, name, address)
        tags = self.tags(address, config)
        scaling = config.get("autoscaling")
        created: list[str] = []
        for v in sorted(variants):
            dep, want = wanted[v], deployments.spec(variants[v], block)
            if scaling:
                want["instance_count"] = max(want["instance_count"], int(scaling.get("min", 1) or 1))
            if dep not in existing:
                self.progress(f"creating deployment {dep} for variant {v}")
                yield from deployments.create(self.az, self.progress, address, name, v, dep, want, block, tags)
                created.append(dep)
            elif (not scaling and int(existing[dep].instance_count or 0) != want["instance_count"]) or (
                existing[dep].tags or {}) != {**tags, naming.VARIANT_TAG: v}:
                self.progress(f"updating deployment {dep} of variant {v}")
                yield from deployments.create(self.az, self.progress, address, name, v, dep, want, block, tags)
        live = self._endpoint(address, name)
        if live is None:
            raise ResourceError(f"Endpoint {name} is gone", "It was deleted while it was being updated.")
        current = {k: int(v) for k, v in (live.traffic or {}).items()}
        live_target, mirror = traffic.live_and_mirror(variants, wanted)
        rollout = config.get("rollout") or {}
        strategy = rollout.get("strategy", "all_at_once")
        moving = created and any(current.get(k) for k in current if k not in wanted.values())
        plan = traffic.steps(current, live_target, strategy, rollout.get("steps")) if moving else [live_target]
        changed = (current != {k: v for k, v in live_target.items()}
                   or {k: int(v) for k, v in (live.mirror_traffic or {}).items()} != mirror
                   or (live.tags or {}) != tags)
        if changed:
            yield from self._shift(address, name, config, current, plan, mirror, _seconds(rollout.get("interval")), created)
        self._autoscale(address, name, sorted(wanted.values()), scaling, tags)
        for dep in sorted(set(existing) - set(wanted.values())):
            self.progress(f"deleting deployment {dep} (no longer configured)")
            self._scaler().delete(f"{name}-{dep}")
            yield from deployments.delete(self.az, address, name, dep)
        final = self._endpoint(address, name)
        status = _sdk.state(final.provisioning_state) if final is not None else "Unknown"
        return self.attributes(config, {"id": name, "url": final.scoring_uri if final is not None else None, "status": status})

    def _scaler(self) -> autoscale.Autoscale:
        return autoscale.Autoscale(self.az, self.az.transport)

    def _autoscale(self, address: str, name: str, deps: list[str], scaling: dict[str, Any] | None, tags: dict[str, str]) -> None:
        """One Azure Monitor autoscale setting per deployment, or none without ``autoscaling``."""
        scaler = self._scaler()
        endpoint_id = self.az.endpoint_arm_id(name)
        for dep in deps:
            setting_name = f"{name}-{dep}"
            live = scaler.get(setting_name)
            if not scaling:
                if live is not None:
                    scaler.delete(setting_name)
                continue
            want = autoscale.setting(self.az.location, endpoint_id, f"{endpoint_id}/deployments/{dep}", scaling, tags)
            if live is None or live.get("properties") != want["properties"] or live.get("tags") != tags:
                self.progress(f"autoscaling deployment {dep}: {scaling.get('min', 1)} to {scaling.get('max', 1)} instances")
                scaler.put(setting_name, want)

    def _shift(self, address: str, name: str, config: dict[str, Any], before: dict[str, int],
               steps: list[dict[str, int]], mirror: dict[str, int], interval: float, created: list[str]) -> Steps[None]:
        """Set the traffic of each step in turn; between steps, a ``Wait`` of ``interval``
        (no worker held) then a check that the deployments taking traffic still serve. A
        failed step puts the traffic back as it was and deletes the new deployments."""
        for i, step in enumerate(steps):
            if len(steps) > 1:
                shown = ", ".join(f"{k}={v}%" for k, v in sorted(step.items()))
                self.progress(f"endpoint {name}: traffic step {i + 1}/{len(steps)}: {shown}")
            try:
                yield from self._put_endpoint(address, name, config, step, mirror if i == len(steps) - 1 else {})
                if i < len(steps) - 1:
                    yield Wait(interval, f"endpoint {name}: watching step {i + 1} of {len(steps)} for {interval:g}s")
                    self._check_serving(address, name, step)
            except ResourceError as e:
                if i == 0 and len(steps) == 1:
                    raise
                self.progress(f"endpoint {name}: step {i + 1} failed; rolling traffic back")
                yield from self._put_endpoint(address, name, config, before, {})
                for dep in created:
                    yield from deployments.delete(self.az, address, name, dep, quiet=True)
                raise ResourceError(f"Rollout of endpoint {name} was rolled back at step {i + 1} of {len(steps)}", e.detail) from e

    def _check_serving(self, address: str, name: str, step: dict[str, int]) -> None:
        deps = deployments.listing(self.az, name, address)
        for dep, share in step.items():
            state = _sdk.state(deps[dep].provisioning_state) if dep in deps else "Deleted"
            if share and state != "Succeeded":
                raise ResourceError(f"Deployment {dep} is {state}", f"Deployment {dep} stopped serving during the rollout.")

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        if not isinstance(name, str):
            return None
        live = self._endpoint(address, name)
        if live is None:
            return None
        deps = deployments.listing(self.az, name, address)
        if "variant" not in state:
            return self._imported(address, live, deps)
        block = parse_block(EndpointBlock, state)
        out = dict(state)
        out["variant"] = self._live_variants(state.get("variant") or {}, block, live, deps)
        scaling = state.get("autoscaling")
        if scaling:
            for v, now in out["variant"].items():  # the autoscaler owns the instance count
                now["instance_count"] = (state.get("variant") or {}).get(v, now).get("instance_count", now["instance_count"])
            names = deployments.names(state.get("variant") or {}, block)
            first = names[sorted(names)[0]] if names else None
            live_bounds = autoscale.bounds(self._scaler().get(f"{name}-{first}")) if first in deps else None
            if live_bounds is None:
                out["autoscaling"] = None
            elif live_bounds != {"min": scaling.get("min"), "max": scaling.get("max")}:
                out["autoscaling"] = {**scaling, **live_bounds}
        out["tags"] = naming.user_tags(live.tags, self.settings.tags)
        out["status"] = _sdk.state(live.provisioning_state)
        out["url"] = live.scoring_uri
        return out

    def _live_variants(self, recorded: dict[str, dict[str, Any]], block: EndpointBlock, live: Any,
                       deps: dict[str, Any]) -> dict[str, dict[str, Any]]:
        by_variant: dict[str, list[Any]] = {}
        for dep in deps.values():
            by_variant.setdefault((dep.tags or {}).get(naming.VARIANT_TAG) or dep.name, []).append(dep)
        expected = deployments.names(recorded, block)
        live_share = {k: int(v) for k, v in (live.traffic or {}).items()}
        mirror = {k: int(v) for k, v in (live.mirror_traffic or {}).items()}
        out: dict[str, dict[str, Any]] = {}
        weights: dict[str, float] = {}
        shares: dict[str, int] = {}
        for v, candidates in sorted(by_variant.items()):
            chosen = next((c for c in candidates if c.name == expected.get(v)), None) or max(
                candidates, key=lambda c: (live_share.get(c.name, 0), c.name))
            before = dict(recorded.get(v) or {})
            now = {**before} if before else {"shadow": chosen.name in mirror, "instance_type": chosen.instance_type}
            now.setdefault("weight", 0)
            ref = deployments.model_ref(chosen)
            if naming.parse_model_ref(str(before.get("model") or "")) != naming.parse_model_ref(str(ref or "")):
                now["model"] = ref
            if (before.get("instance_type") or block.instance_type).lower() != str(chosen.instance_type).lower():
                now["instance_type"] = chosen.instance_type
            now["instance_count"] = int(chosen.instance_count or 0)
            if now.get("shadow"):
                copied = mirror.get(chosen.name, 0)
                now["weight"] = before["weight"] if before and round(float(before["weight"])) == copied else float(copied)
            else:
                weights[v] = float(before.get("weight", 0)) if before else 0.0
                shares[v] = sum(live_share.get(c.name, 0) for c in candidates)
            out[v] = now
        for v, w in traffic.weights_from_live(weights, shares).items():
            out[v]["weight"] = w
        return out

    def _imported(self, address: str, live: Any, deps: dict[str, Any]) -> dict[str, Any]:
        block = EndpointBlock()
        recorded = {
            (dep.tags or {}).get(naming.VARIANT_TAG) or dep.name: {
                "model": deployments.model_ref(dep), "weight": 0.0, "instance_type": dep.instance_type,
                "instance_count": int(dep.instance_count or 1), "shadow": dep.name in (live.mirror_traffic or {}),
            }
            for dep in deps.values()
        }
        variants = self._live_variants(recorded, block, live, deps)
        config = {"variant": variants, "autoscaling": None, "rollout": None, "data_capture": None,
                  "tags": naming.user_tags(live.tags, self.settings.tags),
                  "azure": {"name": live.name} if live.name != naming.endpoint_name(address) else None}
        return self.attributes(config, {"id": live.name, "url": live.scoring_uri, "status": _sdk.state(live.provisioning_state)})

    def _delete_endpoint(self, address: str, name: str, quiet: bool = False) -> Steps[None]:
        try:
            yield from self.az.wait_steps(lambda: self.az.ml.online_endpoints.begin_delete(name=name), f"deleting endpoint {name}", address)
        except ResourceError as e:
            if not (quiet or getattr(e, "not_found", False)):
                raise

    def delete(self, address: str, state: dict[str, Any]) -> Steps[None]:
        name = state.get("id")
        if isinstance(name, str) and self._endpoint(address, name) is not None:
            for dep in deployments.listing(self.az, name, address):
                self._scaler().delete(f"{name}-{dep}")
            yield from self._delete_endpoint(address, name)

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        """An online endpoint by name, with its deployments as variants."""
        return self.read(address, {"id": object_id})

    def find(self, address: str) -> dict[str, Any] | None:
        name = naming.endpoint_name(address)
        live = self._endpoint(address, name)
        if live is None or (live.tags or {}).get(naming.ADDRESS_TAG) != address:
            return None
        return self.read(address, {"id": name})
