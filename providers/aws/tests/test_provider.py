"""The provider block against moto: configure-time checks of region and credentials,
bounded retries of throttling, fast failure of anything else, and a lazy SDK."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import aws_moto_support as patched
import pytest
from aws_driver import IMAGE, Driver, provider_config
from mlinfra_provider_aws import AwsProvider

from mlinfra.conformance.driver import ApplyFailed
from mlinfra.providers.protocol import ConfigureRequest


def configure(config: dict[str, object], tmp_path: Path) -> list[str]:
    resp = AwsProvider().configure(ConfigureRequest(config=config, workdir=tmp_path))
    return [f"{d.summary}: {d.detail}" for d in resp.diagnostics.errors]


def test_a_missing_region_is_a_configure_error_with_the_fix(moto: str, tmp_path: Path) -> None:
    config = provider_config(moto)
    del config["region"]
    [error] = configure(config, tmp_path)
    assert "No AWS region is set" in error and "AWS_REGION" in error


def test_missing_credentials_are_a_configure_error_with_the_fix(
    moto: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    [error] = configure(provider_config(moto), tmp_path)
    assert "No AWS credentials were found" in error and "AWS_ACCESS_KEY_ID" in error


def test_an_unknown_profile_is_a_configure_error_not_a_traceback(moto: str, tmp_path: Path) -> None:
    [error] = configure(provider_config(moto, profile="nope"), tmp_path)
    assert "nope" in error and "Traceback" not in error


def test_an_unknown_provider_argument_is_rejected(moto: str, tmp_path: Path) -> None:
    [error] = configure(provider_config(moto, regoin="us-east-1"), tmp_path)
    assert "regoin" in error


def test_region_and_endpoint_come_from_the_environment_when_the_block_is_silent(
    moto: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto)
    config = provider_config(moto)
    del config["region"], config["endpoint_url"]
    d = Driver({**config, "endpoint_url": None}, tmp_path)
    d.url = moto
    assert d.provider.clients is not None and d.provider.clients.region == "eu-west-1"
    d.s3.create_bucket(Bucket="data", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    d.put("s3://data/x.csv", b"1")
    assert d.create("dataset", "dataset.x", {"source": "s3://data/x.csv"})["digest"]


def test_throttled_calls_are_retried_until_they_succeed(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    patched.THROTTLE["CreateModel"] = 3
    attrs = driver.create("model", "model.iris", {"artifact": "s3://data/m.tar.gz", "image": IMAGE})
    assert patched.CALLS.count("CreateModel") == 4
    assert driver.sm.describe_model(ModelName=attrs["id"])


def test_throttling_that_outlasts_the_retry_bound_fails_with_the_service_message(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    assert driver.provider.clients is not None
    driver.provider.clients.config.retry_timeout = 0.5
    driver.provider.clients.backoff.base = 0.05
    patched.THROTTLE["CreateModel"] = 1000
    with pytest.raises(ApplyFailed) as err:
        driver.create("model", "model.iris", {"artifact": "s3://data/m.tar.gz", "image": IMAGE})
    [diag] = err.value.diagnostics
    assert diag.address == "model.iris"
    assert "ThrottlingException: Rate exceeded" in diag.detail and "retries" in diag.detail


def test_a_client_error_fails_at_once_with_the_service_message_and_address(driver: Driver) -> None:
    with pytest.raises(ApplyFailed) as err:
        driver.create("endpoint", "endpoint.churn", {"variant": {"blue": {"model": "no-such-model", "instance_type": "ml.bogus"}}})
    [diag] = err.value.diagnostics
    assert diag.address == "endpoint.churn" and "endpoint.churn" in diag.summary
    assert "ml.bogus" in diag.detail
    assert patched.CALLS.count("CreateEndpointConfig") == 1


def test_every_object_carries_the_default_tags(driver: Driver) -> None:
    driver.put("s3://data/m.tar.gz", b"w")
    attrs = driver.create("model", "model.iris", {"artifact": "s3://data/m.tar.gz", "image": IMAGE, "tags": {"owner": "ana"}})
    arn = driver.sm.describe_model(ModelName=attrs["id"])["ModelArn"]
    tags = {t["Key"]: t["Value"] for t in driver.sm.list_tags(ResourceArn=arn)["Tags"]}
    assert tags == {"managed-by": "mlinfra", "mlinfra:address": "model.iris", "team": "ml", "owner": "ana"}
    assert driver.read("model", "model.iris", attrs) == attrs


def test_importing_the_provider_loads_no_aws_sdk() -> None:
    code = (
        "import sys, mlinfra_provider_aws\n"
        "p = mlinfra_provider_aws.AwsProvider(); p.schema()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('boto3', 'botocore')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_schema_names_the_aws_blocks_and_outputs() -> None:
    schema = AwsProvider().schema()
    assert schema.name == "aws" and set(schema.kinds) == {"dataset", "pipeline", "model", "endpoint", "monitor"}
    assert schema.kinds["model"].force_new >= {"artifact", "image"}
    assert schema.kinds["endpoint"].outputs == ("id", "url", "status")
    assert schema.kinds["monitor"].outputs[:6] == ("id", "status", "drifted_features", "last_run", "drift_since", "report_path")
    assert schema.config is not None and "execution_role_arn" in schema.config.model_fields


def test_an_assumed_role_is_used_for_every_call(moto: str, tmp_path: Path) -> None:
    role = "arn:aws:iam::123456789012:role/deployer"
    d = Driver(provider_config(moto, assume_role={"role_arn": role, "session_name": "ci"}), tmp_path)
    assert d.provider.clients is not None
    creds = d.provider.clients.client("sagemaker")._request_signer._credentials
    assert creds.access_key != "testing"  # the role's temporary credentials
    d.s3.create_bucket(Bucket="data")
    d.put("s3://data/x.csv", b"1")
    assert d.create("dataset", "dataset.x", {"source": "s3://data/x.csv"})["digest"]


def test_transient_server_errors_are_retried_but_validation_errors_are_not() -> None:
    from botocore.exceptions import ClientError
    from mlinfra_provider_aws.clients import is_not_found, is_retryable

    def error(code: str, status: int, message: str = "") -> ClientError:
        return ClientError({"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}, "Op")

    assert is_retryable(error("ServiceUnavailable", 503))
    assert is_retryable(error("SomethingOdd", 502))
    assert is_retryable(error("TooManyRequestsException", 429))
    assert not is_retryable(error("ValidationException", 400))
    assert is_not_found(error("ValidationException", 400, "Could not find endpoint 'x'."))
    assert not is_not_found(error("ValidationException", 400, "Value 'ml.bogus' is not valid"))


def test_assumed_role_credentials_are_refreshed_before_they_expire(moto: str, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    role = "arn:aws:iam::123456789012:role/deployer"
    d = Driver(provider_config(moto, assume_role={"role_arn": role}), tmp_path)
    assert d.provider.clients is not None
    creds = d.provider.clients.client("sagemaker")._request_signer._credentials
    first = creds.get_frozen_credentials().access_key
    # An hour-long wait later: the role's session is about to end.
    creds._expiry_time = datetime.now(UTC) + timedelta(seconds=30)
    assert creds.get_frozen_credentials().access_key != first
    assert creds.refresh_needed() is False


def test_a_plan_that_cannot_reach_aws_says_what_it_waits_for_and_fails(
    moto: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    d = Driver(provider_config(closed, connect_timeout=1, retry_timeout=60), tmp_path)
    with pytest.raises(ApplyFailed) as err:
        d.plan("model", "model.iris", None, {"artifact": "s3://data/m.tar.gz", "image": IMAGE})
    assert "Could not connect" in err.value.diagnostics[0].detail
    assert "aws: waiting for s3 in us-east-1 (EndpointConnectionError); retrying for up to 3s" in capsys.readouterr().err


def test_names_sagemaker_refuses_are_errors_at_validate_not_rewritten(driver: Driver) -> None:
    from mlinfra.providers.protocol import ValidateRequest

    def errors(kind: str, config: dict[str, object]) -> str:
        resp = driver.provider.validate(ValidateRequest(kind, f"{kind}.x", config))
        return " ".join(f"{d.summary}: {d.detail}" for d in resp.diagnostics.errors)

    assert "at most 10 variants" in errors("endpoint", {"variant": {f"v{i}": {"model": "m"} for i in range(11)}})
    assert "10-50% per step" in errors("endpoint", {"variant": {"a": {"model": "m"}}, "rollout": {"strategy": "linear", "steps": 20}})
    assert errors("endpoint", {"variant": {"a": {"model": "m"}}, "rollout": {"strategy": "linear", "steps": 4}}) == ""


def test_an_aws_name_sagemaker_refuses_is_a_located_error_at_validate(tmp_path: Path) -> None:
    (tmp_path / "main.hcl").write_text(
        'provider "aws" {\n  region = "us-east-1"\n}\n\n'
        'endpoint "churn" {\n  provider = aws\n  variant "a" {\n    model = "m"\n  }\n'
        '  aws {\n    name = "churn_prod"\n  }\n}\n\n'
        'pipeline "train" {\n  provider = aws\n  step "fit" {\n    estimator = "sklearn.tree.DecisionTreeClassifier"\n  }\n'
        + '  aws {\n    name = "' + "p" * 257 + '"\n  }\n}\n'
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mlinfra", "validate"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"}
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert 'Endpoint name "churn_prod" is not a valid SageMaker name' in out and '"churn-prod"' in out
    assert "main.hcl" in out and "257 characters long" in out and "Traceback" not in out
