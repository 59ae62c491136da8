"""The local provider loads only what a command uses: its schema and ``validate`` import
none of the handlers (and no pydantic: its blocks are shapes), and a plan imports the
handlers of the kinds it has, not the others (nor the process, HTTP, serving or report
code they use when they act)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from local_support import modules_after

PACKAGE = "mlinfra_provider_local"
HANDLERS = {f"{PACKAGE}.{m}" for m in ("datasets", "pipelines", "models", "endpoints", "monitors")}
# What the handlers use when they act: never needed to read the schema or validate.
ACTING = {
    f"{PACKAGE}.{m}"
    for m in ("processes", "serving", "server", "monitor_report", "loadcheck", "drift", "train")
} | {"urllib.request", "http.client"}

ENGINE = "from pathlib import Path\nfrom mlinfra.engine import Engine\n"


def test_reading_the_schema_imports_no_handler(tmp_path: Path) -> None:
    loaded = modules_after(
        "from mlinfra_provider_local import LocalProvider\n"
        "schema = LocalProvider().schema()\n"
        "assert set(schema.kinds) == {'dataset', 'pipeline', 'model', 'endpoint', 'monitor'}\n"
        "assert schema.kinds['endpoint'].block.__name__ == 'EndpointBlock'\n",
        tmp_path,
    )
    assert f"{PACKAGE}.provider" in loaded
    assert not loaded & (HANDLERS | ACTING), sorted(loaded & (HANDLERS | ACTING))
    assert "pydantic" not in loaded


def test_validating_the_quickstart_imports_no_handler(tmp_path: Path, copy_example: Any) -> None:
    copy_example("quickstart", tmp_path)
    loaded = modules_after(
        ENGINE + "diags = Engine(Path('.')).validate()\n"
        "assert not diags.has_errors, [str(x) for x in diags]\n",
        tmp_path,
    )
    assert f"{PACKAGE}.kinds" in loaded, "the kinds' checks ran"
    assert not loaded & (HANDLERS | ACTING), sorted(loaded & (HANDLERS | ACTING))
    assert "pydantic" not in loaded


def test_validate_still_runs_each_kinds_checks(tmp_path: Path) -> None:
    """The checks moved out of the handlers still run at validate, located."""
    (tmp_path / "main.hcl").write_text(
        'provider "local" {}\n'
        'dataset "d" {\n  provider = local\n  source = "sklearn:irs"\n}\n'
        'model "m" {\n  provider = local\n  artifact = "file://m.joblib"\n  framework = "xgboost"\n}\n'
        'pipeline "p" {\n  provider = local\n  inputs = { train = dataset.d.uri }\n'
        '  step "fit" {\n    estimator = "sklearn.linear_model.LogisticRegression"\n  }\n'
        '  metrics = ["acuracy"]\n}\n'
    )
    loaded = modules_after(
        ENGINE
        + "diags = Engine(Path('.')).validate()\n"
        + "errors = '\\n'.join(f'{x.summary}: {x.detail}' for x in diags.errors)\n"
        + "assert 'Unsupported model framework' in errors, errors\n"
        + "assert 'unknown metric \"acuracy\"' in errors and '\"accuracy\"' in errors, errors\n"
        + "assert 'iris' in errors, errors  # the misspelt sklearn dataset gets a suggestion\n",
        tmp_path,
    )
    assert not loaded & HANDLERS, sorted(loaded & HANDLERS)


def test_a_plan_of_datasets_imports_the_dataset_handler_only(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b,target\n1,2,0\n3,4,1\n")
    (tmp_path / "main.hcl").write_text(
        'provider "local" {}\n'
        'dataset "iris" {\n  provider = local\n  source = "sklearn:iris"\n}\n'
        'dataset "mine" {\n  provider = local\n  source = "file://data.csv"\n}\n'
    )
    loaded = modules_after(
        ENGINE + "plan = Engine(Path('.')).plan()\n"
        "assert sorted(c.address for c in plan.changes) == ['dataset.iris', 'dataset.mine'], plan.changes\n",
        tmp_path,
    )
    assert f"{PACKAGE}.datasets" in loaded, "the plan used the dataset handler"
    others = (HANDLERS - {f"{PACKAGE}.datasets"}) | ACTING
    assert not loaded & others, sorted(loaded & others)
