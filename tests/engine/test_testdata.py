"""Engine behaviour from fixture folders: ``tests/testdata/<operation>-<case>/``.

Each folder holds a small world and what the engine should make of it:

- ``prior.hcl`` (optional): a configuration applied first; what it leaves is the prior
  state and the fake cloud's objects.
- ``main.hcl``: the configuration under test; without it, ``prior.hcl`` unchanged.
- ``case.json`` (optional): ``operation`` (``plan``, ``apply`` or ``destroy``; by default
  the folder name's first word), ``targets``, ``replace``, ``variables`` (NAME: value),
  ``prior_variables``, ``refresh_only``, ``forget`` (addresses dropped from the prior
  state, their objects left in the cloud, for imports), ``taint`` (addresses marked
  tainted), and ``cloud``: what the fake provider reports on read, by address, after the
  prior apply (an object of arguments merged into the stored object, or null for an
  object deleted out of band).
- ``plan.json``: the part of the Terraform-shaped plan JSON that matters: each resource
  change's address, actions and reason, each drift entry, ``complete`` and ``applyable``.
- ``calls.json`` (apply, destroy, and plans that import): each create, update, delete
  and import the provider received, in order (``parallelism`` is 1, so the order is the walker's).
- ``state.after.json`` (apply and destroy): each resource left in the state with its
  status, dependencies and deposed objects.

Adding a case is adding a folder. ``MLINFRA_UPDATE_TESTDATA=1`` rewrites the expected
files from what the engine does now; read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from fakeprovider import RecordingFakeProvider, cloud, recorded_calls  # noqa: E402

from mlinfra import __version__  # noqa: E402
from mlinfra.cli.views.plan_json import plan_to_json  # noqa: E402
from mlinfra.engine import Engine, RunOptions  # noqa: E402
from mlinfra.plans.model import Mode  # noqa: E402
from mlinfra.providers import registry  # noqa: E402

TESTDATA = Path(__file__).parents[1] / "testdata"
CASES = sorted(p.name for p in TESTDATA.iterdir() if (p / "main.hcl").is_file() or (p / "prior.hcl").is_file())
UPDATE = os.environ.get("MLINFRA_UPDATE_TESTDATA") == "1"
OPERATIONS = ("plan", "apply", "destroy")


@pytest.fixture(autouse=True)
def _recording_provider() -> Any:
    registry.register("fake", RecordingFakeProvider)
    yield
    registry.unregister("fake")


def _engine(workdir: Path, variables: dict[str, Any]) -> Engine:
    var_args = [f"{k}={v if isinstance(v, str) else json.dumps(v)}" for k, v in sorted(variables.items())]
    return Engine(workdir, var_args=var_args, parallelism=1, environ={"NO_COLOR": "1"})


def _prepare(case_dir: Path, workdir: Path, case: dict[str, Any]) -> None:
    """The prior world: apply ``prior.hcl``, then forget, taint and drift as asked."""
    prior = case_dir / "prior.hcl"
    if prior.is_file():
        shutil.copy(prior, workdir / "main.hcl")
        _, result = _engine(workdir, case.get("prior_variables", {})).apply(RunOptions())
        assert result is not None and not result.diagnostics.has_errors, result and result.diagnostics
    engine = _engine(workdir, {})
    if case.get("forget") or case.get("taint"):
        backend = engine.backend(engine.load(required=False))
        state = backend.read()
        for a in case.get("forget", []):
            del state.resources[a]
        for a in case.get("taint", []):
            state.resources[a].status = "tainted"
        backend.write(state)
    with cloud(workdir) as db:
        by_address = {obj["address"]: name for name, obj in db.items()}
        for address, change in sorted(case.get("cloud", {}).items()):
            name = by_address[address]
            if change is None:
                del db[name]
            else:
                db[name]["config"].update(change)
    (workdir / "fake-calls.jsonl").unlink(missing_ok=True)
    if (case_dir / "main.hcl").is_file():
        shutil.copy(case_dir / "main.hcl", workdir / "main.hcl")


def _change(entry: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"address": entry["address"], "actions": entry["change"]["actions"]}
    for key in ("deposed", "previous_address", "action_reason"):
        if key in entry:
            out[key] = entry[key]
    if "importing" in entry["change"]:
        out["importing"] = entry["change"]["importing"]
    if "replace_paths" in entry["change"]:
        out["replace_paths"] = entry["change"]["replace_paths"]
    return out


def _matters(entry: dict[str, Any]) -> bool:
    return entry["change"]["actions"] != ["no-op"] or "previous_address" in entry or "importing" in entry["change"]


def plan_subset(doc: dict[str, Any]) -> dict[str, Any]:
    """What a case compares: every change but plain no-ops (a move or an import is
    kept), every drift entry."""
    return {
        "complete": doc["complete"],
        "applyable": doc["applyable"],
        "resource_changes": [_change(e) for e in doc["resource_changes"] if _matters(e)],
        "resource_drift": [_change(e) for e in doc["resource_drift"]],
    }


def state_subset(workdir: Path) -> dict[str, Any]:
    state = _engine(workdir, {}).read_state()
    out: dict[str, Any] = {}
    for a in sorted(state.resources):
        r = state.resources[a]
        entry: dict[str, Any] = {"status": r.status, "dependencies": sorted(r.dependencies)}
        if r.deposed:
            entry["deposed"] = len(r.deposed)
        out[a] = entry
    return out


def dumps(value: Any) -> str:
    """JSON with one list item per line: small diffs, readable at a glance."""
    if isinstance(value, dict) and value:
        items = [f"  {json.dumps(k)}: {_inner(v)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n}\n"
    return json.dumps(value) + "\n"


def _inner(v: Any) -> str:
    if isinstance(v, list) and v:
        return "[\n" + ",\n".join(f"    {json.dumps(x)}" for x in v) + "\n  ]"
    return json.dumps(v)


def _compare(case_dir: Path, name: str, got: Any) -> None:
    path = case_dir / name
    if UPDATE:
        path.write_text(dumps(got))
        return
    assert path.is_file(), f"{path} is missing; run with MLINFRA_UPDATE_TESTDATA=1 to write it"
    assert got == json.loads(path.read_text()), f"{case_dir.name}/{name} differs"


@pytest.mark.parametrize("name", CASES)
def test_case(name: str, tmp_path: Path) -> None:
    case_dir = TESTDATA / name
    case = json.loads((case_dir / "case.json").read_text()) if (case_dir / "case.json").is_file() else {}
    operation = case.get("operation", name.split("-", 1)[0])
    assert operation in OPERATIONS, f"{name}: operation {operation!r} is not one of {OPERATIONS}"
    _prepare(case_dir, tmp_path, case)
    mode = Mode.DESTROY if operation == "destroy" else Mode.REFRESH_ONLY if case.get("refresh_only") else Mode.NORMAL
    opts = RunOptions(mode=mode, targets=case.get("targets", []), replace=case.get("replace", []))
    engine = _engine(tmp_path, case.get("variables", {}))
    if operation == "plan":
        plan = engine.plan(opts)
        changed = [c for c in recorded_calls(tmp_path) if c.split()[0] in ("create", "update", "delete")]
        assert changed == [], "planning changed the fake cloud"
    else:
        plan, result = engine.apply(opts)
        assert result is not None and not result.diagnostics.has_errors, result and result.diagnostics
    _compare(case_dir, "plan.json", plan_subset(plan_to_json(plan, __version__)))
    if operation != "plan" or recorded_calls(tmp_path):
        _compare(case_dir, "calls.json", recorded_calls(tmp_path))
    if operation != "plan":
        _compare(case_dir, "state.after.json", state_subset(tmp_path))

