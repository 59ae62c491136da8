"""Pure decisions about an endpoint's traffic: weights to whole percents, deployment
names per variant, and the steps of a canary or linear rollout.

Azure ML routes traffic in whole percents that sum to 100 (or 0) over deployments that
exist; a shadow variant receives a copy of requests ("mirror traffic", at most 50
percent in all) and never live traffic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from mlinfra_provider_azure import naming

MAX_MIRROR = 50


def percents(weights: Mapping[str, float]) -> dict[str, int]:
    """Relative weights to whole percents summing to 100 (largest remainder), or all 0."""
    total = sum(max(0.0, float(w)) for w in weights.values())
    if total <= 0:
        return {k: 0 for k in weights}
    exact = {k: max(0.0, float(w)) * 100.0 / total for k, w in weights.items()}
    out = {k: math.floor(v) for k, v in exact.items()}
    short = 100 - sum(out.values())
    for k in sorted(exact, key=lambda k: (-(exact[k] - out[k]), k))[:short]:
        out[k] += 1
    return out


def deployment_name(variant: str, spec: Mapping[str, Any]) -> str:
    """``VARIANT-<hash>``: what the deployment serves and on which VM size; a new model
    version or instance type is a new deployment (both are fixed for a deployment's life)."""
    base = naming.resource_name(variant, limit=32)
    identity = {"model": spec.get("model"), "instance_type": spec.get("instance_type"), "env": spec.get("env")}
    name = naming.hashed_name(base, identity, length=6, limit=32)
    assert name is not None
    return name


def live_and_mirror(
    variants: Mapping[str, Mapping[str, Any]], names: Mapping[str, str]
) -> tuple[dict[str, int], dict[str, int]]:
    """The endpoint's ``traffic`` and ``mirror_traffic`` for the configured variants."""
    live = percents({names[v]: float(b.get("weight", 100)) for v, b in variants.items() if not b.get("shadow")})
    mirror = {names[v]: int(round(float(b.get("weight", 0)))) for v, b in variants.items() if b.get("shadow")}
    return live, {k: v for k, v in mirror.items() if v}


def steps(current: Mapping[str, int], target: Mapping[str, int], strategy: str, count: int | None) -> list[dict[str, int]]:
    """The traffic maps a rollout passes through, ending with ``target``.

    ``canary`` moves ``100 / steps`` percent of the change first (at most half), then the
    rest; ``linear`` moves an equal share per step; ``all_at_once`` is one step."""
    keys = sorted(set(current) | set(target))
    if strategy == "canary":
        fractions = [min(0.5, 1.0 / max(2, int(count or 10))), 1.0]
    elif strategy == "linear":
        n = max(1, int(count or 4))
        fractions = [(i + 1) / n for i in range(n)]
    else:
        fractions = [1.0]
    out: list[dict[str, int]] = []
    for f in fractions:
        mixed = {k: current.get(k, 0) + f * (target.get(k, 0) - current.get(k, 0)) for k in keys}
        step = percents(mixed) if sum(mixed.values()) > 0 else {k: 0 for k in keys}
        step = {k: v for k, v in step.items() if v or k in target}
        if not out or out[-1] != step:
            out.append(step)
    if out[-1] != dict(target):
        out.append(dict(target))
    return out


def weights_from_live(
    configured: Mapping[str, float], live: Mapping[str, int]
) -> dict[str, float]:
    """Recorded weights when the live percents are what they give, else the live percents
    (traffic edited outside mlinfra is drift)."""
    if percents(configured) == {k: live.get(k, 0) for k in configured}:
        return dict(configured)
    return {k: float(live.get(k, 0)) for k in configured}
