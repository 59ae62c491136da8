"""Plans and validation with values not known until apply (outputs of resources still
to be created): nothing fails, and what hangs on them is planned as unknown."""

from __future__ import annotations

from aws_driver import IMAGE, Driver

from mlinfra.conformance.driver import full
from mlinfra.providers.protocol import PlanRequest, ValidateRequest
from mlinfra.values import UNKNOWN


def plan(driver: Driver, kind: str, config: dict[str, object]) -> dict[str, object]:
    resp = driver.provider.plan(PlanRequest(kind, f"{kind}.x", None, config))
    assert not resp.diagnostics.has_errors, resp.diagnostics.items
    return resp.planned


def test_a_model_of_an_artifact_still_to_be_trained_has_an_unknown_name_and_digest(driver: Driver) -> None:
    config = full("model", {"artifact": "s3://placeholder", "image": IMAGE})
    planned = plan(driver, "model", {**config, "artifact": UNKNOWN})
    assert planned["id"] is UNKNOWN and planned["digest"] is UNKNOWN


def test_an_endpoint_of_a_model_still_to_be_created_knows_its_name_and_url(driver: Driver) -> None:
    config = full("endpoint", {"variant": {"blue": {"model": "placeholder"}}})
    config["variant"]["blue"]["model"] = UNKNOWN
    planned = plan(driver, "endpoint", config)
    assert planned["id"] == "x"
    assert planned["url"] == "https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/x/invocations"


def test_an_endpoint_named_by_an_unknown_value_has_an_unknown_id(driver: Driver) -> None:
    config = full("endpoint", {"variant": {"blue": {"model": "m"}}, "aws": {"name": "placeholder"}})
    config["aws"] = {"name": UNKNOWN}
    planned = plan(driver, "endpoint", config)
    assert planned["id"] is UNKNOWN and planned["url"] is UNKNOWN


def test_a_pipeline_over_a_dataset_still_to_be_read_has_an_unknown_digest(driver: Driver) -> None:
    config = full("pipeline", {"inputs": {"train": "s3://placeholder"}, "step": {"fit": {"image": IMAGE}}})
    config["inputs"] = {"train": UNKNOWN}
    planned = plan(driver, "pipeline", config)
    assert planned["id"] == "x" and planned["digest"] is UNKNOWN and planned["artifact"] is UNKNOWN


def test_validation_accepts_unknown_blocks(driver: Driver) -> None:
    for kind, config in (
        ("endpoint", {"variant": {"blue": {"model": UNKNOWN}}, "rollout": UNKNOWN}),
        ("pipeline", {"inputs": UNKNOWN, "step": {"fit": {"image": UNKNOWN}}}),
        ("model", {"artifact": UNKNOWN, "registry": UNKNOWN, "image": UNKNOWN}),
    ):
        resp = driver.provider.validate(ValidateRequest(kind, f"{kind}.x", config))
        assert not resp.diagnostics.has_errors, (kind, resp.diagnostics.items)
