"""Applies bound by cloud latency: ``python bench/latency.py``.

Endpoints on a real cloud take minutes to become ready, and an apply of many of them is
as fast as its scheduling of those waits. This measures ``mlinfra apply`` of endpoints
that take ``--latency`` seconds to be ready behind an API limited to ``--rate`` calls a
second (``--burst`` at once), through the benchmark provider in ``bench/latencyprovider``
(installed into the project's environment by each run), for independent endpoints
(N = 20, 200, 2,000) and for chains (each endpoint serving the one before's id).

Each figure is set against the critical-path bound: no apply can finish sooner than its
longest chain of (create call, latency, poll call), nor than its calls (two an endpoint
at the least) allow through the rate limit, nor than they allow through
``--parallelism`` calls in flight of ``--call`` seconds each. Terraform, with its default
parallelism of 10, holds a worker for each wait: it is measured on the same graph of
``terraform_data`` resources whose ``local-exec`` provisioner sleeps the latency (offline:
both are built in), where that takes under ``--terraform-up-to`` seconds, and modelled
(N / 10 x latency per level) above.

``--aws N...`` does the same against the project's SageMaker double (moto, patched as in
the aws provider's tests) with endpoints Creating for ``--latency`` seconds, served in
this process on a local port. ``--gcp N...`` does it against the project's Vertex AI fake
(the gcp provider's tests), whose operations (endpoint creation, model deployment) each
take ``--gcp-latency`` seconds.

``--write`` puts the tables into the "Applies bound by cloud latency" section of
``bench/NOTES.md`` (which ``compare.py`` appends to RESULTS.md) and of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, run  # noqa: E402

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV_PY = REPO / ".venv" / "bin" / "python"
BEGIN, END = "<!-- latency:begin -->", "<!-- latency:end -->"


@dataclass(frozen=True)
class Params:
    latency: float
    rate: float
    burst: int
    call: float
    parallelism: int


@dataclass(frozen=True)
class Case:
    name: str
    chains: int  # independent chains
    depth: int  # endpoints in each

    @property
    def n(self) -> int:
        return self.chains * self.depth

    @staticmethod
    def parse(text: str) -> Case:
        if text.startswith("chains-"):
            c, d = text.removeprefix("chains-").split("x")
            return Case(text, int(c), int(d))
        return Case(text, int(text.removeprefix("wide-")), 1)


def bound(case: Case, p: Params) -> float:
    """The least time any scheduler could take (see the module's docstring)."""
    per_object = p.latency + 2 * p.call
    path = case.depth * per_object
    calls = 2 * case.n
    rate = max(0.0, calls - p.burst) / p.rate
    # The last create cannot go before the bucket lets it through; then it waits.
    last_create = max(0.0, case.n - p.burst) / p.rate + per_object
    in_flight = calls * p.call / p.parallelism
    return max(path, rate, last_create, in_flight)


def terraform_model(case: Case, p: Params, parallelism: int = 10) -> float:
    """Terraform's wait-bound time: each level of chains takes ceil(chains / 10) waits."""
    return case.depth * math.ceil(case.chains / parallelism) * p.latency


# -- the benchmark provider ----------------------------------------------------------


def install_provider() -> None:
    """Install (again, so an edit is picked up) the benchmark provider into .venv."""
    subprocess.run(
        [str(VENV_PY), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--force-reinstall",
         str(BENCH / "latencyprovider")],
        check=True, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def mlinfra_config(case: Case, p: Params) -> str:
    out = [
        f'provider "latency" {{\n  latency      = {p.latency}\n  rate         = {p.rate}\n'
        f"  burst        = {p.burst}\n  call_seconds = {p.call}\n}}\n"
    ]
    for c in range(case.chains):
        for k in range(case.depth):
            model = f"endpoint.c{c}_e{k - 1}.id" if k else f'"model-{c}"'
            out.append(f'endpoint "c{c}_e{k}" {{\n  variant "main" {{\n    model = {model}\n  }}\n}}\n')
    return "\n".join(out)


def terraform_config(case: Case, p: Params) -> str:
    out = []
    for c in range(case.chains):
        for k in range(case.depth):
            after = f"\n  depends_on = [terraform_data.c{c}_e{k - 1}]" if k else ""
            out.append(
                f'resource "terraform_data" "c{c}_e{k}" {{\n  input = "c{c}_e{k}"{after}\n'
                f'  provisioner "local-exec" {{\n    command = "sleep {p.latency}"\n  }}\n}}\n'
            )
    return "\n".join(out)


@dataclass
class Figure:
    case: Case
    wall: float  # the whole command
    cpu: float  # its user + sys time
    walk: float  # first API call to last object ready
    stats: dict[str, Any]


def measure_mlinfra(case: Case, p: Params, work: Path, env: dict[str, str]) -> Figure:
    d = work / case.name / "mlinfra"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    (d / "main.hcl").write_text(mlinfra_config(case, p))
    mlinfra = str(REPO / ".venv" / "bin" / "mlinfra")
    r: Run = run([mlinfra, "apply", "--auto-approve", f"--parallelism={p.parallelism}"], d, env, d / "apply.log")
    stats = json.loads((d / ".latency-cloud" / "stats.json").read_text())
    objects = len(list((d / ".latency-cloud" / "objects").glob("*.json")))
    assert objects == case.n, f"{objects} objects for {case.n} endpoints"
    return Figure(case, r.wall, r.cpu, stats["last_ready"] - stats["first_call"], stats)


def measure_terraform(case: Case, p: Params, work: Path, env: dict[str, str]) -> float:
    d = work / case.name / "terraform"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    (d / "main.tf").write_text(terraform_config(case, p))
    run(["terraform", "init", "-input=false", "-no-color"], d, env, d / "init.log")
    r = run(["terraform", "apply", "-auto-approve", "-input=false", "-no-color"], d, env, d / "apply.log")
    return r.wall


def provider_table(figs: list[Figure], tf: dict[str, tuple[float, bool]], p: Params) -> list[str]:
    rows = [
        "| case | N | bound | mlinfra walk | / bound | mlinfra command (CPU) | calls (throttled) | most in flight "
        "| most waiting | most threads | Terraform | Terraform / mlinfra command |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figs:
        b = bound(f.case, p)
        s = f.stats
        t, measured = tf[f.case.name]
        rows.append(
            f"| {f.case.name} | {f.case.n} | {b:.2f} s | {f.walk:.2f} s | {f.walk / b:.2f} | {f.wall:.2f} s ({f.cpu:.2f} s) "
            f"| {s['calls']} ({s['throttled']}) | {s['max_in_flight']} | {s['max_waiting']} | {s['max_threads']} "
            f"| {t:.1f} s{'' if measured else ' (model)'} | {t / f.wall:.1f}x |"
        )
    return rows


# -- against the SageMaker double ------------------------------------------------------


class _Until:
    """Statuses of an endpoint still Creating: there are some until ``at``."""

    def __init__(self, at: float) -> None:
        self.at = at

    def __bool__(self) -> bool:
        return time.monotonic() < self.at

    def pop(self, index: int = 0) -> str:
        return "Creating"


def moto_server(latency: float, seen: dict[str, float]) -> str:
    """A patched moto in this process whose endpoints are Creating for ``latency`` s."""
    sys.path.insert(0, str(REPO / "providers" / "aws" / "tests"))
    import logging

    import aws_moto_support as support
    from moto.sagemaker.models import SageMakerModelBackend
    from moto.server import ThreadedMotoServer

    support.install()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    create, describe = SageMakerModelBackend.create_endpoint, SageMakerModelBackend.describe_endpoint
    lock = threading.Lock()

    def timed_create(self: Any, endpoint_name: str, endpoint_config_name: str, tags: Any) -> Any:
        e = create(self, endpoint_name, endpoint_config_name, tags)
        _, finish = support.PENDING[endpoint_name]
        support.PENDING[endpoint_name] = (_Until(time.monotonic() + latency), finish)  # type: ignore[assignment]
        with lock:
            seen.setdefault("first_create", time.time())
        return e

    def timed_describe(self: Any, endpoint_name: str) -> Any:
        out = describe(self, endpoint_name)
        if out.get("EndpointStatus") == "InService":
            with lock:
                seen["last_ready"] = max(seen.get("last_ready", 0.0), time.time())
        return out

    SageMakerModelBackend.create_endpoint = timed_create  # type: ignore[method-assign]
    SageMakerModelBackend.describe_endpoint = timed_describe  # type: ignore[method-assign]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return f"http://{host}:{port}"


def aws_config(n: int, url: str, poll: float) -> str:
    out = [
        f'provider "aws" {{\n  region             = "us-east-1"\n  endpoint_url       = "{url}"\n'
        '  execution_role_arn = "arn:aws:iam::123456789012:role/sagemaker-execution"\n'
        f'  artifact_bucket    = "mlinfra-artifacts"\n  poll_interval      = {poll}\n}}\n',
        'model "m" {\n  artifact = "s3://data/m.tar.gz"\n'
        '  image    = "123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1"\n}\n',
    ]
    out += [f'endpoint "e{i}" {{\n  variant "main" {{\n    model = model.m.id\n  }}\n}}\n' for i in range(n)]
    return "\n".join(out)


def measure_aws(ns: list[int], p: Params, poll: float, work: Path, env: dict[str, str]) -> list[str]:
    import urllib.request

    import boto3

    seen: dict[str, float] = {}
    url = moto_server(p.latency, seen)
    env = {**env, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true"}  # fmt: skip
    rows = [
        "| N | bound (latency + one endpoint's calls) | mlinfra walk | / bound | mlinfra command | SageMaker calls "
        "(a second of the command) | Terraform (model) |",
        "|---|---|---|---|---|---|---|",
    ]
    single = None
    for n in sorted(set([1, *ns])):
        urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST"), timeout=10).close()
        support_calls().clear()
        seen.clear()
        s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")  # fmt: skip
        for b in ("data", "mlinfra-artifacts"):
            s3.create_bucket(Bucket=b)
        s3.put_object(Bucket="data", Key="m.tar.gz", Body=b"m")
        d = work / f"aws-{n}"
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
        (d / "main.hcl").write_text(aws_config(n, url, poll))
        r = run([str(REPO / ".venv" / "bin" / "mlinfra"), "apply", "--auto-approve", f"--parallelism={p.parallelism}"],
                d, env, d / "apply.log")  # fmt: skip
        walk = seen["last_ready"] - seen["first_create"]
        calls = len(support_calls())
        print(f"aws N={n}: walk {walk:.2f} s, command {r.wall:.2f} s, {calls} SageMaker calls", flush=True)
        if n == 1:
            single = walk
            continue
        assert single is not None
        tf = math.ceil(n / 10) * p.latency
        rows.append(f"| {n} | {single:.2f} s | {walk:.2f} s | {walk / single:.2f} | {r.wall:.2f} s "
                    f"| {calls} ({calls / r.wall:.0f}) | {tf:.1f} s |")  # fmt: skip
    return rows


# -- against the Vertex AI fake --------------------------------------------------------


def vertex_server(latency: float, seen: dict[str, float]) -> Any:
    """The gcp provider tests' Vertex AI fake in this process, holding model "m" (made
    behind the provider's back), whose long-running operations from then on finish
    ``latency`` s after they start, however often they are polled."""
    sys.path.insert(0, str(REPO / "providers" / "gcp" / "tests"))
    from vertexfake import VertexFake

    fake = VertexFake().start()
    state = fake.state
    model = {"displayName": "m", "artifactUri": "gs://data/m/", "containerSpec": {"imageUri": "us-docker.pkg.dev/p/serve:1"}}
    op = fake.models.upload(state.location("proj", "us-central1"), {"model": model}, {"modelId": "m"})
    while not state.poll(op["name"]).get("done"):
        pass
    started: dict[str, float] = {}
    start, finish = state.start, state._finish

    def timed_start(*args: Any) -> dict[str, Any]:
        out: dict[str, Any] = start(*args)
        started[out["name"]] = time.monotonic()
        seen.setdefault("first_create", time.time())
        return out

    def timed_finish(op: Any) -> None:
        finish(op)
        seen["last_ready"] = max(seen.get("last_ready", 0.0), time.time())

    state.start = timed_start  # type: ignore[method-assign]
    state._finish = timed_finish  # type: ignore[method-assign]
    state.hold = lambda name: name not in started or time.monotonic() < started[name] + latency
    return fake


def gcp_config(n: int, url: str, poll: float) -> str:
    out = [
        f'provider "gcp" {{\n  project       = "proj"\n  region        = "us-central1"\n  credentials   = "anonymous"\n'
        f'  api_endpoint  = "{url}"\n  poll_interval = {poll}\n}}\n'
    ]
    model = "projects/proj/locations/us-central1/models/m@1"
    out += [f'endpoint "e{i}" {{\n  provider = gcp\n  variant "main" {{\n    model = "{model}"\n  }}\n}}\n' for i in range(n)]
    return "\n".join(out)


def measure_gcp(ns: list[int], p: Params, poll: float, work: Path, env: dict[str, str]) -> list[str]:
    rows = [
        "| N | bound (one endpoint alone) | mlinfra walk | / bound | mlinfra command | most operations under way "
        "| most calls in flight | Terraform (model) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    single = None
    for n in sorted(set([1, *ns])):
        seen: dict[str, float] = {}
        fake = vertex_server(p.latency, seen)
        try:
            d = work / f"gcp-{n}"
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
            (d / "main.hcl").write_text(gcp_config(n, fake.url, poll))
            r = run([str(REPO / ".venv" / "bin" / "mlinfra"), "apply", "--auto-approve", f"--parallelism={p.parallelism}"],
                    d, env, d / "apply.log")  # fmt: skip
        finally:
            fake.stop()
        walk = seen["last_ready"] - seen["first_create"]
        most, calls = fake.state.most_unfinished, fake.most_in_flight
        print(f"gcp N={n}: walk {walk:.2f} s, command {r.wall:.2f} s, {most} operations under way at most, "
              f"{calls} calls in flight at most", flush=True)  # fmt: skip
        if n == 1:
            single = walk
            continue
        assert single is not None
        tf = math.ceil(n / 10) * single
        rows.append(f"| {n} | {single:.2f} s | {walk:.2f} s | {walk / single:.2f} | {r.wall:.2f} s | {most} | {calls} "
                    f"| {tf:.1f} s |")  # fmt: skip
    return rows


def support_calls() -> list[str]:
    """Every SageMaker action the double has served since the last clear."""
    import aws_moto_support as support

    return support.CALLS


# -- report ----------------------------------------------------------------------------


def replace_section(path: Path, text: str) -> None:
    doc = path.read_text() if path.exists() else ""
    block = f"{BEGIN}\n{text.rstrip()}\n{END}"
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        doc = head + block + rest.split(END, 1)[1]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    path.write_text(doc)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--cases", nargs="+", default=["wide-20", "wide-200", "wide-2000", "chains-10x20"])
    ap.add_argument("--latency", type=float, default=2.0)
    ap.add_argument("--rate", type=float, default=500.0)
    ap.add_argument("--burst", type=int, default=50)
    ap.add_argument("--call", type=float, default=0.01, help="seconds of each API call")
    ap.add_argument("--parallelism", type=int, default=10)
    ap.add_argument("--terraform-up-to", type=float, default=60.0, metavar="SECONDS",
                    help="measure Terraform where its model says it takes at most this long")  # fmt: skip
    ap.add_argument("--aws", type=int, nargs="*", default=[], metavar="N")
    ap.add_argument("--aws-latency", type=float, default=5.0)
    ap.add_argument("--aws-poll", type=float, default=1.0, help="the aws provider's poll_interval")
    ap.add_argument("--gcp", type=int, nargs="*", default=[], metavar="N")
    ap.add_argument("--gcp-latency", type=float, default=2.0)
    ap.add_argument("--gcp-poll", type=float, default=0.5, help="the gcp provider's poll_interval")
    ap.add_argument("--work", type=Path, default=BENCH / "work" / "latency")
    ap.add_argument("--write", action="store_true", help="write the tables into NOTES.md and RESULTS.md")
    args = ap.parse_args(argv)
    p = Params(args.latency, args.rate, args.burst, args.call, args.parallelism)
    args.work.mkdir(parents=True, exist_ok=True)
    tf_rc = args.work / "empty.tfrc"
    tf_rc.write_text("")
    env = {**os.environ, "CHECKPOINT_DISABLE": "1", "TF_CLI_CONFIG_FILE": str(tf_rc), "TF_IN_AUTOMATION": "1",
           "OMP_NUM_THREADS": "1", "NO_COLOR": "1"}  # fmt: skip
    install_provider()
    figs: list[Figure] = []
    tf: dict[str, tuple[float, bool]] = {}
    for name in args.cases:
        case = Case.parse(name)
        f = measure_mlinfra(case, p, args.work, env)
        figs.append(f)
        model = terraform_model(case, p)
        if shutil.which("terraform") and model <= args.terraform_up_to:
            tf[name] = (measure_terraform(case, p, args.work, env), True)
        else:
            tf[name] = (model, False)
        print(f"{name}: bound {bound(case, p):.2f} s, walk {f.walk:.2f} s, command {f.wall:.2f} s, "
              f"terraform {tf[name][0]:.1f} s, stats {f.stats}", flush=True)  # fmt: skip
    lines = [
        "## Applies bound by cloud latency",
        "",
        f"`python bench/latency.py` ({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, this machine): endpoints "
        f"ready {p.latency:g} s after their create call, behind an API of {p.rate:g} calls/s (burst {p.burst}) "
        f"taking {p.call * 1000:g} ms a call, `--parallelism {p.parallelism}`. *Bound* is the least time any "
        "scheduler could take (longest chain of create + latency + poll; calls through the rate limit; calls "
        "through the parallelism). *Walk* runs from the first API call to the last endpoint ready; the command "
        "adds start-up, the plan and the state writes, which a latency of minutes makes small. Terraform "
        "(parallelism 10, a worker held through each wait) runs `terraform_data` resources whose `local-exec` "
        "provisioner sleeps the latency.",
        "",
        *provider_table(figs, tf, p),
        "",
    ]
    if args.aws:
        lines += [
            f"Against the SageMaker double (moto in-process; endpoints Creating for {args.aws_latency:g} s; the aws "
            f"provider's `poll_interval = {args.aws_poll:g}`; one shared model), the bound is the walk of one endpoint "
            "alone: its latency plus its own calls.",
            "",
            *measure_aws(args.aws, Params(args.aws_latency, p.rate, p.burst, p.call, p.parallelism), args.aws_poll,
                         args.work, env),  # fmt: skip
            "",
        ]
    if args.gcp:
        lines += [
            f"Against the Vertex AI fake (in-process; each operation, endpoint creation then model deployment, "
            f"takes {args.gcp_latency:g} s; the gcp provider's `poll_interval = {args.gcp_poll:g}`; one shared model), "
            "the bound is the walk of one endpoint alone: two operations plus its own calls.",
            "",
            *measure_gcp(args.gcp, Params(args.gcp_latency, p.rate, p.burst, p.call, p.parallelism), args.gcp_poll,
                         args.work, env),  # fmt: skip
            "",
        ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        for doc in (BENCH / "NOTES.md", BENCH / "RESULTS.md"):
            replace_section(doc, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
