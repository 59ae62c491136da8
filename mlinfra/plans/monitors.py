"""What monitors add to a plan: a note per monitor that detects drift, and the retrain of
a pipeline whose ``retrain_on`` names such a monitor.

A monitor's attributes are read during refresh (the provider computes the latest status
then), so the plan sees drift without waiting for the monitor's schedule. A pipeline runs
again (a replacement, Terraform's ``replace_by_triggers``) when a monitor it lists reports
``status = "drift"``; the monitor is replaced in the same apply (after the retrained model is
deployed), so its live window starts again: traffic seen before the retrain does not count
against the retrained model, the same drift does not retrain twice, and any later
``drift_since`` is newer than the pipeline's last run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mlinfra import addrs
from mlinfra.config.model import ResourceBlock
from mlinfra.states.model import ResourceState

DRIFT = "drift"


def _instances(state: dict[str, ResourceState], monitor: addrs.Address) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for key, rec in sorted(state.items()):
        if rec.kind == "monitor" and rec.attributes and addrs.parse(key).matches(monitor):
            out.append((key, rec.attributes))
    return out


def describe(address: str, attrs: dict[str, Any]) -> str | None:
    """'monitor.iris: drift detected on 2 features since T', or None without drift."""
    if attrs.get("status") != DRIFT:
        return None
    features = attrs.get("drifted_features")
    names = [str(f) for f in features] if isinstance(features, list) else []
    since = attrs.get("drift_since")
    when = f" since {since}" if isinstance(since, str) and since else ""
    if names:
        what = f"{len(names)} feature{'s' if len(names) != 1 else ''} ({', '.join(names)})"
        return f"{address}: drift detected on {what}{when}"
    return f"{address}: drift detected (quality check failed){when}"


def notes(state: dict[str, ResourceState]) -> list[str]:
    """One note per monitor instance in (refreshed) state that reports drift."""
    return [n for key, rec in sorted(state.items()) if rec.kind == "monitor" for n in [describe(key, rec.attributes)] if n]


def retrain_reason(block: ResourceBlock, state: dict[str, ResourceState]) -> str | None:
    """Why ``block`` (a pipeline) runs again: the first of its ``retrain_on`` monitors
    that reports drift; None when none does."""
    for monitor in block.retrain_on:
        for key, attrs in _instances(state, monitor):
            if attrs.get("status") == DRIFT:
                detail = describe(key, attrs) or key
                return "retrain: " + detail.replace(f"{key}: drift detected", f"{key} detected drift", 1)
    return None


def reset_reason(
    address: addrs.Address, blocks: Iterable[ResourceBlock], state: dict[str, ResourceState]
) -> str | None:
    """Why monitor ``address`` is replaced: a pipeline retrains on the drift it reports."""
    rec = state.get(str(address))
    if rec is None or rec.kind != "monitor" or rec.attributes.get("status") != DRIFT:
        return None
    for block in blocks:
        if any(address.matches(m) for m in block.retrain_on) and retrain_reason(block, state):
            return f"because {block.address} retrains on its drift: the monitor starts a new window"
    return None
