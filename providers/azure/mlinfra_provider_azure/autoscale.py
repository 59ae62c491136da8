"""Autoscaling of managed online deployments: Azure Monitor autoscale settings.

Azure ML scales managed online deployments through Azure Monitor (resource provider
Microsoft.Insights), not through the deployment itself. One autoscale setting per
deployment, named after it, targets the deployment with the endpoint's ``autoscaling``
bounds and one pair of rules: on ``target_rps`` the endpoint's RequestsPerMinute per
instance, else the deployment's CPU. The instance count is then the autoscaler's, never
drift. Calls go through azure-core with the provider's credential and transport.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from mlinfra.providers import ResourceError
from mlinfra_provider_azure import _sdk

if TYPE_CHECKING:
    from mlinfra_provider_azure.clients import AzureClients

API = "2022-10-01"


def _rule(metric: str, uri: str, op: str, threshold: float, direction: str) -> dict[str, Any]:
    return {
        "metricTrigger": {"metricName": metric, "metricResourceUri": uri, "timeGrain": "PT1M", "statistic": "Average",
                          "timeWindow": "PT5M", "timeAggregation": "Average", "operator": op, "threshold": threshold},
        "scaleAction": {"direction": direction, "type": "ChangeCount", "value": "1", "cooldown": "PT5M"},
    }


def setting(location: str, endpoint_id: str, deployment_id: str, scaling: dict[str, Any], tags: dict[str, str]) -> dict[str, Any]:
    """The autoscale setting of one deployment."""
    low, high = int(scaling.get("min", 1)), int(scaling.get("max", 1))
    rps = scaling.get("target_rps")
    if rps:
        per_minute = float(rps) * 60.0
        rules = [_rule("RequestsPerMinute", endpoint_id, "GreaterThan", per_minute, "Increase"),
                 _rule("RequestsPerMinute", endpoint_id, "LessThan", per_minute / 2, "Decrease")]
    else:
        rules = [_rule("CpuUtilizationPercentage", deployment_id, "GreaterThan", 70, "Increase"),
                 _rule("CpuUtilizationPercentage", deployment_id, "LessThan", 25, "Decrease")]
    return {
        "location": location,
        "tags": tags,
        "properties": {
            "enabled": True,
            "targetResourceUri": deployment_id,
            "profiles": [{"name": "mlinfra", "capacity": {"minimum": str(low), "maximum": str(high), "default": str(low)},
                          "rules": rules}],
        },
    }


class Autoscale:
    """PUT/GET/DELETE of autoscale settings in the workspace's resource group."""

    def __init__(self, az: AzureClients, transport: Any = None) -> None:
        self.az = az
        base = az.config.endpoint_url or os.environ.get(_sdk.MFE_OVERRIDE) or "https://management.azure.com"
        self.base = base.rstrip("/")
        self.client = _sdk.arm_client(self.base, az.credential, transport)

    def _path(self, name: str) -> str:
        w = self.az.workspace
        return (f"{self.base}/subscriptions/{w.subscription_id}/resourceGroups/{w.resource_group}/providers/"
                f"Microsoft.Insights/autoscalesettings/{name}?api-version={API}")

    def _send(self, method: str, name: str, body: Any = None) -> tuple[int, Any]:
        def send() -> tuple[int, Any]:
            req = _sdk.http_request(method, self._path(name), body)
            resp = self.client.send_request(req)
            if resp.status_code >= 400 and resp.status_code != 404:
                resp.raise_for_status()
            text = resp.text()
            return resp.status_code, (json.loads(text) if text else None)

        return self.az.call(send, f"autoscalesettings {method} {name}")

    def get(self, name: str) -> dict[str, Any] | None:
        status, body = self._send("GET", name)
        return None if status == 404 else body

    def put(self, name: str, body: dict[str, Any]) -> None:
        status, answer = self._send("PUT", name, body)
        if status == 404:
            raise ResourceError(f"Cannot set autoscaling {name}", str((answer or {}).get("error", {}).get("message", "")))

    def delete(self, name: str) -> None:
        self._send("DELETE", name)


def bounds(doc: dict[str, Any] | None) -> dict[str, int] | None:
    """(min, max) of a setting's first profile."""
    if not doc:
        return None
    cap = doc["properties"]["profiles"][0]["capacity"]
    return {"min": int(cap["minimum"]), "max": int(cap["maximum"])}
