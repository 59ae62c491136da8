"""SageMaker Pipeline definition JSON generated from the portable pipeline steps.

- An estimator step is a training step in script mode on the framework's prebuilt
  training image: the ``sagemaker_program`` / ``sagemaker_submit_directory``
  hyperparameters point the container at ``scripts/mlinfra_train.py``, which the
  provider uploads (``source_dir``) and which prints one ``NAME=VALUE`` line per metric.
- A container step (``image`` + ``command``) is a training step when it produces the
  model, else a processing step. It reports a metric by printing ``NAME=VALUE``.
- Every training step declares MetricDefinitions for the metrics the pipeline records
  or gates on, so the training job's FinalMetricDataList carries them.
- Steps without ``depends_on`` read the pipeline's inputs; a step that depends on others
  reads their outputs, wired with ``Get`` expressions on the steps' properties.

The model step is the last estimator step, else the step whose ``outputs`` name a
``model``, else the last step in dependency order.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tarfile
from pathlib import Path
from typing import Any

from mlinfra_provider_aws import images
from mlinfra_provider_aws.config import PipelineBlock

VERSION = "2020-12-01"
PROGRAM = "mlinfra_train.py"
SCRIPT = Path(__file__).parent / "scripts" / PROGRAM
# What the training script prints when the pipeline names no metrics.
DEFAULT_METRICS = ("accuracy", "f1", "precision", "recall", "r2", "rmse", "mae")


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


def source_dir() -> bytes:
    """The script-mode source directory, a gzipped tar built byte-for-byte the same
    every time (so its digest, and the definition's, is stable)."""
    body = SCRIPT.read_bytes()
    raw = io.BytesIO()
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(PROGRAM)
        info.size, info.mtime, info.mode = len(body), 0, 0o644
        tar.addfile(info, io.BytesIO(body))
    return raw.getvalue()


def source_key() -> str:
    return f"mlinfra/code/{hashlib.sha256(source_dir()).hexdigest()[:16]}/sourcedir.tar.gz"


def uses_script(steps: dict[str, dict[str, Any]]) -> bool:
    return any(s.get("estimator") for s in steps.values())


def metric_names(config: dict[str, Any]) -> list[str]:
    """The metrics to declare: those recorded or gated on, else what the script prints."""
    names = set(config.get("metrics") or [])
    names |= {g.partition("_")[2] for g in (config.get("gates") or {})}
    return sorted(names) if names else list(DEFAULT_METRICS)


def metric_definitions(names: list[str]) -> list[dict[str, str]]:
    number = r"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)"
    return [{"Name": n, "Regex": rf"(?:^|\s){re.escape(n)}\s*[=:]\s*{number}"} for n in names]


def _command(cmd: Any) -> list[str] | None:
    if cmd is None:
        return None
    return cmd.split() if isinstance(cmd, str) else [str(c) for c in cmd]


def _framework(estimator: str) -> str:
    root = estimator.split(".")[0].lower()
    return {"xgboost": "xgboost", "torch": "pytorch"}.get(root, "sklearn")


def _kind(name: str, steps: dict[str, dict[str, Any]], target: str) -> str:
    return "Training" if steps[name].get("estimator") or name == target else "Processing"


def _output_of(dep: str, kind: str) -> dict[str, str]:
    """The ``Get`` expression of where step ``dep`` leaves its output."""
    if kind == "Training":
        return {"Get": f"Steps.{dep}.ModelArtifacts.S3ModelArtifacts"}
    return {"Get": f"Steps.{dep}.ProcessingOutputConfig.Outputs['output'].S3Output.S3Uri"}


def _sources(name: str, steps: dict[str, dict[str, Any]], target: str, inputs: dict[str, str]) -> list[tuple[str, Any]]:
    """(channel, S3 URI or Get) of what step ``name`` reads."""
    deps = sorted(steps[name].get("depends_on") or [])
    if not deps:
        return sorted(inputs.items())
    return [(d, _output_of(d, _kind(d, steps, target))) for d in deps]


def build(
    address: str,
    config: dict[str, Any],
    block: PipelineBlock,
    role: str,
    output_path: str,
    region: str,
    code_uri: str | None = None,
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
        sources = _sources(name, steps, target, inputs)
        if s.get("estimator"):
            image = s.get("image") or images.framework_image(_framework(s["estimator"]), None, region, "training")
        else:
            image = s.get("image")
            if not image:
                raise ValueError(f'step "{name}" needs `estimator`, or `image` and `command`')
        command = _command(s.get("command"))
        kind = _kind(name, steps, target)
        if kind == "Training":
            algorithm: dict[str, Any] = {
                "TrainingImage": image,
                "TrainingInputMode": "File",
                "MetricDefinitions": metric_definitions(metric_names(config)),
            }
            if command and not s.get("estimator"):
                algorithm["ContainerEntrypoint"] = command
            args: dict[str, Any] = {
                "AlgorithmSpecification": algorithm,
                "RoleArn": role,
                "OutputDataConfig": {"S3OutputPath": step_out},
                "ResourceConfig": instance,
                "StoppingCondition": stopping,
                "HyperParameters": _hyperparameters(s, config, block, region, code_uri, name),
                "InputDataConfig": [
                    {
                        "ChannelName": k,
                        "DataSource": {
                            "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": v, "S3DataDistributionType": "FullyReplicated"}
                        },
                    }
                    for k, v in sources
                ],
            }
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
                    for k, v in sources
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
        entry: dict[str, Any] = {"Name": name, "Type": kind, "Arguments": args}
        if s.get("depends_on"):
            entry["DependsOn"] = sorted(s["depends_on"])
        out_steps.append(entry)
    return {"Version": VERSION, "Metadata": {"mlinfra-address": address}, "Parameters": [], "Steps": out_steps}


def _hyperparameters(
    s: dict[str, Any], config: dict[str, Any], block: PipelineBlock, region: str, code_uri: str | None, name: str
) -> dict[str, str]:
    """Values are JSON text, as SageMaker's framework containers read them."""
    if not s.get("estimator"):
        return {k: json.dumps(v) for k, v in sorted((s.get("params") or {}).items())}
    if code_uri is None:
        raise ValueError(f'step "{name}" runs the training script, but there is nowhere to upload it')
    hyper: dict[str, Any] = {
        "sagemaker_program": PROGRAM,
        "sagemaker_submit_directory": code_uri,
        "sagemaker_region": region,
        "sagemaker_container_log_level": 20,
        "mlinfra_estimator": s["estimator"],
        "mlinfra_params": s.get("params") or {},
        "mlinfra_test_size": config.get("test_size", 0.2),
        "mlinfra_seed": config.get("seed", 0),
    }
    if block.label:
        hyper["mlinfra_label"] = block.label
    return {k: json.dumps(v, sort_keys=True) for k, v in sorted(hyper.items())}


def dumps(definition: dict[str, Any]) -> str:
    return json.dumps(definition, sort_keys=True, separators=(",", ":"))
