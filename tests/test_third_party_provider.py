"""A provider mlinfra does not ship, pip-installed from tests/fixtures, adds its nested
block and its kinds with no change to the core: validate checks its block, and its
resources plan, apply and destroy (the worked example of docs/providers.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "mlinfra-provider-toy"

CONFIG = """
provider "toy" {
  shelf = "shelf"
}

dataset "iris" {
  source = "toy://iris.csv"
  toy {
    color = "%s"
  }
}

model "iris" {
  artifact = dataset.iris.uri
  toy {
    %s = "blue"
  }
}

output "digest" { value = model.iris.digest }
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target", str(target), str(FIXTURE)],
        check=True,
        capture_output=True,
    )
    assert (target / "mlinfra_provider_toy").is_dir()
    return target


def mlinfra(site: Path, workdir: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mlinfra", *args], cwd=workdir, env=env, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=120,
    )
    return proc.returncode, " ".join((proc.stdout + proc.stderr).split())


def test_an_installed_third_party_providers_block_is_validated_at_its_line(site: Path, tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(CONFIG % ("purple", "colr"))
    code, out = mlinfra(site, tmp_path, "validate")
    assert code == 1
    assert 'An argument named "colr" is not expected here. Did you mean "color"?' in out
    assert "main.hcl line 16" in out and 'in model "iris"' in out
    assert "main.hcl line 9" in out and 'Inappropriate value for "toy.color"' in out


def test_a_third_party_providers_resources_plan_apply_and_destroy(site: Path, tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(CONFIG % ("green", "color"))
    code, out = mlinfra(site, tmp_path, "validate")
    assert code == 0, out
    code, out = mlinfra(site, tmp_path, "plan")
    assert code == 0, out
    assert 'toy { + color = "green" }' in out and "Plan: 2 to add, 0 to change, 0 to destroy." in out
    code, out = mlinfra(site, tmp_path, "apply", "--auto-approve")
    assert code == 0, out
    assert "Apply complete! Resources: 2 added" in out and 'digest = "blue-iris"' in out
    assert sorted(p.name for p in (tmp_path / "shelf").rglob("*.json")) == ["iris.json", "iris.json"]
    code, out = mlinfra(site, tmp_path, "plan", "--detailed-exitcode")
    assert code == 0 and "No changes." in out, out
    code, out = mlinfra(site, tmp_path, "destroy", "--auto-approve")
    assert code == 0 and "Destroy complete! Resources: 2 destroyed." in out, out
    assert not list((tmp_path / "shelf").rglob("*.json"))


CONFORMANCE = """
import sys
from pathlib import Path
from mlinfra_provider_toy import ToyProvider
from mlinfra.conformance import DriftCase, ImportCase, InterruptedCase, Invalid, KindSuite, check_provider

work = Path(sys.argv[1])
def suite(kind, config, required):
    def remove(attrs):
        (work / ".toy" / kind / f"{attrs['id']}.json").unlink()
    return KindSuite(
        kind,
        valid=[config],
        update={**config, "toy": {"color": "blue"}},
        invalid=[Invalid(required + '\\n  toy {\\n    color = "purple"\\n  }', line=3)],
        imports=ImportCase(config),
        drift=DriftCase(config, remove),
        interrupted=InterruptedCase(config),
    )
check_provider(ToyProvider, {}, work, [
    suite("dataset", {"source": "toy://d", "tags": {}, "toy": {"color": "red"}}, '  source = "toy://d"'),
    suite("model", {"artifact": "toy://m", "tags": {}}, '  artifact = "toy://m"'),
])
print("conforms")
"""


def test_the_third_party_provider_passes_the_conformance_suite(site: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run(
        [sys.executable, "-c", CONFORMANCE, str(tmp_path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and "conforms" in proc.stdout, proc.stdout + proc.stderr
