"""Pipeline executions in the SageMaker double, derived from the definition alone.

moto 5.2 finishes an execution at once and knows nothing of its steps. Here an
execution runs its definition's steps in order, as SageMaker's containers would:

- ``Get`` expressions on earlier steps' properties are resolved (an unresolvable one
  fails the execution, as SageMaker refuses it);
- a training step in script mode (``sagemaker_program`` + ``sagemaker_submit_directory``)
  runs the uploaded program with the step's channels, hyperparameters and model
  directory in the ``SM_*`` environment of SageMaker's training toolkit; its metrics
  are what the step's ``MetricDefinitions`` regexes find in what it printed, and its
  model directory becomes ``model.tar.gz`` under the step's output path;
- a training step on any other image prints ``CONTAINER_LOGS[image]`` (tests say what
  their container would print), and the same regexes turn that into metrics;
- a processing step copies its inputs to its output (the identity transform);
- an image containing "fail" fails its step; one containing "partial" fails it and
  ends the execution CompletedWithFailures.

Nothing is invented: a step without MetricDefinitions reports no metrics.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from moto.s3.models import s3_backends
from moto.sagemaker.utils import arn_formatter
from moto.utilities.utils import get_partition

CONTAINER_LOGS: dict[str, str] = {}
TRAINING: dict[str, dict[str, Any]] = {}
STEP_FAILURE = "Step failure: One or multiple steps failed."


def _s3(account_id: str) -> Any:
    return s3_backends[account_id][get_partition("us-east-1")]


def _split(uri: str) -> tuple[str, str]:
    bucket, _, key = uri[len("s3://") :].partition("/")
    return bucket, key


def read_prefix(account_id: str, uri: str) -> dict[str, bytes]:
    """{key relative to the prefix: body} of every object under ``uri``."""
    bucket_name, prefix = _split(uri)
    bucket = _s3(account_id).buckets.get(bucket_name)
    if bucket is None:
        return {}
    out = {}
    for name in list(bucket.keys.keys()):
        if name.startswith(prefix):
            rel = name[len(prefix) :].lstrip("/") or name.rsplit("/", 1)[-1]
            out[rel] = bucket.keys[name].value
    return out


def write(account_id: str, uri: str, body: bytes) -> None:
    bucket, key = _split(uri)
    backend = _s3(account_id)
    if bucket in backend.buckets:
        backend.put_object(bucket, key, body)


def resolve(value: Any, props: dict[str, dict[str, str]]) -> Any:
    """``{"Get": "Steps.NAME.PATH"}`` replaced by the property of an earlier step."""
    if isinstance(value, dict) and set(value) == {"Get"}:
        m = re.fullmatch(r"Steps\.([^.]+)\.(.+)", value["Get"])
        if not m or m.group(2) not in props.get(m.group(1), {}):
            raise LookupError(f"Invalid property reference {value['Get']}")
        return props[m.group(1)][m.group(2)]
    if isinstance(value, dict):
        return {k: resolve(v, props) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, props) for v in value]
    return value


def metrics_of(printed: str, definitions: list[dict[str, str]]) -> list[dict[str, Any]]:
    out = []
    for d in definitions:
        found = re.findall(d["Regex"], printed, flags=re.MULTILINE)
        if found:
            last = found[-1]
            out.append({"MetricName": d["Name"], "Value": float(last[0] if isinstance(last, tuple) else last)})
    return out


def _tar_dir(folder: Path) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w:gz") as tar:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                tar.add(p, arcname=str(p.relative_to(folder)))
    return raw.getvalue()


def _run_script(account_id: str, args: dict[str, Any], work: Path) -> tuple[str | None, str, Path]:
    """Run a script-mode training step: (failure or None, what it printed, model dir)."""
    hp = {k: json.loads(v) for k, v in (args.get("HyperParameters") or {}).items()}
    code = read_prefix(account_id, hp["sagemaker_submit_directory"])
    if not code:
        return f"ClientError: no source directory at {hp['sagemaker_submit_directory']}", "", work
    (work / "code").mkdir()
    with tarfile.open(fileobj=io.BytesIO(next(iter(code.values()))), mode="r:gz") as tar:
        tar.extractall(work / "code", filter="data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SM_")}
    for channel in args.get("InputDataConfig") or []:
        folder = work / "input" / "data" / channel["ChannelName"]
        for rel, body in read_prefix(account_id, channel["DataSource"]["S3DataSource"]["S3Uri"]).items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(body)
        folder.mkdir(parents=True, exist_ok=True)
        env[f"SM_CHANNEL_{channel['ChannelName'].upper()}"] = str(folder)
    model_dir = work / "model"
    model_dir.mkdir()
    env.update(SM_MODEL_DIR=str(model_dir), SM_HPS=json.dumps(hp), OMP_NUM_THREADS="1")
    proc = subprocess.run(
        [sys.executable, hp["sagemaker_program"]], cwd=work / "code", env=env, capture_output=True, text=True, timeout=300
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["exit status " + str(proc.returncode)])[-1]
        return f"AlgorithmError: {last}", proc.stdout, model_dir
    return None, proc.stdout, model_dir


def run(backend: Any, arn: str, definition: dict[str, Any]) -> tuple[str, str | None, list[dict[str, Any]]]:
    """Run every step: (execution status, its FailureReason, the step listing)."""
    account, region = backend.account_id, backend.region_name
    props: dict[str, dict[str, str]] = {}
    steps: list[dict[str, Any]] = []
    status = "Succeeded"
    for step in definition.get("Steps", []):
        name, kind = step["Name"], step["Type"]
        entry: dict[str, Any] = {"StepName": name, "StepStatus": "Succeeded", "Metadata": {}}
        steps.append(entry)
        try:
            args = resolve(step["Arguments"], props)
        except LookupError as e:
            entry.update(StepStatus="Failed", FailureReason=str(e))
            return "Failed", str(e), steps
        image = (args.get("AlgorithmSpecification") or {}).get("TrainingImage") or (args.get("AppSpecification") or {}).get("ImageUri", "")
        job = f"pipelines-{arn.rsplit('/', 1)[-1]}-{name}"[:63]
        failure = None
        if "fail" in image or "partial" in image:
            failure = "ClientError: Failed to pull the image: access denied"
        elif kind == "Training":
            failure = _training(account, region, job, args, image)
            entry["Metadata"] = {"TrainingJob": {"Arn": arn_formatter("training-job", job, account, region)}}
            if failure is None:
                props[name] = {"ModelArtifacts.S3ModelArtifacts": TRAINING[job]["ModelArtifacts"]["S3ModelArtifacts"]}
        else:
            out = args["ProcessingOutputConfig"]["Outputs"][0]["S3Output"]["S3Uri"].rstrip("/")
            for source in args.get("ProcessingInputs") or []:
                for rel, body in read_prefix(account, source["S3Input"]["S3Uri"]).items():
                    write(account, f"{out}/{rel}", body)
            entry["Metadata"] = {"ProcessingJob": {"Arn": arn_formatter("processing-job", job, account, region)}}
            props[name] = {"ProcessingOutputConfig.Outputs['output'].S3Output.S3Uri": out}
        if failure is not None:
            entry.update(StepStatus="Failed", FailureReason=failure)
            status = "CompletedWithFailures" if "partial" in image else "Failed"
            break
    return status, (STEP_FAILURE if status != "Succeeded" else None), steps


def _training(account: str, region: str, job: str, args: dict[str, Any], image: str) -> str | None:
    algorithm = args.get("AlgorithmSpecification") or {}
    artifact = f"{args['OutputDataConfig']['S3OutputPath'].rstrip('/')}/{job}/output/model.tar.gz"
    if "sagemaker_submit_directory" in (args.get("HyperParameters") or {}):
        with tempfile.TemporaryDirectory() as tmp:
            failure, printed, model_dir = _run_script(account, args, Path(tmp))
            if failure is None:
                write(account, artifact, _tar_dir(model_dir))
    else:
        failure, printed = None, CONTAINER_LOGS.get(image, "")
        write(account, artifact, f"trained by {job}".encode())
    TRAINING[job] = {
        "TrainingJobName": job,
        "TrainingJobStatus": "Failed" if failure else "Completed",
        "FailureReason": failure,
        "ModelArtifacts": {"S3ModelArtifacts": artifact},
        "FinalMetricDataList": metrics_of(printed, algorithm.get("MetricDefinitions") or []),
    }
    return failure
