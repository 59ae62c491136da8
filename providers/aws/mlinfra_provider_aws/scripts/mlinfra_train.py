"""The entry point of a generated estimator step, run by SageMaker's framework training
containers in script mode (``sagemaker_program``), not by mlinfra itself.

It reads the CSV files of its input channel (``SM_CHANNEL_*``), splits them, fits the
estimator named by the ``mlinfra_estimator`` hyperparameter with ``mlinfra_params``,
prints one ``NAME=VALUE`` line per metric (the step's MetricDefinitions match these
lines) and saves the fitted model with joblib under ``SM_MODEL_DIR``.
"""

from __future__ import annotations

import csv
import importlib
import json
import math
import os
import sys
from pathlib import Path


def hyperparameters() -> dict[str, object]:
    raw = json.loads(os.environ.get("SM_HPS") or "{}")
    out: dict[str, object] = {}
    for k, v in raw.items():
        try:
            out[k] = json.loads(v) if isinstance(v, str) else v
        except ValueError:
            out[k] = v
    return out


def channel() -> Path:
    channels = sorted(k[len("SM_CHANNEL_") :].lower() for k in os.environ if k.startswith("SM_CHANNEL_"))
    if not channels:
        sys.exit("no input channel: the step has no inputs")
    name = "train" if "train" in channels else channels[0]
    return Path(os.environ[f"SM_CHANNEL_{name.upper()}"])


def read_rows(folder: Path) -> tuple[list[str], list[list[str]]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in (".csv", ".txt", ""))
    header: list[str] = []
    rows: list[list[str]] = []
    for path in files:
        with path.open(newline="") as f:
            reader = csv.reader(f)
            first = next(reader, None)
            if first is None:
                continue
            if not header:
                header = first
            elif first != header:
                continue
            rows.extend(r for r in reader if r)
    if not header or not rows:
        sys.exit(f"no CSV rows under {folder}")
    return header, rows


def encode(column: list[str]) -> list[float]:
    try:
        return [float(v) for v in column]
    except ValueError:
        levels = {v: i for i, v in enumerate(sorted(set(column)))}
        return [float(levels[v]) for v in column]


def main() -> None:
    import joblib
    import numpy as np
    from sklearn import metrics as m
    from sklearn.base import is_classifier
    from sklearn.model_selection import train_test_split

    hp = hyperparameters()
    header, rows = read_rows(channel())
    label = str(hp.get("mlinfra_label") or ("target" if "target" in header else header[-1]))
    if label not in header:
        sys.exit(f'no column "{label}" in {header}')
    li = header.index(label)
    columns = list(zip(*rows, strict=False))
    x = np.array([encode(list(c)) for i, c in enumerate(columns) if i != li]).T
    y_raw = list(columns[li])

    module, _, cls = str(hp["mlinfra_estimator"]).rpartition(".")
    params = hp.get("mlinfra_params") or {}
    estimator = getattr(importlib.import_module(module), cls)(**(params if isinstance(params, dict) else {}))
    y = np.array(y_raw) if is_classifier(estimator) else np.array(encode(y_raw))
    seed = int(str(hp.get("mlinfra_seed", 0)))
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=float(str(hp.get("mlinfra_test_size", 0.2))), random_state=seed)
    estimator.fit(x_train, y_train)
    predicted = estimator.predict(x_test)
    if is_classifier(estimator):
        scores = {
            "accuracy": m.accuracy_score(y_test, predicted),
            "f1": m.f1_score(y_test, predicted, average="macro", zero_division=0),
            "precision": m.precision_score(y_test, predicted, average="macro", zero_division=0),
            "recall": m.recall_score(y_test, predicted, average="macro", zero_division=0),
        }
    else:
        scores = {
            "r2": m.r2_score(y_test, predicted),
            "rmse": math.sqrt(m.mean_squared_error(y_test, predicted)),
            "mae": m.mean_absolute_error(y_test, predicted),
        }
    for name, value in sorted(scores.items()):
        print(f"{name}={float(value):.6f}", flush=True)
    model_dir = Path(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    model_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(estimator, model_dir / "model.joblib")


if __name__ == "__main__":
    main()
