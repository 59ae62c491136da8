"""The pipeline kind on GCP: a Vertex AI PipelineJob run from a pipeline spec generated
from the steps (``pipelinespec``), with estimator steps run by the provider's trainer,
which is uploaded to the staging bucket by digest.

``run = "on_change"`` starts a job whenever the spec or the content of its gs:// inputs
changes, and waits for it: the model step's ``system.Model`` artifact is the ``artifact``
output that feeds ``model.artifact``, and its ``system.Metrics`` metadata are the
``metrics`` the gates check. ``id`` and ``run_id`` are the job's resource name; with
``run = "never"`` nothing runs and ``id`` is the spec's name. The wait is written as
steps the engine polls: no worker is held while the job runs.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, Steps, Wait, gates
from mlinfra.providers.pipelines import unsupported_settings
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_gcp import _sdk, gcs, images, naming, pipelinespec
from mlinfra_provider_gcp.config import PipelineBlock, parse_block
from mlinfra_provider_gcp.resource import GcpResource

TRAINER = Path(__file__).with_name("trainer_script.py")
RUN_OUTPUTS = ("id", "run_id", "artifact", "metrics")
FAILED = ("PIPELINE_STATE_FAILED", "PIPELINE_STATE_CANCELLED")


class PipelineResource(GcpResource):
    kind: ClassVar[str] = "pipeline"
    block: ClassVar[type[PipelineBlock]] = PipelineBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ()

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = self.label_diagnostics(address, config)
        out += unsupported_settings(address, config, "gcp")
        inputs = config.get("inputs")
        for k, v in (inputs if isinstance(inputs, dict) else {}).items():
            if isinstance(v, str) and not v.startswith("gs://"):
                out.append(d.error("Unsupported pipeline input", f'Input "{k}" = "{v}" is not a gs:// URI.', address=address))
        steps = config.get("step")
        if isinstance(steps, dict) and not contains_unknown(steps):
            try:
                pipelinespec.step_order(steps)
            except ValueError as e:
                out.append(d.error("Invalid pipeline steps", str(e), address=address))
            for name, s in steps.items():
                if isinstance(s, dict) and not s.get("estimator") and not s.get("image"):
                    out.append(d.error("Invalid pipeline step", f'step "{name}" needs `estimator`, or `image` and `command`.', address=address))
        return out

    # -- the spec ------------------------------------------------------------------------
    def _base(self, address: str, config: dict[str, Any]) -> str:
        return naming.resource_id(address, parse_block(PipelineBlock, config).name, limit=100)

    def _root(self, address: str, config: dict[str, Any]) -> str:
        block = parse_block(PipelineBlock, config)
        if block.pipeline_root:
            return str(block.pipeline_root).rstrip("/")
        if not self.settings.staging_bucket:
            raise ResourceError(
                f"No pipeline root for {address}",
                'Set `pipeline_root` in the pipeline\'s gcp block or `staging_bucket` in the provider "gcp" block.',
            )
        return f"{self.settings.staging_bucket.rstrip('/')}/mlinfra/pipelines/{self._base(address, config)}"

    def _trainer_uri(self) -> str:
        bucket = (self.settings.staging_bucket or "gs://staging").rstrip("/")
        return f"{bucket}/mlinfra/trainer/{gcs.file_sha256(TRAINER)[:32]}/trainer_script.py"

    def _spec(self, address: str, config: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(PipelineBlock, config)
        image = block.trainer_image or images.sklearn_training_image(self.gcp.region)
        trainer = "/gcs/" + self._trainer_uri()[5:]
        try:
            return pipelinespec.build(self._base(address, config), config, trainer, image, block.target)
        except ValueError as e:
            raise ResourceError(f"Cannot build the pipeline spec of {address}", str(e)) from e

    def _digest(self, address: str, config: dict[str, Any]) -> Any:
        """The identity of a run: the spec plus the content of every gs:// input."""
        if contains_unknown(config):
            return UNKNOWN
        inputs = {k: gcs.digest(self.gcp, v, address) if str(v).startswith("gs://") else v for k, v in sorted((config.get("inputs") or {}).items())}
        return naming.digest_of({"spec": self._spec(address, config), "inputs": inputs, "gates": config.get("gates")})

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return self._base(address, planned)

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        digest = self._digest(address, config)
        known = {} if digest is UNKNOWN else {"digest": digest}
        reason = None
        if prior is not None and digest is not UNKNOWN and prior.get("digest") != digest and prior.get("step") == config.get("step"):
            reason = "pipeline inputs changed"
        resp = self.default_plan(prior, config, known=known, reason=reason)
        runs = config.get("run") == "on_change"
        if prior is None and runs:
            # ``metrics`` is both the list to record and the measured values: never the list.
            resp.planned["metrics"] = UNKNOWN
        if prior is not None and (not runs or (digest is not UNKNOWN and prior.get("digest") == digest)):
            for o in RUN_OUTPUTS:
                resp.planned[o] = prior.get(o)  # no new run: the last one's results stand
        if not runs and prior is None:
            resp.planned.update(id=self._base(address, config), run_id=None, artifact=None, metrics={})
        return resp

    # -- runs ----------------------------------------------------------------------------
    def _run(self, address: str, config: dict[str, Any], digest: str) -> Steps[dict[str, Any]]:
        block = parse_block(PipelineBlock, config)
        self._upload_trainer(address)
        job_id = f"{self._base(address, config)[:80]}-{digest[:10]}-{int(time.time() * 1000) % 10**10}"
        job: dict[str, Any] = {
            "display_name": self._base(address, config),
            "pipeline_spec": self._spec(address, config),
            "runtime_config": {"gcs_output_directory": self._root(address, config)},
            "labels": self.labels(address, config),
        }
        if block.service_account:
            job["service_account"] = block.service_account
        # The job ID is generated: stored before the job exists, so a kill -9 leaves it findable.
        self.ctx.record(job=f"{self.gcp.parent}/pipelineJobs/{job_id}")
        created = self.gcp.call("pipelines", "create_pipeline_job", address, parent=self.gcp.parent, pipeline_job=job, pipeline_job_id=job_id)
        name = f"{self.gcp.parent}/pipelineJobs/{created.name.rsplit('/', 1)[1]}"
        outputs: dict[str, Any] = {"id": name, "run_id": name, "artifact": None, "metrics": {}, "digest": None}
        final = yield from self._wait(address, name, config, outputs)
        artifact, metrics = _results(final, pipelinespec.task_id(pipelinespec.model_step(config["step"])))
        outputs.update(artifact=artifact, metrics=_select(config, metrics), digest=digest)
        self._check_gates(address, config, outputs)
        return outputs

    def _upload_trainer(self, address: str) -> None:
        bucket, key = naming.split_gs(self._trainer_uri())
        blob = self.gcp.storage().bucket(bucket).blob(key)
        exc = _sdk.exceptions()

        def put() -> None:
            try:
                blob.upload_from_filename(str(TRAINER), if_generation_match=0, retry=None, timeout=gcs.TIMEOUT)
            except exc.PreconditionFailed:
                return  # already there: the name is its digest

        self.gcp.retrying(put, "uploading the trainer", address)

    def _wait(self, address: str, name: str, config: dict[str, Any], outputs: dict[str, Any]) -> Steps[dict[str, Any]]:
        """Follow the job to its end, as steps: between looks it yields a ``Wait`` (the
        engine holds no worker while the job runs)."""
        begin = time.monotonic()
        short = name.rsplit("/", 1)[1]
        last = ""
        while True:
            job = _sdk.to_dict(self.gcp.call("pipelines", "get_pipeline_job", address, name=name))
            state = job.get("state", "")
            shown = state.removeprefix("PIPELINE_STATE_").lower()
            if state != last:
                self.progress(f"pipeline job {short}: {shown}")
                last = state
            if state == "PIPELINE_STATE_SUCCEEDED":
                return job
            if state in FAILED:
                reason = (job.get("error") or {}).get("message") or f"The job ended {state}."
                # The job exists; without a digest the next plan runs it again.
                raise ResourceError(f"Pipeline job of {address} failed", reason, partial=self.attributes(config, outputs))
            elapsed = time.monotonic() - begin
            if elapsed > self.settings.wait_timeout:
                raise ResourceError(
                    f"Timed out waiting for pipeline job {name}",
                    f"Still {last} after {int(self.settings.wait_timeout)}s.",
                    partial=self.attributes(config, outputs),
                )
            yield Wait(self.settings.poll_interval, f"pipeline job {short}: {shown} ({int(elapsed)}s elapsed)")

    def _check_gates(self, address: str, config: dict[str, Any], outputs: dict[str, Any]) -> None:
        missed = gates.missed(config.get("gates"), outputs.get("metrics"))
        if missed:
            raise ResourceError(f"Quality gate missed by {address}", "; ".join(missed), partial=self.attributes(config, {**outputs, "digest": None}))

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> Steps[dict[str, Any]]:
        digest = self._digest(address, config)
        if config.get("run", "on_change") != "on_change":
            return self.attributes(config, {"id": self._base(address, config), "run_id": None, "artifact": None, "metrics": {}, "digest": digest})
        return self.attributes(config, (yield from self._run(address, config, digest)))

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> Steps[dict[str, Any]]:
        digest = self._digest(address, config)
        if config.get("run", "on_change") == "on_change" and digest != prior.get("digest"):
            return self.attributes(config, (yield from self._run(address, config, digest)))
        return self.attributes(config, {**{o: prior.get(o) for o in self.outputs}, "digest": digest})

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        if not isinstance(name, str):
            return None
        if "/pipelineJobs/" not in name:
            if "step" in state:
                return dict(state)  # run = "never": nothing on Vertex AI to read
            # Only the name recorded before an interrupted run: its job, if it started.
            return self.find(address)
        job = self.gcp.try_call("pipelines", "get_pipeline_job", address, name=name)
        if job is None:
            return None
        if "step" in state:
            return dict(state)
        return self._imported(_sdk.to_dict(job))

    def _imported(self, job: dict[str, Any]) -> dict[str, Any]:
        spec = job.get("pipelineSpec") or {}
        executors = (spec.get("deploymentSpec") or {}).get("executors") or {}
        steps = {}
        for tid, task in ((spec.get("root") or {}).get("dag") or {}).get("tasks", {}).items():
            container = executors.get(f"exec-{tid}", {}).get("container", {})
            steps[tid] = {"image": container.get("image"), "command": container.get("command"), "depends_on": task.get("dependentTasks", [])}
        model = pipelinespec.task_id(pipelinespec.model_step(steps)) if steps else ""
        artifact, metrics = _results(job, model)
        name = f"{self.gcp.parent}/pipelineJobs/{job['name'].rsplit('/', 1)[1]}"
        config = {"inputs": {}, "step": steps, "metrics": [], "run": "on_change", "gates": {}, "tags": naming.user_labels(job.get("labels", {}), self.settings.labels)}
        return self.attributes(config, {"id": name, "run_id": name, "artifact": artifact, "metrics": metrics, "digest": None})

    def delete(self, address: str, state: dict[str, Any]) -> Steps[None]:
        name = state.get("id")
        if not isinstance(name, str) or "/pipelineJobs/" not in name:
            return
        op = self.gcp.try_call("pipelines", "delete_pipeline_job", address, name=name)
        if op is not None:
            yield from self.wait_steps(op, f"deleting pipeline job {name.rsplit('/', 1)[1]}", address)

    def recover(self, address: str, locator: dict[str, Any]) -> dict[str, Any] | None:
        job = locator.get("job")
        if isinstance(job, str):
            live = self.gcp.try_call("pipelines", "get_pipeline_job", address, name=job)
            if live is not None:
                return self._imported(_sdk.to_dict(live))
        return self.find(address)

    def find(self, address: str) -> dict[str, Any] | None:
        first = naming.address_labels(address)[naming.ADDRESS_LABEL]
        pager = self.gcp.call("pipelines", "list_pipeline_jobs", address, parent=self.gcp.parent, filter=f'labels.{naming.ADDRESS_LABEL}="{first}"')
        jobs = [j for j in pager if self.ours(dict(j.labels), address)]
        if not jobs:
            return None
        newest = max(jobs, key=lambda j: j.create_time.timestamp() if j.create_time else 0)
        return self._imported(_sdk.to_dict(newest))


def _results(job: dict[str, Any], task: str) -> tuple[str | None, dict[str, float]]:
    """The model artifact's URI and the metrics of ``task`` in a finished job."""
    for detail in (job.get("jobDetail") or {}).get("taskDetails", []):
        if detail.get("taskName") != task:
            continue
        outputs = detail.get("outputs") or {}
        model = ((outputs.get("model") or {}).get("artifacts") or [{}])[0].get("uri")
        meta = ((outputs.get("metrics") or {}).get("artifacts") or [{}])[0].get("metadata") or {}
        return model, {k: float(v) for k, v in sorted(meta.items()) if isinstance(v, int | float)}
    return None, {}


def _select(config: dict[str, Any], metrics: dict[str, float]) -> dict[str, float]:
    wanted = config.get("metrics") or []
    return {k: v for k, v in sorted(metrics.items()) if not wanted or k in wanted}
