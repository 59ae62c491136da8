"""The fake's EndpointService: endpoints, deployModel / undeployModel / mutateDeployedModel
and PATCH, with the rules the service enforces: a traffic split sums to 100 over deployed
model IDs (or is empty), a model with traffic cannot be undeployed unless it is the last,
an endpoint with deployed models cannot be deleted, one operation at a time per endpoint,
machine types and replica counts are checked, and a container that never becomes ready
fails the deployment with the service's reason."""

from __future__ import annotations

import re
from typing import Any

from vertexfake.core import (
    TYPE,
    ApiError,
    State,
    check_display_name,
    check_labels,
    now,
    precondition,
)
from vertexfake.models import Models

ENDPOINT_ID = re.compile(r"^([a-z]([a-z0-9-]{0,61}[a-z0-9])?|[1-9][0-9]{0,8})$")
DEPLOYED_ID = re.compile(r"^[0-9]{1,10}$")
MACHINE_TYPES = frozenset(
    {"n1-standard-2", "n1-standard-4", "n1-standard-8", "n1-highmem-2", "e2-standard-2", "e2-standard-4", "n2-standard-2", "n2-standard-4"}
)
NEVER_READY = (
    "Model server never became ready. Please validate that your model file or container configuration are valid. "
    "Model server logs can be found at https://console.cloud.google.com/logs/viewer?project={project}."
)


def check_logging(config: Any) -> dict[str, Any]:
    if not config:
        return {}
    rate = config.get("samplingRate", 0)
    if not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise ApiError(400, "predictRequestResponseLoggingConfig.samplingRate must be between 0 and 1.")
    uri = (config.get("bigqueryDestination") or {}).get("outputUri", "")
    if config.get("enabled") and not str(uri).startswith("bq://"):
        raise ApiError(400, "predictRequestResponseLoggingConfig.bigqueryDestination.outputUri must be a BigQuery URI (bq://...).")
    return dict(config) if config.get("enabled") else {}


def check_split(split: Any, ids: set[str], where: str) -> dict[str, int]:
    if not split:
        return {}
    if not isinstance(split, dict):
        raise ApiError(400, f"{where}: trafficSplit must be a map from DeployedModel ID to percentage.")
    out: dict[str, int] = {}
    for k, v in split.items():
        if k not in ids:
            raise ApiError(400, f"{where}: trafficSplit names DeployedModel '{k}', which is not deployed to this Endpoint.")
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 100:
            raise ApiError(400, f"{where}: traffic percentage of '{k}' must be an integer from 0 to 100.")
        out[k] = v
    if sum(out.values()) != 100:
        raise ApiError(400, f"{where}: the traffic split must add up to 100, got {sum(out.values())}.")
    return out


class Endpoints:
    def __init__(self, state: State, models: Models) -> None:
        self.state = state
        self.models = models
        self.endpoints: dict[str, dict[str, Any]] = {}
        self.reserved: set[str] = set()
        self.busy: set[str] = set()
        self.failing_images: set[str] = set()
        models.deployments = self.deployments

    def deployments(self, model_name: str) -> list[dict[str, Any]]:
        out = []
        for ename, e in self.endpoints.items():
            for dm in e.get("deployedModels", []):
                if dm["model"] == model_name:
                    out.append({"endpoint": ename, "id": dm["id"], "version": dm["modelVersionId"]})
        return out

    def _get(self, name: str) -> dict[str, Any]:
        e = self.endpoints.get(name)
        if e is None:
            raise ApiError(404, f'Endpoint "{name}" not found.')
        return e

    def _claim(self, name: str) -> dict[str, Any]:
        e = self._get(name)
        if name in self.busy:
            raise precondition(f"Endpoint {name} has an ongoing operation; wait for it to finish.")
        return e

    # -- endpoints -----------------------------------------------------------------------
    def create(self, loc: str, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        check_display_name(body.get("displayName"), "endpoint")
        labels = check_labels(body.get("labels"))
        if body.get("trafficSplit"):
            raise ApiError(400, "trafficSplit must be empty on an Endpoint without deployed models.")
        logging = check_logging(body.get("predictRequestResponseLoggingConfig"))
        eid = query.get("endpointId") or self.state.next_id()
        if not ENDPOINT_ID.match(eid):
            raise ApiError(400, f"Invalid endpointId '{eid}'.")
        name = f"{loc}/endpoints/{eid}"
        if name in self.endpoints or name in self.reserved:
            raise ApiError(409, f"Endpoint {name} already exists.")
        self.reserved.add(name)

        def finish() -> dict[str, Any]:
            self.reserved.discard(name)
            stamp = now()
            e = {
                "name": name,
                "displayName": body["displayName"],
                "description": body.get("description", ""),
                "labels": labels,
                "deployedModels": [],
                "trafficSplit": {},
                "predictRequestResponseLoggingConfig": logging,
                "createTime": stamp,
                "updateTime": stamp,
                "etag": f"e{self.state.next_id()}",
            }
            self.endpoints[name] = e
            return self.json(e)

        return self.state.start(name, "CreateEndpointOperationMetadata", TYPE + "Endpoint", finish)

    def json(self, e: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in e.items() if v not in ({}, [], "")}
        return out

    def get(self, name: str) -> dict[str, Any]:
        return self.json(self._get(name))

    def list(self, loc: str, query: dict[str, str], label_filter: Any) -> dict[str, Any]:
        out = [
            self.json(e)
            for n, e in sorted(self.endpoints.items())
            if n.startswith(loc + "/") and label_filter(query.get("filter"), e.get("labels", {}))
        ]
        return {"endpoints": out} if out else {}

    def patch(self, name: str, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        e = self._claim(name)
        mask = [p for p in (query.get("updateMask") or "").split(",") if p]
        if not mask:
            raise ApiError(400, "updateMask is required.")
        changes: dict[str, Any] = {}
        for path in mask:
            if path == "trafficSplit":
                ids = {dm["id"] for dm in e["deployedModels"]}
                changes[path] = check_split(body.get("trafficSplit"), ids, "UpdateEndpoint")
            elif path == "labels":
                changes[path] = check_labels(body.get("labels"))
            elif path == "displayName":
                changes[path] = check_display_name(body.get("displayName"), "endpoint")
            elif path == "predictRequestResponseLoggingConfig":
                changes[path] = check_logging(body.get(path))
            elif path == "description":
                changes[path] = body.get("description", "")
            else:
                raise ApiError(400, f"Field '{path}' of Endpoint cannot be updated.")
        e.update(changes, updateTime=now(), etag=f"e{self.state.next_id()}")
        return self.json(e)

    def delete(self, name: str) -> dict[str, Any]:
        e = self._claim(name)
        if e["deployedModels"]:
            raise precondition(f"Endpoint {name} has deployed models; undeploy them before deleting the Endpoint.")
        self.busy.add(name)

        def finish() -> None:
            self.busy.discard(name)
            self.endpoints.pop(name, None)

        return self.state.start(name, "DeleteOperationMetadata", "type.googleapis.com/google.protobuf.Empty", finish)

    # -- deployed models -----------------------------------------------------------------
    def deploy(self, name: str, body: dict[str, Any]) -> dict[str, Any]:
        e = self._claim(name)
        dm = body.get("deployedModel")
        if not isinstance(dm, dict) or not dm.get("model"):
            raise ApiError(400, "deployedModel.model is required.")
        loc = name.split("/endpoints/")[0]
        model_name, vid = self.models.resolve(loc, dm["model"])
        res = dm.get("dedicatedResources")
        if not isinstance(res, dict):
            raise ApiError(400, "deployedModel.dedicatedResources is required: this Model supports DEDICATED_RESOURCES only.")
        machine = (res.get("machineSpec") or {}).get("machineType")
        if machine not in MACHINE_TYPES:
            raise ApiError(400, f"Machine type \"{machine}\" is not supported.")
        lo, hi = int(res.get("minReplicaCount", 0)), int(res.get("maxReplicaCount", 0))
        if lo < 1:
            raise ApiError(400, "dedicatedResources.minReplicaCount must be at least 1.")
        if hi and hi < lo:
            raise ApiError(400, "dedicatedResources.maxReplicaCount must not be less than minReplicaCount.")
        did = dm.get("id") or self.state.next_id()
        ids = {d["id"] for d in e["deployedModels"]}
        if not DEPLOYED_ID.match(did) or did in ids:
            raise ApiError(400, f"Invalid or duplicate DeployedModel id '{did}'.")
        split = check_split(body.get("trafficSplit"), ids | {"0"}, "DeployModel")
        image = (self.models.models[model_name]["versions"][vid].get("containerSpec") or {}).get("imageUri", "")
        self.busy.add(name)

        def finish() -> dict[str, Any]:
            self.busy.discard(name)
            if image in self.failing_images:
                raise precondition(NEVER_READY.format(project=name.split("/")[1]))
            deployed = {
                "id": did,
                "model": model_name,
                "modelVersionId": vid,
                "displayName": dm.get("displayName", ""),
                "createTime": now(),
                "dedicatedResources": {**res, "minReplicaCount": lo, "maxReplicaCount": hi or lo},
            }
            deployed = {k: v for k, v in deployed.items() if v != ""}
            e["deployedModels"].append(deployed)
            if split:
                e["trafficSplit"] = {(did if k == "0" else k): v for k, v in split.items() if v or k != "0"}
            e["updateTime"] = now()
            return {"deployedModel": deployed}

        return self.state.start(name, "DeployModelOperationMetadata", TYPE + "DeployModelResponse", finish)

    def undeploy(self, name: str, body: dict[str, Any]) -> dict[str, Any]:
        e = self._claim(name)
        did = body.get("deployedModelId")
        ids = {d["id"] for d in e["deployedModels"]}
        if did not in ids:
            raise ApiError(404, f"DeployedModel '{did}' is not deployed to Endpoint {name}.")
        split = check_split(body.get("trafficSplit"), ids, "UndeployModel") if body.get("trafficSplit") else dict(e["trafficSplit"])
        if len(ids) > 1 and split.get(did, 0) > 0:
            raise precondition(
                f"DeployedModel {did} has {split[did]}% of the Endpoint's traffic and cannot be undeployed; "
                "move its traffic to other DeployedModels first."
            )
        self.busy.add(name)

        def finish() -> dict[str, Any]:
            self.busy.discard(name)
            e["deployedModels"] = [d for d in e["deployedModels"] if d["id"] != did]
            e["trafficSplit"] = {k: v for k, v in split.items() if k != did} if e["deployedModels"] else {}
            e["updateTime"] = now()
            return {}

        return self.state.start(name, "UndeployModelOperationMetadata", TYPE + "UndeployModelResponse", finish)

    def mutate(self, name: str, body: dict[str, Any]) -> dict[str, Any]:
        e = self._claim(name)
        dm = body.get("deployedModel") or {}
        target = next((d for d in e["deployedModels"] if d["id"] == dm.get("id")), None)
        if target is None:
            raise ApiError(404, f"DeployedModel '{dm.get('id')}' is not deployed to Endpoint {name}.")
        mask = [p for p in (body.get("updateMask") or "").split(",") if p]
        allowed = {"dedicatedResources.minReplicaCount", "dedicatedResources.maxReplicaCount", "dedicatedResources.autoscalingMetricSpecs"}
        if not mask or not set(mask) <= allowed:
            raise ApiError(400, f"updateMask may name only {', '.join(sorted(allowed))}.")
        res = dm.get("dedicatedResources") or {}
        lo = int(res.get("minReplicaCount", target["dedicatedResources"]["minReplicaCount"]))
        hi = int(res.get("maxReplicaCount", target["dedicatedResources"]["maxReplicaCount"]))
        if lo < 1 or hi < lo:
            raise ApiError(400, "Replica counts must satisfy 1 <= minReplicaCount <= maxReplicaCount.")
        self.busy.add(name)

        def finish() -> dict[str, Any]:
            self.busy.discard(name)
            target["dedicatedResources"].update(minReplicaCount=lo, maxReplicaCount=hi)
            return {"deployedModel": target}

        return self.state.start(name, "MutateDeployedModelOperationMetadata", TYPE + "MutateDeployedModelResponse", finish)

    # -- what someone does in the console ------------------------------------------------
    def console_set_traffic(self, name: str, split: dict[str, int]) -> None:
        with self.state.lock:
            self._get(name)["trafficSplit"] = dict(split)

    def console_undeploy(self, name: str, deployed_id: str) -> None:
        with self.state.lock:
            e = self._get(name)
            e["deployedModels"] = [d for d in e["deployedModels"] if d["id"] != deployed_id]
            e["trafficSplit"] = {k: v for k, v in e["trafficSplit"].items() if k != deployed_id}
