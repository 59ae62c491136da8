"""Pure decisions of the endpoint handler: percentages from weights, which variants keep,
redeploy or retire their deployed model, and the traffic steps of a rollout.

Vertex AI routes traffic by deployed model ID with whole percentages that add up to 100
(or no traffic at all); variants carry relative weights. A variant keeps its deployed
model while its model version and machine type stay the same (replica counts change in
place); anything else deploys a new one beside the old, shifts the traffic, and retires
the old one once it has none.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def percentages(weights: dict[str, float]) -> dict[str, int]:
    """Whole percentages proportional to ``weights`` that add up to 100 (largest remainder);
    empty when every weight is 0."""
    total = sum(max(0.0, float(w)) for w in weights.values())
    if total <= 0:
        return {}
    raw = {k: max(0.0, float(w)) * 100.0 / total for k, w in weights.items()}
    out = {k: math.floor(v) for k, v in raw.items()}
    rest = 100 - sum(out.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - out[k]), k))[:rest]:
        out[k] += 1
    return out


def blend(current: dict[str, int], target: dict[str, int], fraction: float) -> dict[str, int]:
    """The split ``fraction`` of the way from ``current`` to ``target``, in whole percents."""
    keys = set(current) | set(target)
    mixed = {k: (1 - fraction) * current.get(k, 0) + fraction * target.get(k, 0) for k in keys}
    return {k: v for k, v in percentages(mixed).items() if v > 0} if any(mixed.values()) else {}


def rollout_fractions(rollout: dict[str, Any] | None) -> list[float]:
    """The fractions of the way to the new split after each step: ``[1.0]`` at once, a
    canary's small first step then the rest, or ``steps`` equal linear steps."""
    if not rollout:
        return [1.0]
    strategy = rollout.get("strategy") or "all_at_once"
    steps = rollout.get("steps")
    if strategy == "canary":
        n = max(2, int(steps or 10))
        return [1.0 / n, 1.0]
    if strategy == "linear":
        n = max(1, int(steps or 4))
        return [i / n for i in range(1, n + 1)]
    return [1.0]


@dataclass(frozen=True)
class Desired:
    variant: str
    model: str  # "models/ID@VERSION" (normalised)
    machine_type: str
    min_replicas: int
    max_replicas: int


@dataclass(frozen=True)
class Live:
    id: str
    variant: str
    model: str
    machine_type: str
    min_replicas: int
    max_replicas: int


@dataclass
class Changes:
    keep: dict[str, str] = field(default_factory=dict)  # variant -> deployed id
    rescale: dict[str, tuple[int, int]] = field(default_factory=dict)  # deployed id -> (min, max)
    deploy: list[Desired] = field(default_factory=list)
    retire: list[str] = field(default_factory=list)  # deployed ids

    @property
    def fleet_changes(self) -> bool:
        return bool(self.deploy or self.retire)


def changes(desired: dict[str, Desired], live: list[Live], same_model: Callable[[str, str], bool]) -> Changes:
    out = Changes()
    for lv in sorted(live, key=lambda x: int(x.id) if x.id.isdigit() else 0):
        want = desired.get(lv.variant)
        keep = want is not None and same_model(want.model, lv.model) and lv.machine_type == want.machine_type
        if want is not None and keep and lv.variant not in out.keep:
            out.keep[lv.variant] = lv.id
            if (lv.min_replicas, lv.max_replicas) != (want.min_replicas, want.max_replicas):
                out.rescale[lv.id] = (want.min_replicas, want.max_replicas)
        else:
            out.retire.append(lv.id)
    out.deploy = [desired[v] for v in sorted(desired) if v not in out.keep]
    return out


def normalise_model(ref: str) -> str:
    """``projects/P/locations/L/models/ID@3`` (project ID or number) -> ``models/ID@3``."""
    tail = ref.rsplit("/models/", 1)
    return f"models/{tail[-1]}" if len(tail) == 2 else ref
