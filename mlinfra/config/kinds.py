"""The portable resource kinds: pydantic models of the arguments the core owns.

The same ``endpoint`` block deploys to any cloud; cloud-only settings live in a nested
block named after the provider (``aws { ... }``), owned and described by that provider's
schema: nothing here names a provider. ``OUTPUTS`` is the one table of the computed
attributes each kind reports, which providers read through the protocol
(``mlinfra.providers.portable_outputs``). These models are exported as JSON Schema
under ``schemas/``. Nested labelled blocks (``variant "blue" {}``, ``step "fit" {}``) arrive
as maps from label to body.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from mlinfra.config import monitoring

# Computed attributes each kind reports after apply (besides its arguments).
OUTPUTS: dict[str, tuple[str, ...]] = {
    "dataset": ("id", "uri", "digest", "version"),
    "pipeline": ("id", "run_id", "artifact", "metrics", "digest"),
    "model": ("id", "version", "digest", "uri"),
    "endpoint": ("id", "url", "status"),
    "monitor": ("id", "status", "drifted_features", "last_run", "drift_since", "report_path"),
}

# Outputs that report what an object observes (a monitor's latest status): a refresh
# that finds them changed records the new values without calling it drift.
OBSERVED: dict[str, tuple[str, ...]] = {
    "monitor": ("status", "drifted_features", "last_run", "drift_since", "report_path", "quality"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class _Kind(_Strict):
    tags: dict[str, str] = Field(default_factory=dict, description="Labels applied to the object.")


class Dataset(_Kind):
    """A versioned data source."""

    source: str = Field(description="URI: file://, s3://, gs://, azureml://, sklearn:NAME or synthetic:KIND?...")
    format: str | None = Field(default=None, description="Data format, e.g. csv or parquet.")
    target: str | None = Field(default=None, description="The label column.")


class Step(_Strict):
    estimator: str | None = Field(default=None, description="Dotted path of a scikit-learn estimator.")
    params: dict[str, Any] = Field(default_factory=dict, description="Estimator parameters.")
    image: str | None = Field(default=None, description="Container image for a container step.")
    command: list[str] | str | None = Field(default=None, description="Command of a container step.")
    instance_type: str | None = None
    instance_count: int = 1
    depends_on: list[str] = Field(default_factory=list, description="Names of steps run before this one.")
    outputs: dict[str, Any] = Field(default_factory=dict)
    columns: list[str] | None = Field(
        default=None,
        description="The dataset columns this step reads; steps reading different columns are "
        "joined side by side by the step that depends on them (a column transformer).",
    )


class Search(_Strict):
    """Hyper-parameter search over the steps' parameters, scored by cross-validation."""

    method: Literal["grid", "random"] = Field(default="grid", description="Every combination (grid) or n_iter random draws.")
    params: dict[str, list[Any]] = Field(
        min_length=1, description='Candidate values per "STEP.PARAM", e.g. { "fit.C" = [0.1, 1, 10] }.'
    )
    n_iter: int = Field(default=10, ge=1, description="Candidates drawn by a random search.")
    cv: int = Field(default=3, ge=2, description="Folds each candidate is scored on.")
    scoring: str | None = Field(default=None, description="The metric to maximise (or minimise, for losses); by default the first of metrics.")


class Pipeline(_Kind):
    """A training pipeline, run when its definition or inputs change."""

    inputs: dict[str, Any] = Field(default_factory=dict, description="Named inputs, usually dataset URIs.")
    step: dict[str, Step] = Field(min_length=1, description='One or more step "NAME" blocks.')
    metrics: list[str] = Field(default_factory=list, description="Metrics to record.")
    run: Literal["on_change", "never"] = "on_change"
    gates: dict[str, float] = Field(
        default_factory=dict,
        description="Quality gates such as min_accuracy = 0.9: the apply fails when a metric misses.",
    )
    test_size: float = Field(default=0.2, gt=0, lt=1)
    seed: int = 0
    cross_validation: int | None = Field(
        default=None, ge=2, description="Folds of a k-fold cross-validation whose mean and std per metric are recorded."
    )
    search: Search | None = Field(default=None, description="Hyper-parameter search; the best candidate is the model.")


class Registry(_Strict):
    group: str
    stage: str | None = None
    delete_versions_on_destroy: bool = Field(
        default=False,
        description="Delete the registered versions with the model; by default they outlive it (approval history).",
    )


class Model(_Kind):
    """A model artifact registered as a versioned model."""

    artifact: str = Field(description="URI of the artifact, or pipeline.NAME.artifact.")
    framework: str | None = None
    framework_version: str | None = None
    image: str | None = Field(default=None, description="Serving container; a per-cloud default for known frameworks.")
    registry: Registry | None = None


class Variant(_Strict):
    model: str = Field(description="The model to serve, usually model.NAME.id.")
    weight: float = Field(default=100, ge=0, description="Share of traffic, relative to the other variants.")
    instance_type: str | None = None
    instance_count: int = Field(default=1, ge=0)
    shadow: bool = Field(
        default=False,
        description="Receive a copy of requests (mirror traffic) instead of live traffic; weight is the percent copied.",
    )


class Autoscaling(_Strict):
    min: int = Field(default=1, ge=0)
    max: int = Field(default=1, ge=1)
    target_rps: float | None = None


class Rollout(_Strict):
    strategy: Literal["all_at_once", "canary", "linear"] = "all_at_once"
    steps: int | None = None
    interval: int | str | None = None
    gates: dict[str, Any] = Field(default_factory=dict)


class DataCapture(_Strict):
    enabled: bool = True
    sample_percent: float = Field(default=100, ge=0, le=100)


class Endpoint(_Kind):
    """A serving endpoint with one or more traffic-weighted variants."""

    variant: dict[str, Variant] = Field(min_length=1, description='One or more variant "NAME" blocks.')
    autoscaling: Autoscaling | None = None
    rollout: Rollout | None = None
    data_capture: DataCapture | None = None


class Drift(_Strict):
    """How a feature's live distribution is compared with the baseline's."""

    statistic: str | None = Field(
        default=None,
        description=(
            'psi (population stability index) or ks (Kolmogorov-Smirnov) for numeric features, '
            'chi2 (chi-squared) for categorical ones; default psi for numeric, chi2 for categorical.'
        ),
    )
    threshold: float | None = Field(
        default=None,
        description=(
            "psi: drift above this index (default 0.2); ks: drift above this distance "
            "(default 0.1); chi2: drift below this p-value (default 0.05)."
        ),
    )

    @field_validator("statistic")
    @classmethod
    def _statistic(cls, v: str | None) -> str | None:
        return None if v is None else monitoring.check_statistic(v)

    @field_validator("threshold")
    @classmethod
    def _threshold(cls, v: float | None, info: ValidationInfo) -> float | None:
        return None if v is None else monitoring.check_threshold(info.data.get("statistic"), v)


class Quality(_Strict):
    """A check of the served model against labelled feedback."""

    labels: str = Field(description="URI of labelled feedback: rows of the model's features and the label column.")
    metric: Literal["accuracy", "f1", "mae", "rmse"] = Field(
        default="accuracy", description="accuracy or f1 (classification), mae or rmse (regression)."
    )
    min: float | None = Field(default=None, description="Quality fails below this value (accuracy, f1).")
    max: float | None = Field(default=None, ge=0, description="Quality fails above this value (mae, rmse).")


class Monitor(_Kind):
    """Watches an endpoint's captured traffic for drift from a baseline dataset."""

    endpoint: str = Field(description="The endpoint watched, usually endpoint.NAME.id; it must capture data.")
    baseline: str = Field(description="URI of the baseline data, usually the training dataset: dataset.NAME.uri.")
    features: list[str] | None = Field(
        default=None, description="Features to watch (default: every feature the model was trained with)."
    )
    drift: Drift = Field(default_factory=Drift, description="The statistic and threshold of every feature.")
    feature: dict[str, Drift] = Field(
        default_factory=dict, description='Per-feature overrides: feature "NAME" { statistic = "ks" }.'
    )
    schedule: str = Field(
        default="every 1h",
        description='How often the monitor runs: "every N{s,m,h,d}", "hourly", "daily" or a 5-field cron expression.',
    )
    quality: Quality | None = None

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, v: str) -> str:
        monitoring.parse_schedule(v)
        return v


KIND_MODELS: dict[str, type[_Kind]] = {
    "dataset": Dataset,
    "pipeline": Pipeline,
    "model": Model,
    "endpoint": Endpoint,
    "monitor": Monitor,
}

# Blocks written with a label, whose bodies arrive as {label: body}.
LABELLED_BLOCKS = {"variant", "step", "feature"}

