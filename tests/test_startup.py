"""Start-up stays light: importing mlinfra and validating load no cloud SDK or sklearn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("boto3", "botocore", "google", "azure", "sklearn", "numpy", "uvicorn")

PROBE = """
import json, sys
sys.argv = ["mlinfra", "-C", sys.argv[1], "validate"]
try:
    from mlinfra.cli import main
    main()
except SystemExit as e:
    code = e.code
print(json.dumps({"code": code, "mods": sorted(m.split(".")[0] for m in sys.modules)}), file=sys.stderr)
"""


def test_import_mlinfra_loads_no_sdk() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import sys, mlinfra, mlinfra.engine; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    loaded = {m.split(".")[0] for m in out}
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_validate_loads_no_sdk_even_with_installed_providers(tmp_path: Path) -> None:
    examples = Path(__file__).parents[1] / "examples"
    configs = [p for p in (examples / "quickstart", examples / "aws-sagemaker", examples / "azureml-endpoint") if p.is_dir()]
    if not configs:
        (tmp_path / "main.hcl").write_text('dataset "d" {\n  source = "sklearn:iris"\n}\n')
        configs = [tmp_path]
    for cfg in configs:
        r = subprocess.run(
            [sys.executable, "-c", PROBE, str(cfg)],
            capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
        )
        doc = json.loads(r.stderr.strip().splitlines()[-1])
        heavy = set(doc["mods"]) & set(HEAVY)
        assert not heavy, f"validate of {cfg.name} imported {heavy}"


def test_version_is_answered_without_importing_the_cli_stack() -> None:
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mlinfra", "--version"], capture_output=True, text=True
    )
    assert r.returncode == 0
    assert r.stdout.strip().startswith("mlinfra ")
    assert "typer" not in r.stderr and "pydantic" not in r.stderr


def test_validate_of_other_providers_nested_blocks_loads_their_schemas_but_no_sdk(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(
        'endpoint "e" {\n  variant "a" { model = "m/v1" }\n  local {\n    port = 8080\n  }\n'
        '  aws {\n    instance_type = "ml.m5.large"\n  }\n}\n'
    )
    r = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )
    doc = json.loads(r.stderr.strip().splitlines()[-1])
    assert doc["code"] in (0, None), r.stdout + r.stderr
    assert "mlinfra_provider_aws" in doc["mods"], "the aws block was not checked by the aws schema"
    assert not set(doc["mods"]) & set(HEAVY)
