"""Pipelines beyond one chain: column branches joined into a ColumnTransformer (with a
categorical column), k-fold cross-validation and hyper-parameter search, and the
located validate errors for each misuse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import joblib
import pytest
from local_support import Cli, Driver, full_config, stop_every_server
from mlinfra_provider_local import steps as step_graph
from mlinfra_provider_local.store import read_json

SCALER = "sklearn.preprocessing.StandardScaler"
ENCODER = "sklearn.preprocessing.OneHotEncoder"
LOGREG = "sklearn.linear_model.LogisticRegression"
NUMERIC = ["sepal_length", "sepal_width"]


def write_flowers(path: Path) -> None:
    """90 rows: two numeric columns, a categorical one and a three-class label that
    the group mostly gives away."""
    lines = ["sepal_length,sepal_width,species_group,label"]
    for i in range(90):
        label = i % 3
        group = "abc"[(label + (1 if i % 11 == 0 else 0)) % 3]
        lines.append(f"{5 + label * 0.8 + (i % 5) * 0.1:.2f},{3 + (i % 7) * 0.1:.2f},{group},{label}")
    path.write_text("\n".join(lines) + "\n")


def branches(**extra: Any) -> dict[str, Any]:
    return {
        "num": {"estimator": SCALER, "columns": NUMERIC},
        "cat": {"estimator": ENCODER, "columns": ["species_group"], "params": {"handle_unknown": "ignore"}},
        "fit": {"estimator": LOGREG, "params": {"max_iter": 300}, "depends_on": ["num", "cat"], **extra},
    }


@pytest.fixture
def flowers(driver: Driver) -> dict[str, Any]:
    write_flowers(driver.workdir / "flowers.csv")
    return driver.dataset("flowers", source="file://flowers.csv", target="label")


def run_folder(run: dict[str, Any]) -> Path:
    return Path(run["artifact"].removeprefix("file://")).parent


# -- the shape steps train as (no scikit-learn needed) ---------------------------------
def test_branches_joined_by_the_final_step_form_a_column_transformer() -> None:
    shape, problems = step_graph.layout(branches())
    assert problems == []
    assert shape is not None
    assert shape["chain"] == ["fit"]
    assert [(b["name"], b["steps"], b["columns"]) for b in shape["branches"]] == [
        ("num", ["num"], NUMERIC),
        ("cat", ["cat"], ["species_group"]),
    ]
    assert step_graph.param_prefix(shape, "cat") == "columns__cat__"
    assert step_graph.param_prefix(shape, "fit") == "fit__"


def test_a_branch_may_be_a_chain_and_the_join_may_be_followed_by_steps() -> None:
    steps = {
        "impute": {"estimator": "sklearn.impute.SimpleImputer", "columns": NUMERIC},
        "scale": {"estimator": SCALER, "depends_on": ["impute"]},
        "cat": {"estimator": ENCODER, "columns": ["species_group"]},
        "join": {"estimator": "sklearn.feature_selection.VarianceThreshold", "depends_on": ["scale", "cat"]},
        "fit": {"estimator": LOGREG, "depends_on": ["join"]},
        # A step named like the ColumnTransformer moves it aside.
        "columns": {"estimator": SCALER},
    }
    steps["join"]["depends_on"].append("columns")
    shape, problems = step_graph.layout(steps)
    assert problems == [] and shape is not None
    assert shape["order"][-2:] == ["join", "fit"]
    assert shape["join"] == "columns_"
    assert step_graph.param_prefix(shape, "scale") == "columns___impute__scale__"
    assert [b["columns"] for b in shape["branches"]] == [NUMERIC, ["species_group"], None]


def test_a_chain_whose_first_step_picks_columns_trains_on_those_columns() -> None:
    shape, _ = step_graph.layout(
        {"scale": {"columns": ["a"]}, "fit": {"depends_on": ["scale"]}}
    )
    assert shape is not None
    assert shape["branches"] == [{"name": "select", "steps": [], "columns": ["a"]}]
    assert shape["chain"] == ["scale", "fit"]
    assert step_graph.param_prefix(shape, "fit") == "fit__"


def test_a_one_step_pipeline_searches_bare_parameter_names() -> None:
    steps = {"fit": {"estimator": LOGREG}}
    shape, _ = step_graph.layout(steps)
    problems, wanted = step_graph.search_problems(steps, {"params": {"C": [1.0], "fit.tol": [0.1]}})
    assert problems == [] and wanted == [("C", "fit", "C"), ("fit.tol", "fit", "tol")]
    assert shape is not None and step_graph.param_prefix(shape, "fit") == ""


# -- misuse: located validate errors ----------------------------------------------------
def pipeline(uri: str, steps: dict[str, Any], **args: Any) -> dict[str, Any]:
    return full_config("pipeline", inputs={"train": uri}, step=steps, metrics=["accuracy"], **args)


MISUSES = [
    (
        {"a": {"estimator": SCALER, "depends_on": ["fit"]}, "fit": {"estimator": LOGREG, "depends_on": ["a"]}},
        {},
        "form a cycle",
        ("step", "a", "depends_on"),
    ),
    (
        {"num": {"estimator": SCALER}, "fit": {"estimator": LOGREG, "depends_on": ["nmu"]}},
        {},
        'depends on "nmu", which is not a step of this pipeline. Did you mean "num"?',
        ("step", "fit", "depends_on"),
    ),
    (
        {"num": {"estimator": SCALER}, "fit": {"estimator": LOGREG}},
        {},
        'steps "fit", "num" are each a final estimator',
        ("step", "num"),
    ),
    (
        {**branches(), "gbm": {"estimator": LOGREG, "depends_on": ["num"]}},
        {},
        'steps "fit" and "gbm" both depend on "num"',
        ("step", "gbm", "depends_on"),
    ),
    (
        {**branches(), "fit": {**branches()["fit"], "columns": ["sepal_length"]}},
        {},
        'step "fit" has columns but joins branches',
        ("step", "fit", "columns"),
    ),
    (
        branches(),
        {"search": {"params": {"fit.max_iters": [100, 200]}}},
        'search parameter "fit.max_iters": LogisticRegression has no parameter "max_iters". '
        'Did you mean "max_iter"?',
        ("search", "params", "fit.max_iters"),
    ),
    (
        branches(),
        {"search": {"params": {"fti.C": [1.0]}}},
        'names step "fti", which is not a step of this pipeline. Did you mean "fit"?',
        ("search", "params", "fti.C"),
    ),
    (
        branches(),
        {"search": {"params": {"C": [1.0]}}},
        'search parameter "C" does not name its step',
        ("search", "params", "C"),
    ),
    (
        branches(),
        {"search": {"params": {"fit.C": [1.0]}, "scoring": "acuracy"}},
        'unknown scoring metric "acuracy". Did you mean "accuracy"?',
        ("search", "scoring"),
    ),
    (
        branches(),
        {"gates": {"min_cv_accuracy_mean": 0.5}},
        'gate "min_cv_accuracy_mean" needs cross_validation',
        ("gates", "min_cv_accuracy_mean"),
    ),
    (
        branches(),
        {"cross_validation": 3, "gates": {"min_cv_acuracy_mean": 0.5}},
        'Did you mean "min_cv_accuracy_mean"?',
        ("gates", "min_cv_acuracy_mean"),
    ),
]


@pytest.mark.parametrize(("steps", "args", "needle", "where"), MISUSES)
def test_each_misuse_is_a_validate_error_on_the_argument_at_fault(
    driver: Driver, steps: dict[str, Any], args: dict[str, Any], needle: str, where: tuple[Any, ...]
) -> None:
    errors = driver.validate("pipeline", "pipeline.p", pipeline("file://x.csv", steps, **args)).errors
    found = [x for x in errors if needle in x.detail]
    assert found, [x.detail for x in errors]
    assert found[0].attribute == where


def test_columns_the_training_data_lacks_are_validate_errors_once_its_columns_are_known(
    driver: Driver, flowers: dict[str, Any]
) -> None:
    steps = branches()
    steps["cat"]["columns"] = ["species_grup"]
    steps["num"]["columns"] = [*NUMERIC, "label"]
    errors = driver.validate("pipeline", "pipeline.p", pipeline(flowers["uri"], steps)).errors
    details = {x.attribute: x.detail for x in errors}
    assert 'Did you mean "species_group"?' in details[("step", "cat", "columns", 0)]
    assert "is the label the pipeline predicts" in details[("step", "num", "columns", 2)]


def test_the_cloud_providers_refuse_what_they_do_not_run() -> None:
    from mlinfra.providers.pipelines import unsupported_settings

    config = pipeline("s3://b/x.csv", branches(), cross_validation=3, search={"params": {"fit.C": [1]}})
    found = {x.attribute for x in unsupported_settings("pipeline.p", config, "aws")}
    assert found == {("step", "cat", "columns"), ("step", "num", "columns"), ("cross_validation",), ("search",)}
    assert unsupported_settings("pipeline.p", pipeline("s3://b/x.csv", {"fit": {"estimator": LOGREG}}), "aws") == []


# -- training ---------------------------------------------------------------------------
def test_a_column_transformer_dag_trains_with_a_categorical_column_and_cross_validation(
    driver: Driver, flowers: dict[str, Any]
) -> None:
    config = pipeline(
        flowers["uri"], branches(), cross_validation=3, gates={"min_cv_accuracy_mean": 0.6}
    )
    run = driver.apply("pipeline", "pipeline.p", config)
    lineage = read_json(run_folder(run) / "lineage.json")
    assert lineage["features"] == [*NUMERIC, "species_group"]
    assert lineage["categorical"] == ["species_group"]
    assert lineage["feature_names_out"] == [
        *NUMERIC, "species_group_a", "species_group_b", "species_group_c"
    ]
    assert lineage["cross_validation"] == 3
    metrics = run["metrics"]
    assert 0.6 <= metrics["cv_accuracy_mean"] <= 1 and 0 <= metrics["cv_accuracy_std"] < 0.5
    assert "accuracy" in metrics and lineage["metrics"] == metrics
    model = joblib.load(run_folder(run) / "model.joblib")
    assert type(model.steps[0][1]).__name__ == "ColumnTransformer"
    # A gate on the cross-validated score fails the apply with the measured value.
    strict = pipeline(flowers["uri"], branches(), cross_validation=3, gates={"min_cv_accuracy_mean": 1.01})
    with pytest.raises(AssertionError, match="cv_accuracy_mean .* is below min_cv_accuracy_mean"):
        driver.apply("pipeline", "pipeline.q", strict)


def test_a_search_registers_the_refit_best_candidate(driver: Driver, flowers: dict[str, Any]) -> None:
    search = {"method": "grid", "params": {"fit.C": [0.001, 1.0], "num.with_mean": [True, False]}, "cv": 3}
    run = driver.apply(
        "pipeline", "pipeline.p", pipeline(flowers["uri"], branches(), search=search)
    )
    lineage = read_json(run_folder(run) / "lineage.json")
    found = lineage["search"]
    assert len(found["candidates"]) == 4 and found["scoring"] == "accuracy"
    best = max(found["candidates"], key=lambda c: c["mean"])
    assert found["best_score"] == best["mean"] == run["metrics"]["search_best_score"]
    assert found["best_params"] == best["params"]
    assert len({c["mean"] for c in found["candidates"]}) > 1
    assert run["metrics"]["search_best.fit.C"] == best["params"]["fit.C"]
    # Booleans are parameters, not measurements.
    assert "search_best.num.with_mean" not in run["metrics"]
    model = joblib.load(run_folder(run) / "model.joblib")
    assert model.get_params()["fit__C"] == best["params"]["fit.C"]
    assert model.get_params()["columns__num__with_mean"] == best["params"]["num.with_mean"]
    assert lineage["params"] == {"max_iter": 300, "C": best["params"]["fit.C"]}
    # The registered model carries the search in its lineage.
    registered = driver.model(run["artifact"], name="flowers")
    meta = read_json(Path(registered["uri"].removeprefix("file://")).parent / "metadata.json")
    assert meta["source"]["search"]["best_params"] == found["best_params"]


def test_a_random_search_is_seeded(driver: Driver, flowers: dict[str, Any]) -> None:
    search = {"method": "random", "params": {"fit.C": [0.01, 0.1, 1.0, 10.0]}, "n_iter": 2, "cv": 2}
    first = driver.apply("pipeline", "pipeline.a", pipeline(flowers["uri"], branches(), search=search))
    again = driver.apply("pipeline", "pipeline.b", pipeline(flowers["uri"], branches(), search=search))
    picked = [
        [c["params"] for c in read_json(run_folder(r) / "lineage.json")["search"]["candidates"]]
        for r in (first, again)
    ]
    assert len(picked[0]) == 2 and picked[0] == picked[1]


# -- through the CLI: train, register, serve with a categorical feature -----------------
CONFIG = """
provider "local" {}

dataset "flowers" {
  provider = local
  source   = "file://flowers.csv"
  target   = "label"
}

pipeline "groups" {
  provider = local
  inputs   = { train = dataset.flowers.uri }
  step "num" {
    estimator = "sklearn.preprocessing.StandardScaler"
    columns   = ["sepal_length", "sepal_width"]
  }
  step "cat" {
    estimator = "sklearn.preprocessing.OneHotEncoder"
    columns   = ["species_group"]
    params    = { handle_unknown = "ignore" }
  }
  step "fit" {
    estimator  = "sklearn.linear_model.LogisticRegression"
    depends_on = ["num", "cat"]
  }
  cross_validation = 3
  search {
    params = { "fit.C" = [0.1, 1] }
    cv     = 2
  }
  metrics = ["accuracy"]
}

model "flowers" {
  provider = local
  artifact = pipeline.groups.artifact
}

endpoint "flowers" {
  provider = local
  variant "blue" { model = model.flowers.id }
}
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "main.hcl").write_text(CONFIG)
    write_flowers(tmp_path / "flowers.csv")
    yield tmp_path
    stop_every_server(tmp_path / ".mlinfra" / "local")


def test_a_column_dag_trains_registers_and_serves_categorical_named_features(cli: Cli) -> None:
    cli("apply", "--auto-approve")
    metrics = cli.attributes("pipeline.groups")["metrics"]
    assert {"accuracy", "cv_accuracy_mean", "cv_accuracy_std", "search_best_score"} <= set(metrics)
    url = cli.attributes("endpoint.flowers")["url"]
    row = {"sepal_length": 5.1, "sepal_width": 3.3, "species_group": "a"}
    with httpx.Client(trust_env=False, timeout=10) as c:
        answer = c.post(url + "/predict", json={"instances": [row]}).json()
        listed = c.post(url + "/predict", json={"instances": [[5.1, 3.3, "a"]]}).json()
        wrong = c.post(url + "/predict", json={"instances": [{**row, "species_group": 1}]})
        schema = c.get(url + "/schema").json()
    assert answer["predictions"] == listed["predictions"] == [0]
    assert len(answer["probabilities"][0]) == 3 and answer["classes"] == [0, 1, 2]
    assert wrong.status_code == 400 and "species_group" in wrong.json()["error"]
    props = schema["request"]["properties"]["instances"]["items"]["anyOf"][1]["properties"]
    assert props["species_group"] == {"type": "string"} and props["sepal_width"] == {"type": "number"}
    assert schema["variants"]["blue"]["categorical"] == ["species_group"]
    cli("plan", "--detailed-exitcode")


def test_a_misspelt_search_parameter_fails_validate_at_its_line(cli: Cli, workdir: Path) -> None:
    (workdir / "main.hcl").write_text(CONFIG.replace('"fit.C"', '"fit.CC"'))
    out = cli("validate", expect=1)
    line = CONFIG.splitlines().index('    params = { "fit.C" = [0.1, 1] }') + 1
    assert f"on main.hcl line {line}" in out and 'no parameter "CC"' in out
