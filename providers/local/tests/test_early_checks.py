"""Misspelt estimators and parameter names fail at validate, before anything is created:
the estimators are inspected in a subprocess (the validating process imports no
scikit-learn), the answers are cached per library version, and nothing in the
configuration directory can be imported by the inspection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from local_support import Cli, Driver, full_config
from mlinfra_provider_local import estimators

LOGREG = "sklearn.linear_model.LogisticRegression"

CONFIG = """
provider "local" {}

dataset "iris" {
  provider = local
  source   = "sklearn:iris"
}

pipeline "typo" {
  provider = local
  inputs   = { train = dataset.iris.uri }
  step "fit" { estimator = "sklearn.linear_model.LogisticRegresion" }
}

pipeline "params" {
  provider = local
  inputs   = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { max_iters = 10, C = 0.5 }
  }
}
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("MLINFRA_CACHE_DIR", str(cache))
    monkeypatch.setattr(estimators, "_memory", {})
    return cache


def step_config(estimator: str, **params: object) -> dict[str, object]:
    step = {"estimator": estimator, "params": params}
    return full_config("pipeline", inputs={"train": "file://x.csv"}, step={"fit": step})


def test_a_misspelt_parameter_is_a_validation_error_with_a_suggestion(driver: Driver) -> None:
    errors = driver.validate("pipeline", "pipeline.p", step_config(LOGREG, max_iters=10)).errors
    assert [x.summary for x in errors] == ["Unknown estimator parameter"]
    assert 'LogisticRegression has no parameter "max_iters". Did you mean "max_iter"?' in (
        errors[0].detail
    )
    assert not driver.validate("pipeline", "pipeline.p", step_config(LOGREG, max_iter=10)).errors


def test_a_misspelt_estimator_is_a_validation_error_with_a_suggestion(driver: Driver) -> None:
    cfg = step_config("sklearn.ensemble.RandomForestClasifier", n_estimators=5)
    (error,) = driver.validate("pipeline", "pipeline.p", cfg).errors
    assert error.summary == "Unknown estimator"
    assert 'Did you mean "RandomForestClassifier"?' in error.detail


def test_inspections_are_cached_per_library_version_and_not_repeated(
    driver: Driver, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not driver.validate("pipeline", "pipeline.p", step_config(LOGREG, C=1.0)).errors
    (cached,) = own_cache.glob("estimators-*-sklearn-*.json")
    assert LOGREG in json.loads(cached.read_text())

    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError("inspected again")

    monkeypatch.setattr(estimators, "_memory", {})
    monkeypatch.setattr("subprocess.run", no_subprocess)
    errors = driver.validate("pipeline", "pipeline.p", step_config(LOGREG, Cee=1.0)).errors
    assert [x.summary for x in errors] == ["Unknown estimator parameter"]


def test_validate_reports_both_mistakes_before_anything_is_created(workdir: Path, cli: Cli) -> None:
    (workdir / "main.hcl").write_text(CONFIG)
    out = cli("validate", expect=1)
    assert 'has no estimator "LogisticRegresion". Did you mean "LogisticRegression"?' in out
    assert 'no parameter "max_iters". Did you mean "max_iter"?' in out
    out = cli("apply", "--auto-approve", expect=1)
    assert "Unknown estimator" in out and not (workdir / ".mlinfra" / "local").exists()


def test_validate_imports_no_scikit_learn_and_nothing_from_the_configuration_folder(
    tmp_path: Path,
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "main.hcl").write_text(CONFIG)
    # A planted module named like the library: importing it would leave a mark.
    (work / "sklearn.py").write_text("open('PLANTED-RAN', 'w').close()\n")
    probe = (
        "import json, sys\n"
        "from mlinfra.cli.app import run\n"
        "code = run(['validate'])\n"
        "print(json.dumps([code, sorted({m.split('.')[0] for m in sys.modules})]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-P", "-c", probe],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "MLINFRA_CACHE_DIR": str(tmp_path / "cache")},
        timeout=300,
    )
    code, modules = json.loads(proc.stdout.strip().splitlines()[-1])
    assert code == 1 and "Did you mean" in proc.stdout + proc.stderr
    assert "sklearn" not in modules and "numpy" not in modules
    assert not list(work.rglob("PLANTED-RAN")) and not list(tmp_path.rglob("PLANTED-RAN"))
