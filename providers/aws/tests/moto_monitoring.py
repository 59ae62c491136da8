"""SageMaker Model Monitor for the moto double: moto 5.2 has data quality job definitions
but no monitoring schedules. With these patches, as SageMaker does:

- ``CreateMonitoringSchedule`` / ``Describe`` / ``Update`` / ``Delete`` / ``List``: names
  match ``[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}``; a schedule names an existing job
  definition; the ScheduleExpression is one Model Monitor runs (``cron(0 * ? * * *)``,
  ``cron(0 H ? * * *)``, ``cron(0 H/N ? * * *)`` or ``NOW``); a new or updated schedule
  is ``Pending`` for one describe, then ``Scheduled``; a second schedule of the same name
  is refused, and tags on its ARN work (add/list/delete);
- a data quality job definition of a name already used is refused, and so is deleting
  one that a schedule still uses;
- ``ListMonitoringExecutions`` lists what a test records with ``execution()`` (status,
  scheduled time), newest first by default, in pages of two.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import moto_rules
from moto.sagemaker import models as sm_models
from moto.sagemaker.models import SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse

SCHEDULE_EXPRESSION = re.compile(r"^(NOW|cron\(0 (\*|([01]?\d|2[0-3])(/([01]?\d|2[0-4]))?) \? \* \* \*\))$")


class FakeSchedule:
    def __init__(self, backend: SageMakerModelBackend, name: str, config: dict[str, Any], tags: list[dict[str, str]]) -> None:
        self.name = name
        self.arn = f"arn:aws:sagemaker:{backend.region_name}:{backend.account_id}:monitoring-schedule/{name}"
        self.config = config
        self.tags = list(tags)
        self.status = "Pending"
        self.created = self.modified = datetime.now(UTC)
        self.executions: list[dict[str, Any]] = []

    def describe(self) -> dict[str, Any]:
        out = {
            "MonitoringScheduleArn": self.arn,
            "MonitoringScheduleName": self.name,
            "MonitoringScheduleStatus": self.status,
            "MonitoringType": self.config.get("MonitoringType", "DataQuality"),
            "CreationTime": self.created.isoformat(),
            "LastModifiedTime": self.modified.isoformat(),
            "MonitoringScheduleConfig": self.config,
        }
        if self.executions:
            out["LastMonitoringExecutionSummary"] = self.executions[-1]
        if self.status == "Pending":
            self.status = "Scheduled"
        return out


def _schedules(backend: SageMakerModelBackend) -> dict[str, FakeSchedule]:
    found: dict[str, FakeSchedule] | None = getattr(backend, "mlinfra_schedules", None)
    if found is None:
        found = {}
        backend.mlinfra_schedules = found  # type: ignore[attr-defined]
    return found


def _schedule(backend: SageMakerModelBackend, name: str) -> FakeSchedule:
    found = _schedules(backend).get(name)
    if found is None:
        raise sm_models.ValidationError(message=f"Monitoring schedule {name} does not exist.")
    return found


def _check_config(backend: SageMakerModelBackend, config: dict[str, Any]) -> None:
    expression = (config.get("ScheduleConfig") or {}).get("ScheduleExpression", "")
    if not SCHEDULE_EXPRESSION.match(expression):
        raise sm_models.ValidationError(message=f"Invalid ScheduleExpression {expression!r}: Model Monitor supports hourly, daily and every-N-hours cron expressions.")
    definition = config.get("MonitoringJobDefinitionName")
    if definition not in backend.data_quality_job_definitions:
        raise sm_models.ValidationError(message=f"Could not find job definition {definition}.")


def _create(self: SageMakerResponse) -> str:
    backend, name = self.sagemaker_backend, self._get_param("MonitoringScheduleName")
    if name in _schedules(backend):
        raise sm_models.ValidationError(message=f"Monitoring schedule {name} already exists.")
    config = self._get_param("MonitoringScheduleConfig") or {}
    _check_config(backend, config)
    schedule = FakeSchedule(backend, name, config, self._get_param("Tags") or [])
    _schedules(backend)[name] = schedule
    return json.dumps({"MonitoringScheduleArn": schedule.arn})


def _describe(self: SageMakerResponse) -> str:
    return json.dumps(_schedule(self.sagemaker_backend, self._get_param("MonitoringScheduleName")).describe())


def _update(self: SageMakerResponse) -> str:
    backend = self.sagemaker_backend
    schedule = _schedule(backend, self._get_param("MonitoringScheduleName"))
    if schedule.status == "Pending":
        raise sm_models.ValidationError(message=f"Monitoring schedule {schedule.name} is being created or updated.")
    config = self._get_param("MonitoringScheduleConfig") or {}
    _check_config(backend, config)
    schedule.config, schedule.status, schedule.modified = config, "Pending", datetime.now(UTC)
    return json.dumps({"MonitoringScheduleArn": schedule.arn})


def _delete(self: SageMakerResponse) -> str:
    backend, name = self.sagemaker_backend, self._get_param("MonitoringScheduleName")
    _schedule(backend, name)
    del _schedules(backend)[name]
    return "{}"


def _list(self: SageMakerResponse) -> str:
    items = [
        {"MonitoringScheduleName": s.name, "MonitoringScheduleArn": s.arn, "MonitoringScheduleStatus": s.status, "CreationTime": s.created.isoformat()}
        for s in sorted(_schedules(self.sagemaker_backend).values(), key=lambda s: s.name)
    ]
    token = self._get_param("NextToken")
    body = json.dumps({"MonitoringScheduleSummaries": items})
    return moto_rules.repage(body, "MonitoringScheduleSummaries", int(token.removeprefix("page-")) if token else 0)


def _list_executions(self: SageMakerResponse) -> str:
    schedule = _schedule(self.sagemaker_backend, self._get_param("MonitoringScheduleName"))
    newest_first = self._get_param("SortOrder", "Descending") == "Descending"
    items = sorted(schedule.executions, key=lambda e: e["ScheduledTime"], reverse=newest_first)
    token = self._get_param("NextToken")
    body = json.dumps({"MonitoringExecutionSummaries": items})
    return moto_rules.repage(body, "MonitoringExecutionSummaries", int(token.removeprefix("page-")) if token else 0)


_original_create_definition = SageMakerModelBackend.create_data_quality_job_definition
_original_delete_definition = SageMakerModelBackend.delete_data_quality_job_definition
_original_resource_from_arn = SageMakerModelBackend._get_resource_from_arn


def _create_definition(self: SageMakerModelBackend, *args: Any, **kwargs: Any) -> dict[str, str]:
    name = kwargs.get("job_definition_name")
    if name in self.data_quality_job_definitions:
        raise sm_models.ValidationError(message=f"Data quality job definition {name} already exists.")
    return _original_create_definition(self, *args, **kwargs)  # type: ignore[no-any-return]


def _delete_definition(self: SageMakerModelBackend, job_definition_name: str) -> None:
    users = [s.name for s in _schedules(self).values() if s.config.get("MonitoringJobDefinitionName") == job_definition_name]
    if users:
        raise sm_models.ValidationError(
            message=f"Job definition {job_definition_name} is in use by monitoring schedule {users[0]}; delete or update the schedule first."
        )
    _original_delete_definition(self, job_definition_name)


def _resource_from_arn(self: SageMakerModelBackend, arn: str) -> Any:
    kind, _, name = arn.split(":")[-1].partition("/")
    if kind == "monitoring-schedule":
        return _schedule(self, name)
    return _original_resource_from_arn(self, arn)


def execution(backend_name: str, status: str, when: datetime, region: str = "us-east-1", account: str = "123456789012") -> None:
    """Record a monitoring execution of schedule ``backend_name`` (as the scheduler would)."""
    backend = sm_models.sagemaker_backends[account][region]
    schedule = _schedule(backend, backend_name)
    schedule.executions.append({
        "MonitoringScheduleName": schedule.name,
        "ScheduledTime": when.isoformat(),
        "CreationTime": when.isoformat(),
        "LastModifiedTime": when.isoformat(),
        "MonitoringExecutionStatus": status,
        "EndpointName": schedule.config.get("MonitoringJobDefinitionName", ""),
    })


def install() -> None:
    moto_rules.NAMES.update({
        "CreateMonitoringSchedule": ["MonitoringScheduleName"],
        "CreateDataQualityJobDefinition": ["JobDefinitionName"],
    })
    SageMakerResponse.create_monitoring_schedule = _create  # type: ignore[attr-defined]
    SageMakerResponse.describe_monitoring_schedule = _describe  # type: ignore[attr-defined]
    SageMakerResponse.update_monitoring_schedule = _update  # type: ignore[attr-defined]
    SageMakerResponse.delete_monitoring_schedule = _delete  # type: ignore[attr-defined]
    SageMakerResponse.list_monitoring_schedules = _list  # type: ignore[attr-defined]
    SageMakerResponse.list_monitoring_executions = _list_executions  # type: ignore[attr-defined]
    SageMakerModelBackend.create_data_quality_job_definition = _create_definition  # type: ignore[method-assign]
    SageMakerModelBackend.delete_data_quality_job_definition = _delete_definition  # type: ignore[method-assign]
    SageMakerModelBackend._get_resource_from_arn = _resource_from_arn  # type: ignore[method-assign]
