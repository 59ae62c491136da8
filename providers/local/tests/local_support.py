"""Helpers for the local provider's tests: the configuration the engine would send, and
a driver that plays the engine's part through the provider protocol (validate, plan,
then apply with the planned attributes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mlinfra_provider_local import LocalProvider, processes
from mlinfra_provider_local.store import read_json

from mlinfra.cli.app import run
from mlinfra.config.kinds import KIND_MODELS
from mlinfra.diagnostics import Diagnostics
from mlinfra.providers.protocol import (
    ApplyRequest,
    ImportRequest,
    PlanRequest,
    PlanResponse,
    ReadRequest,
    RecoverRequest,
    ValidateRequest,
)
from mlinfra.values import contains_unknown

os.environ.setdefault("OMP_NUM_THREADS", "1")


def modules_after(code: str, cwd: Path | None = None) -> set[str]:
    """The modules a fresh interpreter started in ``cwd`` holds after running ``code``."""
    report = "import json as _j, sys as _s\nprint(_j.dumps(sorted(_s.modules)))\n"
    proc = subprocess.run(
        [sys.executable, "-c", code + "\n" + report],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


# A dataset, a pipeline training on it, a model registered at stage "production" and an
# endpoint serving it: the smallest configuration with one object of every kind.
IRIS_SERVING = """
variable "C" { default = 1.0 }

dataset "iris" { source = "sklearn:iris" }

pipeline "train" {
  inputs = { train = dataset.iris.uri }
  step "fit" {
    estimator = "sklearn.linear_model.LogisticRegression"
    params    = { C = var.C, max_iter = 200 }
  }
}

model "iris" {
  artifact  = pipeline.train.artifact
  framework = "sklearn"
  registry {
    group = "iris"
    stage = "production"
  }
}

endpoint "iris" {
  variant "blue" {
    model = model.iris.id
  }
}
"""


def full_config(kind: str, **args: Any) -> dict[str, Any]:
    """The configuration the engine sends: portable arguments with defaults filled in."""
    model = KIND_MODELS[kind]
    blocks = {k: v for k, v in args.items() if k not in model.model_fields}
    core = {k: v for k, v in args.items() if k in model.model_fields}
    return {**model.model_validate(core).model_dump(), **blocks}


class Failed(AssertionError):
    def __init__(self, diags: Diagnostics) -> None:
        self.diagnostics = diags
        super().__init__("; ".join(f"{x.summary}: {x.detail}" for x in diags))


class Driver:
    """Plays the engine's part for one provider."""

    def __init__(self, provider: LocalProvider, workdir: Path) -> None:
        self.provider = provider
        self.workdir = workdir
        self.progress: list[str] = []

    def validate(self, kind: str, address: str, config: dict[str, Any]) -> Diagnostics:
        return self.provider.validate(ValidateRequest(kind, address, config)).diagnostics

    def plan(
        self, kind: str, address: str, prior: dict[str, Any] | None, config: dict[str, Any]
    ) -> PlanResponse:
        resp = self.provider.plan(PlanRequest(kind, address, prior, config))
        if resp.diagnostics.has_errors:
            raise Failed(resp.diagnostics)
        return resp

    def apply(
        self, kind: str, address: str, config: dict[str, Any], prior: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Validate, plan and create or update; raises Failed with the diagnostics."""
        diags = self.validate(kind, address, config)
        if diags.has_errors:
            raise Failed(diags)
        planned = self.plan(kind, address, prior, config).planned
        action = "create" if prior is None else "update"
        resp = self.provider.apply(
            ApplyRequest(
                kind, address, action, prior, planned, config, progress=self.progress.append
            )
        )
        if resp.diagnostics.has_errors:
            raise Failed(resp.diagnostics)
        assert resp.attributes is not None and not contains_unknown(resp.attributes)
        return resp.attributes

    def read(self, kind: str, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        resp = self.provider.read(ReadRequest(kind, address, str(state.get("id")), state))
        assert not resp.diagnostics.has_errors, resp.diagnostics
        return resp.attributes

    def find(self, kind: str, address: str) -> dict[str, Any] | None:
        """What the next run adopts after a create interrupted with nothing recorded."""
        return self.provider.recover(RecoverRequest(kind, address, {})).attributes

    def import_(self, kind: str, address: str, object_id: str) -> dict[str, Any] | None:
        resp = self.provider.import_resource(ImportRequest(kind, address, object_id))
        assert not resp.diagnostics.has_errors, resp.diagnostics
        return resp.attributes

    def destroy(self, kind: str, address: str, state: dict[str, Any]) -> None:
        resp = self.provider.apply(ApplyRequest(kind, address, "delete", state, {}, {}))
        assert not resp.diagnostics.has_errors, resp.diagnostics

    # -- the usual chain ------------------------------------------------------------
    def dataset(self, name: str = "iris", **args: Any) -> dict[str, Any]:
        args.setdefault("source", "sklearn:iris")
        return self.apply("dataset", f"dataset.{name}", full_config("dataset", **args))

    def pipeline(
        self, uri: str, name: str = "train", prior: dict[str, Any] | None = None, **args: Any
    ) -> dict[str, Any]:
        step = {"estimator": "sklearn.linear_model.LogisticRegression", "params": {"max_iter": 500}}
        step.update(args.pop("step", {}))
        cfg = full_config("pipeline", inputs={"train": uri}, step={"fit": step}, **args)
        return self.apply("pipeline", f"pipeline.{name}", cfg, prior)

    def model(
        self, artifact: str, name: str = "iris", prior: dict[str, Any] | None = None, **args: Any
    ) -> dict[str, Any]:
        cfg = full_config("model", artifact=artifact, framework="sklearn", **args)
        return self.apply("model", f"model.{name}", cfg, prior)

    def endpoint_config(
        self, variants: dict[str, tuple[str, float]], **args: Any
    ) -> dict[str, Any]:
        body = {k: {"model": m, "weight": w} for k, (m, w) in variants.items()}
        return full_config("endpoint", variant=body, **args)


def pid_runs(pid: int) -> bool:
    """True when process ``pid`` runs (and is not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def stop_every_server(root: Path) -> None:
    """Stop the endpoint servers and monitor processes started under ``root``."""
    for pattern in ("endpoints/*/srv-*/endpoint.json", "monitors/*/mon-*/monitor.json"):
        for record_path in root.glob(pattern):
            attrs = (read_json(record_path) or {}).get("attributes") or {}
            processes.stop(attrs.get("pid"), str(record_path.parent / "config.json"))


class Cli:
    """``mlinfra`` run in this process in one configuration directory."""

    def __init__(self, workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.workdir, self.capsys = workdir, capsys

    def __call__(self, *args: str, expect: int = 0) -> str:
        """The output (stdout and stderr) of ``mlinfra ARGS``, which must exit ``expect``."""
        self.capsys.readouterr()
        code = run(["-C", str(self.workdir), *args])
        captured = self.capsys.readouterr()
        out = captured.out + captured.err
        assert code == expect, f"mlinfra {' '.join(args)} exited {code}:\n{out}"
        return out

    def attributes(self, address: str) -> dict[str, Any]:
        state = json.loads(self("state", "pull"))
        (found,) = [r for r in state["resources"] if r["address"] == address]
        return dict(found["attributes"])
