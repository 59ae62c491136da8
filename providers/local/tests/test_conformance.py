"""The local provider passes the core's conformance suite for every kind it supports."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from local_support import Driver, full_config
from mlinfra_provider_local import LocalProvider, processes

from mlinfra.providers.conformance import ConformanceCase, check_provider


def test_the_local_provider_conforms_for_datasets_pipelines_models_and_endpoints(
    trained: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = trained
    workdir = drv.workdir
    artifact = Path(objs["pipeline"]["artifact"][len("file://") :])
    changed = workdir / "changed" / "model.joblib"
    changed.parent.mkdir()
    shutil.copyfile(artifact.parent / "lineage.json", changed.parent / "lineage.json")
    changed.write_bytes(artifact.read_bytes() + b"\0")
    model_id = objs["model"]["id"]

    def serves(attrs: dict[str, Any]) -> None:
        assert processes.healthy(attrs["url"])

    step = {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"max_iter": 300}}
    cases = [
        ConformanceCase(
            "dataset",
            full_config("dataset", source="sklearn:iris"),
            update=full_config("dataset", source="sklearn:wine"),
        ),
        ConformanceCase(
            "pipeline",
            full_config("pipeline", inputs={"train": objs["dataset"]["uri"]}, step={"fit": step}),
            update=full_config(
                "pipeline",
                inputs={"train": objs["dataset"]["uri"]},
                step={"fit": step},
                gates={"min_accuracy": 0.5},
            ),
        ),
        ConformanceCase(
            "model",
            full_config("model", artifact="file://" + str(artifact)),
            update=full_config("model", artifact="file://" + str(changed)),
        ),
        ConformanceCase(
            "endpoint",
            full_config("endpoint", variant={"blue": {"model": model_id}}),
            update=full_config("endpoint", variant={"blue": {"model": model_id, "weight": 50}}),
            check_created=serves,
        ),
    ]
    check_provider(LocalProvider, {}, workdir, cases)
    assert not list((workdir / ".mlinfra" / "local" / "endpoints").glob("conformance/*"))
