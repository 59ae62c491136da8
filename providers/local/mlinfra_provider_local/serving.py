"""What an endpoint server holds: loaded variants, the traffic split, request statistics
and data capture. Runs inside the server process.

A ``Serving`` is immutable once built: a reload builds a new one (loading every model
first) and swaps it in, so requests in flight finish on the old one and none is dropped.
Traffic is split by smooth weighted round-robin: with weights 90/10, exactly 9 of every
10 consecutive requests go to the first variant.
"""

from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlinfra_provider_local import artifacts, instances
from mlinfra_provider_local.instances import (
    DEFAULT_MAX_BATCH,
    DEFAULT_MAX_REQUEST_BYTES,
    BadRequest,
    parse_instances,
)

__all__ = [
    "DEFAULT_MAX_REQUEST_BYTES",
    "BadRequest",
    "Serving",
    "Stats",
    "TooLarge",
    "Variant",
    "parse_instances",
]

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)


class TooLarge(BadRequest):
    """A request body over the size limit, answered with 413."""


@dataclass(frozen=True)
class Variant:
    name: str
    model: str
    model_version: int
    model_id: str
    weight: float
    estimator: Any
    n_features: int | None
    # The feature names the model was trained with, when known.
    features: tuple[str, ...] | None = None
    probabilities: bool = False
    classes: list[Any] | None = None
    # The features whose values are categories (strings), not numbers.
    categorical: frozenset[str] = frozenset()


class Serving:
    def __init__(
        self,
        variants: list[Variant],
        capture: dict[str, Any] | None,
        max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
        max_batch_size: int = DEFAULT_MAX_BATCH,
    ) -> None:
        self.variants = variants
        self.capture = capture
        self.max_request_bytes = max_request_bytes
        self.max_batch_size = max_batch_size
        self._lock = threading.Lock()
        self._current = {v.name: 0.0 for v in variants}

    @classmethod
    def load(cls, config: dict[str, Any]) -> Serving:
        """Load every variant's model; raises ArtifactError naming the one that fails."""
        variants = []
        for name, v in sorted(config["variants"].items()):
            try:
                est = artifacts.load(Path(v["path"]))
            except artifacts.ArtifactError as e:
                raise artifacts.ArtifactError(f'variant "{name}" ({v["model_id"]}): {e}') from None
            proba = instances.has_probabilities(est)
            variants.append(
                Variant(
                    name,
                    v["model"],
                    int(v["model_version"]),
                    v["model_id"],
                    float(v["weight"]),
                    est,
                    artifacts.n_features(est),
                    instances.feature_names(est, v.get("features")),
                    proba,
                    instances.classes(est) if proba else None,
                    frozenset(v.get("categorical") or ()),
                )
            )
        limit = config.get("max_request_bytes") or DEFAULT_MAX_REQUEST_BYTES
        batch = config.get("max_batch_size") or DEFAULT_MAX_BATCH
        return cls(variants, config.get("capture"), int(limit), int(batch))

    def choose(self) -> Variant | None:
        live = [v for v in self.variants if v.weight > 0]
        if not live:
            return None
        total = sum(v.weight for v in live)
        with self._lock:
            for v in live:
                self._current[v.name] += v.weight
            best = max(live, key=lambda v: self._current[v.name])
            self._current[best.name] -= total
        return best

    def describe(self) -> dict[str, Any]:
        return {
            v.name: {
                "model": v.model,
                "model_version": v.model_version,
                "model_id": v.model_id,
                "weight": v.weight,
            }
            for v in self.variants
        }


@dataclass
class _VariantStats:
    requests: int = 0
    errors: int = 0
    total_seconds: float = 0.0
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))


class Stats:
    """Requests, errors and a latency histogram per variant, as Prometheus text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_variant: dict[str, _VariantStats] = {}

    def observe(self, variant: str, seconds: float, error: bool) -> None:
        with self._lock:
            s = self._by_variant.setdefault(variant, _VariantStats())
            s.requests += 1
            s.errors += int(error)
            s.total_seconds += seconds
            for i, le in enumerate(BUCKETS):
                if seconds <= le:
                    s.buckets[i] += 1

    def render(self) -> str:
        p = "mlinfra_endpoint"
        lines = [
            f"# HELP {p}_requests_total Prediction requests by variant.",
            f"# TYPE {p}_requests_total counter",
        ]
        with self._lock:
            items = sorted(
                (k, _VariantStats(v.requests, v.errors, v.total_seconds, list(v.buckets)))
                for k, v in self._by_variant.items()
            )
        lines += [f'{p}_requests_total{{variant="{k}"}} {s.requests}' for k, s in items]
        lines += [
            f"# HELP {p}_errors_total Failed prediction requests by variant.",
            f"# TYPE {p}_errors_total counter",
        ]
        lines += [f'{p}_errors_total{{variant="{k}"}} {s.errors}' for k, s in items]
        lines += [
            f"# HELP {p}_request_duration_seconds Prediction latency by variant.",
            f"# TYPE {p}_request_duration_seconds histogram",
        ]
        for k, s in items:
            for le, count in zip(BUCKETS, s.buckets, strict=True):
                lines.append(
                    f'{p}_request_duration_seconds_bucket{{variant="{k}",le="{le}"}} {count}'
                )
            lines.append(
                f'{p}_request_duration_seconds_bucket{{variant="{k}",le="+Inf"}} {s.requests}'
            )
            lines.append(f'{p}_request_duration_seconds_sum{{variant="{k}"}} {s.total_seconds:.6f}')
            lines.append(f'{p}_request_duration_seconds_count{{variant="{k}"}} {s.requests}')
        return "\n".join(lines) + "\n"


class Capture:
    """Appends sampled request/response pairs as JSON lines."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random()

    def maybe_write(self, settings: dict[str, Any] | None, record: dict[str, Any]) -> None:
        if not settings:
            return
        if self._rng.random() * 100 >= float(settings.get("sample_percent", 100)):
            return
        line = json.dumps({"time": round(time.time(), 3), **record}, sort_keys=True)
        with self._lock, open(settings["path"], "a") as f:
            f.write(line + "\n")
