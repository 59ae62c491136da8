"""Between the portable endpoint arguments and Vertex AI deployed models: the desired
deployments of a configuration, the live ones of an endpoint, the requests that deploy
them, and the variants an endpoint reads back as."""

from __future__ import annotations

from typing import Any

from mlinfra import diagnostics as d
from mlinfra.values import contains_unknown
from mlinfra_provider_gcp import traffic
from mlinfra_provider_gcp.config import EndpointBlock
from mlinfra_provider_gcp.traffic import Desired, Live


def replicas(variant: dict[str, Any], autoscaling: dict[str, Any] | None) -> tuple[int, int]:
    if autoscaling:
        lo = max(1, int(autoscaling.get("min", 1)))
        return lo, max(lo, int(autoscaling.get("max", lo)))
    n = int(variant.get("instance_count", 1))
    return n, n


def desired(config: dict[str, Any], block: EndpointBlock) -> dict[str, Desired]:
    out = {}
    for name, v in sorted((config.get("variant") or {}).items()):
        lo, hi = replicas(v, config.get("autoscaling"))
        out[name] = Desired(name, traffic.normalise_model(v["model"]), v.get("instance_type") or block.machine_type, lo, hi)
    return out


def live(endpoint: dict[str, Any]) -> list[Live]:
    out = []
    for dm in endpoint.get("deployedModels", []):
        res = dm.get("dedicatedResources") or {}
        lo = int(res.get("minReplicaCount", 1))
        out.append(
            Live(
                id=dm["id"],
                variant=dm.get("displayName") or f"deployed-{dm['id']}",
                model=f"{traffic.normalise_model(dm['model'])}@{dm.get('modelVersionId', '1')}",
                machine_type=(res.get("machineSpec") or {}).get("machineType", ""),
                min_replicas=lo,
                max_replicas=int(res.get("maxReplicaCount") or lo),
            )
        )
    return out


def same_model(want: str, have: str) -> bool:
    """A model without a version means its default version: compare the model only."""
    return want == have or ("@" not in want and have.split("@")[0] == want)


def deployed_model(want: Desired, model_ref: str, block: EndpointBlock) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model_ref,
        "display_name": want.variant,
        "dedicated_resources": {
            "machine_spec": {"machine_type": want.machine_type},
            "min_replica_count": want.min_replicas,
            "max_replica_count": want.max_replicas,
        },
    }
    if block.service_account:
        body["service_account"] = block.service_account
    return body


def read_variants(state: dict[str, Any], endpoint: dict[str, Any], block: EndpointBlock, parent: str) -> dict[str, Any]:
    """The variants as the endpoint serves them, keeping the configured spelling of every
    value the live endpoint agrees with (so only real drift shows)."""
    split = {k: int(v) for k, v in (endpoint.get("trafficSplit") or {}).items()}
    by_variant: dict[str, Live] = {}
    for lv in live(endpoint):
        best = by_variant.get(lv.variant)
        if best is None or split.get(lv.id, 0) > split.get(best.id, 0):
            by_variant[lv.variant] = lv
    before = state.get("variant") or {}
    autoscaled = bool(state.get("autoscaling"))
    configured = traffic.percentages({k: float(v.get("weight", 100)) for k, v in before.items()})
    live_pct = {v: split.get(lv.id, 0) for v, lv in by_variant.items()}
    same_split = configured == {k: p for k, p in live_pct.items() if p or k in configured}
    out = {}
    for name, lv in sorted(by_variant.items()):
        b = dict(before.get(name) or {})
        model = b.get("model")
        if not isinstance(model, str) or not same_model(traffic.normalise_model(model), lv.model):
            b["model"] = f"{parent}/{lv.model}"
        if not same_split or "weight" not in b:
            b["weight"] = float(live_pct.get(name, 0))
        if lv.machine_type != (b.get("instance_type") or block.machine_type):
            b["instance_type"] = lv.machine_type
        b.setdefault("instance_type", None)
        b.setdefault("shadow", False)  # Vertex AI mirrors no traffic; validate refuses shadow = true
        if not autoscaled and (b.get("instance_count") != lv.min_replicas):
            b["instance_count"] = lv.min_replicas
        out[name] = b
    return out


def request_logging(config: dict[str, Any], block: EndpointBlock, project: str) -> dict[str, Any]:
    """The endpoint's request-response logging (``data_capture``) in the service's JSON."""
    dc = config.get("data_capture")
    if not dc or not dc.get("enabled", True):
        return {}
    return {
        "enabled": True,
        "samplingRate": float(dc.get("sample_percent", 100)) / 100.0,
        "bigqueryDestination": {"outputUri": block.request_log_table or f"bq://{project}"},
    }


def read_data_capture(state: dict[str, Any], endpoint: dict[str, Any]) -> dict[str, Any] | None:
    live = endpoint.get("predictRequestResponseLoggingConfig") or {}
    if not live.get("enabled"):
        return None if not state.get("data_capture") else {**state["data_capture"], "enabled": False}
    pct = round(float(live.get("samplingRate", 1.0)) * 100, 6)
    before = state.get("data_capture") or {}
    return {**before, "enabled": True, "sample_percent": pct if before.get("sample_percent") != pct else before["sample_percent"]}


def imported_autoscaling(endpoint: dict[str, Any]) -> dict[str, Any] | None:
    lives = live(endpoint)
    if lives and any(lv.min_replicas != lv.max_replicas for lv in lives):
        first = lives[0]
        return {"min": first.min_replicas, "max": first.max_replicas, "target_rps": None}
    return None


def validate(address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
    out = []
    for name, v in (config.get("variant") or {}).items():
        if not isinstance(v, dict):
            continue
        itype = v.get("instance_type")
        if isinstance(itype, str) and itype.startswith("ml."):
            out.append(
                d.error(
                    "Not a Vertex AI machine type",
                    f'variant "{name}": instance_type = "{itype}" is a SageMaker instance type. Vertex AI machine types '
                    'look like "n1-standard-2"; leave instance_type out and set gcp { machine_type = "..." } to keep one '
                    "configuration portable across clouds.",
                    address=address,
                )
            )
        count = v.get("instance_count")
        if isinstance(count, int) and count < 1 and not config.get("autoscaling"):
            out.append(d.error("Invalid instance_count", f'variant "{name}": Vertex AI serves with at least 1 replica.', address=address))
    scaling = config.get("autoscaling")
    if isinstance(scaling, dict) and scaling.get("target_rps") is not None:
        out.append(
            d.warning(
                "target_rps is not used on Vertex AI",
                "Vertex AI scales deployed models between min and max replicas on CPU utilization "
                "(60% by default), not on requests per second.",
                address=address,
            )
        )
    rollout = config.get("rollout")
    gates = rollout.get("gates") if isinstance(rollout, dict) else None
    if isinstance(gates, dict) and not contains_unknown(gates):
        extra = sorted(set(gates) - {"alarms"})
        if extra:
            out.append(
                d.error(
                    "Unsupported rollout gate",
                    f'Write gates = {{ alarms = ["NAME", ...] }} (not {", ".join(extra)}).',
                    address=address,
                )
            )
        elif gates.get("alarms"):
            out.append(
                d.warning(
                    "Rollout alarms are health checks on Vertex AI",
                    "Vertex AI has no alarm state to read: between traffic steps the provider checks the endpoint "
                    "instead (every deployed model of the step still deployed, the traffic split as it set it) and "
                    "rolls back when the check fails.",
                    address=address,
                )
            )
    return out
