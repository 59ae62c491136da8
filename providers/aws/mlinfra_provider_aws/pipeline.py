"""The pipeline kind on AWS: a SageMaker Pipeline whose definition is generated from the
steps, and, with ``run = "on_change"``, an execution started and awaited whenever the
definition or the content of its S3 inputs changes. The model step's training artifact
(an S3 URI) is the ``artifact`` output that feeds ``model.artifact``.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.providers import ResourceError, gates
from mlinfra.providers.pipelines import unsupported_settings
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import UNKNOWN, contains_unknown
from mlinfra_provider_aws import definition, naming, s3
from mlinfra_provider_aws.clients import token
from mlinfra_provider_aws.config import PipelineBlock, parse_block
from mlinfra_provider_aws.resource import AwsResource

# PipelineExecutionStatus values after which nothing more happens.
FAILED = frozenset({"Failed", "Stopped", "CompletedWithFailures"})
RUNNING = frozenset({"Executing", "Stopping"})
RUN_MARK = "mlinfra run "


class PipelineResource(AwsResource):
    kind: ClassVar[str] = "pipeline"
    block: ClassVar[type[PipelineBlock]] = PipelineBlock
    stable_outputs: ClassVar[tuple[str, ...]] = ("id",)

    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = self.tag_diagnostics(address, config)
        out += unsupported_settings(address, config, "aws")
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
            return definition.build(address, config, block, role, output, self.aws.region, self._code_uri(output))
        except ValueError as e:
            raise ResourceError(f"Cannot build the pipeline definition of {address}", str(e)) from e

    def _code_uri(self, output: str) -> str:
        bucket = self.settings.artifact_bucket or naming.split_s3(output)[0]
        return f"s3://{bucket}/{definition.source_key()}"

    def _upload_code(self, address: str, body: dict[str, Any]) -> None:
        """Put the training script where the definition says it is (once per content)."""
        for step in body.get("Steps", []):
            uri = json.loads((step["Arguments"].get("HyperParameters") or {}).get("sagemaker_submit_directory", "null") or "null")
            if isinstance(uri, str):
                bucket, key = naming.split_s3(uri)
                if self.aws.try_call("s3", "head_object", address, Bucket=bucket, Key=key) is None:
                    self.aws.call("s3", "put_object", address, Bucket=bucket, Key=key, Body=definition.source_dir())
                return

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
        mark = f"{RUN_MARK}{outputs['digest']}"
        arn = self._running(address, name, mark)
        if arn is None:
            resp = self.aws.call(
                "sagemaker",
                "start_pipeline_execution",
                address,
                PipelineName=name,
                PipelineExecutionDescription=mark,
                ClientRequestToken=token(),  # one execution, whatever the retries
            )
            arn = resp["PipelineExecutionArn"]
        else:
            self.ctx.progress(f"pipeline {name}: attaching to run {arn.rsplit('/', 1)[-1]}")
        outputs["run_id"] = arn

        def poll() -> tuple[str, bool, str | None]:
            ex = self.aws.call("sagemaker", "describe_pipeline_execution", address, PipelineExecutionArn=arn)
            status = ex.get("PipelineExecutionStatus", "")
            if status in FAILED:
                return status, True, self._failure(address, arn, ex.get("FailureReason"), status)
            return status, status == "Succeeded", None

        try:
            self.wait(f"pipeline {name} run", poll)
        except ResourceError as e:
            # The pipeline exists; without a digest the next plan runs it again (or,
            # while this run goes on, attaches to it).
            raise ResourceError(e.summary, e.detail, partial=self.attributes(config, {**outputs, "digest": None})) from e
        artifact, metrics = self._results(address, arn, definition.model_step(config["step"]))
        outputs.update(artifact=artifact, metrics=self._select(config, metrics))
        self._check_gates(address, config, outputs)
        return outputs

    def _running(self, address: str, name: str, mark: str) -> str | None:
        """The latest execution when it runs (or ran to success) this very definition and
        input content: an apply interrupted or timed out while waiting left it."""
        latest = next(
            iter(
                self.aws.pages(
                    "sagemaker",
                    "list_pipeline_executions",
                    "PipelineExecutionSummaries",
                    address,
                    PipelineName=name,
                    SortBy="CreationTime",
                    SortOrder="Descending",
                )
            ),
            None,
        )
        if latest and latest.get("PipelineExecutionDescription") == mark and latest.get("PipelineExecutionStatus") in (RUNNING | {"Succeeded"}):
            return str(latest["PipelineExecutionArn"])
        return None

    def _steps(self, address: str, arn: str) -> list[dict[str, Any]]:
        return list(
            self.aws.pages(
                "sagemaker", "list_pipeline_execution_steps", "PipelineExecutionSteps", address, PipelineExecutionArn=arn
            )
        )

    def _failure(self, address: str, arn: str, reason: str | None, status: str) -> str:
        """The failing steps' own reasons, then the execution's."""
        parts = [
            f"step {s.get('StepName')}: {s.get('FailureReason') or s.get('StepStatus')}"
            for s in self._steps(address, arn)
            if s.get("StepStatus") in ("Failed", "Stopped")
        ]
        if reason:
            parts.append(reason)
        return "; ".join(parts) or f"The execution is {status}."

    def _results(self, address: str, arn: str, step: str) -> tuple[str | None, dict[str, float]]:
        for s in self._steps(address, arn):
            job = ((s.get("Metadata") or {}).get("TrainingJob") or {}).get("Arn")
            if s.get("StepName") == step and job:
                desc = self.aws.call("sagemaker", "describe_training_job", address, TrainingJobName=job.split("/")[-1])
                metrics = {m["MetricName"]: float(m["Value"]) for m in desc.get("FinalMetricDataList", [])}
                return desc.get("ModelArtifacts", {}).get("S3ModelArtifacts"), metrics
        return None, {}

    def _select(self, config: dict[str, Any], metrics: dict[str, float]) -> dict[str, float]:
        """The recorded metrics and those gated on (every metric when none is named)."""
        wanted = (config.get("metrics") or config.get("gates")) and definition.metric_names(config)
        return {k: v for k, v in sorted(metrics.items()) if not wanted or k in wanted}

    def _check_gates(self, address: str, config: dict[str, Any], outputs: dict[str, Any]) -> None:
        missed = gates.missed(config.get("gates"), outputs.get("metrics"))
        if missed:
            raise ResourceError(
                f"Quality gate missed by {address}",
                "; ".join(missed),
                partial=self.attributes(config, {**outputs, "digest": None}),
            )

    # -- CRUD ----------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        name = self._name(address, config)
        built = self._definition(address, config)
        self._upload_code(address, built)
        body = definition.dumps(built)
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
                ClientRequestToken=token(),
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
        built = self._definition(address, config)
        self._upload_code(address, built)
        body = definition.dumps(built)
        role = self.role(parse_block(PipelineBlock, config).execution_role_arn, address)
        arn = self.aws.call("sagemaker", "update_pipeline", address, PipelineName=name, PipelineDefinition=body, RoleArn=role)["PipelineArn"]
        self.retag(address, arn, prior.get("tags") or {}, config)
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
        if live is None:
            return None
        out = dict(state)
        tags = self.aws.call("sagemaker", "list_tags", address, ResourceArn=live["PipelineArn"]).get("Tags", [])
        out["tags"] = naming.user_tags(tags, self.settings.default_tags)
        return out

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        live = self.aws.try_call("sagemaker", "describe_pipeline", address, PipelineName=object_id)
        return None if live is None else self._imported(live)

    def _imported(self, live: dict[str, Any]) -> dict[str, Any]:
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
            self.aws.try_call("sagemaker", "delete_pipeline", address, PipelineName=state["id"], ClientRequestToken=token())

    def find(self, address: str) -> dict[str, Any] | None:
        base = naming.base_name(address)
        for p in self.aws.pages("sagemaker", "list_pipelines", "PipelineSummaries", address, PipelineNamePrefix=base, MaxResults=100):
            if p["PipelineName"] == base and self.tagged(p["PipelineArn"], address):
                return self.import_object(address, p["PipelineName"])
        return None
