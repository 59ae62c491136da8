"""Scoring script Azure ML runs for the iris model (a custom model needs one; an MLflow
model would not): loads the model.joblib the pipeline trained and answers
{"instances": [[5.1, 3.5, 1.4, 0.2], ...]} with {"predictions": [...]}, as the local and
Vertex AI endpoints of this example do."""

import json
import os
from pathlib import Path

import joblib

model = None


def init() -> None:
    global model
    root = Path(os.environ["AZUREML_MODEL_DIR"])
    model = joblib.load(next(root.rglob("*.joblib")))


def run(raw: str) -> str:
    instances = json.loads(raw)["instances"]
    return json.dumps({"predictions": model.predict(instances).tolist()})
