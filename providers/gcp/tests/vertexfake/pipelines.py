"""The fake's PipelineService: PipelineJobs that really run their tasks.

A job is checked like the service checks it (job ID, labels, a spec whose tasks name
components and executors, a gs:// output directory), then runs in the background:
QUEUED, RUNNING, then SUCCEEDED or FAILED. Each task's container goes to the runner
registered for its image (``runners``); an image with none fails as an image that cannot
be pulled. Nothing is invented: a task's outputs and their metadata (the metrics) are what
its container wrote to the KFP executor output file.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from typing import Any

from vertexfake.core import ApiError, State, check_display_name, check_labels, now

JOB_ID = re.compile(r"^[a-z][a-z0-9-]{0,127}$")
# (command, args, env, executor input) -> (exit code, message)
Runner = Callable[[list[str], list[str], dict[str, str], dict[str, Any]], tuple[int, str]]
TERMINAL = ("PIPELINE_STATE_SUCCEEDED", "PIPELINE_STATE_FAILED", "PIPELINE_STATE_CANCELLED")


def _gcs(uri: str) -> str:
    return "/gcs/" + uri[5:]


class Pipelines:
    def __init__(self, state: State, read_object: Callable[[str], bytes | None]) -> None:
        self.state = state
        self.read_object = read_object
        self.jobs: dict[str, dict[str, Any]] = {}
        self.runners: dict[str, Runner] = {}
        self.threads: list[threading.Thread] = []

    def create(self, loc: str, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        job_id = query.get("pipelineJobId") or f"job-{self.state.next_id()}"
        if not JOB_ID.match(job_id):
            raise ApiError(400, f"Invalid pipelineJobId '{job_id}': lowercase letters, digits and hyphens, starting with a letter.")
        name = f"{loc}/pipelineJobs/{job_id}"
        if name in self.jobs:
            raise ApiError(409, f"PipelineJob {name} already exists.")
        check_display_name(body.get("displayName"), "pipelineJob")
        labels = check_labels(body.get("labels"))
        spec = body.get("pipelineSpec") or {}
        root = ((body.get("runtimeConfig") or {}).get("gcsOutputDirectory") or "").rstrip("/")
        if not root.startswith("gs://"):
            raise ApiError(400, "runtimeConfig.gcsOutputDirectory must be a Cloud Storage URI (gs://...).")
        tasks = self._check_spec(spec)
        stamp = now()
        job = {
            "name": name,
            "displayName": body["displayName"],
            "labels": labels,
            "pipelineSpec": spec,
            "runtimeConfig": body["runtimeConfig"],
            "state": "PIPELINE_STATE_QUEUED",
            "createTime": stamp,
            "updateTime": stamp,
        }
        if body.get("serviceAccount"):
            job["serviceAccount"] = body["serviceAccount"]
        self.jobs[name] = job
        t = threading.Thread(target=self._run, args=(job, tasks, root), daemon=True)
        self.threads.append(t)
        t.start()
        return dict(job)

    def _check_spec(self, spec: dict[str, Any]) -> list[str]:
        if not spec.get("schemaVersion") or not isinstance(spec.get("root"), dict):
            raise ApiError(400, "pipelineSpec must have schemaVersion and root.")
        tasks = (spec["root"].get("dag") or {}).get("tasks") or {}
        if not tasks:
            raise ApiError(400, "pipelineSpec.root.dag has no tasks.")
        executors = (spec.get("deploymentSpec") or {}).get("executors") or {}
        for tid, task in tasks.items():
            comp = (spec.get("components") or {}).get((task.get("componentRef") or {}).get("name", ""))
            if comp is None:
                raise ApiError(400, f"Task {tid} refers to a component that is not defined.")
            ex = executors.get(comp.get("executorLabel", ""))
            if not ex or not (ex.get("container") or {}).get("image"):
                raise ApiError(400, f"Task {tid}: executor {comp.get('executorLabel')} has no container image.")
            for dep in task.get("dependentTasks") or []:
                if dep not in tasks:
                    raise ApiError(400, f"Task {tid} depends on unknown task {dep}.")
        order: list[str] = []
        while len(order) < len(tasks):
            ready = sorted(t for t in tasks if t not in order and set(tasks[t].get("dependentTasks") or []) <= set(order))
            if not ready:
                raise ApiError(400, "The pipeline's tasks depend on each other in a cycle.")
            order.extend(ready)
        return order

    # -- running -------------------------------------------------------------------------
    def _run(self, job: dict[str, Any], order: list[str], root: str) -> None:
        spec = job["pipelineSpec"]
        job_num = job["name"].rsplit("/", 1)[1]
        with self.state.lock:
            job.update(state="PIPELINE_STATE_RUNNING", startTime=now())
        details = []
        failed: list[str] = []
        for tid in order:
            comp = spec["components"][spec["root"]["dag"]["tasks"][tid]["componentRef"]["name"]]
            container = spec["deploymentSpec"]["executors"][comp["executorLabel"]]["container"]
            detail: dict[str, Any] = {"taskId": self.state.next_id(), "taskName": tid, "createTime": now()}
            if failed:
                detail["state"] = "SKIPPED"
                details.append(detail)
                continue
            base = f"{root}/{job_num}/{tid}"
            outputs = {
                name: {"artifacts": [{"name": name, "type": a["artifactType"], "uri": f"{base}/{name}", "metadata": {}}]}
                for name, a in ((comp.get("outputDefinitions") or {}).get("artifacts") or {}).items()
            }
            executor_input = {"inputs": {}, "outputs": {"artifacts": outputs, "outputFile": _gcs(f"{base}/executor_output.json")}}
            code, message = self._execute(container, executor_input)
            if code != 0:
                detail.update(state="FAILED", error={"code": 9, "message": message})
                failed.append(tid)
            else:
                detail.update(state="SUCCEEDED", outputs=self._outputs(outputs, base))
            detail["endTime"] = now()
            details.append(detail)
        with self.state.lock:
            job["jobDetail"] = {"taskDetails": details}
            job.update(endTime=now(), updateTime=now())
            if failed:
                job["state"] = "PIPELINE_STATE_FAILED"
                reasons = "; ".join(f"{d['taskName']}: {d['error']['message']}" for d in details if d.get("error"))
                job["error"] = {
                    "code": 9,
                    "message": f"The DAG failed because some tasks failed. The failed tasks are: [{', '.join(failed)}]. {reasons}",
                }
            else:
                job["state"] = "PIPELINE_STATE_SUCCEEDED"

    def _execute(self, container: dict[str, Any], executor_input: dict[str, Any]) -> tuple[int, str]:
        image = container["image"]
        runner = next((r for prefix, r in sorted(self.runners.items(), key=lambda kv: -len(kv[0])) if image.startswith(prefix)), None)
        if runner is None:
            return 1, f'Failed to pull image "{image}": the image does not exist or the service account cannot read it.'

        def fill(text: str) -> str:
            text = text.replace("{{$}}", json.dumps(executor_input))
            for name, a in executor_input["outputs"]["artifacts"].items():
                uri = a["artifacts"][0]["uri"]
                text = text.replace(f"{{{{$.outputs.artifacts['{name}'].uri}}}}", uri)
                text = text.replace(f"{{{{$.outputs.artifacts['{name}'].path}}}}", _gcs(uri))
            return text

        command = [fill(c) for c in container.get("command") or []]
        args = [fill(a) for a in container.get("args") or []]
        env = {e["name"]: fill(e.get("value", "")) for e in container.get("env") or []}
        return runner(command, args, env, executor_input)

    def _outputs(self, outputs: dict[str, Any], base: str) -> dict[str, Any]:
        written = self.read_object(f"{base}/executor_output.json")
        declared = json.loads(written).get("artifacts", {}) if written else {}
        out = {}
        for name, a in outputs.items():
            art = dict(a["artifacts"][0])
            got = (declared.get(name) or {}).get("artifacts") or []
            if got:
                art["uri"] = got[0].get("uri", art["uri"])
                art["metadata"] = got[0].get("metadata", {})
            out[name] = {"artifacts": [{"name": art["name"], "uri": art["uri"], "schemaTitle": art["type"]["schemaTitle"], "metadata": art["metadata"]}]}
        return out

    # -- calls ---------------------------------------------------------------------------
    def get(self, name: str) -> dict[str, Any]:
        job = self.jobs.get(name)
        if job is None:
            raise ApiError(404, f'PipelineJob "{name}" not found.')
        return dict(job)

    def list(self, loc: str, query: dict[str, str], label_filter: Any) -> dict[str, Any]:
        out = [dict(j) for n, j in sorted(self.jobs.items()) if n.startswith(loc + "/") and label_filter(query.get("filter"), j.get("labels", {}))]
        return {"pipelineJobs": out} if out else {}

    def delete(self, name: str) -> dict[str, Any]:
        job = self.get(name)
        if job["state"] not in TERMINAL:
            raise ApiError(400, f"PipelineJob {name} is {job['state']}; cancel it before deleting it.", "FAILED_PRECONDITION")

        def finish() -> None:
            self.jobs.pop(name, None)

        return self.state.start(name, "DeleteOperationMetadata", "type.googleapis.com/google.protobuf.Empty", finish)

    def wait_idle(self) -> None:
        for t in self.threads:
            t.join(timeout=120)
