"""The core imports what a command uses and no more.

``validate`` reads no state and plans nothing: it imports none of the state machinery
(beyond the name of the selected workspace), the apply walk, the planner or the policy
engine. ``plan`` opens only the configured backend. Neither imports, from the core's own
modules, what only rare paths use (``hashlib`` for a parse cache entry or a hash
function, ``subprocess`` for git module sources, ``difflib`` for a did-you-mean,
``tempfile`` for writing a cache entry, ``logging`` before logging is switched on) nor
``importlib.metadata``, which discovering providers does without.

Each probe runs in a fresh interpreter, records the modules it ends with and every
``import`` statement executed by a module of the core (``mlinfra`` and ``mlinfra.*``),
so that a module some third-party dependency happens to import does not hide one the
core asked for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SUPPORT = Path(__file__).parent / "support"

RECORDER = """
import builtins, json, sys
from pathlib import Path

core_imports = set()
real_import = builtins.__import__


def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
    importer = (globals or {}).get("__name__") or ""
    if level == 0 and (importer == "mlinfra" or importer.startswith("mlinfra.")):
        core_imports.add(name)
        core_imports.update(f"{name}.{item}" for item in fromlist or ())
    return real_import(name, globals, locals, fromlist, level)


builtins.__import__ = recording_import


def report(**extra):
    print(json.dumps({"modules": sorted(sys.modules), "core_imports": sorted(core_imports), **extra}))
"""

# A provider that imports nothing: what validate loads is the core's doing alone.
VALIDATE_PROBE = RECORDER + """
import mlinfra.engine
from mlinfra.providers import protocol, registry


class Probe:
    protocol_version = protocol.PROTOCOL_VERSION

    def schema(self):
        kinds = ("dataset", "pipeline", "model", "endpoint")
        return protocol.ProviderSchema("probe", kinds={k: protocol.KindSchema(k) for k in kinds})

    def validate(self, req):
        return protocol.ValidateResponse()

    def close(self):
        pass


registry.register("probe", Probe)
diagnostics = mlinfra.engine.Engine(Path(sys.argv[1])).validate()
report(diagnostics=[str(x) for x in diagnostics])
"""

PLAN_PROBE = RECORDER + """
sys.path.insert(0, sys.argv[2])
import mlinfra.engine
from fakeprovider import FakeProvider
from mlinfra.providers import registry

registry.register("fake", FakeProvider)
plan = mlinfra.engine.Engine(Path(sys.argv[1])).plan()
report(changes=len(plan.changes))
"""

CONFIG = """
variable "C" { default = 1.0 }

locals {
  name = upper("iris")
}

dataset "iris" {
  provider = PROVIDER
  source   = "sklearn:iris"
  tags     = { name = local.name, lower = lower(local.name) }
}

pipeline "train" {
  provider = PROVIDER
  inputs   = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { C = var.C, max_iter = 500 }
  }
}

model "iris" {
  provider  = PROVIDER
  artifact  = pipeline.train.artifact
  framework = "sklearn"
}

endpoint "iris" {
  provider = PROVIDER
  variant "blue" {
    model  = model.iris.id
    weight = 100
  }
}

output "url" { value = endpoint.iris.url }
"""

# Core modules neither command needs for a configuration without module calls, policies
# or a remote backend, all of whose files the fast parser reads (no parse cache on disk).
NOT_FOR_PLAN = (
    "mlinfra.apply",
    "mlinfra.policy",
    "mlinfra.cli",
    "mlinfra.config.modules_expand",
    "mlinfra.config.modules",
    "mlinfra.config.module_sources",
    "mlinfra.config.hclconvert",
    "mlinfra.config.hclcodec",
    "mlinfra.plans.planfile",
    "mlinfra.plans.cost",
    "mlinfra.states.s3",
    "mlinfra.states.gcs",
    "mlinfra.states.azurerm",
    "mlinfra.states.pg",
    "mlinfra.states.objects",
    "mlinfra.states.remote_journal",
    "mlinfra.states.migrate",
    "mlinfra.states.keys",
)
NOT_FOR_VALIDATE = (
    *NOT_FOR_PLAN,
    "mlinfra.plans.planner",
    "mlinfra.plans.refresh",
    "mlinfra.plans.outputs",
    "mlinfra.config.conditions",
    "mlinfra.providers.crud",
    "mlinfra.providers.resource",
)
# What the core itself must not import on either path (it may on rare ones).
STDLIB_NOT_FOR_PLAN = (
    "importlib.metadata",
    "logging",
    "subprocess",
    "difflib",
    "tempfile",
    "shutil",
    "email",
    "zipfile",
    "csv",
    "socket",
    "urllib.request",
    "http",
    # dataclasses imports inspect (and ast, dis, tokenize): the core's records do without
    # it until something introspects one.
    "dataclasses",
    "inspect",
    # hashlib sets up OpenSSL: mlinfra.sha256 hashes small inputs without it.
    "hashlib",
    # uuid imports platform; concurrent.futures imports logging (a refresh with threads
    # imports it); traceback brings linecache and tokenize.
    "uuid",
    "concurrent",
    "traceback",
)
STDLIB_NOT_FOR_VALIDATE = (*STDLIB_NOT_FOR_PLAN, "getpass", "fcntl")



def _probe(script: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "NO_COLOR": "1", "MLINFRA_CACHE_DIR": ""}
    env.pop("MLINFRA_WORKSPACE", None)
    r = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _among(names: list[str], wanted: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if any(n == w or n.startswith(w + ".") for w in wanted))


def test_validate_imports_no_state_planner_or_apply_machinery_and_no_rare_stdlib(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(CONFIG.replace("PROVIDER", "probe"))
    doc = _probe(VALIDATE_PROBE, str(tmp_path))
    assert doc["diagnostics"] == []
    assert "mlinfra.plans.evaluator" in doc["modules"], "the probe did not validate"
    assert _among(doc["modules"], NOT_FOR_VALIDATE) == []
    states = [m for m in doc["modules"] if m.startswith("mlinfra.states")]
    assert states == ["mlinfra.states", "mlinfra.states.selection"]
    assert _among(doc["core_imports"], STDLIB_NOT_FOR_VALIDATE) == []
    # The probe's provider imports nothing, and no library the core uses imports these.
    assert _among(doc["modules"], STDLIB_NOT_FOR_VALIDATE) == []


def test_plan_opens_the_local_backend_alone_and_imports_no_rare_stdlib(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text('provider "fake" {}\n' + CONFIG.replace("PROVIDER", "fake"))
    doc = _probe(PLAN_PROBE, str(tmp_path), str(SUPPORT))
    assert doc["changes"] == 4
    assert {"mlinfra.plans.planner", "mlinfra.states.local"} <= set(doc["modules"]), "the probe did not plan"
    assert _among(doc["modules"], NOT_FOR_PLAN) == []
    assert _among(doc["core_imports"], STDLIB_NOT_FOR_PLAN) == []


def test_validate_of_the_quickstart_with_the_local_provider_imports_no_state(tmp_path: Path, copy_example: Any) -> None:
    cfg = copy_example("quickstart", tmp_path / "qs")
    doc = _probe(RECORDER + "import mlinfra.engine\nd = mlinfra.engine.Engine(Path(sys.argv[1])).validate()\n"
                 "report(diagnostics=[str(x) for x in d])\n", str(cfg))  # fmt: skip
    assert doc["diagnostics"] == []
    assert "mlinfra_provider_local" in doc["modules"]
    assert _among(doc["modules"], (*NOT_FOR_VALIDATE[:-2], "mlinfra.plans.data.", "mlinfra.states.model")) == []
    assert "importlib.metadata" not in doc["core_imports"]


LOGS_PROBE = """
import sys
from mlinfra.logs import get_logger

from mlinfra.logs import DEBUG

get_logger("mlinfra.plan").debug("dropped %s", 1)
assert not get_logger("mlinfra.plan").isEnabledFor(DEBUG)
assert "logging" not in sys.modules, "a debug call imported logging"
import logging

logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s %(funcName)s: %(message)s", stream=sys.stdout)
assert get_logger("mlinfra.plan").isEnabledFor(DEBUG) and DEBUG == logging.DEBUG


def decide():
    get_logger("mlinfra.plan").debug("kept %s", 2)


decide()
"""


def test_debug_logging_costs_no_import_until_logging_is_configured() -> None:
    r = subprocess.run([sys.executable, "-c", LOGS_PROBE], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["DEBUG mlinfra.plan decide: kept 2"]


def test_minus_vv_still_logs_the_planners_decisions(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text('provider "fake" {}\n\ndataset "d" {\n  source = "fake://data"\n}\n')
    r = subprocess.run(
        [sys.executable, str(SUPPORT / "mlinfra_with_fake.py"), "-vv", "plan"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"},
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "DEBUG mlinfra.plan: dataset.d: create because it is not in the state" in r.stderr
