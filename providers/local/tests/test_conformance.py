"""The local provider passes the core's conformance suite for every kind it supports:
valid, invalid, import, drift and interrupted-create cases."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from local_support import Driver, full_config
from mlinfra_provider_local import LocalProvider, processes

from mlinfra.conformance import (
    DataCase,
    DriftCase,
    ImportCase,
    InterruptedCase,
    Invalid,
    KindSuite,
    check_provider,
)


# Every kind's lifecycle, with several server starts: longer than the usual limit on a
# busy machine.
@pytest.mark.timeout(300)
def test_the_local_provider_conforms_for_datasets_pipelines_models_endpoints_and_monitors(
    trained: tuple[Driver, dict[str, Any]],
) -> None:
    drv, objs = trained
    workdir = drv.workdir
    store = drv.provider.store
    artifact = Path(objs["pipeline"]["artifact"][len("file://") :])
    changed = workdir / "changed" / "model.joblib"
    changed.parent.mkdir()
    shutil.copyfile(artifact.parent / "lineage.json", changed.parent / "lineage.json")
    changed.write_bytes(artifact.read_bytes() + b"\0")
    model_id = objs["model"]["id"]

    def serves(attrs: dict[str, Any]) -> None:
        assert processes.healthy(attrs["url"])

    def stop_server(attrs: dict[str, Any]) -> None:
        processes.stop(attrs["pid"], str(Path(attrs["log"]).parent / "config.json"))

    def monitors_running(attrs: dict[str, Any]) -> None:
        assert processes.alive(attrs["pid"], str(Path(attrs["log"]).parent / "config.json"))
        assert attrs["status"] == "no_data" and Path(attrs["report_path"]).is_file()

    def stop_monitor(attrs: dict[str, Any]) -> None:
        processes.stop(attrs["pid"], str(Path(attrs["log"]).parent / "config.json"))

    step = {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"max_iter": 300}}
    dataset = full_config("dataset", source="sklearn:iris")
    pipeline = full_config("pipeline", inputs={"train": objs["dataset"]["uri"]}, step={"fit": step})
    model = full_config("model", artifact="file://" + str(artifact))
    endpoint = full_config("endpoint", variant={"blue": {"model": model_id}})
    monitor = full_config("monitor", endpoint="watched", baseline=objs["dataset"]["uri"])
    suites = [
        KindSuite(
            "dataset",
            valid=[dataset],
            update=full_config("dataset", source="sklearn:wine"),
            invalid=[Invalid('  source = "sklearn:iris"\n  local {\n    port = 1\n  }', line=2), Invalid('  source = "ftp://x"')],
            imports=ImportCase(dataset),
            drift=DriftCase(dataset, lambda a: shutil.rmtree(store.datasets(a["id"]))),
            interrupted=InterruptedCase(dataset),
        ),
        KindSuite(
            "pipeline",
            valid=[pipeline],
            update=full_config(
                "pipeline", inputs={"train": objs["dataset"]["uri"]}, step={"fit": step}, gates={"min_accuracy": 0.5}
            ),
            invalid=[Invalid('  step "fit" {\n    estimator = "os.system"\n  }\n  local {\n    timeot = 5\n  }', line=5)],
            imports=ImportCase(pipeline),
            drift=DriftCase(pipeline, lambda a: shutil.rmtree(store.run(a["run_id"]))),
            interrupted=InterruptedCase(pipeline),
        ),
        KindSuite(
            "model",
            valid=[model],
            update=full_config("model", artifact="file://" + str(changed)),
            invalid=[Invalid('  artifact = "file://x.joblib"\n  tags = { a = [1] }', line=2)],
            imports=ImportCase(model),
            drift=DriftCase(model, lambda a: shutil.rmtree(store.registry(a["id"].split("/")[0]) / f"v{a['version']}")),
            interrupted=InterruptedCase(model),
        ),
        KindSuite(
            "endpoint",
            valid=[endpoint],
            update=full_config("endpoint", variant={"blue": {"model": model_id, "weight": 50}}),
            check_created=serves,
            invalid=[
                Invalid(f'  variant "blue" {{ model = "{model_id}" }}\n  local {{\n    prot = 8080\n  }}', line=3),
                Invalid(f'  variant "blue" {{ model = "{model_id}" }}\n  local {{\n    port = 70000\n  }}', line=3),
            ],
            imports=ImportCase(endpoint),
            drift=DriftCase(endpoint, stop_server),
            interrupted=InterruptedCase(endpoint),
        ),
        KindSuite(
            "monitor",
            valid=[monitor],
            update=full_config("monitor", endpoint="watched", baseline=objs["dataset"]["uri"], schedule="every 2h"),
            check_created=monitors_running,
            invalid=[
                Invalid('  endpoint = "watched"\n  baseline = "x.csv"\n  schedule = "every often"', line=3),
                Invalid('  endpoint = "watched"\n  baseline = "x.csv"\n  drift {\n    statistic = "kss"\n  }', line=4),
                Invalid('  endpoint = "watched"\n  baseline = "x.csv"\n  local {\n    min_samples = 0\n  }', line=4),
            ],
            imports=ImportCase(monitor),
            drift=DriftCase(monitor, stop_monitor),
            interrupted=InterruptedCase(monitor),
        ),
    ]
    name, version = model_id.split("/v")
    data = [
        DataCase("model", {"name": name}, {"version": int(version)}, {"name": "no-such-model"}),
        DataCase("dataset", {"source": "sklearn:iris"}, {"digest": objs["dataset"]["digest"]}, {"source": "file://no/such.csv"}),
    ]
    watched = drv.apply("endpoint", "endpoint.watched", drv.endpoint_config({"blue": (model_id, 100)}, data_capture={"enabled": True}))
    try:
        check_provider(LocalProvider, {}, workdir, suites, data)
    finally:
        drv.destroy("endpoint", "endpoint.watched", watched)
    assert not list((workdir / ".mlinfra" / "local" / "endpoints").glob("conformance/*"))
    assert not list((workdir / ".mlinfra" / "local" / "monitors").glob("conformance/*"))
