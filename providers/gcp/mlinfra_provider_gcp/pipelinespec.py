"""The Kubeflow Pipelines v2 pipeline spec (the IR a Vertex AI PipelineJob runs) generated
from the portable pipeline steps.

Every step is a container task. An estimator step runs the provider's trainer (uploaded
to Cloud Storage, read through the ``/gcs/`` mount) on the prebuilt scikit-learn
training image; a container step runs its own image and command. The model step (the
last estimator step, else the step whose ``outputs`` name a ``model``, else the last
step) declares a ``system.Model`` and a ``system.Metrics`` output: the trained artifact
and the metrics the gates read. Container steps find those outputs in the environment:
``AIP_MODEL_DIR`` (gs://) and ``MLINFRA_EXECUTOR_INPUT`` (the executor input JSON).
"""

from __future__ import annotations

import graphlib
import json
from typing import Any

SCHEMA_VERSION = "2.1.0"
SDK_VERSION = "mlinfra-0.1.0"
MODEL_PATH = "{{$.outputs.artifacts['model'].path}}"
MODEL_URI = "{{$.outputs.artifacts['model'].uri}}"


def step_order(steps: dict[str, dict[str, Any]]) -> list[str]:
    """Steps in dependency order, ties broken by name; ValueError on a cycle or unknown step."""
    graph = graphlib.TopologicalSorter({name: set(s.get("depends_on") or []) for name, s in steps.items()})
    for name, s in sorted(steps.items()):
        for dep in s.get("depends_on") or []:
            if dep not in steps:
                raise ValueError(f'step "{name}": depends_on names no step "{dep}"')
    try:
        graph.prepare()
    except graphlib.CycleError as e:
        raise ValueError(f"steps depend on each other in a cycle: {' -> '.join(e.args[1])}") from None
    order: list[str] = []
    while graph.is_active():
        ready = sorted(graph.get_ready())
        order.extend(ready)
        graph.done(*ready)
    return order


def model_step(steps: dict[str, dict[str, Any]]) -> str:
    order = step_order(steps)
    estimators = [s for s in order if steps[s].get("estimator")]
    if estimators:
        return estimators[-1]
    producing = [s for s in order if "model" in (steps[s].get("outputs") or {})]
    return producing[-1] if producing else order[-1]


def task_id(step: str) -> str:
    """KFP task and component names: lowercase letters, digits and ``-``."""
    return "".join(c if c.isalnum() else "-" for c in step.lower()).strip("-") or "step"


def _artifact(schema: str) -> dict[str, Any]:
    return {"artifactType": {"schemaTitle": schema, "schemaVersion": "0.0.1"}}


def _command(cmd: Any) -> list[str]:
    if cmd is None:
        return []
    return cmd.split() if isinstance(cmd, str) else [str(c) for c in cmd]


def build(
    name: str,
    config: dict[str, Any],
    trainer_path: str | None,
    trainer_image: str,
    target: str | None,
) -> dict[str, Any]:
    """The pipeline spec of ``config``. ``trainer_path`` is the trainer's /gcs/ path
    (needed when a step names an estimator); inputs are gs:// URIs."""
    steps: dict[str, dict[str, Any]] = config["step"]
    inputs = {k: v for k, v in sorted((config.get("inputs") or {}).items())}
    target_step = model_step(steps)
    tasks: dict[str, Any] = {}
    components: dict[str, Any] = {}
    executors: dict[str, Any] = {}
    for step in step_order(steps):
        s = steps[step]
        tid = task_id(step)
        outputs = {"artifacts": {"model": _artifact("system.Model"), "metrics": _artifact("system.Metrics")}} if step == target_step else {}
        container: dict[str, Any] = {"resources": {"cpuLimit": 4.0, "memoryLimit": 16.0}}
        if s.get("estimator"):
            if trainer_path is None:
                raise ValueError("an estimator step needs the trainer uploaded")
            args = ["--executor-input", "{{$}}", "--estimator", s["estimator"], "--params", json.dumps(s.get("params") or {}, sort_keys=True)]
            args += ["--train", _gcs(inputs.get("train") or next(iter(inputs.values()), ""))]
            if inputs.get("test"):
                args += ["--test", _gcs(inputs["test"])]
            if target:
                args += ["--target", target]
            args += ["--test-size", str(config.get("test_size", 0.2)), "--seed", str(config.get("seed", 0))]
            container.update(image=s.get("image") or trainer_image, command=["python3", trainer_path], args=args)
        else:
            if not s.get("image"):
                raise ValueError(f'step "{step}" needs `estimator`, or `image` and `command`')
            env = [{"name": f"MLINFRA_INPUT_{k.upper()}", "value": v} for k, v in inputs.items()]
            if outputs:
                env += [{"name": "AIP_MODEL_DIR", "value": MODEL_URI}, {"name": "MLINFRA_EXECUTOR_INPUT", "value": "{{$}}"}]
            container.update(image=s["image"], command=_command(s.get("command")), env=env)
        executors[f"exec-{tid}"] = {"container": container}
        components[f"comp-{tid}"] = {"executorLabel": f"exec-{tid}", **({"outputDefinitions": outputs} if outputs else {})}
        task: dict[str, Any] = {"taskInfo": {"name": tid}, "componentRef": {"name": f"comp-{tid}"}}
        deps = sorted(task_id(dep) for dep in s.get("depends_on") or [])
        if deps:
            task["dependentTasks"] = deps
        tasks[tid] = task
    return {
        "pipelineInfo": {"name": name},
        "schemaVersion": SCHEMA_VERSION,
        "sdkVersion": SDK_VERSION,
        "root": {"dag": {"tasks": tasks}},
        "components": components,
        "deploymentSpec": {"executors": executors},
    }


def _gcs(uri: str) -> str:
    return "/gcs/" + uri[5:] if uri.startswith("gs://") else uri
