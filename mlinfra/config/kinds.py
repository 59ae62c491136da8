"""The portable resource kinds: shapes (``mlinfra.shapes``) of the arguments the core owns.

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

from mlinfra.shapes import Shape, ValidationInfo, field, field_validator

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


class _Kind(Shape):
    tags: dict[str, str] = field(default_factory=dict, description="Labels applied to the object.")


class Dataset(_Kind):
    """A versioned data source."""

    source: str = field(description="URI: file://, s3://, gs://, azureml://, sklearn:NAME or synthetic:KIND?...")
    format: str | None = field(default=None, description="Data format, e.g. csv or parquet.")
    target: str | None = field(default=None, description="The label column.")


class Step(Shape):
    estimator: str | None = field(default=None, description="Dotted path of a scikit-learn estimator.")
    params: dict[str, Any] = field(default_factory=dict, description="Estimator parameters.")
    image: str | None = field(default=None, description="Container image for a container step.")
    command: list[str] | str | None = field(default=None, description="Command of a container step.")
    instance_type: str | None = None
    instance_count: int = 1
    depends_on: list[str] = field(default_factory=list, description="Names of steps run before this one.")
    outputs: dict[str, Any] = field(default_factory=dict)
    columns: list[str] | None = field(
        default=None,
        description="The dataset columns this step reads; steps reading different columns are "
        "joined side by side by the step that depends on them (a column transformer).",
    )


class Search(Shape):
    """Hyper-parameter search over the steps' parameters, scored by cross-validation."""

    method: Literal["grid", "random"] = field(default="grid", description="Every combination (grid) or n_iter random draws.")
    params: dict[str, list[Any]] = field(
        min_length=1, description='Candidate values per "STEP.PARAM", e.g. { "fit.C" = [0.1, 1, 10] }.'
    )
    n_iter: int = field(default=10, ge=1, description="Candidates drawn by a random search.")
    cv: int = field(default=3, ge=2, description="Folds each candidate is scored on.")
    scoring: str | None = field(default=None, description="The metric to maximise (or minimise, for losses); by default the first of metrics.")


class Pipeline(_Kind):
    """A training pipeline, run when its definition or inputs change."""

    inputs: dict[str, Any] = field(default_factory=dict, description="Named inputs, usually dataset URIs.")
    step: dict[str, Step] = field(min_length=1, description='One or more step "NAME" blocks.')
    metrics: list[str] = field(default_factory=list, description="Metrics to record.")
    run: Literal["on_change", "never"] = "on_change"
    gates: dict[str, float] = field(
        default_factory=dict,
        description="Quality gates such as min_accuracy = 0.9: the apply fails when a metric misses.",
    )
    test_size: float = field(default=0.2, gt=0, lt=1)
    seed: int = 0
    cross_validation: int | None = field(
        default=None, ge=2, description="Folds of a k-fold cross-validation whose mean and std per metric are recorded."
    )
    search: Search | None = field(default=None, description="Hyper-parameter search; the best candidate is the model.")


class Registry(Shape):
    group: str
    stage: str | None = None
    delete_versions_on_destroy: bool = field(
        default=False,
        description="Delete the registered versions with the model; by default they outlive it (approval history).",
    )


class Model(_Kind):
    """A model artifact registered as a versioned model."""

    artifact: str = field(description="URI of the artifact, or pipeline.NAME.artifact.")
    framework: str | None = None
    framework_version: str | None = None
    image: str | None = field(default=None, description="Serving container; a per-cloud default for known frameworks.")
    registry: Registry | None = None


class Variant(Shape):
    model: str = field(description="The model to serve, usually model.NAME.id.")
    weight: float = field(default=100, ge=0, description="Share of traffic, relative to the other variants.")
    instance_type: str | None = None
    instance_count: int = field(default=1, ge=0)
    shadow: bool = field(
        default=False,
        description="Receive a copy of requests (mirror traffic) instead of live traffic; weight is the percent copied.",
    )


class Autoscaling(Shape):
    min: int = field(default=1, ge=0)
    max: int = field(default=1, ge=1)
    target_rps: float | None = None


class Rollout(Shape):
    strategy: Literal["all_at_once", "canary", "linear"] = "all_at_once"
    steps: int | None = None
    interval: int | str | None = None
    gates: dict[str, Any] = field(default_factory=dict)


class DataCapture(Shape):
    enabled: bool = True
    sample_percent: float = field(default=100, ge=0, le=100)


class Endpoint(_Kind):
    """A serving endpoint with one or more traffic-weighted variants."""

    variant: dict[str, Variant] = field(min_length=1, description='One or more variant "NAME" blocks.')
    autoscaling: Autoscaling | None = None
    rollout: Rollout | None = None
    data_capture: DataCapture | None = None


class Drift(Shape):
    """How a feature's live distribution is compared with the baseline's."""

    statistic: str | None = field(
        default=None,
        description=(
            'psi (population stability index) or ks (Kolmogorov-Smirnov) for numeric features, '
            'chi2 (chi-squared) for categorical ones; default psi for numeric, chi2 for categorical.'
        ),
    )
    threshold: float | None = field(
        default=None,
        description=(
            "psi: drift above this index (default 0.2); ks: drift above this distance "
            "(default 0.1); chi2: drift below this p-value (default 0.05)."
        ),
    )

    @field_validator("statistic")
    @classmethod
    def _statistic(cls, v: str | None) -> str | None:
        from mlinfra.config import monitoring  # with the expression engine: only when checked

        return None if v is None else monitoring.check_statistic(v)

    @field_validator("threshold")
    @classmethod
    def _threshold(cls, v: float | None, info: ValidationInfo) -> float | None:
        from mlinfra.config import monitoring

        return None if v is None else monitoring.check_threshold(info.data.get("statistic"), v)


class Quality(Shape):
    """A check of the served model against labelled feedback."""

    labels: str = field(description="URI of labelled feedback: rows of the model's features and the label column.")
    metric: Literal["accuracy", "f1", "mae", "rmse"] = field(
        default="accuracy", description="accuracy or f1 (classification), mae or rmse (regression)."
    )
    min: float | None = field(default=None, description="Quality fails below this value (accuracy, f1).")
    max: float | None = field(default=None, ge=0, description="Quality fails above this value (mae, rmse).")


class Monitor(_Kind):
    """Watches an endpoint's captured traffic for drift from a baseline dataset."""

    endpoint: str = field(description="The endpoint watched, usually endpoint.NAME.id; it must capture data.")
    baseline: str = field(description="URI of the baseline data, usually the training dataset: dataset.NAME.uri.")
    features: list[str] | None = field(
        default=None, description="Features to watch (default: every feature the model was trained with)."
    )
    drift: Drift = field(default_factory=Drift, description="The statistic and threshold of every feature.")
    feature: dict[str, Drift] = field(
        default_factory=dict, description='Per-feature overrides: feature "NAME" { statistic = "ks" }.'
    )
    schedule: str = field(
        default="every 1h",
        description='How often the monitor runs: "every N{s,m,h,d}", "hourly", "daily" or a 5-field cron expression.',
    )
    quality: Quality | None = None

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, v: str) -> str:
        from mlinfra.config import monitoring

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

