"""The rules the Azure ML fake enforces on online endpoints and deployments, as the
service does: name patterns, known VM sizes, traffic that sums to 100 (or 0) over
deployments that exist and succeeded, at most 50 percent mirrored and never to a
deployment with live traffic, no VM size change, no deletion of a deployment with
traffic."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from azureml_fake import Answer, AzureMLFake

ENDPOINT_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$")
DEPLOYMENT_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$")
INSTANCE_TYPES = frozenset(
    s.lower()
    for s in (
        "Standard_DS1_v2", "Standard_DS2_v2", "Standard_DS3_v2", "Standard_DS4_v2", "Standard_DS5_v2",
        "Standard_F2s_v2", "Standard_F4s_v2", "Standard_F8s_v2", "Standard_E4s_v3", "Standard_NC6s_v3",
    )
)


@dataclass
class Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encode(self) -> tuple[int, dict[str, str], bytes]:
        data = b"" if self.body is None else json.dumps(self.body).encode()
        headers = {"Content-Type": "application/json", "x-ms-request-id": "fake", **self.headers}
        return self.status, headers, data



def plain_jobs(jobs: Any) -> Any:
    return json.loads(json.dumps(jobs or {}, sort_keys=True))



class Refusal(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def existing_deployments(fake: AzureMLFake, endpoint: str) -> dict[str, dict[str, Any]]:
    prefix = f"{fake.workspace_id}/onlineEndpoints/{endpoint}/deployments/".lower()
    return {o["name"].lower(): o for k, o in fake.objects.items() if k.startswith(prefix) and "/" not in k[len(prefix):]}

def check_endpoint(fake: AzureMLFake, name: str, doc: dict[str, Any]) -> None:
    if not ENDPOINT_NAME.match(name):
        raise Refusal(400, "BadArgument", f"Endpoint name {name!r} is invalid: 3-32 characters, a letter first, "
                                          "then letters, digits and '-', not ending with '-'.")
    props = doc.get("properties") or {}
    if props.get("authMode") not in ("Key", "AMLToken", "AADToken"):
        raise Refusal(400, "BadArgument", f"authMode {props.get('authMode')!r} is not one of Key, AMLToken, AADToken.")
    traffic = {k: int(v) for k, v in (props.get("traffic") or {}).items()}
    mirror = {k: int(v) for k, v in (props.get("mirrorTraffic") or {}).items()}
    deployments = existing_deployments(fake, name)
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

def check_deployment(fake: AzureMLFake, endpoint: str, name: str, doc: dict[str, Any], old: dict[str, Any] | None) -> None:
    ep = fake.objects.get(f"{fake.workspace_id}/onlineEndpoints/{endpoint}".lower())
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
    if model.lower().startswith("/subscriptions/") and model.lower() not in fake.objects:
        raise Refusal(400, "BadArgument", f"Model {model} was not found.")

def check_deletable(fake: AzureMLFake, endpoint: str, name: str) -> None:
    ep = fake.objects.get(f"{fake.workspace_id}/onlineEndpoints/{endpoint}".lower())
    props = (ep or {}).get("properties") or {}
    live = {k.lower(): v for k, v in (props.get("traffic") or {}).items()}
    mirror = {k.lower(): v for k, v in (props.get("mirrorTraffic") or {}).items()}
    if live.get(name.lower()) or mirror.get(name.lower()):
        raise Refusal(400, "BadArgument", f"Deployment {name} has traffic; set its traffic to 0 before deleting it.")


def autoscale_setting(fake: AzureMLFake, method: str, path: str, doc: Any) -> Answer:
    """Azure Monitor autoscale settings: the target must exist, capacity min <= default <= max."""
    key = path.lower()
    if method == "GET":
        obj = fake.objects.get(key)
        if obj is None:
            raise Refusal(404, "ResourceNotFound", f"The autoscale setting {path.rsplit('/', 1)[-1]} was not found.")
        return Answer(200, obj)
    if method == "DELETE":
        return Answer(200 if fake.objects.pop(key, None) else 204)
    props = (doc or {}).get("properties") or {}
    target = str(props.get("targetResourceUri") or "")
    if target.lower() not in fake.objects:
        raise Refusal(400, "InvalidRequestContent", f"The target resource {target} does not exist.")
    for profile in props.get("profiles") or []:
        cap = profile.get("capacity") or {}
        low, high, default = (int(cap.get(k, -1)) for k in ("minimum", "maximum", "default"))
        if not 0 <= low <= default <= high:
            raise Refusal(400, "InvalidRequestContent", "Capacity must satisfy minimum <= default <= maximum.")
    obj = {**(doc or {}), "id": path, "name": path.rsplit("/", 1)[-1], "type": "Microsoft.Insights/autoscaleSettings"}
    created = key not in fake.objects
    fake.objects[key] = obj
    return Answer(201 if created else 200, obj)
