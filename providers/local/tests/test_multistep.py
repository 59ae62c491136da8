"""Multi-step pipelines: steps chained by depends_on train as one scikit-learn Pipeline
(transformers, then the estimator), which registers and serves like any model, with
named features and class probabilities. Steps that cannot form such a pipeline
are validation errors that say how to fix them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from local_support import Cli, Driver, full_config, stop_every_server
from mlinfra_provider_local.store import read_json

SCALE = {"estimator": "sklearn.preprocessing.StandardScaler"}
FIT = {
    "estimator": "sklearn.linear_model.LogisticRegression",
    "params": {"max_iter": 300},
    "depends_on": ["scale"],
}


def pipeline_config(uri: str, steps: dict[str, Any]) -> dict[str, Any]:
    return full_config("pipeline", inputs={"train": uri}, step=steps, metrics=["accuracy"])


def test_a_scaler_then_a_classifier_trains_as_one_pipeline_in_dependency_order(
    driver: Driver,
) -> None:
    ds = driver.dataset()
    # Declared last-first: the order comes from depends_on.
    run = driver.apply(
        "pipeline", "pipeline.p", pipeline_config(ds["uri"], {"fit": FIT, "scale": SCALE})
    )
    assert run["metrics"]["accuracy"] > 0.8
    folder = Path(run["artifact"].removeprefix("file://")).parent
    lineage = read_json(folder / "lineage.json")
    assert lineage["steps"] == [
        ["scale", "sklearn.preprocessing.StandardScaler"],
        ["fit", "sklearn.linear_model.LogisticRegression"],
    ]
    assert lineage["features"][0] == "sepal length (cm)"
    assert any(
        "StandardScaler -> sklearn.linear_model.LogisticRegression" in p for p in driver.progress
    )


@pytest.mark.parametrize(
    ("steps", "needle"),
    [
        (
            {"scale": SCALE, "fit": {**FIT, "depends_on": []}},
            'steps "fit", "scale" are each a final estimator',
        ),
        ({"scale": SCALE, "fit": {**FIT, "depends_on": ["scael"]}}, 'Did you mean "scale"?'),
        (
            {"a": SCALE, "b": {**SCALE, "depends_on": ["a"]}, "fit": {**FIT, "depends_on": ["a"]}},
            'steps "b" and "fit" both depend on "a"',
        ),
        ({"scale": {**SCALE, "depends_on": ["fit"]}, "fit": FIT}, "form a cycle"),
        ({"scale": SCALE, "fit": {"depends_on": ["scale"]}}, 'step "fit" has no estimator'),
    ],
)
def test_steps_that_do_not_form_one_chain_are_validation_errors(
    driver: Driver, steps: dict[str, Any], needle: str
) -> None:
    errors = driver.validate(
        "pipeline", "pipeline.p", pipeline_config("file://x.csv", steps)
    ).errors
    assert errors and any(needle in x.detail for x in errors), [x.detail for x in errors]


def test_a_step_out_of_place_is_a_validation_error(driver: Driver) -> None:
    steps = {
        "fit": {"estimator": FIT["estimator"]},
        "scale": {**SCALE, "depends_on": ["fit"]},
    }
    errors = driver.validate(
        "pipeline", "pipeline.p", pipeline_config("file://x.csv", steps)
    ).errors
    assert [x.summary for x in errors] == ["Step cannot transform", "Last step cannot predict"]
    assert "LogisticRegression has no transform()" in errors[0].detail


CONFIG = """
provider "local" {}

dataset "iris" {
  provider = local
  source   = "sklearn:iris"
}

pipeline "gbm" {
  provider = local
  inputs   = { train = dataset.iris.uri }
  step "scale" { estimator = "sklearn.preprocessing.StandardScaler" }
  step "fit" {
    estimator  = "sklearn.ensemble.GradientBoostingClassifier"
    params     = { n_estimators = 20, max_depth = 2 }
    depends_on = ["scale"]
  }
  metrics = ["accuracy"]
  gates   = { min_accuracy = 0.8 }
}

model "iris" {
  provider = local
  artifact = pipeline.gbm.artifact
}

endpoint "iris" {
  provider = local
  variant "blue" { model = model.iris.id }
}
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "main.hcl").write_text(CONFIG)
    yield tmp_path
    stop_every_server(tmp_path / ".mlinfra" / "local")


def test_a_two_step_pipeline_trains_registers_and_serves_named_features_and_probabilities(
    cli: Cli,
) -> None:
    cli("apply", "--auto-approve")
    url = cli.attributes("endpoint.iris")["url"]
    flower = {
        "petal width (cm)": 0.2,
        "petal length (cm)": 1.4,
        "sepal width (cm)": 3.5,
        "sepal length (cm)": 5.1,
    }
    with httpx.Client(trust_env=False, timeout=10) as c:
        answer = c.post(url + "/predict", json={"instances": [flower]}).json()
        schema = c.get(url + "/schema").json()
    assert answer["predictions"] == [0] and answer["classes"] == [0, 1, 2]
    assert max(range(3), key=answer["probabilities"][0].__getitem__) == 0
    assert schema["variants"]["blue"]["features"][0] == "sepal length (cm)"
    cli("plan", "--detailed-exitcode")
