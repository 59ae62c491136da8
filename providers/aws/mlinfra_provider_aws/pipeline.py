"""The pipeline kind on AWS: a SageMaker Pipeline whose definition is generated from the
steps, and, with ``run = "on_change"``, an execution started and awaited whenever the
definition or the content of its S3 inputs changes. The model step's training artifact
(an S3 URI) is the ``artifact`` output that feeds ``model.artifact``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_aws import definition, naming, s3
from mlinfra_provider_aws.config import PipelineBlock, parse_block
from mlinfra_provider_aws.resource import AwsResource


class PipelineResource(AwsResource):
    kind: ClassVar[str] = "pipeline"
    block: ClassVar[type[PipelineBlock]] = PipelineBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id",)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = []
        inputs = config.get("inputs")
        for k, v in (inputs if isinstance(inputs, dict) else {}).items():
            if isinstance(v, str) and not v.startswith("s3://"):
                out.append(d.error("Unsupported pipeline input", f'Input "{k}" = "{v}" is not an s3:// URI.', address=address))
        steps = config.get("step")
        if isinstance(steps, dict) and not contains_unknown(steps):
            try:
                definition.step_order(steps)
            except ValueError as e:
                out.append(d.error("Invalid pipeline steps", str(e), address=address))
            for name, s in steps.items():
                if isinstance(s, dict) and not s.get("estimator") and not s.get("image"):
                    out.append(
                        d.error("Invalid pipeline step", f'step "{name}" needs `estimator`, or `image` and `command`.', address=address)
                    )
        return out

    def _name(self, address: str, config: dict[str, Any]) -> str:
        return naming.base_name(address, parse_block(PipelineBlock, config).name, limit=256)

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return self._name(address, planned)

    def _definition(self, address: str, config: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(PipelineBlock, config)
        name = self._name(address, config)
        output = block.output_path
        if not output:
            if not self.settings.artifact_bucket:
                raise ResourceError(
                    f"No output location for {address}",
                    'Set `output_path` in the pipeline\'s aws block or `artifact_bucket` in the provider "aws" block.',
                )
            output = f"s3://{self.settings.artifact_bucket}/mlinfra/pipelines/{name}"
        role = self.role(block.execution_role_arn, address)
        try:
            return definition.build(address, config, block, role, output, self.aws.region)
        except ValueError as e:
            raise ResourceError(f"Cannot build the pipeline definition of {address}", str(e)) from e

    def _digest(self, address: str, config: dict[str, Any]) -> Any:
        """The identity of a run: the definition plus the content of every S3 input."""
        if contains_unknown(config):
            return UNKNOWN
        inputs = {}
        for k, uri in sorted((config.get("inputs") or {}).items()):
            inputs[k] = s3.digest(self.aws, uri, address)[0] if isinstance(uri, str) and uri.startswith("s3://") else uri
        return naming.digest_of({"definition": self._definition(address, config), "inputs": inputs, "gates": config.get("gates")})

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        digest = self._digest(address, config)
        known = {} if contains_unknown(config.get("aws")) else {"id": self._name(address, config)}
        if digest is not UNKNOWN:
            known["digest"] = digest
        reason = None
        if prior is not None and digest is not UNKNOWN and prior.get("digest") != digest and prior.get("step") == config.get("step"):
            reason = "pipeline inputs changed"
        resp = self.default_plan(prior, config, known=known, reason=reason)
        if config.get("run") == "never":
            for o in ("run_id", "artifact", "metrics"):
                resp.planned[o] = prior.get(o) if prior else None
        return resp

    # -- runs ----------------------------------------------------------------------------
    def _run(self, address: str, name: str, config: dict[str, Any], outputs: dict[str, Any]) -> dict[str, Any]:
        resp = self.aws.call("sagemaker", "start_pipeline_execution", address, PipelineName=name)
        arn = resp["PipelineExecutionArn"]
        outputs["run_id"] = arn

        def poll() -> tuple[str, bool, str | None]:
            ex = self.aws.call("sagemaker", "describe_pipeline_execution", address, PipelineExecutionArn=arn)
            status = ex.get("PipelineExecutionStatus", "")
            if status in ("Failed", "Stopped"):
                return status, True, ex.get("FailureReason") or f"The execution is {status}."
            return status, status == "Succeeded", None

        try:
            self.wait(f"pipeline {name} run", poll)
        except ResourceError as e:
            # The pipeline exists; without a digest the next plan runs it again.
            raise ResourceError(e.summary, e.detail, partial=self.attributes(config, {**outputs, "digest": None})) from e
        artifact, metrics = self._results(address, arn, definition.model_step(config["step"]))
        outputs.update(artifact=artifact, metrics=self._select(config, metrics))
        self._check_gates(address, config, outputs)
        return outputs

    def _results(self, address: str, arn: str, step: str) -> tuple[str | None, dict[str, float]]:
        resp = self.aws.call("sagemaker", "list_pipeline_execution_steps", address, PipelineExecutionArn=arn)
        for s in resp.get("PipelineExecutionSteps", []):
            job = ((s.get("Metadata") or {}).get("TrainingJob") or {}).get("Arn")
            if s.get("StepName") == step and job:
                desc = self.aws.call("sagemaker", "describe_training_job", address, TrainingJobName=job.split("/")[-1])
                metrics = {m["MetricName"]: float(m["Value"]) for m in desc.get("FinalMetricDataList", [])}
                return desc.get("ModelArtifacts", {}).get("S3ModelArtifacts"), metrics
        return None, {}

    def _select(self, config: dict[str, Any], metrics: dict[str, float]) -> dict[str, float]:
        wanted = config.get("metrics") or []
        return {k: v for k, v in sorted(metrics.items()) if not wanted or k in wanted}

    def _check_gates(self, address: str, config: dict[str, Any], outputs: dict[str, Any]) -> None:
        missed = []
        for gate, bound in sorted((config.get("gates") or {}).items()):
            side, _, metric = gate.partition("_")
            value = (outputs.get("metrics") or {}).get(metric)
            if value is None or (side == "min" and value < bound) or (side == "max" and value > bound):
                missed.append(f"{metric} = {value} (gate {gate} = {bound})")
        if missed:
            raise ResourceError(
                f"Quality gate missed by {address}",
                "; ".join(missed),
                partial=self.attributes(config, {**outputs, "digest": None}),
            )

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        name = self._name(address, config)
        body = definition.dumps(self._definition(address, config))
        role = self.role(parse_block(PipelineBlock, config).execution_role_arn, address)
        existing = self.aws.try_call("sagemaker", "describe_pipeline", address, PipelineName=name)
        if existing is None:
            self.aws.call(
                "sagemaker",
                "create_pipeline",
                address,
                PipelineName=name,
                PipelineDefinition=body,
                RoleArn=role,
                ClientRequestToken=naming.digest_of([address, body])[:36],
                Tags=self.tags(address, config),
            )
        elif not self.tagged(existing["PipelineArn"], address):
            raise ResourceError(f"A SageMaker pipeline named {name} already exists", f"It is not tagged as {address}.")
        else:
            self.aws.call("sagemaker", "update_pipeline", address, PipelineName=name, PipelineDefinition=body, RoleArn=role)
        outputs: dict[str, Any] = {"id": name, "run_id": None, "artifact": None, "metrics": {}, "digest": self._digest(address, config)}
        if config.get("run", "on_change") == "on_change":
            outputs = self._run(address, name, config, outputs)
        return self.attributes(config, outputs)

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        name = prior["id"]
        body = definition.dumps(self._definition(address, config))
        role = self.role(parse_block(PipelineBlock, config).execution_role_arn, address)
        self.aws.call("sagemaker", "update_pipeline", address, PipelineName=name, PipelineDefinition=body, RoleArn=role)
        outputs = {o: prior.get(o) for o in self.outputs}
        outputs["digest"] = self._digest(address, config)
        if config.get("run", "on_change") == "on_change" and outputs["digest"] != prior.get("digest"):
            outputs = self._run(address, name, config, outputs)
        return self.attributes(config, outputs)

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = state.get("id")
        if not isinstance(name, str):
            return None
        live = self.aws.try_call("sagemaker", "describe_pipeline", address, PipelineName=name)
        return None if live is None else dict(state)

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        live = self.aws.try_call("sagemaker", "describe_pipeline", address, PipelineName=object_id)
        return None if live is None else self._imported(live)

    def _imported(self, live: dict[str, Any]) -> dict[str, Any]:
        import json

        body = json.loads(live.get("PipelineDefinition") or "{}")
        steps = {}
        for s in body.get("Steps", []):
            args = s.get("Arguments", {})
            image = (args.get("AlgorithmSpecification") or {}).get("TrainingImage") or (args.get("AppSpecification") or {}).get("ImageUri")
            steps[s["Name"]] = {"image": image, "depends_on": s.get("DependsOn", [])}
        config = {"inputs": {}, "step": steps, "metrics": [], "run": "on_change", "gates": {}, "tags": {}}
        return self.attributes(config, {"id": live["PipelineName"], "metrics": {}})

    def delete(self, address: str, state: dict[str, Any]) -> None:
        if isinstance(state.get("id"), str):
            self.aws.try_call("sagemaker", "delete_pipeline", address, PipelineName=state["id"], ClientRequestToken=naming.digest_of([address, "delete"])[:36])

    def find(self, address: str) -> dict[str, Any] | None:
        base = naming.base_name(address)
        resp = self.aws.call("sagemaker", "list_pipelines", address, PipelineNamePrefix=base, MaxResults=100)
        for p in resp.get("PipelineSummaries", []):
            if p["PipelineName"] == base and self.tagged(p["PipelineArn"], address):
                return self.import_object(address, p["PipelineName"])
        return None
