"""Evaluation metrics a pipeline can record and quality gates over them.

The names are plain constants (validated at plan time without importing anything);
``compute`` runs inside the training subprocess, where scikit-learn is loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mlinfra_provider_local import _sdk

CLASSIFICATION = (
    "accuracy",
    "balanced_accuracy",
    "f1_macro",
    "f1_weighted",
    "precision_macro",
    "recall_macro",
    "roc_auc",
    "log_loss",
)
REGRESSION = ("r2", "mae", "mse", "rmse", "explained_variance")
ALL = CLASSIFICATION + REGRESSION
GATE_PREFIXES = ("min_", "max_")
# Metrics a search minimises.
LOWER_IS_BETTER = ("log_loss", "mae", "mse", "rmse")
# The best candidate's cross-validated score in a search, and its numeric parameters.
SEARCH_SCORE = "search_best_score"
SEARCH_PARAM_PREFIX = "search_best."


def cv_keys(name: str) -> tuple[str, str]:
    """The names of a metric's cross-validated mean and standard deviation."""
    return f"cv_{name}_mean", f"cv_{name}_std"


def measured_by(name: str) -> tuple[str | None, str | None]:
    """What records metric ``name``: (the metric measured, the pipeline argument that
    must be set) -- ("accuracy", None) for accuracy, ("accuracy", "cross_validation") for
    cv_accuracy_mean, (None, "search") for the search's best score; (None, None) for a
    name nothing records."""
    if name in ALL:
        return name, None
    if name == SEARCH_SCORE:
        return None, "search"
    for base in ALL:
        if name in cv_keys(base):
            return base, "cross_validation"
    return None, None


def gate_names(cross_validation: bool, search: bool) -> list[str]:
    """Every gate a pipeline with these settings can set (for did-you-mean)."""
    names = list(ALL)
    if cross_validation:
        names += [k for m in ALL for k in cv_keys(m)]
    if search:
        names.append(SEARCH_SCORE)
    return [p + m for p in GATE_PREFIXES for m in names]


def default_for(is_classifier: bool) -> str:
    return "accuracy" if is_classifier else "r2"


def split_gate(key: str) -> tuple[str, str] | None:
    """``min_accuracy`` -> ("min", "accuracy"); None when the key is not a gate."""
    for prefix in GATE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return prefix[:-1], key[len(prefix) :]
    return None


def gate_failures(gates: Mapping[str, float], measured: Mapping[str, float]) -> list[str]:
    """One sentence per gate the measured metrics miss."""
    out = []
    for key, bound in sorted(gates.items()):
        parsed = split_gate(key)
        if parsed is None:
            continue
        side, metric = parsed
        value = measured.get(metric)
        if value is None:
            out.append(f"{metric} was not measured, but {key} needs it")
        elif side == "min" and value < bound:
            out.append(f"{metric} {value:.4g} is below {key} {bound:g}")
        elif side == "max" and value > bound:
            out.append(f"{metric} {value:.4g} is above {key} {bound:g}")
    return out


def compute(name: str, estimator: Any, X: Any, y: Any) -> float:
    """The value of metric ``name`` for ``estimator`` on the held-out (X, y)."""
    m = _sdk.sklearn_metrics()
    np = _sdk.numpy()
    if name in ("roc_auc", "log_loss"):
        if not hasattr(estimator, "predict_proba"):
            raise ValueError(f"{name} needs an estimator with predict_proba")
        proba = estimator.predict_proba(X)
        if name == "log_loss":
            return float(m.log_loss(y, proba, labels=estimator.classes_))
        if proba.shape[1] == 2:
            return float(m.roc_auc_score(y, proba[:, 1]))
        return float(m.roc_auc_score(y, proba, multi_class="ovr", labels=estimator.classes_))
    pred = estimator.predict(X)
    simple = {
        "accuracy": lambda: m.accuracy_score(y, pred),
        "balanced_accuracy": lambda: m.balanced_accuracy_score(y, pred),
        "f1_macro": lambda: m.f1_score(y, pred, average="macro", zero_division=0),
        "f1_weighted": lambda: m.f1_score(y, pred, average="weighted", zero_division=0),
        "precision_macro": lambda: m.precision_score(y, pred, average="macro", zero_division=0),
        "recall_macro": lambda: m.recall_score(y, pred, average="macro", zero_division=0),
        "r2": lambda: m.r2_score(y, pred),
        "mae": lambda: m.mean_absolute_error(y, pred),
        "mse": lambda: m.mean_squared_error(y, pred),
        "rmse": lambda: np.sqrt(m.mean_squared_error(y, pred)),
        "explained_variance": lambda: m.explained_variance_score(y, pred),
    }
    if name not in simple:
        raise ValueError(f'unknown metric "{name}"')
    return float(simple[name]())
