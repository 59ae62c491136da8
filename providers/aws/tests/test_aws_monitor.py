"""The monitor kind on AWS against the moto double: a data quality job definition and a
monitoring schedule, the status from the latest monitoring executions and their
violations, updates onto a new job definition, and the double's own SageMaker rules."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import moto_monitoring
import pytest
from aws_driver import ROLE, Driver
from botocore.exceptions import ClientError
from mlinfra_provider_aws.monitor import schedule_expression

from mlinfra.conformance.driver import ApplyFailed, full
from mlinfra.providers.protocol import ValidateRequest

HEADER = b"sepal_length,sepal_width,petal_length,target\n5.1,3.5,1.4,0\n"


def _monitor(**over: Any) -> dict[str, Any]:
    return {"endpoint": "iris", "baseline": "s3://data/train.csv", "schedule": "every 1h", **over}


def test_a_monitor_is_a_job_definition_and_a_schedule_whose_status_follows_the_executions(driver: Driver) -> None:
    driver.put("s3://data/train.csv", HEADER)
    attrs = driver.create(
        "monitor", "monitor.iris", _monitor(feature={"petal_length": {"statistic": "ks", "threshold": 0.3}})
    )
    assert attrs["id"] == "iris" and attrs["status"] == "no_data" and attrs["schedule_status"] == "Scheduled"
    assert attrs["report_path"] == "s3://mlinfra-artifacts/mlinfra/monitoring/iris/"
    schedule = driver.sm.describe_monitoring_schedule(MonitoringScheduleName="iris")
    config = schedule["MonitoringScheduleConfig"]
    assert config["ScheduleConfig"]["ScheduleExpression"] == "cron(0 * ? * * *)"
    assert config["MonitoringJobDefinitionName"] == attrs["job_definition"]
    definition = driver.sm.describe_data_quality_job_definition(JobDefinitionName=attrs["job_definition"])
    assert definition["DataQualityJobInput"]["EndpointInput"]["EndpointName"] == "iris"
    assert definition["RoleArn"] == ROLE
    assert definition["DataQualityAppSpecification"]["ImageUri"] == (
        "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer"
    )
    constraints_uri = definition["DataQualityBaselineConfig"]["ConstraintsResource"]["S3Uri"]
    body = driver.s3.get_object(Bucket="mlinfra-artifacts", Key=constraints_uri.split("/", 3)[3])["Body"].read()
    constraints = json.loads(body)
    assert [f["name"] for f in constraints["features"]] == ["sepal_length", "sepal_width", "petal_length"]
    petal = constraints["features"][2]
    assert petal["monitoringConfigOverrides"]["distribution_constraints"]["comparison_threshold"] == 0.3

    start = datetime(2026, 1, 1, tzinfo=UTC)
    moto_monitoring.execution("iris", "Completed", start)
    assert driver.read("monitor", "monitor.iris", attrs)["status"] == "ok"  # type: ignore[index]
    for hour in (1, 2):
        moto_monitoring.execution("iris", "CompletedWithViolations", start + timedelta(hours=hour))
    driver.put(
        "s3://mlinfra-artifacts/mlinfra/monitoring/iris/reports/iris/iris/2026/01/01/02/constraint_violations.json",
        json.dumps({"violations": [
            {"feature_name": "petal_length", "constraint_check_type": "baseline_drift_check", "description": "distance 0.4"},
            {"feature_name": "sepal_width", "constraint_check_type": "completeness_check", "description": "nulls"},
        ]}).encode(),
    )
    read = driver.read("monitor", "monitor.iris", attrs)
    assert read is not None
    assert read["status"] == "drift"
    assert read["drifted_features"] == ["petal_length"]
    assert read["drift_since"] == "2026-01-01T01:00:00Z" and read["last_run"] == "2026-01-01T02:00:00Z"

    # A new schedule and threshold: a new job definition, the schedule moved onto it,
    # the old definition deleted.
    _, updated = driver.change("monitor", "monitor.iris", read, _monitor(schedule="every 6h"))
    assert updated["job_definition"] != attrs["job_definition"]
    now = driver.sm.describe_monitoring_schedule(MonitoringScheduleName="iris")["MonitoringScheduleConfig"]
    assert now["ScheduleConfig"]["ScheduleExpression"] == "cron(0 0/6 ? * * *)"
    with pytest.raises(ClientError):
        driver.sm.describe_data_quality_job_definition(JobDefinitionName=attrs["job_definition"])

    driver.delete("monitor", "monitor.iris", updated)
    assert driver.read("monitor", "monitor.iris", updated) is None
    with pytest.raises(ClientError):
        driver.sm.describe_data_quality_job_definition(JobDefinitionName=updated["job_definition"])


def test_the_double_refuses_what_sagemaker_refuses(driver: Driver) -> None:
    driver.put("s3://data/train.csv", HEADER)
    attrs = driver.create("monitor", "monitor.iris", _monitor())
    with pytest.raises(ClientError, match="in use by monitoring schedule iris"):
        driver.sm.delete_data_quality_job_definition(JobDefinitionName=attrs["job_definition"])
    with pytest.raises(ClientError, match="Invalid ScheduleExpression"):
        driver.sm.update_monitoring_schedule(
            MonitoringScheduleName="iris",
            MonitoringScheduleConfig={
                "ScheduleConfig": {"ScheduleExpression": "cron(*/5 * * * ? *)"},
                "MonitoringJobDefinitionName": attrs["job_definition"],
            },
        )
    with pytest.raises(ClientError, match="failed to satisfy constraint"):
        driver.sm.create_monitoring_schedule(
            MonitoringScheduleName="bad_name",
            MonitoringScheduleConfig={"ScheduleConfig": {"ScheduleExpression": "cron(0 * ? * * *)"}, "MonitoringJobDefinitionName": attrs["job_definition"]},
        )
    # A new schedule is Pending before it is Scheduled.
    driver.sm.create_monitoring_schedule(
        MonitoringScheduleName="second",
        MonitoringScheduleConfig={"ScheduleConfig": {"ScheduleExpression": "cron(0 12 ? * * *)"}, "MonitoringJobDefinitionName": attrs["job_definition"]},
    )
    statuses = [driver.sm.describe_monitoring_schedule(MonitoringScheduleName="second")["MonitoringScheduleStatus"] for _ in range(2)]
    assert statuses == ["Pending", "Scheduled"]


@pytest.mark.parametrize(
    ("portable", "sagemaker"),
    [
        ("every 1h", "cron(0 * ? * * *)"),
        ("hourly", "cron(0 * ? * * *)"),
        ("every 12h", "cron(0 0/12 ? * * *)"),
        ("daily", "cron(0 0 ? * * *)"),
        ("0 17 * * *", "cron(0 17 ? * * *)"),
        ("0 */6 * * *", "cron(0 0/6 ? * * *)"),
        ("0 * * * *", "cron(0 * ? * * *)"),
    ],
)
def test_portable_schedules_map_to_model_monitors_cron(portable: str, sagemaker: str) -> None:
    assert schedule_expression(portable) == sagemaker


@pytest.mark.parametrize("schedule", ["every 5m", "every 5h", "30 * * * *", "0 0 * * 1"])
def test_schedules_model_monitor_cannot_run_are_refused_at_validate(driver: Driver, schedule: str) -> None:
    resp = driver.provider.validate(ValidateRequest("monitor", "monitor.iris", full("monitor", _monitor(schedule=schedule))))
    errors = [x for x in resp.diagnostics if x.severity == "error"]
    assert errors and "runs hourly" in errors[0].detail and errors[0].attribute == ("schedule",)


def test_a_quality_block_is_refused_on_aws_until_it_is_mapped(driver: Driver) -> None:
    cfg = full("monitor", _monitor(quality={"labels": "s3://data/labels.csv", "metric": "accuracy", "min": 0.9}))
    resp = driver.provider.validate(ValidateRequest("monitor", "monitor.iris", cfg))
    assert [x.attribute for x in resp.diagnostics if x.severity == "error"] == [("quality",)]
    with pytest.raises(ApplyFailed):
        driver.create("monitor", "monitor.iris", {**_monitor(), "baseline": "gs://elsewhere/train.csv"})
