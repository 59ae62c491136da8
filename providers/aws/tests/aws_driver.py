"""A stand-in for the engine in the aws provider tests: configure, plan, apply and
read through the provider protocol, with the portable defaults filled in as the engine
fills them, plus boto3 clients on the same moto server to look behind the provider."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
from mlinfra_provider_aws import AwsProvider

from mlinfra.config.kinds import KIND_MODELS
from mlinfra.providers.protocol import (
    ApplyRequest,
    ConfigureRequest,
    ImportRequest,
    PlanRequest,
    PlanResponse,
    ReadRequest,
    RecoverRequest,
)

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/sagemaker-execution"
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1"


def provider_config(url: str, **over: Any) -> dict[str, Any]:
    return {
        "region": REGION,
        "endpoint_url": url,
        "execution_role_arn": ROLE,
        "artifact_bucket": "mlinfra-artifacts",
        "poll_interval": 0.01,
        "retry_timeout": 5,
        "wait_timeout": 20,
        "default_tags": {"team": "ml"},
        **over,
    }


def full(kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """The configuration the engine sends: portable defaults filled in."""
    model = KIND_MODELS[kind]
    blocks = {k: v for k, v in args.items() if k not in model.model_fields}
    core = {k: v for k, v in args.items() if k in model.model_fields}
    return {**model.model_validate(core).model_dump(), **blocks}


class ApplyFailed(AssertionError):
    def __init__(self, resp: Any) -> None:
        self.resp = resp
        self.diagnostics = resp.diagnostics.items
        super().__init__("; ".join(f"{d.summary}: {d.detail}" for d in self.diagnostics))


class Driver:
    def __init__(self, config: dict[str, Any], workdir: Path) -> None:
        self.url = config["endpoint_url"]
        self.workdir = workdir
        self.provider = AwsProvider()
        self.progress: list[str] = []
        resp = self.provider.configure(ConfigureRequest(config=config, workdir=workdir))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        assert self.provider.clients is not None
        self.provider.clients.backoff.base = 0.001
        self.sm = self.client("sagemaker")
        self.s3 = self.client("s3")

    def client(self, service: str) -> Any:
        return boto3.client(
            service,
            region_name=REGION,
            endpoint_url=self.url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def plan(self, kind: str, address: str, prior: dict[str, Any] | None, args: dict[str, Any]) -> PlanResponse:
        resp = self.provider.plan(PlanRequest(kind, address, prior, full(kind, args)))
        if resp.diagnostics.has_errors:
            raise ApplyFailed(resp)
        return resp

    def apply(
        self, kind: str, address: str, action: str, prior: dict[str, Any] | None, planned: dict[str, Any], config: dict[str, Any]
    ) -> dict[str, Any] | None:
        resp = self.provider.apply(
            ApplyRequest(kind, address, action, prior, planned, config, progress=self.progress.append)  # type: ignore[arg-type]
        )
        if resp.diagnostics.has_errors:
            raise ApplyFailed(resp)
        return resp.attributes

    def create(self, kind: str, address: str, args: dict[str, Any]) -> dict[str, Any]:
        planned = self.plan(kind, address, None, args).planned
        attrs = self.apply(kind, address, "create", None, planned, full(kind, args))
        assert attrs is not None
        return attrs

    def change(self, kind: str, address: str, prior: dict[str, Any], args: dict[str, Any]) -> tuple[PlanResponse, dict[str, Any]]:
        """Plan and apply a change: in place, or create-before-destroy when replaced."""
        plan = self.plan(kind, address, prior, args)
        if plan.requires_replace:
            attrs = self.apply(kind, address, "create", None, plan.planned, full(kind, args))
            self.apply(kind, address, "delete", prior, {}, prior)
        else:
            attrs = self.apply(kind, address, "update", prior, plan.planned, full(kind, args))
        assert attrs is not None
        return plan, attrs

    def read(self, kind: str, address: str, attrs: dict[str, Any], id: str | None = None) -> dict[str, Any] | None:
        """A refresh; with no attributes, an import of ``id`` or (no id) the recovery of
        an interrupted create, which finds the object by its address tag."""
        resp: Any
        if not attrs and id is not None:
            resp = self.provider.import_resource(ImportRequest(kind, address, id))
        elif not attrs:
            resp = self.provider.recover(RecoverRequest(kind, address, {}))
        else:
            resp = self.provider.read(ReadRequest(kind, address, id if id is not None else attrs.get("id"), attrs))
        assert not resp.diagnostics.has_errors, resp.diagnostics.items
        return resp.attributes  # type: ignore[no-any-return]

    def delete(self, kind: str, address: str, attrs: dict[str, Any]) -> None:
        self.apply(kind, address, "delete", attrs, {}, attrs)

    def put(self, uri: str, body: bytes) -> None:
        bucket, _, key = uri[5:].partition("/")
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)
