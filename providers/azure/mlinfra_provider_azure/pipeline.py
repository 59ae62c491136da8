"""The pipeline kind on Azure ML: a pipeline job of command components generated from
the steps, submitted whenever the steps or the content of the inputs change.

Each estimator step becomes a command node that runs mlinfra's trainer script (uploaded,
content-addressed, as a code asset) on the workspace's compute, with the pipeline's first
input as its data. Outputs go to deterministic datastore paths under the run's digest:
the model step's ``model`` folder is the ``artifact`` that feeds ``model.artifact``, and
its ``metrics.json`` gives the ``metrics`` that ``gates`` check. The job is named after
the run's digest, so an interrupted apply follows the job it submitted instead of
submitting another. The wait for the job is written as steps the engine polls: no worker
is held while it runs.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, Steps, Wait, gates
from mlinfra.providers.pipelines import unsupported_settings
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_azure import _sdk, artifacts, blobs, naming
from mlinfra_provider_azure.config import PipelineBlock, parse_block
from mlinfra_provider_azure.resource import AzureResource

TRAINER = Path(__file__).parent / "trainer"
CODE_ASSET = "mlinfra-trainer"
DONE = {"Completed": None, "Failed": "failed", "Canceled": "was canceled", "NotResponding": "stopped responding"}


def step_order(steps: dict[str, Any]) -> list[str]:
    """Steps in dependency order, ties by name; ValueError on a cycle or unknown step."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise ValueError(f'steps depend on each other in a cycle through "{name}"')
        if name not in steps:
            raise ValueError(f'depends_on names no step "{name}"')
        state[name] = "visiting"
        for dep in sorted(steps[name].get("depends_on") or []):
            visit(dep)
        state[name] = "done"
        order.append(name)

    for name in sorted(steps):
        visit(name)
    return order


class PipelineResource(AzureResource):
    kind: ClassVar[str] = "pipeline"
    block: ClassVar[type[PipelineBlock]] = PipelineBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id",)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = unsupported_settings(address, config, "azure")
        steps = config.get("step")
        if isinstance(steps, dict) and not contains_unknown(steps):
            try:
                step_order(steps)
            except ValueError as e:
                out.append(d.error("Invalid pipeline steps", str(e), address=address))
            for name, s in sorted(steps.items()):
                if isinstance(s, dict) and not s.get("estimator"):
                    out.append(d.error("Unsupported pipeline step",
                                       f'step "{name}": the azure provider runs scikit-learn estimator steps '
                                       "(`estimator = \"sklearn....\"`); container steps are not supported yet.", address=address))
        inputs = config.get("inputs")
        if isinstance(inputs, dict) and not inputs:
            out.append(d.error("No pipeline input", "Set `inputs = { train = dataset.NAME.uri }`.", address=address))
        for k, v in (inputs if isinstance(inputs, dict) else {}).items():
            if isinstance(v, str) and artifacts.scheme(v) != "azureml":
                out.append(d.error("Unsupported pipeline input",
                                   f'Input "{k}" = "{v}" is not an azureml://datastores/NAME/paths/PATH URI.', address=address))
        return out

    def _name(self, address: str) -> str:
        return naming.asset_name(address)

    def _digest(self, config: dict[str, Any]) -> Any:
        if contains_unknown(config):
            return UNKNOWN
        inputs = {k: blobs.digest(self.ctx, v) for k, v in sorted((config.get("inputs") or {}).items())}
        block = parse_block(PipelineBlock, config)
        return naming.digest_of({"steps": config.get("step"), "inputs": inputs, "test_size": config.get("test_size"),
                                 "seed": config.get("seed"), "trainer": artifacts.file_tree_sha256(TRAINER),
                                 "environment": block.environment, "compute": block.compute,
                                 "metrics": config.get("metrics"), "gates": config.get("gates")})

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        digest = self._digest(config)
        known: dict[str, Any] = {"id": self._name(address)}
        if digest is not UNKNOWN:
            known["digest"] = digest
        reason = None
        if prior is not None and digest is not UNKNOWN and prior.get("digest") != digest and prior.get("step") == config.get("step"):
            reason = "pipeline inputs changed"
        resp = self.default_plan(prior, config, known=known, reason=reason)
        if config.get("run") == "never":
            for o in ("run_id", "artifact", "metrics"):
                resp.planned[o] = prior.get(o) if prior else None
        else:
            if resp.planned.get("run_id") is UNKNOWN:
                resp.planned["metrics"] = UNKNOWN  # the run's metrics, not the names asked for
            if digest is not UNKNOWN:
                resp.planned["artifact"] = self._output(address, digest, self._model_step(config), "model")
        return resp

    def _model_step(self, config: dict[str, Any]) -> str:
        order = step_order(config["step"])
        return [s for s in order if config["step"][s].get("estimator")][-1]

    def _output(self, address: str, digest: str, step: str, kind: str) -> str:
        return f"azureml://datastores/workspaceblobstore/paths/mlinfra/pipelines/{self._name(address)}/{digest[:16]}/{step}/{kind}/"

    # -- runs ----------------------------------------------------------------------------
    def _code(self, address: str) -> str:
        sha = artifacts.file_tree_sha256(TRAINER)
        version = sha[:16]
        az = self.az
        found = az.try_call(lambda: az.ml._code.get(CODE_ASSET, version), f"codes.get {CODE_ASSET}", address)
        if found is None:
            uri = blobs.upload(self.ctx, TRAINER, sha, address, "code")
            found = az.call(lambda: az.ml._code.create_or_update(_sdk.code_asset(CODE_ASSET, version, uri)),
                            f"codes.create_or_update {CODE_ASSET}", address)
        return str(found.id)

    def _job(self, address: str, config: dict[str, Any], digest: str, code: str) -> Any:
        block = parse_block(PipelineBlock, config)
        ml = _sdk.ml()
        inputs = config.get("inputs") or {}
        data_name = "train" if "train" in inputs else sorted(inputs)[0]
        data = inputs[data_name]
        nodes = {}
        for name in step_order(config["step"]):
            s = config["step"][name]
            params = dict(s.get("params") or {})
            command = (
                "python train.py --data ${{inputs.data}} --target " + _quote(block.target or "")
                + f" --estimator {s['estimator']} --params {_quote(json.dumps(params, sort_keys=True))}"
                + f" --test-size {config.get('test_size', 0.2)} --seed {config.get('seed', 0)}"
                + " --model ${{outputs.model}} --metrics ${{outputs.metrics}}"
            )
            nodes[name] = ml.command(
                name=name, display_name=name, code=code, command=command, environment=block.environment,
                inputs={"data": ml.Input(type="uri_folder" if data.endswith("/") else "uri_file", path=data)},
                outputs={k: ml.Output(type="uri_folder", path=self._output(address, digest, name, k)) for k in ("model", "metrics")},
                compute=block.compute,
            )
        job = _sdk.entities().PipelineJob(jobs=nodes, experiment_name=block.experiment or self._name(address),
                                          display_name=self._name(address), compute=block.compute,
                                          tags=self.tags(address, config, **{naming.DIGEST_TAG: digest}))
        job.name = f"{self._name(address)}-{digest[:12]}"
        return job

    def _run(self, address: str, config: dict[str, Any], digest: str) -> Steps[dict[str, Any]]:
        name = f"{self._name(address)}-{digest[:12]}"
        az = self.az
        live = az.try_call(lambda: az.ml.jobs.get(name), f"jobs.get {name}", address)
        if live is None:
            job = self._job(address, config, digest, self._code(address))
            self.ctx.record(ref=name)
            self.progress(f"submitting pipeline job {name}")
            az.call(lambda: az.ml.jobs.create_or_update(job), f"jobs.create_or_update {name}", address)
        outputs: dict[str, Any] = {"id": self._name(address), "run_id": name, "artifact": None, "metrics": {}, "digest": digest}
        status = yield from self._wait(address, name)
        failure = DONE.get(status)
        if failure:
            raise ResourceError(f"Pipeline job {name} {failure}", f"The job ended {status}; see it in Azure ML studio.",
                                partial=self.attributes(config, {**outputs, "digest": None}))
        step = self._model_step(config)
        outputs["artifact"] = self._output(address, digest, step, "model")
        outputs["metrics"] = self._metrics(address, config, digest, step)
        self._check_gates(address, config, outputs)
        return outputs

    def _wait(self, address: str, name: str) -> Steps[str]:
        """Follow the job to its end, as steps: between looks it yields a ``Wait`` (the
        engine holds no worker while the job runs). Its final status."""
        az = self.az
        begin = time.monotonic()
        last = ""
        while True:
            status = _sdk.state(az.call(lambda: az.ml.jobs.get(name), f"jobs.get {name}", address).status) or ""
            if status in DONE:
                return status
            elapsed = time.monotonic() - begin
            if status != last:
                self.progress(f"pipeline job {name}: {status} ({int(elapsed)}s elapsed)")
                last = status
            if elapsed > self.settings.wait_timeout:
                raise ResourceError(f"Timed out waiting for pipeline job {name}", f"Still {last}; raise `wait_timeout`.")
            yield Wait(self.settings.poll_interval, f"pipeline job {name}: {status} ({int(elapsed)}s elapsed)")

    def _metrics(self, address: str, config: dict[str, Any], digest: str, step: str) -> dict[str, float]:
        uri = self._output(address, digest, step, "metrics") + "metrics.json"
        try:
            values = json.loads(blobs.read(self.ctx, uri))
        except (ValueError, blobs.MissingData) as e:
            raise ResourceError(f"No metrics from pipeline step {step}", f"{uri}: {e}") from e
        wanted = config.get("metrics") or []
        return {k: float(v) for k, v in sorted(values.items()) if not wanted or k in wanted}

    def _check_gates(self, address: str, config: dict[str, Any], outputs: dict[str, Any]) -> None:
        missed = gates.missed(config.get("gates"), outputs.get("metrics"))
        if missed:
            raise ResourceError(f"Quality gate missed by {address}", "; ".join(missed),
                                partial=self.attributes(config, {**outputs, "digest": None}))

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        digest = self._digest(config)
        if config.get("run", "on_change") == "never":
            return self.attributes(config, {"id": self._name(address), "run_id": None, "artifact": None, "metrics": {}, "digest": digest})
        return self.attributes(config, (yield from self._run(address, config, digest)))

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        digest = self._digest(config)
        if config.get("run", "on_change") == "on_change" and digest != prior.get("digest"):
            return self.attributes(config, (yield from self._run(address, config, digest)))
        return self.attributes(config, {**{o: prior.get(o) for o in self.outputs}, "digest": digest})

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        run = state.get("run_id")
        if not run:
            return dict(state) if "step" in state else None
        az = self.az
        live = az.try_call(lambda: az.ml.jobs.get(run), f"jobs.get {run}", address)
        if live is None:
            return None
        return dict(state) if "step" in state else None

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        """A pipeline job by name: its steps, inputs, outputs and metrics as they ran."""
        az = self.az
        live = az.try_call(lambda: az.ml.jobs.get(object_id), f"jobs.get {object_id}", address)
        if live is None:
            return None
        steps: dict[str, Any] = {}
        inputs: dict[str, Any] = {}
        for node_name, node in sorted((live.jobs or {}).items()):
            command = str(getattr(node, "command", "") or "")
            est = re.search(r"--estimator (\S+)", command)
            params = re.search(r"--params '([^']*)'", command)
            steps[node_name] = {"estimator": est.group(1) if est else None,
                                "params": json.loads(params.group(1)) if params else {}}
            for k, v in (getattr(node, "inputs", None) or {}).items():
                path = getattr(v, "path", None) or getattr(getattr(v, "_data", None), "path", None)
                if path:
                    inputs["train" if k == "data" else k] = str(path)
        tags = live.tags or {}
        digest = tags.get(naming.DIGEST_TAG)
        config = {"inputs": inputs, "step": steps, "metrics": [], "run": "on_change", "gates": {}, "test_size": 0.2,
                  "seed": 0, "tags": naming.user_tags(tags, self.settings.tags), "azure": None}
        outputs: dict[str, Any] = {"id": self._name(address), "run_id": object_id, "digest": digest, "artifact": None, "metrics": {}}
        status = _sdk.state(live.status) or ""
        if status == "Completed" and digest and steps:
            step = [s for s in step_order(steps) if steps[s].get("estimator")][-1:] or [sorted(steps)[-1]]
            outputs["artifact"] = self._output(address, digest, step[0], "model")
            try:
                outputs["metrics"] = self._metrics(address, config, digest, step[0])
            except ResourceError:
                outputs["metrics"] = {}
        return self.attributes(config, outputs)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        run = state.get("run_id")
        if run:
            az = self.az
            az.try_call(lambda: az.ml.jobs.archive(run), f"jobs.archive {run}", address)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"
