"""The pipeline kind: training in a subprocess, metrics, lineage, quality gates, re-runs
on a changed definition or input, and every kind of bad estimator input."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from local_support import Driver, Failed, full_config
from mlinfra_provider_local import LocalProvider
from mlinfra_provider_local.train import TrainError, resolve_estimator

from mlinfra.providers.protocol import ApplyRequest, ValidateRequest
from mlinfra.values import UNKNOWN


def train_config(uri: Any, **args: Any) -> dict[str, Any]:
    step = {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"max_iter": 500}}
    step.update(args.pop("step", {}))
    return full_config("pipeline", inputs={"train": uri}, step={"fit": step}, **args)


def error_of(e: pytest.ExceptionInfo[Failed]) -> tuple[str, str]:
    err = e.value.diagnostics.errors[0]
    return err.summary, err.detail


def test_training_records_metrics_artifact_and_lineage_in_its_run_folder(
    driver: Driver, workdir: Path
) -> None:
    ds = driver.dataset()
    run = driver.pipeline(ds["uri"], metrics=["accuracy", "f1_macro", "roc_auc"])
    assert set(run["metrics"]) == {"accuracy", "f1_macro", "roc_auc"}
    assert run["metrics"]["accuracy"] > 0.9
    folder = workdir / ".mlinfra" / "local" / "runs" / run["run_id"]
    assert run["artifact"] == "file://" + str(folder / "model.joblib")
    assert json.loads((folder / "metrics.json").read_text()) == run["metrics"]
    lineage = json.loads((folder / "lineage.json").read_text())
    assert lineage["inputs"]["train"]["digest"] == ds["digest"]
    assert lineage["params"] == {"max_iter": 500} and "scikit-learn" in lineage["libraries"]
    assert any("training" in p for p in driver.progress)


def test_an_unchanged_pipeline_plans_no_change_and_a_new_parameter_plans_a_rerun(
    driver: Driver,
) -> None:
    ds = driver.dataset()
    cfg = train_config(ds["uri"])
    run = driver.apply("pipeline", "pipeline.train", cfg)
    refreshed = driver.read("pipeline", "pipeline.train", run)
    assert refreshed == run
    assert driver.plan("pipeline", "pipeline.train", refreshed, cfg).planned == run
    changed = train_config(ds["uri"], step={"params": {"max_iter": 500, "C": 0.5}})
    plan = driver.plan("pipeline", "pipeline.train", run, changed)
    assert plan.planned["artifact"] is UNKNOWN and plan.planned["run_id"] is UNKNOWN
    assert plan.planned["digest"] != run["digest"] and "runs again" in (plan.reason or "")
    rerun = driver.apply("pipeline", "pipeline.train", changed, prior=run)
    assert rerun["run_id"] != run["run_id"] and rerun["digest"] == plan.planned["digest"]
    assert driver.read("pipeline", "pipeline.train", run | {"run_id": run["run_id"]}) is None


def test_an_input_still_unknown_at_plan_time_plans_a_rerun(driver: Driver) -> None:
    prior = {
        **train_config("file:///old.csv"),
        "id": "train",
        "run_id": "r",
        "artifact": "file:///a",
    }
    prior.update(metrics={"accuracy": 1.0}, digest="0" * 64)
    plan = driver.plan("pipeline", "pipeline.train", prior, train_config(UNKNOWN))
    assert plan.planned["digest"] is UNKNOWN and plan.planned["artifact"] is UNKNOWN
    assert plan.planned["id"] == "train"


def test_run_never_updates_settings_without_training_again(driver: Driver) -> None:
    ds = driver.dataset()
    run = driver.pipeline(ds["uri"], run="never")
    changed = train_config(ds["uri"], run="never", step={"params": {"max_iter": 500, "C": 0.1}})
    plan = driver.plan("pipeline", "pipeline.train", run, changed)
    assert plan.planned["artifact"] == run["artifact"]
    after = driver.apply("pipeline", "pipeline.train", changed, prior=run)
    assert after["run_id"] == run["run_id"] and after["step"]["fit"]["params"]["C"] == 0.1


def test_a_quality_gate_fails_the_apply_with_the_measured_value(
    driver: Driver, workdir: Path
) -> None:
    ds = driver.dataset()
    with pytest.raises(Failed) as e:
        driver.pipeline(
            ds["uri"], gates={"min_accuracy": 0.999}, step={"params": {"C": 0.001, "max_iter": 50}}
        )
    summary, detail = error_of(e)
    assert summary == "Quality gate failed"
    assert detail.startswith("accuracy 0.") and "is below min_accuracy 0.999" in detail
    assert not list((workdir / ".mlinfra" / "local" / "runs").glob("*"))


def test_a_regressor_reports_regression_metrics_and_max_gates_bound_its_errors(
    driver: Driver,
) -> None:
    ds = driver.dataset("d", source="sklearn:diabetes")
    ridge = {"estimator": "sklearn.linear_model.Ridge", "params": {}}
    run = driver.pipeline(
        ds["uri"], step=ridge, metrics=["r2", "mae", "rmse"], gates={"max_mse": 1e5}
    )
    assert set(run["metrics"]) == {"r2", "mae", "rmse", "mse"}
    assert run["metrics"]["r2"] > 0.2 and run["metrics"]["rmse"] > 0
    with pytest.raises(Failed) as e:
        driver.pipeline(ds["uri"], name="strict", step=ridge, gates={"max_mse": 10.0})
    assert "is above max_mse 10" in error_of(e)[1]


def test_a_misspelt_estimator_is_an_error_with_a_suggestion(driver: Driver) -> None:
    ds = driver.dataset()
    with pytest.raises(Failed) as e:
        driver.pipeline(ds["uri"], step={"estimator": "sklearn.linear_model.LogisticRegresion"})
    summary, detail = error_of(e)
    assert summary == "Unknown estimator" and 'Did you mean "LogisticRegression"?' in detail


def test_an_estimator_outside_the_allowed_prefixes_is_refused(driver: Driver) -> None:
    diags = driver.validate(
        "pipeline", "pipeline.p", train_config("file://x.csv", step={"estimator": "os.system"})
    )
    assert diags.errors and "outside the allowed estimators" in diags.errors[0].detail


@pytest.mark.parametrize(
    "provider_config", [{"allowed_estimator_prefixes": ["mlinfra_provider_local."]}]
)
def test_the_provider_block_can_allow_more_estimator_prefixes(driver: Driver) -> None:
    cfg = train_config("file://x.csv", step={"estimator": "mlinfra_provider_local.Nothing"})
    errors = driver.validate("pipeline", "pipeline.p", cfg).errors
    assert not any("outside the allowed" in x.detail for x in errors)
    # Allowed, and then inspected like any estimator: this one does not exist.
    assert [x.summary for x in errors] == ["Unknown estimator"]


def test_parameters_the_estimator_rejects_fail_with_its_own_message(driver: Driver) -> None:
    ds = driver.dataset()
    with pytest.raises(Failed) as e:
        driver.pipeline(ds["uri"], step={"params": {"C": -1}})
    summary, detail = error_of(e)
    assert (
        summary == "Estimator rejected its parameters"
        and "'C' parameter of LogisticRegression" in detail
    )
    with pytest.raises(Failed) as e:
        driver.pipeline(ds["uri"], step={"params": {"colour": "red"}})
    assert error_of(e)[0] == "Unknown estimator parameter"
    assert 'LogisticRegression has no parameter "colour"' in error_of(e)[1]


def test_a_container_step_is_a_clear_validation_error(driver: Driver) -> None:
    cfg = full_config(
        "pipeline",
        inputs={"train": "file://x.csv"},
        step={"prep": {"image": "python:3.11", "command": ["python", "prep.py"]}},
    )
    diags = driver.validate("pipeline", "pipeline.p", cfg)
    assert diags.errors and "container step" in diags.errors[0].detail


def test_unknown_metrics_and_gates_are_validation_errors_with_suggestions(driver: Driver) -> None:
    cfg = train_config("file://x.csv", metrics=["acuracy"], gates={"min_f1macro": 0.5})
    details = [x.detail for x in driver.validate("pipeline", "pipeline.p", cfg).errors]
    assert any('Did you mean "accuracy"?' in x for x in details)
    assert any('Did you mean "min_f1_macro"?' in x for x in details)


def test_a_raw_csv_input_is_digested_so_editing_it_reruns_the_pipeline(
    driver: Driver, workdir: Path
) -> None:
    lines = ["a,b,target"] + [f"{i % 7},{(i * 3) % 5},{i % 2}" for i in range(40)]
    (workdir / "t.csv").write_text("\n".join(lines) + "\n")
    cfg = train_config("file://t.csv")
    run = driver.apply("pipeline", "pipeline.train", cfg)
    assert driver.plan("pipeline", "pipeline.train", run, cfg).planned == run
    (workdir / "t.csv").write_text("\n".join(lines[:-1]) + "\n")
    assert driver.plan("pipeline", "pipeline.train", run, cfg).planned["artifact"] is UNKNOWN


def test_find_adopts_a_run_and_destroy_removes_every_run_of_the_pipeline(
    driver: Driver, workdir: Path
) -> None:
    ds = driver.dataset()
    run = driver.pipeline(ds["uri"])
    assert driver.find("pipeline", "pipeline.train") == run
    driver.destroy("pipeline", "pipeline.train", run)
    assert not (workdir / ".mlinfra" / "local" / "runs").exists()
    assert driver.read("pipeline", "pipeline.train", run) is None


def test_an_unconfigured_provider_leaves_the_estimator_prefix_check_to_the_configured_one() -> None:

    cfg = train_config("file://x.csv", step={"estimator": "xgboost.XGBClassifier"})
    resp = LocalProvider().validate(ValidateRequest("pipeline", "pipeline.p", cfg))
    assert not resp.diagnostics.has_errors


def test_deleting_a_replaced_run_keeps_the_replacement_and_clears_runs_cut_short(
    driver: Driver, workdir: Path
) -> None:
    ds = driver.dataset()
    old = driver.pipeline(ds["uri"])
    new = driver.pipeline(ds["uri"])  # the create half of a create-before-destroy
    cut_short = workdir / ".mlinfra" / "local" / "runs" / "train-cutshort"
    cut_short.mkdir()
    (cut_short / "spec.json").write_text(json.dumps({"lineage": {"address": "pipeline.train"}}))
    driver.destroy("pipeline", "pipeline.train", old)
    assert driver.read("pipeline", "pipeline.train", old) is None
    assert driver.read("pipeline", "pipeline.train", new) == new
    assert not cut_short.exists()


@pytest.mark.parametrize(
    ("path", "hint"),
    [
        ("sklearn.linear_modle.LogisticRegression", 'Did you mean "sklearn.linear_model"?'),
        ("sklearn.ensemble.RandomForestClasifier", 'Did you mean "RandomForestClassifier"?'),
        ("sklearn.svm.svc", 'Did you mean "SVC"?'),
    ],
)
def test_a_misspelt_module_or_class_gets_a_suggestion(path: str, hint: str) -> None:
    with pytest.raises(TrainError) as e:
        resolve_estimator(path, ["sklearn."])
    assert e.value.summary == "Unknown estimator" and hint in e.value.detail


def test_a_run_over_its_time_limit_is_stopped_and_leaves_nothing_behind(
    driver: Driver, workdir: Path
) -> None:
    ds = driver.dataset()
    with pytest.raises(Failed) as e:
        driver.pipeline(ds["uri"], local={"timeout": 0.05})
    assert error_of(e) == ("Training timed out", "The run took longer than 0.05 seconds.")
    assert not any((workdir / ".mlinfra" / "local").glob("runs/*"))


def test_progress_of_parallel_applies_goes_to_each_resource_s_own_callback(driver: Driver) -> None:
    ds = driver.dataset()
    heard: dict[str, list[str]] = {"pipeline.a": [], "pipeline.b": []}

    def create(address: str) -> None:
        cfg = train_config(ds["uri"])
        planned = driver.plan("pipeline", address, None, cfg).planned
        req = ApplyRequest(
            "pipeline", address, "create", None, planned, cfg, progress=heard[address].append
        )
        assert not driver.provider.apply(req).diagnostics.has_errors

    threads = [threading.Thread(target=create, args=(a,)) for a in heard]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert any("(run a-" in m for m in heard["pipeline.a"])
    assert any("(run b-" in m for m in heard["pipeline.b"])
    assert not any("(run b-" in m for m in heard["pipeline.a"])
    assert not any("(run a-" in m for m in heard["pipeline.b"])
