"""Start-up stays light: importing mlinfra and validating load no cloud SDK or sklearn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from cliprobe import probe

HEAVY = ("boto3", "botocore", "google", "azure", "sklearn", "numpy", "uvicorn")


def _interpreter_baseline() -> set[str]:
    """Modules a bare interpreter already holds: google-cloud wheels install ``-nspkg.pth``
    files that create the empty ``google`` and ``google.cloud`` namespaces at start-up."""
    out = subprocess.run(
        [sys.executable, "-c", "import sys; print('\\n'.join(sys.modules))"], capture_output=True, text=True, check=True
    ).stdout.split()
    return set(out)


def _heavy(modules: list[str] | set[str]) -> set[str]:
    baseline = _interpreter_baseline()
    return {m.split(".")[0] for m in modules if m not in baseline} & set(HEAVY)

PROBE = """
import json, sys
sys.argv = ["mlinfra", "-C", sys.argv[1], "validate"]
try:
    from mlinfra.cli import main
    main()
except SystemExit as e:
    code = e.code
print(json.dumps({"code": code, "mods": sorted(sys.modules)}), file=sys.stderr)
"""


def test_import_mlinfra_loads_no_sdk() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import sys, mlinfra, mlinfra.engine; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    heavy = _heavy(out)
    assert not heavy, heavy


def test_validate_loads_no_sdk_even_with_installed_providers(tmp_path: Path, copy_example: Any) -> None:
    examples = Path(__file__).parents[1] / "examples"
    names = ("quickstart", "aws-sagemaker", "vertex-endpoint", "multi-cloud", "azureml-endpoint")
    configs = [copy_example(name, tmp_path / name) for name in names if (examples / name).is_dir()]
    if not configs:
        (tmp_path / "main.hcl").write_text('dataset "d" {\n  source = "sklearn:iris"\n}\n')
        configs = [tmp_path]
    for cfg in configs:
        r = subprocess.run(
            [sys.executable, "-c", PROBE, str(cfg)],
            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
        )
        doc = json.loads(r.stderr.strip().splitlines()[-1])
        heavy = _heavy(doc["mods"])
        assert not heavy, f"validate of {cfg.name} imported {heavy}"


def test_version_is_answered_without_importing_the_cli_stack() -> None:
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mlinfra", "--version"], capture_output=True, text=True
    )
    assert r.returncode == 0
    assert r.stdout.strip().startswith("mlinfra ")
    assert "typer" not in r.stderr and "pydantic" not in r.stderr


# The google-cloud wheels create an empty ``google`` namespace in every interpreter (see
# _interpreter_baseline), so the gcs backend is known by its storage package.
BACKEND_SDKS = {"s3": "boto3", "gcs": "google.cloud.storage", "azurerm": "azure", "pg": "psycopg"}
STATE_PROBE = """
import json, sys
from pathlib import Path
from mlinfra.states import open_store
kind = sys.argv[1]
settings = json.loads(sys.argv[2])
try:
    open_store(Path("."), kind, settings)
except Exception as e:
    print(type(e).__name__, file=sys.stderr)
print(json.dumps(sorted(sys.modules)))
"""


def _sdks_in(modules: set[str], sdks: set[str]) -> set[str]:
    """The SDKs among ``sdks`` (package names) of which a module was imported."""
    return {sdk for sdk in sdks if any(m == sdk or m.startswith(sdk + ".") for m in modules)}


def test_validate_with_any_backend_and_encryption_loads_no_backend_sdk(tmp_path: Path) -> None:
    for kind in BACKEND_SDKS:
        (tmp_path / "main.hcl").write_text(
            f'mlinfra {{\n  backend "{kind}" {{}}\n  encryption {{\n    key_provider "pbkdf2" {{\n'
            '      passphrase = var.p\n    }\n  }\n}\n\nvariable "p" {}\n'
        )
        r = subprocess.run(
            [sys.executable, "-c", PROBE, str(tmp_path)],
            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
        )
        doc = json.loads(r.stderr.strip().splitlines()[-1])
        assert doc["code"] == 0, r.stderr
        loaded = _sdks_in(set(doc["mods"]), {*BACKEND_SDKS.values(), "cryptography", "boto3", "botocore"})
        assert not loaded, f"validate with backend {kind} imported {loaded}"


def test_each_backend_imports_its_own_sdk_only_when_opened(tmp_path: Path) -> None:
    settings = {
        "local": {},
        "s3": {"bucket": "b", "key": "k", "region": "us-east-1"},
        "gcs": {"bucket": "b", "endpoint": "http://127.0.0.1:9"},
        "azurerm": {"storage_account": "a", "container": "c", "key": "k", "access_key": "eA=="},
        "pg": {"conn_str": "host=127.0.0.1 port=9"},
    }
    for kind, given in settings.items():
        r = subprocess.run(
            [sys.executable, "-c", STATE_PROBE, kind, json.dumps(given)],
            capture_output=True, text=True, cwd=tmp_path, check=True,
        )
        mods = set(json.loads(r.stdout.strip().splitlines()[-1]))
        others = {sdk for k, sdk in BACKEND_SDKS.items() if k != kind}
        assert not _sdks_in(mods, others), f"opening {kind} imported {_sdks_in(mods, others)}"
        if kind != "local" and kind != "pg":  # pg connects (and imports psycopg) on first use
            assert _sdks_in(mods, {BACKEND_SDKS[kind]}), f"{kind} did not load {BACKEND_SDKS[kind]}"


def test_validate_of_other_providers_nested_blocks_loads_their_schemas_but_no_sdk(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(
        'endpoint "e" {\n  variant "a" { model = "m/v1" }\n  local {\n    port = 8080\n  }\n'
        '  aws {\n    instance_type = "ml.m5.large"\n  }\n  gcp {\n    machine_type = "n1-standard-2"\n  }\n}\n'
    )
    r = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )
    doc = json.loads(r.stderr.strip().splitlines()[-1])
    assert doc["code"] in (0, None), r.stdout + r.stderr
    assert "mlinfra_provider_aws" in doc["mods"], "the aws block was not checked by the aws schema"
    assert "mlinfra_provider_gcp" in doc["mods"], "the gcp block was not checked by the gcp schema"
    assert not _heavy(doc["mods"]), _heavy(doc["mods"])


# What ``validate`` prints is diagnostics or one line: no other command's module, no plan
# renderer, no progress display, no review machinery, and none of rich's drawing modules.
NOT_FOR_VALIDATE = (
    "rich.console",
    "rich.live",
    "rich.progress",
    "rich.table",
    "mlinfra.cli.commands.init",
    "mlinfra.cli.commands.plan",
    "mlinfra.cli.commands.state",
    "mlinfra.cli.commands.workspace",
    "mlinfra.cli.confirm",
    "mlinfra.cli.interrupts",
    "mlinfra.cli.review",
    "mlinfra.cli.views.config_json",
    "mlinfra.cli.views.cost",
    "mlinfra.cli.views.plan",
    "mlinfra.cli.views.plan_json",
    "mlinfra.cli.views.plan_markdown",
    "mlinfra.cli.views.plan_text",
    "mlinfra.cli.views.policy",
    "mlinfra.cli.views.progress",
    "mlinfra.cli.views.state",
    "mlinfra.policy",
)


def test_validate_loads_no_renderer_it_does_not_use(tmp_path: Path, copy_example: Any) -> None:
    cfg = copy_example("quickstart", tmp_path / "quickstart")
    r = subprocess.run(
        [sys.executable, "-c", PROBE, str(cfg)], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )
    doc = json.loads(r.stderr.strip().splitlines()[-1])
    assert doc["code"] in (0, None), r.stdout + r.stderr
    assert "mlinfra.cli.views.diagnostics" in doc["mods"], "the probe did not run the command line"
    loaded = sorted(set(NOT_FOR_VALIDATE) & set(doc["mods"]))
    assert not loaded, f"validate imported {loaded}"


# What neither validate nor plan of a small configuration uses: the graph library (the
# engine has its own graph; networkx only through Graph.to_networkx), the apply walk,
# live progress, the HCL fallback parser (the quickstart is in the fast parser's subset),
# the HTTP client stack of the local provider's endpoint calls, and the policy engine
# when there is no policy to apply.
ENGINE_UNUSED_BY_PLAN = (
    "networkx", "mlinfra.apply.walker", "rich.live", "hcl2", "lark", "urllib.request", "http.client", "mlinfra.policy",
)
# Nor, from anyone (the core, the local provider, the libraries they use): dataclasses
# (and inspect with it), OpenSSL's hashlib, uuid, logging, a thread pool, or the local
# provider's process and file-writing machinery (a plan starts and writes nothing).
STDLIB_UNUSED_BY_PLAN = (
    "dataclasses", "inspect", "hashlib", "_hashlib", "uuid", "logging", "concurrent.futures", "subprocess", "shutil",
    "tempfile", "secrets", "traceback", "difflib",
)
ENGINE_UNUSED_BY_PLAN += STDLIB_UNUSED_BY_PLAN
# validate reads no state and plans nothing.
ENGINE_UNUSED_BY_VALIDATE = (*ENGINE_UNUSED_BY_PLAN, "mlinfra.plans.planner", "mlinfra.plans.refresh")


def _loaded(modules: list[str], names: tuple[str, ...]) -> set[str]:
    return {n for n in names if any(m == n or m.startswith(n + ".") for m in modules)}


def test_validate_and_plan_of_the_quickstart_import_only_what_they_use(tmp_path: Path, copy_example: Any) -> None:
    cfg = copy_example("quickstart", tmp_path / "qs")
    for argv, unused in ((["validate"], ENGINE_UNUSED_BY_VALIDATE), (["plan"], ENGINE_UNUSED_BY_PLAN)):
        r, code, mods = probe("-C", str(cfg), *argv, env={**os.environ, "NO_COLOR": "1", "MLINFRA_CACHE_DIR": ""})
        assert code in (0, None), r.stdout + r.stderr
        assert not _loaded(mods, unused), f"{argv[0]} imported {_loaded(mods, unused)}"


# The command-line libraries: validate and plan (and show and output) run without them
# when the command line is one the fast path takes (mlinfra.cli.fast); only help, usage
# errors and the other commands build the typer app.
CLI_STACK = ("typer", "click", "rich")


def test_validate_and_plan_of_the_quickstart_load_no_cli_library(tmp_path: Path, copy_example: Any) -> None:
    cfg = copy_example("quickstart", tmp_path / "qs")
    for argv in (
        ["validate"], ["validate", "--json"], ["--no-color", "plan"], ["plan", "--format", "markdown", "--no-color"],
        ["plan", "-var-file=missing.vars.hcl"], ["show"], ["output"],
    ):
        _, _, mods = probe("-C", str(cfg), *argv, env={**os.environ, "NO_COLOR": "1"})
        assert "mlinfra.cli.actions" in mods, f"{argv}: the probe did not run the command"
        assert not _loaded(mods, CLI_STACK), f"{argv} imported {_loaded(mods, CLI_STACK)}"
    _, _, mods = probe("-C", str(cfg), "plan", "--help")  # help is typer's: the probe sees it load
    assert _loaded(mods, CLI_STACK)


def test_the_fast_path_modules_import_no_cli_library() -> None:
    out = subprocess.run(
        [
            sys.executable, "-c",
            "import sys, mlinfra.cli.fast, mlinfra.cli.actions, mlinfra.cli.guard, mlinfra.cli.common, mlinfra.cli.usage\n"
            "print('\\n'.join(sys.modules))",
        ],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert "mlinfra.cli.actions" in out
    assert not _loaded(out, CLI_STACK), _loaded(out, CLI_STACK)
