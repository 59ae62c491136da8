"""A runner for the Vertex AI fake's pipeline jobs: a step's container command run with
this machine's Python, Cloud Storage mounted at ``/gcs/`` from the Cloud Storage fake.

It stands in for Vertex AI's prebuilt scikit-learn training image (Python with
scikit-learn and joblib) and for ``python:`` images: the objects of the fake are laid out
in a temporary folder, the command runs there (``/gcs/`` rewritten to that folder), and
every file it wrote goes back into the fake.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


class LocalContainer:
    def __init__(self, gcs: Any) -> None:
        self.gcs = gcs
        self.runs: list[list[str]] = []

    def __call__(self, command: list[str], args: list[str], env: dict[str, str], executor_input: dict[str, Any]) -> tuple[int, str]:
        with tempfile.TemporaryDirectory(prefix="gcs-mount-") as tmp:
            mount = Path(tmp)
            before: dict[tuple[str, str], bytes] = {}
            for bucket, objects in list(self.gcs.buckets.items()):
                for name, obj in list(objects.items()):
                    path = mount / bucket / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(obj.data)
                    before[(bucket, name)] = obj.data

            def local(text: str) -> str:
                return text.replace("/gcs/", f"{mount}/")

            argv = [local(a) for a in [*command, *args]]
            if argv and argv[0] in ("python", "python3"):
                argv[0] = sys.executable
            self.runs.append(argv)
            run_env = {**os.environ, **{k: local(v) for k, v in env.items()}, "MLINFRA_GCS_MOUNT": str(mount), "OMP_NUM_THREADS": "1"}
            try:
                proc = subprocess.run(argv, env=run_env, capture_output=True, text=True, timeout=300, cwd=tmp)
            except (OSError, subprocess.TimeoutExpired) as e:
                return 1, f"The replica workerpool0-0 could not run: {e}"
            for path in sorted(mount.rglob("*")):
                if path.is_file():
                    bucket, *rest = path.relative_to(mount).parts
                    data = path.read_bytes()
                    if rest and before.get((bucket, "/".join(rest))) != data and bucket in self.gcs.buckets:
                        self.gcs.insert(bucket, "/".join(rest), data, "application/octet-stream", {})
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            return proc.returncode, f"The replica workerpool0-0 exited with a non-zero status of {proc.returncode}. " + " ".join(tail)
        return 0, ""
