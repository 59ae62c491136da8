"""SageMaker Pipeline definition JSON generated from the portable pipeline steps.

An estimator step becomes a training step on the framework's prebuilt image; a
container step (``image`` + ``command``) becomes a training step when it produces the
model and a processing step otherwise. The model step is the last estimator step, else
the step whose ``outputs`` name a ``model``, else the last step in dependency order.
"""

from __future__ import annotations

import json
from typing import Any

from mlinfra_provider_aws import images
from mlinfra_provider_aws.config import PipelineBlock

VERSION = "2020-12-01"


def step_order(steps: dict[str, dict[str, Any]]) -> list[str]:
    """Steps in dependency order, ties broken by name; ValueError on a cycle or unknown step."""
    order: list[str] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise ValueError(f'steps depend on each other in a cycle through "{name}"')
        if name not in steps:
            raise ValueError(f'depends_on names no step "{name}"')
        visiting.add(name)
        for dep in sorted(steps[name].get("depends_on") or []):
            visit(dep)
        visiting.discard(name)
        done.add(name)
        order.append(name)

    for name in sorted(steps):
        visit(name)
    return order


def model_step(steps: dict[str, dict[str, Any]]) -> str:
    order = step_order(steps)
    estimators = [s for s in order if steps[s].get("estimator")]
    if estimators:
        return estimators[-1]
    producing = [s for s in order if "model" in (steps[s].get("outputs") or {})]
    return producing[-1] if producing else order[-1]


def _command(cmd: Any) -> list[str] | None:
    if cmd is None:
        return None
    return cmd.split() if isinstance(cmd, str) else [str(c) for c in cmd]


def _framework(estimator: str) -> str:
    root = estimator.split(".")[0].lower()
    return {"xgboost": "xgboost", "torch": "pytorch"}.get(root, "sklearn")


def build(
    address: str,
    config: dict[str, Any],
    block: PipelineBlock,
    role: str,
    output_path: str,
    region: str,
) -> dict[str, Any]:
    steps: dict[str, dict[str, Any]] = config["step"]
    inputs: dict[str, str] = config.get("inputs") or {}
    target = model_step(steps)
    out_steps = []
    for name in step_order(steps):
        s = steps[name]
        instance = {
            "InstanceType": s.get("instance_type") or block.instance_type,
            "InstanceCount": int(s.get("instance_count") or 1),
            "VolumeSizeInGB": block.volume_size,
        }
        stopping = {"MaxRuntimeInSeconds": block.max_runtime}
        step_out = f"{output_path.rstrip('/')}/{name}"
        if s.get("estimator"):
            image = s.get("image") or images.framework_image(_framework(s["estimator"]), None, region, "training")
        else:
            image = s.get("image")
            if not image:
                raise ValueError(f'step "{name}" needs `estimator`, or `image` and `command`')
        command = _command(s.get("command"))
        if name == target:
            algorithm: dict[str, Any] = {"TrainingImage": image, "TrainingInputMode": "File"}
            if command:
                algorithm["ContainerEntrypoint"] = command
            hyper = {k: json.dumps(v) for k, v in sorted((s.get("params") or {}).items())}
            if s.get("estimator"):
                hyper["mlinfra_estimator"] = s["estimator"]
                hyper["mlinfra_test_size"] = str(config.get("test_size", 0.2))
                hyper["mlinfra_seed"] = str(config.get("seed", 0))
            args: dict[str, Any] = {
                "AlgorithmSpecification": algorithm,
                "RoleArn": role,
                "OutputDataConfig": {"S3OutputPath": step_out},
                "ResourceConfig": instance,
                "StoppingCondition": stopping,
                "HyperParameters": hyper,
                "InputDataConfig": [
                    {
                        "ChannelName": k,
                        "DataSource": {
                            "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": v, "S3DataDistributionType": "FullyReplicated"}
                        },
                    }
                    for k, v in sorted(inputs.items())
                ],
            }
            kind = "Training"
        else:
            app: dict[str, Any] = {"ImageUri": image}
            if command:
                app["ContainerEntrypoint"] = command
            args = {
                "ProcessingResources": {"ClusterConfig": instance},
                "AppSpecification": app,
                "RoleArn": role,
                "StoppingCondition": stopping,
                "ProcessingInputs": [
                    {
                        "InputName": k,
                        "S3Input": {
                            "S3Uri": v,
                            "LocalPath": f"/opt/ml/processing/input/{k}",
                            "S3DataType": "S3Prefix",
                            "S3InputMode": "File",
                        },
                    }
                    for k, v in sorted(inputs.items())
                ],
                "ProcessingOutputConfig": {
                    "Outputs": [
                        {
                            "OutputName": "output",
                            "S3Output": {"S3Uri": step_out, "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"},
                        }
                    ]
                },
            }
            kind = "Processing"
        entry: dict[str, Any] = {"Name": name, "Type": kind, "Arguments": args}
        if s.get("depends_on"):
            entry["DependsOn"] = sorted(s["depends_on"])
        out_steps.append(entry)
    return {"Version": VERSION, "Metadata": {"mlinfra:address": address}, "Parameters": [], "Steps": out_steps}


def dumps(definition: dict[str, Any]) -> str:
    return json.dumps(definition, sort_keys=True, separators=(",", ":"))
