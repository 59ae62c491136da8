"""The trainer the gcp provider uploads to Cloud Storage and runs as a pipeline step on
Vertex AI's prebuilt scikit-learn training image. It stands alone: Python, scikit-learn
and joblib only, no mlinfra.

It follows the Kubeflow Pipelines v2 executor protocol: ``--executor-input`` is the
``{{$}}`` JSON the launcher gives the step; the model is written as ``model.joblib`` in
the folder of the ``model`` output artifact (Vertex AI's prebuilt serving containers load
that file), and the metrics are the ``metrics`` artifact's metadata in the executor
output file, which is how Vertex AI reports them. Cloud Storage is mounted at ``/gcs/``.

    python3 trainer.py --executor-input JSON --estimator sklearn.linear_model.LogisticRegression
        --params JSON --train /gcs/bucket/train.csv [--test /gcs/...] --target COLUMN
        --test-size 0.2 --seed 0
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import sys
from typing import Any

ALLOWED_PREFIXES = ("sklearn.", "xgboost.", "lightgbm.")


# Where Cloud Storage is mounted: /gcs on Vertex AI.
MOUNT = os.environ.get("MLINFRA_GCS_MOUNT", "/gcs").rstrip("/")


def gcs_path(uri: str) -> str:
    if uri.startswith("gs://"):
        return f"{MOUNT}/{uri[5:]}"
    return MOUNT + uri[4:] if uri.startswith("/gcs/") else uri


def load(path: str, target: str | None) -> tuple[list[list[float]], list[Any]]:
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r]
    column = target or ("target" if "target" in header else header[-1])
    if column not in header:
        raise SystemExit(f"trainer: {path} has no column {column!r} (columns: {', '.join(header)})")
    t = header.index(column)
    X = [[float(v) for i, v in enumerate(r) if i != t] for r in body]
    y: list[Any] = [r[t] for r in body]
    return X, y


def estimator(path: str, params: dict[str, Any]) -> Any:
    if not path.startswith(ALLOWED_PREFIXES):
        raise SystemExit(f"trainer: estimator {path!r} is not allowed ({', '.join(p + '*' for p in ALLOWED_PREFIXES)})")
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)(**params)


def scores(model: Any, X: list[list[float]], y: list[Any]) -> dict[str, float]:
    from sklearn import metrics  # type: ignore[import-untyped]
    from sklearn.base import is_classifier  # type: ignore[import-untyped]

    pred = model.predict(X)
    if is_classifier(model):
        return {
            "accuracy": float(metrics.accuracy_score(y, pred)),
            "f1_macro": float(metrics.f1_score(y, pred, average="macro")),
        }
    y_num = [float(v) for v in y]
    return {"r2": float(metrics.r2_score(y_num, pred)), "mse": float(metrics.mean_squared_error(y_num, pred))}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--executor-input", required=True)
    ap.add_argument("--estimator", required=True)
    ap.add_argument("--params", default="{}")
    ap.add_argument("--train", required=True)
    ap.add_argument("--test")
    ap.add_argument("--target")
    ap.add_argument("--test-size", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    import joblib  # type: ignore[import-untyped]
    from sklearn.base import is_regressor  # type: ignore[import-untyped]
    from sklearn.model_selection import train_test_split  # type: ignore[import-untyped]

    executor = json.loads(args.executor_input)
    outputs = executor["outputs"]
    X, y = load(gcs_path(args.train), args.target)
    model = estimator(args.estimator, json.loads(args.params))
    if is_regressor(model):
        y = [float(v) for v in y]
    if args.test:
        X_test, y_test = load(gcs_path(args.test), args.target)
        X_train, y_train = X, y
    else:
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=args.test_size, random_state=args.seed)
    model.fit(X_train, y_train)
    found = scores(model, X_test, y_test)

    model_artifact = outputs["artifacts"]["model"]["artifacts"][0]
    folder = gcs_path(model_artifact["uri"])
    os.makedirs(folder, exist_ok=True)
    joblib.dump(model, os.path.join(folder, "model.joblib"))
    metrics_artifact = dict(outputs["artifacts"]["metrics"]["artifacts"][0])
    metrics_artifact["metadata"] = found
    result = {"artifacts": {"model": {"artifacts": [model_artifact]}, "metrics": {"artifacts": [metrics_artifact]}}}
    out_file = gcs_path(outputs["outputFile"])
    os.makedirs(os.path.dirname(out_file), exist_ok=True)
    with open(out_file, "w") as f:
        json.dump(result, f)
    print(json.dumps({"metrics": found}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
