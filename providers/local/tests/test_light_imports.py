"""The local provider loads only what a command uses: its schema and ``validate`` import
none of the handlers (and no pydantic: its blocks are shapes), and a plan imports the
handlers of the kinds it has, not the others (nor the process, HTTP, serving or report
code they use when they act)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
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


# What a no-op plan of the applied quickstart (the endpoint serving) has no use for: the
# cost estimate (nothing changes), the process and file-writing machinery (nothing is
# started or written), OpenSSL's hashlib (its digests are small), a thread pool for four
# reads, and what dataclasses, uuid and traceback would bring.
NOOP_PLAN_UNUSED = (
    "mlinfra.plans.cost", "mlinfra.cli.views.cost", "concurrent.futures", "logging", "hashlib", "_hashlib",
    "subprocess", "shutil", "tempfile", "secrets", "hmac", "uuid", "platform", "dataclasses", "inspect",
    "traceback", "difflib", "encodings.idna", "bz2", "random", "socket", "selectors",
)


def test_a_no_op_plan_of_the_applied_quickstart_imports_only_what_it_uses(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, copy_example: Any
) -> None:
    import os
    import subprocess
    import sys

    from cliprobe import probe
    from local_support import stop_every_server

    copy_example("quickstart", tmp_path)
    # Caches of its own (parse markers, estimator inspections), which the apply fills and
    # the plan reads: what other runs leave in the user's cache does not decide what the
    # plan has to write.
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, "NO_COLOR": "1", "OMP_NUM_THREADS": "1", "MLINFRA_CACHE_DIR": str(cache)}
    try:
        applied = subprocess.run(
            [sys.executable, "-m", "mlinfra", "apply", "--auto-approve"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert applied.returncode == 0, applied.stdout + applied.stderr
        r, code, mods = probe("--no-color", "plan", "--detailed-exitcode", cwd=tmp_path, env=env)
        assert code == 0, r.stdout + r.stderr  # no changes
        assert "No changes." in r.stdout
        assert {f"{PACKAGE}.endpoints", "_socket"} <= set(mods), "the plan did not ask the endpoint"
        loaded = sorted(m for m in mods if any(m == u or m.startswith(u + ".") for u in NOOP_PLAN_UNUSED))
        assert not loaded, loaded
    finally:
        stop_every_server(tmp_path / ".mlinfra" / "local")
