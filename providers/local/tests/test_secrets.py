"""A sensitive value never reaches what the local provider says or logs: not in an error
about a dataset source, an estimator name or scikit-learn's own parameter check, not in
a progress line, and not in the training log a run keeps."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_support import Cli, stop_every_server

SECRET = "hunter2-Secret-7f3a"
MARKER = "(sensitive value)"

HEAD = f"""
provider "local" {{}}
variable "secret" {{
  default   = "{SECRET}"
  sensitive = true
}}
"""

IRIS = """
dataset "d" {
  provider = local
  source   = "sklearn:iris"
}
"""

FAILING = {
    "dataset source": """
dataset "d" {
  provider = local
  source   = "file://data/${var.secret}.csv"
}
""",
    "estimator name": IRIS
    + """
pipeline "p" {
  provider = local
  inputs   = { train = dataset.d.uri }
  step "fit" { estimator = "sklearn.linear_model.${var.secret}" }
}
""",
    "scikit-learn parameter error": IRIS
    + """
pipeline "p" {
  provider = local
  inputs   = { train = dataset.d.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { solver = var.secret }
  }
}
""",
}


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    stop_every_server(tmp_path / ".mlinfra" / "local")


@pytest.mark.parametrize("case", sorted(FAILING))
def test_a_failing_resource_never_shows_the_sensitive_value_in_its_error(
    case: str, workdir: Path, cli: Cli
) -> None:
    (workdir / "main.hcl").write_text(HEAD + FAILING[case])
    out = cli("apply", "--auto-approve", expect=1)
    assert "Error:" in out
    assert SECRET not in out and MARKER in out, out


def test_a_saved_plan_applied_later_redacts_the_values_it_carries(workdir: Path, cli: Cli) -> None:
    (workdir / "main.hcl").write_text(HEAD + FAILING["scikit-learn parameter error"])
    saved = str(workdir / "saved.plan")
    cli("plan", "--out", saved)
    out = cli("apply", saved, expect=1)
    assert "Estimator rejected its parameters" in out
    assert SECRET not in out and MARKER in out, out


NOISY = '''
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin


class Noisy(ClassifierMixin, BaseEstimator):
    """Prints its token while it trains, as chatty client libraries do."""

    def __init__(self, token=""):
        self.token = token

    def fit(self, X, y):
        print(f"connecting with token {self.token}", flush=True)
        self.classes_ = np.unique(y)
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])
'''


def test_the_training_log_a_run_keeps_has_the_sensitive_value_redacted(
    workdir: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = workdir / "lib"
    lib.mkdir()
    (lib / "noisy_estimator.py").write_text(textwrap.dedent(NOISY))
    monkeypatch.setenv("PYTHONPATH", str(lib))
    head = HEAD.replace(
        'provider "local" {}',
        'provider "local" { allowed_estimator_prefixes = ["noisy_estimator."] }',
    )
    pipeline = """
pipeline "p" {
  provider = local
  inputs   = { train = dataset.d.uri }
  step "fit" {
    estimator = "noisy_estimator.Noisy"
    params    = { token = var.secret }
  }
}
"""
    (workdir / "main.hcl").write_text(head + IRIS + pipeline)
    cli("apply", "--auto-approve")
    (log,) = workdir.glob(".mlinfra/local/runs/*/train.log")
    assert log.read_text() == f"connecting with token {MARKER}\n"
