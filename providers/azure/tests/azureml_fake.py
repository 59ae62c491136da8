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
- ``hold``: while it is true for an operation's target, polls leave the operation
  InProgress (a service that takes its time); ``most_unfinished`` is the most
  operations that were under way at once.

The rules themselves live in ``azureml_rules``; pipeline jobs, which really run, in
``azureml_jobs``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import azureml_rules as rules
from azureml_jobs import handle_job
from azureml_rules import Answer, Refusal

RP = "Microsoft.MachineLearningServices"
ASSET_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9\-_.]{0,254}$")


@dataclass
class Operation:
    target: str
    kind: str  # "put" or "delete"
    polls_left: int
    error: dict[str, str] | None = None
    status: str = "InProgress"


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
        # Operations under way, the most there were at once, and a test's hold on them.
        self.unfinished: set[str] = set()
        self.most_unfinished = 0
        self.hold: Callable[[str], bool] | None = None
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
            return rules.autoscale_setting(self, method, path, doc)
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
            return handle_job(self, method, path, segs, doc)
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
                rules.check_deletable(self, segs[1], segs[3])
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
            rules.check_endpoint(self, segs[1], doc)
        else:
            rules.check_deployment(self, segs[1], segs[3], doc, old)
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
        self.unfinished.add(op_id)
        self.most_unfinished = max(self.most_unfinished, len(self.unfinished))
        url = (f"{self.base_url}/subscriptions/{self.subscription}/providers/{RP}/locations/{self.location}"
               f"/mfeOperationsStatus/{op_id}?api-version=2023-04-01")
        return Answer(status, body, {"Azure-AsyncOperation": url, "Location": url.replace("mfeOperationsStatus", "operationResults")})

    def _operation(self, op_id: str) -> Answer:
        op = self.operations.get(op_id)
        if op is None:
            raise Refusal(404, "NotFound", f"Operation {op_id} was not found.")
        if op.status == "InProgress" and not (self.hold is not None and self.hold(op.target)):
            op.polls_left -= 1
            if op.polls_left <= 0:
                self.unfinished.discard(op_id)
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
