"""The state backends side by side: ``python bench/backends.py --n 1000``.

For each backend (local, s3 on moto's server, gcs on the project's fake of the JSON API,
azurerm on Azurite, pg on a PostgreSQL started here) it applies the same configuration of
N local-provider resources from an empty state with the command line (``mlinfra init``,
then ``mlinfra apply --auto-approve``, timed), and separately measures the state layer
alone in-process: N journal puts (one per resource change, as an apply makes them) and
the compaction at the end. It prints (and writes to ``--out``) a table with the apply's
wall time, its cost per resource change and its ratio to the local backend's.

The servers come from ``tests/support`` (Azurite from ``.ci/node`` or ``PATH``, the
PostgreSQL binaries from ``PATH`` or ``/usr/lib/postgresql``); a backend whose server is
missing is reported as such. The goal: the pg backend's apply within 2x of the local one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO / "tests" / "support"))

import generate  # noqa: E402
from measure import run  # noqa: E402

KINDS = ("local", "s3", "gcs", "azurerm", "pg")
AWS_ENV = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "us-east-1"}


class Servers:
    """Start each backend's server on first use; ``close`` stops them all."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self._stops: list[Any] = []
        self._cache: dict[str, Any] = {}

    def settings(self, kind: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
        """(settings for the configuration, -backend-config settings, environment)."""
        unique = "b" + uuid.uuid4().hex[:10]
        if kind == "local":
            return {}, {}, {}
        if kind == "s3":
            import boto3
            from moto.server import ThreadedMotoServer

            if "s3" not in self._cache:
                os.environ.update(AWS_ENV)
                server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
                server.start()
                self._stops.append(server.stop)
                host, port = server.get_host_and_port()
                self._cache["s3"] = f"http://{host}:{port}"
            url = self._cache["s3"]
            boto3.client("s3", endpoint_url=url, region_name="us-east-1").create_bucket(Bucket=unique)
            return {"bucket": unique, "key": "bench.json", "region": "us-east-1", "endpoint_url": url}, {}, dict(AWS_ENV)
        if kind == "gcs":
            from gcsfake import GcsFake

            if "gcs" not in self._cache:
                fake = GcsFake().start()
                self._stops.append(fake.stop)
                self._cache["gcs"] = fake
            self._cache["gcs"].create_bucket(unique)
            return {"bucket": unique, "prefix": "bench", "endpoint": self._cache["gcs"].url}, {}, {}
        if kind == "azurerm":
            from azure.storage.blob import BlobServiceClient
            from azurite import find_azurite, start_azurite

            if "azurerm" not in self._cache:
                binary = find_azurite()
                if binary is None:
                    raise RuntimeError("Azurite is not installed")
                server = start_azurite(self.scratch / "azurite", binary)
                self._stops.append(server.stop)
                self._cache["azurerm"] = server
            az = self._cache["azurerm"]
            BlobServiceClient(az.endpoint, credential={"account_name": az.account, "account_key": az.key}) \
                .create_container(unique)
            settings = {"storage_account": az.account, "container": unique, "key": "bench.mlstate",
                        "endpoint": az.endpoint}
            return settings, {"access_key": az.key}, {}
        from pgserver import find_bindir, start_postgres

        if "pg" not in self._cache:
            bindir = find_bindir()
            if bindir is None:
                raise RuntimeError("PostgreSQL is not installed")
            server = start_postgres(bindir)
            self._stops.append(server.stop)
            self._cache["pg"] = server
        return {"conn_str": self._cache["pg"].conn_str, "schema_name": unique}, {}, {}

    def close(self) -> None:
        for stop in reversed(self._stops):
            stop()


def _backend_block(kind: str, settings: dict[str, Any]) -> str:
    body = "".join(f"    {k} = {json.dumps(v)}\n" for k, v in settings.items())
    return f'mlinfra {{\n  backend "{kind}" {{\n{body}  }}\n}}\n'


def measure_apply(kind: str, n: int, work: Path, servers: Servers, mlinfra: str) -> float:
    settings, extra, env = servers.settings(kind)
    workdir = work / f"backend-{kind}-{n}"
    shutil.rmtree(workdir, ignore_errors=True)
    generate.write_mlinfra(workdir, n, "wide")
    (workdir / "backend.hcl").write_text(_backend_block(kind, settings))
    environ = {**os.environ, **env, "NO_COLOR": "1", "OMP_NUM_THREADS": "1"}
    config = [f"-backend-config={k}={v}" for k, v in extra.items()]
    run([mlinfra, "init", *config], workdir, environ, workdir / "init.log")
    return run([mlinfra, "apply", "--auto-approve"], workdir, environ, workdir / "apply.log").wall


def measure_journal(kind: str, n: int, work: Path, servers: Servers) -> tuple[float, float]:
    """Seconds per journal put, and seconds for the compaction, of N changes."""
    from mlinfra.states import open_store
    from mlinfra.states.model import ResourceState

    settings, extra, env = servers.settings(kind)
    os.environ.update(env)
    workdir = work / f"journal-{kind}-{n}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    backend = open_store(workdir, kind, {**settings, **extra}).backend("default")
    info = backend.lock("apply")
    try:
        journal = backend.journal(backend.read())
        t0 = time.perf_counter()
        for i in range(n):
            attributes = {"uri": f"file://data/{i}.csv", "tags": {"note": f"n{i}"}, "size": i}
            journal.put(ResourceState(f"model.m{i}", "model", "local", id=str(i), attributes=attributes))
        t1 = time.perf_counter()
        journal.close()
        t2 = time.perf_counter()
    finally:
        backend.unlock(info)
    return (t1 - t0) / n, t2 - t1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--kinds", nargs="*", default=list(KINDS))
    ap.add_argument("--work", type=Path, default=BENCH / "work")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--mlinfra", default=str(Path(sys.executable).parent / "mlinfra"))
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    servers = Servers(Path(tempfile.mkdtemp(prefix="mlinfra-bench-")))
    rows: dict[str, tuple[float, float, float] | str] = {}
    try:
        for kind in args.kinds:
            try:
                apply_s = measure_apply(kind, args.n, args.work, servers, args.mlinfra)
                put_s, compact_s = measure_journal(kind, args.n, args.work, servers)
            except RuntimeError as e:
                rows[kind] = str(e).splitlines()[0]
                continue
            rows[kind] = (apply_s, put_s, compact_s)
            print(f"{kind}: apply {apply_s:.2f} s", flush=True)
    finally:
        servers.close()
    local = rows.get("local")
    lines = [
        f"### Backends, N = {args.n} (apply from empty, one command; state layer alone in-process)",
        "",
        "| backend | apply, s | per resource change, ms | apply vs local | journal put, ms | compaction, ms |",
        "|---|---|---|---|---|---|",
    ]
    for kind, row in rows.items():
        if isinstance(row, str):
            lines.append(f"| {kind} | {row} | | | | |")
            continue
        apply_s, put_s, compact_s = row
        ratio = f"{apply_s / local[0]:.2f}x" if isinstance(local, tuple) else "—"
        lines.append(
            f"| {kind} | {apply_s:.2f} | {1000 * apply_s / args.n:.2f} | {ratio} | "
            f"{1000 * put_s:.2f} | {1000 * compact_s:.0f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out is not None:
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
