"""Running the Azure ML fake's pipeline jobs for real, on this machine.

A submitted pipeline job goes NotStarted -> Running -> Completed (or Failed) as it is
polled. While Running, ``LocalJobRunner`` runs each command node the way a compute
cluster would: it downloads the node's code asset and inputs from the datastore (in
Azurite), runs the component's command with ``${{inputs.X}}`` / ``${{outputs.Y}}``
replaced by local paths, and uploads the outputs to their datastore paths. A non-zero
exit fails the job with the end of the command's stderr. Nothing is invented: metrics
and models are whatever the command wrote.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from azureml_rules import Answer, Refusal, plain_jobs

if TYPE_CHECKING:
    from azureml_fake import AzureMLFake

DATASTORE_URI = re.compile(r"^azureml://datastores/([^/]+)/paths/(.*)$")


class LocalJobRunner:
    def __init__(self, fake: AzureMLFake, endpoint: str, account: str, key: str) -> None:
        from azure.storage.blob import BlobServiceClient

        self.fake = fake
        self.service = BlobServiceClient(endpoint, credential={"account_name": account, "account_key": key})

    def _container(self, uri: str) -> tuple[Any, str]:
        m = DATASTORE_URI.match(uri)
        assert m, f"not a datastore URI: {uri}"
        store = self.fake.get(f"datastores/{m.group(1)}")
        assert store is not None, f"no datastore {m.group(1)}"
        return self.service.get_container_client(store["properties"]["containerName"]), m.group(2)

    def download(self, uri: str, dest: Path, kind: str) -> Path:
        client, path = self._container(uri)
        if kind == "uri_file":
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(client.download_blob(path).readall())
            return dest
        prefix = path.rstrip("/") + "/"
        for b in client.list_blobs(name_starts_with=prefix):
            target = dest / b.name[len(prefix):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(client.download_blob(b.name).readall())
        dest.mkdir(parents=True, exist_ok=True)
        return dest

    def upload(self, src: Path, uri: str) -> None:
        client, path = self._container(uri)
        for f in sorted(p for p in src.rglob("*") if p.is_file()):
            client.upload_blob(f"{path.rstrip('/')}/{f.relative_to(src).as_posix()}", f.read_bytes(), overwrite=True)

    def __call__(self, job: dict[str, Any]) -> str | None:
        """Run every node; None when all succeeded, else the failure message."""
        for name, node in sorted(job["properties"].get("jobs", {}).items()):
            component = self.fake.objects[node["componentId"].lower()]["properties"]["componentSpec"]
            code_id = str(component["code"]).removeprefix("azureml:")
            code_uri = self.fake.objects[code_id.lower()]["properties"]["codeUri"]
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                code = self.download(code_uri, root / "code", "uri_folder")
                command = component["command"]
                for k, v in (node.get("inputs") or {}).items():
                    kind = v.get("job_input_type") or v.get("jobInputType") or "uri_file"
                    local = self.download(v["uri"], root / "inputs" / k / "data", kind)
                    command = command.replace("${{inputs." + k + "}}", shlex.quote(str(local)))
                outs = {}
                for k in (node.get("outputs") or {}):
                    outs[k] = root / "outputs" / k
                    command = command.replace("${{outputs." + k + "}}", shlex.quote(str(outs[k])))
                argv = shlex.split(command)
                if argv and argv[0] == "python":
                    argv[0] = sys.executable
                proc = subprocess.run(argv, cwd=code, capture_output=True, text=True, timeout=300,
                                      env={"OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
                if proc.returncode != 0:
                    return f"Node {name} exited {proc.returncode}: {proc.stderr.strip()[-500:]}"
                for k, v in (node.get("outputs") or {}).items():
                    if outs[k].exists():
                        self.upload(outs[k], v["uri"])
        return None


def handle_job(fake: AzureMLFake, method: str, path: str, segs: list[str], doc: Any) -> Answer:
    """A job runs as it is polled: NotStarted, Running (``runner`` runs it), then
    Completed or Failed. Without a runner a job stays Running."""
    key = path.lower()
    old = fake.objects.get(key)
    if method == "PUT":
        if old is not None:
            new = (doc or {}).get("properties") or {}
            if "jobs" in new and plain_jobs(new["jobs"]) != plain_jobs(old["properties"].get("jobs")):
                raise Refusal(400, "UserError", f"A job named {segs[1]} already exists; job names are unique.")
            for k in ("isArchived", "tags", "displayName", "description"):
                if k in new:
                    old["properties"][k] = new[k]
            return Answer(200, old)
        obj = fake._stamp(path, segs, doc, None)
        obj["properties"].update(status="NotStarted", services={})
        fake.objects[key] = obj
        return Answer(201, obj)
    if method == "DELETE":
        fake.objects.pop(key, None)
        return Answer(200)
    obj = fake._must(path)
    props = obj["properties"]
    if props["status"] == "NotStarted":
        props["status"] = "Running"
    elif props["status"] == "Running" and fake.runner is not None:
        failure = fake.runner(obj)
        props["status"] = "Failed" if failure else "Completed"
        if failure:
            fake.job_errors[segs[1]] = failure
    return Answer(200, obj)
