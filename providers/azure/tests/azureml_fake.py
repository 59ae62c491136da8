"""A project-owned fake of the Azure ML REST API (the ARM surface ``azure-ai-ml`` calls).

No Azure ML emulator exists, so the provider's tests run the real ``MLClient`` against
this fake. It keeps objects by ARM id and answers the way the service does:

- PUT of an online endpoint or deployment answers 201 with ``provisioningState`` Creating
  (Updating on an existing object) and an ``Azure-AsyncOperation`` header; the operation
  stays InProgress for a few polls, then the object becomes Succeeded, or Failed with the
  service's error when a test asked for a failure (``fail_deployment``).
- DELETE answers 202 and the object stays ``Deleting`` until its operation finishes;
  deleting an endpoint deletes its deployments.
- Refusals the provider's logic depends on: endpoint traffic must name existing,
  Succeeded deployments and sum to 0 or 100; mirror traffic at most 50 and never on a
  deployment that takes live traffic; a deployment with traffic cannot be deleted; an
  endpoint or deployment still provisioning refuses another change (409); a deployment's
  instance type cannot change; a model or data version's content is immutable; names
  follow the service's patterns; instance types come from a known list.
- Objects carry ``systemData`` and the fields the SDK needs (model ``flavors``,
  deployment ``scaleSettings``, endpoint ``scoringUri``).
- ``throttle(n)`` answers the next n requests 429 with Retry-After.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

RP = "Microsoft.MachineLearningServices"
ENDPOINT_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$")
DEPLOYMENT_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$")
ASSET_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9\-_.]{0,254}$")
INSTANCE_TYPES = frozenset(
    s.lower()
    for s in (
        "Standard_DS1_v2", "Standard_DS2_v2", "Standard_DS3_v2", "Standard_DS4_v2", "Standard_DS5_v2",
        "Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2", "Standard_E4s_v3", "Standard_NC6s_v3",
    )
)
PROVISIONED = ("onlineEndpoints", "deployments")


class Refusal(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class Operation:
    target: str
    kind: str  # "put" or "delete"
    polls_left: int
    error: dict[str, str] | None = None
    status: str = "InProgress"


@dataclass
class Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> tuple[int, dict[str, str], bytes]:
        data = b"" if self.body is None else json.dumps(self.body).encode()
        headers = {"Content-Type": "application/json", "x-ms-request-id": "fake", **self.headers}
        return self.status, headers, data


class AzureMLFake:
    """One workspace's Azure ML control plane in memory; thread-safe."""

    def __init__(self, subscription: str = "00000000-0000-0000-0000-000000000000", resource_group: str = "rg-ml",
                 workspace: str = "ws-ml", location: str = "eastus", base_url: str = "https://management.azure.com") -> None:
        self.subscription, self.resource_group, self.workspace, self.location = subscription, resource_group, workspace, location
        self.base_url = base_url
        self.objects: dict[str, dict[str, Any]] = {}
        self.operations: dict[str, Operation] = {}
        self.calls: list[tuple[str, str]] = []
        self.polls = 2
        self._failures: dict[str, str] = {}
        self._throttle = 0
        self.runner: Any = None
        self.job_errors: dict[str, str] = {}
        self._ids = itertools.count(1)
        self._lock = threading.RLock()

    # -- test controls -----------------------------------------------------------------
    @property
    def workspace_id(self) -> str:
        return (f"/subscriptions/{self.subscription}/resourceGroups/{self.resource_group}"
                f"/providers/{RP}/workspaces/{self.workspace}")

    def fail_deployment(self, name: str, message: str) -> None:
        """The next provisioning of deployment ``name`` ends Failed with ``message``."""
        self._failures[name.lower()] = message

    def seed_model(self, name: str, version: str, uri: str | None = None) -> str:
        """A model version registered outside mlinfra; returns its ``azureml:`` reference."""
        path = f"{self.workspace_id}/models/{name}/versions/{version}"
        body = {"properties": {"modelType": "custom_model", "modelUri": uri or f"azureml://datastores/workspaceblobstore/paths/{name}/{version}/model.pkl",
                               "tags": {}, "properties": {}}}
        self.handle("PUT", self.base_url + path, json.dumps(body).encode())
        return f"azureml:{name}:{version}"

    def seed_datastore(self, account: str, key: str, container: str = "azureml-blobstore", name: str = "workspaceblobstore") -> None:
        """The workspace's default blob datastore, with an account key (handed out by listSecrets)."""
        path = f"{self.workspace_id}/datastores/{name}"
        self.objects[path.lower()] = {
            "id": path, "name": name, "type": f"{RP}/workspaces/datastores", "systemData": _system_data(),
            "properties": {"datastoreType": "AzureBlob", "accountName": account, "containerName": container,
                           "endpoint": "core.windows.net", "protocol": "https", "isDefault": True,
                           "credentials": {"credentialsType": "AccountKey"}, "tags": {}},
        }
        self._datastore_key = key

    def seed_compute(self, name: str = "cpu-cluster") -> None:
        path = f"{self.workspace_id}/computes/{name}"
        self.objects[path.lower()] = {
            "id": path, "name": name, "type": f"{RP}/workspaces/computes", "location": self.location,
            "systemData": _system_data(),
            "properties": {"computeType": "AmlCompute", "provisioningState": "Succeeded",
                           "properties": {"vmSize": "STANDARD_DS3_V2", "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 4}}},
        }

    def throttle(self, n: int) -> None:
        self._throttle = n

    def get(self, path: str) -> dict[str, Any] | None:
        """An object by its path under the workspace (``onlineEndpoints/e``)."""
        return self.objects.get(f"{self.workspace_id}/{path}".lower())

    def edit(self, path: str, change: dict[str, Any]) -> None:
        """Change an object out of band (the studio), e.g. ``{"traffic": {...}}``."""
        with self._lock:
            obj = self.objects[f"{self.workspace_id}/{path}".lower()]
            obj["properties"].update(change)

    def remove(self, path: str) -> None:
        """Delete an object out of band, with its children."""
        key = f"{self.workspace_id}/{path}".lower()
        with self._lock:
            for k in [k for k in self.objects if k == key or k.startswith(key + "/")]:
                del self.objects[k]

    def count(self, method: str, fragment: str) -> int:
        return sum(1 for m, p in self.calls if m == method and fragment in p)

    # -- HTTP --------------------------------------------------------------------------
    def handle(self, method: str, url: str, body: bytes | None) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(url)
        path, query = parts.path.rstrip("/"), parse_qs(parts.query)
        with self._lock:
            self.calls.append((method, path))
            if self._throttle > 0:
                self._throttle -= 1
                return Answer(429, _error("TooManyRequests", "Rate limit exceeded. Retry later."), {"Retry-After": "0"}).encode()
            try:
                doc = json.loads(body) if body else None
                return self._route(method, path, query, doc).encode()
            except Refusal as e:
                return Answer(e.status, _error(e.code, e.message)).encode()

    def _route(self, method: str, path: str, query: dict[str, list[str]], doc: Any) -> Answer:
        op = re.search(r"/(?:mfeOperationsStatus|operationResults)/([^/]+)$", path)
        if op:
            return self._operation(op.group(1))
        if "/providers/microsoft.insights/autoscalesettings/" in path.lower():
            return self._autoscale(method, path, doc)
        prefix = self.workspace_id.lower()
        if not path.lower().startswith(prefix):
            raise Refusal(404, "ResourceGroupNotFound", f"Resource {path} was not found.")
        rest = path[len(prefix):].strip("/")
        segs = rest.split("/") if rest else []
        if not segs:
            return Answer(200, self._workspace())
        if segs[-1] in ("listKeys", "listSecrets", "getLogs", "token"):
            return self._action(segs, path)
        if segs[0] in ("models", "data", "components", "environments", "codes"):
            return self._asset(method, path, segs, query, doc)
        if segs[0] == "onlineEndpoints":
            if len(segs) in (1, 3):
                return Answer(200, {"value": self._children(path)})
            return self._provisioned(method, path, segs, doc)
        if segs[0] == "jobs" and len(segs) == 2:
            return self._job(method, path, segs, doc)
        if segs[0] in ("jobs", "datastores", "computes"):
            return self._plain(method, path, segs, doc)
        raise Refusal(404, "NotFound", f"No route for {path}.")

    # -- workspace and plain objects ---------------------------------------------------
    def _workspace(self) -> dict[str, Any]:
        return {
            "id": self.workspace_id, "name": self.workspace, "type": f"{RP}/workspaces", "location": self.location,
            "identity": {"type": "SystemAssigned"}, "kind": "Default", "tags": {},
            "properties": {"friendlyName": self.workspace, "workspaceId": "11111111-1111-1111-1111-111111111111",
                           "discoveryUrl": f"{self.base_url}/discovery", "mlFlowTrackingUri": "",
                           "storageAccount": f"/subscriptions/{self.subscription}/resourceGroups/{self.resource_group}/providers/Microsoft.Storage/storageAccounts/mlstore",
                           "provisioningState": "Succeeded"},
            "systemData": _system_data(),
        }

    def _action(self, segs: list[str], path: str) -> Answer:
        if segs[-1] == "listKeys":
            self._must(path.rsplit("/", 1)[0])
            return Answer(200, {"primaryKey": "fake-primary", "secondaryKey": "fake-secondary"})
        return Answer(200, {"secretsType": "AccountKey", "key": getattr(self, "_datastore_key", "ZmFrZQ==")})

    def _plain(self, method: str, path: str, segs: list[str], doc: Any) -> Answer:
        if len(segs) == 1:
            return Answer(200, {"value": self._children(path)})
        key = path.lower()
        if method == "GET":
            return Answer(200, self._must(path))
        if method == "PUT":
            obj = self._stamp(path, segs, doc, self.objects.get(key))
            self.objects[key] = obj
            return Answer(200 if key in self.objects else 201, obj)
        if method == "DELETE":
            self.objects.pop(key, None)
            return Answer(200)
        raise Refusal(405, "MethodNotAllowed", method)

    def _children(self, path: str) -> list[dict[str, Any]]:
        prefix = path.lower() + "/"
        return [o for k, o in sorted(self.objects.items()) if k.startswith(prefix) and "/" not in k[len(prefix):]]

    def _must(self, path: str) -> dict[str, Any]:
        obj = self.objects.get(path.lower())
        if obj is None:
            raise Refusal(404, "UserError", f"Resource {path.rsplit('/', 1)[-1]} was not found.")
        return obj

    def _stamp(self, path: str, segs: list[str], doc: Any, old: dict[str, Any] | None) -> dict[str, Any]:
        doc = dict(doc or {})
        kind = "/".join(s for i, s in enumerate(segs) if i % 2 == 0)
        obj = {**doc, "id": path, "name": segs[-1], "type": f"{RP}/workspaces/{kind}"}
        obj.setdefault("properties", {})
        created = (old or {}).get("systemData", {}).get("createdAt")
        obj["systemData"] = _system_data(created)
        return obj

    # -- Azure Monitor autoscale settings ----------------------------------------------
    def _autoscale(self, method: str, path: str, doc: Any) -> Answer:
        key = path.lower()
        if method == "GET":
            obj = self.objects.get(key)
            if obj is None:
                raise Refusal(404, "ResourceNotFound", f"The autoscale setting {path.rsplit('/', 1)[-1]} was not found.")
            return Answer(200, obj)
        if method == "DELETE":
            return Answer(200 if self.objects.pop(key, None) else 204)
        props = (doc or {}).get("properties") or {}
        target = str(props.get("targetResourceUri") or "")
        if target.lower() not in self.objects:
            raise Refusal(400, "InvalidRequestContent", f"The target resource {target} does not exist.")
        for profile in props.get("profiles") or []:
            cap = profile.get("capacity") or {}
            low, high, default = (int(cap.get(k, -1)) for k in ("minimum", "maximum", "default"))
            if not 0 <= low <= default <= high:
                raise Refusal(400, "InvalidRequestContent", "Capacity must satisfy minimum <= default <= maximum.")
        obj = {**(doc or {}), "id": path, "name": path.rsplit("/", 1)[-1], "type": "Microsoft.Insights/autoscaleSettings"}
        created = key not in self.objects
        self.objects[key] = obj
        return Answer(201 if created else 200, obj)

    # -- jobs ---------------------------------------------------------------------------
    def _job(self, method: str, path: str, segs: list[str], doc: Any) -> Answer:
        """A job runs as it is polled: NotStarted, Running (``runner`` runs it), then
        Completed or Failed. Without a runner a job stays Running."""
        key = path.lower()
        old = self.objects.get(key)
        if method == "PUT":
            if old is not None:
                new = (doc or {}).get("properties") or {}
                if "jobs" in new and _plain_jobs(new["jobs"]) != _plain_jobs(old["properties"].get("jobs")):
                    raise Refusal(400, "UserError", f"A job named {segs[1]} already exists; job names are unique.")
                for k in ("isArchived", "tags", "displayName", "description"):
                    if k in new:
                        old["properties"][k] = new[k]
                return Answer(200, old)
            obj = self._stamp(path, segs, doc, None)
            obj["properties"].update(status="NotStarted", services={})
            self.objects[key] = obj
            return Answer(201, obj)
        if method == "DELETE":
            self.objects.pop(key, None)
            return Answer(200)
        obj = self._must(path)
        props = obj["properties"]
        if props["status"] == "NotStarted":
            props["status"] = "Running"
        elif props["status"] == "Running" and self.runner is not None:
            failure = self.runner(obj)
            props["status"] = "Failed" if failure else "Completed"
            if failure:
                self.job_errors[segs[1]] = failure
        return Answer(200, obj)

    # -- versioned assets --------------------------------------------------------------
    def _asset(self, method: str, path: str, segs: list[str], query: dict[str, list[str]], doc: Any) -> Answer:
        name = segs[1] if len(segs) > 1 else ""
        if name and not ASSET_NAME.match(name):
            raise Refusal(400, "UserError", f"Asset name {name!r} is invalid: use letters, digits, '-', '_' and '.'.")
        if len(segs) == 1:
            return Answer(200, {"value": self._children(path)})
        if len(segs) == 2:  # the container
            if method == "GET":
                return Answer(200, self._must(path))
            obj = self._stamp(path, segs, doc, self.objects.get(path.lower()))
            obj["properties"].setdefault("latestVersion", None)
            self.objects[path.lower()] = obj
            return Answer(200, obj)
        if len(segs) == 3:  # list of versions
            versions = self._children(path)
            view = (query.get("listViewType") or ["ActiveOnly"])[0].lower()
            if view == "activeonly":
                versions = [v for v in versions if not v["properties"].get("isArchived")]
            elif view == "archivedonly":
                versions = [v for v in versions if v["properties"].get("isArchived")]
            versions.sort(key=lambda o: o["systemData"]["createdAt"], reverse=True)
            top = int(query.get("$top", ["0"])[0] or 0)
            return Answer(200, {"value": versions[:top] if top else versions})
        key = path.lower()
        if method == "GET":
            return Answer(200, self._must(path))
        if method == "DELETE":
            if key not in self.objects:
                return Answer(204)
            del self.objects[key]
            return Answer(200)
        if method != "PUT":
            raise Refusal(405, "MethodNotAllowed", method)
        old = self.objects.get(key)
        props = dict((doc or {}).get("properties") or {})
        if segs[0] == "models" and props.get("modelUri") and not str(props["modelUri"]).startswith("azureml://"):
            raise Refusal(400, "UserError", f"modelUri {props['modelUri']!r} is not a datastore URI.")
        uri_key = {"models": "modelUri", "data": "dataUri"}.get(segs[0])
        if old is not None and uri_key and old["properties"].get(uri_key) != props.get(uri_key):
            raise Refusal(400, "UserError",
                          f"{segs[0]} {name} version {segs[3]} already exists with another {uri_key}; "
                          "an asset version's content cannot change. Create a new version.")
        if segs[0] == "models":
            props.setdefault("flavors", {})
            props.setdefault("jobName", None)
        props["provisioningState"] = "Succeeded"
        obj = self._stamp(path, segs, {**(doc or {}), "properties": props}, old)
        self.objects[key] = obj
        container = path.rsplit("/versions", 1)[0]
        if container.lower() not in self.objects:
            self.objects[container.lower()] = self._stamp(container, segs[:2], {"properties": {}}, None)
        self.objects[container.lower()]["properties"]["latestVersion"] = segs[3]
        return Answer(201 if old is None else 200, obj)

    # -- endpoints and deployments (asynchronous) --------------------------------------
    def _provisioned(self, method: str, path: str, segs: list[str], doc: Any) -> Answer:
        key = path.lower()
        old = self.objects.get(key)
        if method == "GET":
            return Answer(200, self._must(path))
        if old is not None and old["properties"].get("provisioningState") in ("Creating", "Updating", "Deleting"):
            raise Refusal(409, "Conflict", f"{segs[-1]} is {old['properties']['provisioningState']}; "
                                           "wait for the operation in progress to finish.")
        if method == "DELETE":
            if old is None:
                return Answer(204)
            if len(segs) == 4:
                self._check_deletable(segs[1], segs[3])
            old["properties"]["provisioningState"] = "Deleting"
            for k, o in self.objects.items():
                if k.startswith(key + "/"):
                    o["properties"]["provisioningState"] = "Deleting"
            return self._start(path, "delete", None, 202)
        if method == "PATCH" and old is not None:
            doc = _merge(old, doc or {})
        elif method not in ("PUT", "PATCH"):
            raise Refusal(405, "MethodNotAllowed", method)
        elif old is None and method == "PATCH":
            raise Refusal(404, "UserError", f"{segs[-1]} was not found.")
        if len(segs) == 2:
            self._check_endpoint(segs[1], doc)
        else:
            self._check_deployment(segs[1], segs[3], doc, old)
        obj = self._stamp(path, segs, doc, old)
        props = obj["properties"]
        props["provisioningState"] = "Creating" if old is None else "Updating"
        if len(segs) == 2:
            props["scoringUri"] = f"https://{segs[1]}.{self.location}.inference.ml.azure.com/score"
            props["swaggerUri"] = f"https://{segs[1]}.{self.location}.inference.ml.azure.com/swagger.json"
            props.setdefault("traffic", {})
            props.setdefault("mirrorTraffic", {})
            obj.setdefault("identity", {"type": "SystemAssigned"})
            if old is not None:
                obj["_previous"] = {k: old["properties"].get(k) for k in ("traffic", "mirrorTraffic")}
        else:
            props.setdefault("scaleSettings", {"scaleType": "Default"})
            props.setdefault("endpointComputeType", "Managed")
            props.setdefault("requestSettings", {"maxConcurrentRequestsPerInstance": 1, "requestTimeout": "PT5S"})
        obj.setdefault("location", self.location)
        self.objects[key] = obj
        failure = self._failures.pop(segs[-1].lower(), None) if len(segs) == 4 else None
        error = {"code": "DeploymentFailed", "message": failure} if failure else None
        return self._start(path, "put", error, 201 if old is None else 200, obj)

    def _start(self, path: str, kind: str, error: dict[str, str] | None, status: int, body: Any = None) -> Answer:
        op_id = f"op-{next(self._ids)}"
        self.operations[op_id] = Operation(path, kind, self.polls, error)
        url = (f"{self.base_url}/subscriptions/{self.subscription}/providers/{RP}/locations/{self.location}"
               f"/mfeOperationsStatus/{op_id}?api-version=2023-04-01")
        return Answer(status, body, {"Azure-AsyncOperation": url, "Location": url.replace("mfeOperationsStatus", "operationResults")})

    def _operation(self, op_id: str) -> Answer:
        op = self.operations.get(op_id)
        if op is None:
            raise Refusal(404, "NotFound", f"Operation {op_id} was not found.")
        if op.status == "InProgress":
            op.polls_left -= 1
            if op.polls_left <= 0:
                self._finish(op)
        body: dict[str, Any] = {"id": op_id, "name": op_id, "status": op.status}
        if op.error:
            body["error"] = op.error
        return Answer(200, body)

    def _finish(self, op: Operation) -> None:
        key = op.target.lower()
        obj = self.objects.get(key)
        if op.kind == "delete":
            for k in [k for k in self.objects if k == key or k.startswith(key + "/")]:
                del self.objects[k]
            op.status = "Succeeded"
            return
        if obj is None:
            op.status = "Succeeded"
            return
        previous = obj.pop("_previous", None)
        if op.error:
            obj["properties"]["provisioningState"] = "Failed"
            op.status = "Failed"
            if previous:  # an endpoint update that fails keeps the traffic it had
                obj["properties"].update(previous)
        else:
            obj["properties"]["provisioningState"] = "Succeeded"
            op.status = "Succeeded"

    # -- the service's rules -----------------------------------------------------------
    def _deployments(self, endpoint: str) -> dict[str, dict[str, Any]]:
        prefix = f"{self.workspace_id}/onlineEndpoints/{endpoint}/deployments/".lower()
        return {o["name"].lower(): o for k, o in self.objects.items() if k.startswith(prefix) and "/" not in k[len(prefix):]}

    def _check_endpoint(self, name: str, doc: dict[str, Any]) -> None:
        if not ENDPOINT_NAME.match(name):
            raise Refusal(400, "BadArgument", f"Endpoint name {name!r} is invalid: 3-32 characters, a letter first, "
                                              "then letters, digits and '-', not ending with '-'.")
        props = doc.get("properties") or {}
        if props.get("authMode") not in ("Key", "AMLToken", "AADToken"):
            raise Refusal(400, "BadArgument", f"authMode {props.get('authMode')!r} is not one of Key, AMLToken, AADToken.")
        traffic = {k: int(v) for k, v in (props.get("traffic") or {}).items()}
        mirror = {k: int(v) for k, v in (props.get("mirrorTraffic") or {}).items()}
        deployments = self._deployments(name)
        for d, v in {**traffic, **mirror}.items():
            dep = deployments.get(d.lower())
            if dep is None:
                raise Refusal(400, "BadArgument", f"Deployment {d} does not exist in endpoint {name}; traffic can only "
                                                  "be set for existing deployments.")
            if v and dep["properties"].get("provisioningState") != "Succeeded":
                raise Refusal(400, "BadArgument", f"Deployment {d} is {dep['properties'].get('provisioningState')}; "
                                                  "traffic can only go to a deployment that succeeded.")
            if not 0 <= v <= 100:
                raise Refusal(400, "BadArgument", f"Traffic for {d} must be between 0 and 100.")
        total = sum(traffic.values())
        if total not in (0, 100):
            raise Refusal(400, "BadArgument", f"Traffic values must sum to 100 (or 0); they sum to {total}.")
        if sum(mirror.values()) > 50:
            raise Refusal(400, "BadArgument", "Mirror traffic may copy at most 50 percent of requests.")
        both = [d for d, v in mirror.items() if v and traffic.get(d)]
        if both:
            raise Refusal(400, "BadArgument", f"Deployment {both[0]} takes live traffic and cannot also receive mirror traffic.")

    def _check_deployment(self, endpoint: str, name: str, doc: dict[str, Any], old: dict[str, Any] | None) -> None:
        ep = self.objects.get(f"{self.workspace_id}/onlineEndpoints/{endpoint}".lower())
        if ep is None:
            raise Refusal(404, "UserError", f"Endpoint {endpoint} was not found.")
        if not DEPLOYMENT_NAME.match(name):
            raise Refusal(400, "BadArgument", f"Deployment name {name!r} is invalid: 3-32 characters, a letter first, "
                                              "then letters, digits and '-'.")
        props = doc.get("properties") or {}
        itype = str(props.get("instanceType") or "")
        if itype.lower() not in INSTANCE_TYPES:
            raise Refusal(400, "BadArgument", f"Instance type {itype!r} is not supported for managed online deployments.")
        if old is not None and str(old["properties"].get("instanceType")).lower() != itype.lower():
            raise Refusal(400, "BadArgument", "The instance type of a deployment cannot be changed; create a new deployment.")
        capacity = ((doc.get("sku") or {}).get("capacity"))
        if not isinstance(capacity, int) or capacity < 1:
            raise Refusal(400, "BadArgument", "sku.capacity (instance count) must be at least 1.")
        model = str(props.get("model") or "")
        if model.lower().startswith("/subscriptions/") and model.lower() not in self.objects:
            raise Refusal(400, "BadArgument", f"Model {model} was not found.")

    def _check_deletable(self, endpoint: str, name: str) -> None:
        ep = self.objects.get(f"{self.workspace_id}/onlineEndpoints/{endpoint}".lower())
        props = (ep or {}).get("properties") or {}
        live = {k.lower(): v for k, v in (props.get("traffic") or {}).items()}
        mirror = {k.lower(): v for k, v in (props.get("mirrorTraffic") or {}).items()}
        if live.get(name.lower()) or mirror.get(name.lower()):
            raise Refusal(400, "BadArgument", f"Deployment {name} has traffic; set its traffic to 0 before deleting it.")


def _plain_jobs(jobs: Any) -> Any:
    return json.loads(json.dumps(jobs or {}, sort_keys=True))


def _merge(old: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in old.items() if k not in ("id", "name", "type", "systemData")}
    for k, v in patch.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


_CLOCK = itertools.count()
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _system_data(created: str | None = None) -> dict[str, str]:
    # A strictly increasing clock: "$orderBy=createdtime desc" must find the newest.
    now = (_EPOCH + dt.timedelta(seconds=next(_CLOCK))).isoformat().replace("+00:00", "Z")
    return {"createdAt": created or now, "createdBy": "tester@example.com", "createdByType": "User",
            "lastModifiedAt": now, "lastModifiedBy": "tester@example.com", "lastModifiedByType": "User"}


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}
