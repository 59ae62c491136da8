"""mlinfra's trainer for estimator steps of an Azure ML pipeline job.

Uploaded by the azure provider as a code asset and run by a command component:

    python train.py --data PATH --target COLUMN --estimator sklearn.x.Y --params JSON
                    --test-size 0.2 --seed 0 --model DIR --metrics DIR

Reads a CSV file (or every CSV under a folder), fits the estimator on a seeded split,
writes ``model.joblib`` to the model folder and ``metrics.json`` (``accuracy`` for a
classifier, ``r2`` for a regressor, from the held-out part) to the metrics folder, and
logs the metrics to MLflow when the environment has it. It imports only scikit-learn
and the standard library.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import sys
from pathlib import Path


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    files = [path] if path.is_file() else sorted(path.rglob("*.csv"))
    header: list[str] = []
    rows: list[list[str]] = []
    for f in files:
        with f.open(newline="") as fh:
            reader = csv.reader(fh)
            head = next(reader)
            header = header or head
            rows.extend(r for r in reader if r)
    if not rows:
        sys.exit(f"no rows in {path}")
    return header, rows


def number(v: str) -> float | str:
    try:
        return float(v)
    except ValueError:
        return v


def main() -> None:
    p = argparse.ArgumentParser()
    for arg in ("--data", "--target", "--estimator", "--model", "--metrics"):
        p.add_argument(arg, required=True)
    p.add_argument("--params", default="{}")
    p.add_argument("--test-size", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()

    header, rows = read_rows(Path(a.data))
    target = a.target if a.target in header else header[-1]
    t = header.index(target)
    x = [[float(v) for i, v in enumerate(r) if i != t] for r in rows]
    y = [number(r[t]) for r in rows]

    from sklearn.model_selection import train_test_split

    module, _, name = a.estimator.rpartition(".")
    estimator = getattr(importlib.import_module(module), name)(**json.loads(a.params))
    x_tr, x_te, y_tr, y_te = train_test_split(x, y, test_size=a.test_size, random_state=a.seed)
    estimator.fit(x_tr, y_tr)
    score = float(estimator.score(x_te, y_te))
    metrics = {"r2" if getattr(estimator, "_estimator_type", "") == "regressor" else "accuracy": score}

    import joblib

    Path(a.model).mkdir(parents=True, exist_ok=True)
    joblib.dump(estimator, Path(a.model) / "model.joblib")
    Path(a.metrics).mkdir(parents=True, exist_ok=True)
    (Path(a.metrics) / "metrics.json").write_text(json.dumps(metrics, sort_keys=True))
    try:
        import mlflow

        mlflow.log_metrics(metrics)
    except Exception:  # noqa: BLE001 - MLflow is optional
        pass
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
