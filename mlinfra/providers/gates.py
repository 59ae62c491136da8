"""Quality gates of pipelines (``gates = { min_accuracy = 0.9 }``), for provider plugins
that read a run's metrics back from the cloud."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def missed(gates: Mapping[str, Any] | None, metrics: Mapping[str, Any] | None) -> list[str]:
    """One line per gate the metrics miss: a ``min_X`` above X, a ``max_X`` below it, or
    X not measured at all."""
    out = []
    for gate, bound in sorted((gates or {}).items()):
        side, _, metric = gate.partition("_")
        value = (metrics or {}).get(metric)
        if value is None or (side == "min" and value < bound) or (side == "max" and value > bound):
            out.append(f"{metric} = {value} (gate {gate} = {bound})")
    return out
