"""A stand-in for the engine in the aws provider tests: configure, plan, apply and
read through the provider protocol, with the portable defaults filled in as the engine
fills them, plus boto3 clients on the same moto server to look behind the provider."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
from mlinfra_provider_aws import AwsProvider

from mlinfra.conformance.driver import ProviderDriver

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


class Driver(ProviderDriver):
    def __init__(self, config: dict[str, Any], workdir: Path) -> None:
        self.url = config["endpoint_url"]
        super().__init__(AwsProvider(), config, workdir)
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

    def put(self, uri: str, body: bytes) -> None:
        bucket, _, key = uri[5:].partition("/")
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)
