"""The monitor kind on AWS: SageMaker Model Monitor, a data quality job definition and a
monitoring schedule that runs it against the endpoint's captured data.

- The job definition (``CreateDataQualityJobDefinition``) is immutable: it is named
  ``<monitor>-<hash of its spec>``; a changed spec creates a new one, moves the schedule
  onto it (``UpdateMonitoringSchedule``) and deletes the old one (SageMaker refuses to
  delete a definition a schedule still uses).
- The constraints the analyzer checks are written to S3 beside the reports: one entry per
  watched feature, with distribution comparison on and the threshold as
  ``comparison_threshold`` (SageMaker's distance between the baseline and live
  distributions, comparable to the Kolmogorov-Smirnov distance). Baseline statistics come
  from ``aws { baseline_statistics }`` (a baselining job's statistics.json); without them
  SageMaker checks the constraints but cannot compare distributions.
- The schedule maps the portable one to SageMaker's cron: ``every 1h``/``hourly`` is
  ``cron(0 * ? * * *)``, ``every Nh`` is ``cron(0 0/N ? * * *)``, ``daily`` and
  ``M H * * *`` with M = 0 are ``cron(0 H ? * * *)``. Model Monitor runs at most hourly,
  so anything else is refused at validate.
- Status: the newest monitoring execution's status, ``CompletedWithViolations`` is
  ``drift`` (the features are the ``baseline_drift_check`` violations in its
  ``constraint_violations.json``), ``Completed`` is ``ok``, none yet is ``no_data``;
  ``drift_since`` is the scheduled time of the first of the latest unbroken run of
  executions with violations.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any, ClassVar

from mlinfra import diagnostics as d
from mlinfra.config.monitoring import DEFAULT_THRESHOLDS, parse_schedule
from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra.values import contains_unknown
from mlinfra_provider_aws import naming
from mlinfra_provider_aws.config import MonitorBlock, parse_block
from mlinfra_provider_aws.resource import AwsResource

# The Model Monitor analyzer's registry account per region (its repository is
# sagemaker-model-monitor-analyzer); other regions give aws { image_uri }.
ANALYZER_ACCOUNTS = {
    "us-east-1": "156813124566",
    "us-east-2": "777275614652",
    "us-west-1": "890145073186",
    "us-west-2": "159807026194",
    "ca-central-1": "536280801234",
    "eu-west-1": "468650794304",
    "eu-west-2": "749857270468",
    "eu-west-3": "680080141114",
    "eu-central-1": "048819808253",
    "eu-north-1": "895015795356",
    "ap-south-1": "126357580389",
    "ap-northeast-1": "574779866223",
    "ap-northeast-2": "709848358524",
    "ap-southeast-1": "245545462676",
    "ap-southeast-2": "563025443158",
    "sa-east-1": "539772159869",
}
VIOLATIONS = "constraint_violations.json"
DRIFT_CHECK = "baseline_drift_check"
SETTLING = frozenset({"Pending"})


def schedule_expression(text: str) -> str:
    """SageMaker's cron for a portable schedule; ValueError when Model Monitor cannot run it."""
    s = parse_schedule(text)
    if s.interval is not None:
        hours, rest = divmod(s.interval, 3600)
        if rest == 0 and hours == 1:
            return "cron(0 * ? * * *)"
        if rest == 0 and 1 < hours <= 24 and 24 % hours == 0:
            return f"cron(0 0/{hours} ? * * *)" if hours < 24 else "cron(0 0 ? * * *)"
    else:
        minute, hour, dom, month, dow = s.cron
        every_day = len(dom) == 31 and len(month) == 12 and len(dow) == 7
        if minute == frozenset({0}) and every_day:
            if len(hour) == 24:
                return "cron(0 * ? * * *)"
            if len(hour) == 1:
                return f"cron(0 {next(iter(hour))} ? * * *)"
            ordered = sorted(hour)
            step = ordered[1] - ordered[0]
            if 24 % step == 0 and ordered == list(range(ordered[0], 24, step)) and ordered[0] < step:
                return f"cron(0 {ordered[0]}/{step} ? * * *)"
    raise ValueError(
        f'SageMaker Model Monitor runs hourly, every N hours (N dividing 24) or daily, not "{text}": '
        'use "every 1h", "every 6h", "daily" or a cron such as "0 */6 * * *".'
    )


class MonitorResource(AwsResource):
    kind: ClassVar[str] = "monitor"
    block: ClassVar[type[MonitorBlock]] = MonitorBlock
    extra_outputs: ClassVar[tuple[str, ...]] = ("job_definition", "schedule_status")
    stable_outputs: ClassVar[tuple[str, ...]] = ("id", "report_path")

    # -- validate and plan -----------------------------------------------------------
    def validate(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        out = self.tag_diagnostics(address, config)
        schedule = config.get("schedule")
        if isinstance(schedule, str) and not contains_unknown(schedule):
            try:
                schedule_expression(schedule)
            except ValueError as e:
                out.append(d.error("Schedule not supported by SageMaker", str(e), address=address, attribute=("schedule",)))
        if config.get("quality"):
            out.append(d.error(
                "Not supported by the aws provider yet",
                "quality checks map to a SageMaker model quality job definition, which needs ground truth "
                "merged with captured data; the aws provider does not create one yet. Remove the quality block.",
                address=address, attribute=("quality",),
            ))
        for where, rule in self._rules(config):
            if rule.get("statistic") in ("psi", "chi2"):
                out.append(d.warning(
                    "Statistic measured differently on SageMaker",
                    f"SageMaker Model Monitor compares distributions by its own distance, not {rule['statistic']}: "
                    f"its default comparison threshold (0.1) applies. Use statistic = \"ks\" to set the threshold.",
                    address=address, attribute=where,
                ))
        return out

    @staticmethod
    def _rules(config: dict[str, Any]) -> list[tuple[tuple[str, ...], dict[str, Any]]]:
        out: list[tuple[tuple[str, ...], dict[str, Any]]] = []
        if isinstance(config.get("drift"), dict):
            out.append((("drift", "statistic"), config["drift"]))
        for name, rule in sorted((config.get("feature") or {}).items()):
            if isinstance(rule, dict):
                out.append((("feature", name, "statistic"), rule))
        return out

    def _name(self, address: str, config: dict[str, Any]) -> str:
        return naming.base_name(address, parse_block(MonitorBlock, config).name, limit=naming.MAX_NAME - 9)

    def name(self, address: str, planned: dict[str, Any]) -> str | None:
        return self._name(address, planned)

    def plan(self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]) -> PlanResponse:
        if contains_unknown(config.get("aws")):
            return self.default_plan(prior, config)
        name = self._name(address, config)
        resp = self.default_plan(prior, config, known={"id": name, "report_path": self._output(name, config)})
        if prior is not None and prior.get("id") != name:
            resp.requires_replace = [*resp.requires_replace, ("aws", "name")]
        return resp

    def _output(self, name: str, config: dict[str, Any]) -> str | None:
        block: MonitorBlock = parse_block(MonitorBlock, config)
        if block.output_uri:
            return block.output_uri.rstrip("/") + "/"
        bucket = self.settings.artifact_bucket
        return f"s3://{bucket}/mlinfra/monitoring/{name}/" if bucket else None

    # -- the job definition ----------------------------------------------------------
    def _constraints(self, address: str, config: dict[str, Any], output: str) -> str:
        """Write the constraints SageMaker checks; their S3 URI."""
        features = config.get("features") or self._baseline_columns(address, str(config["baseline"]))
        default = config.get("drift") or {}
        overrides = config.get("feature") or {}
        entries = []
        for f in features:
            rule = {**default, **{k: v for k, v in (overrides.get(f) or {}).items() if v is not None}}
            entry: dict[str, Any] = {"name": f, "inferred_type": "Fractional" if rule.get("statistic") != "chi2" else "String", "completeness": 1.0}
            if rule.get("statistic") == "ks" and rule.get("threshold") is not None:
                entry["monitoringConfigOverrides"] = {"distribution_constraints": {"comparison_threshold": rule["threshold"]}}
            entries.append(entry)
        default_threshold = default.get("threshold") if default.get("statistic") == "ks" else None
        body = {
            "version": 0,
            "features": entries,
            "monitoring_config": {
                "evaluate_constraints": "Enabled",
                "emit_metrics": "Enabled",
                "distribution_constraints": {
                    "perform_comparison": "Enabled",
                    "comparison_threshold": default_threshold or DEFAULT_THRESHOLDS["ks"],
                    "comparison_method": "Robust",
                },
            },
        }
        # Named by content: new constraints are a new job definition (definitions are immutable).
        uri = output + f"baseline/constraints-{naming.digest_of(body)[:12]}.json"
        bucket, key = naming.split_s3(uri)
        self.aws.call("s3", "put_object", address, Bucket=bucket, Key=key, Body=json.dumps(body, indent=2).encode())
        return uri

    def _baseline_columns(self, address: str, uri: str) -> list[str]:
        if not uri.startswith("s3://"):
            raise ResourceError("Baseline not on S3", f'"{uri}" is not an s3:// URI: use an aws dataset\'s uri.', attribute=("baseline",))
        bucket, key = naming.split_s3(uri)
        head = self.aws.call("s3", "get_object", address, Bucket=bucket, Key=key, Range="bytes=0-65535")["Body"].read()
        first = head.decode(errors="replace").splitlines()[:1]
        columns = next(csv.reader(io.StringIO(first[0]))) if first else []
        return [c for c in columns if c != "target"]

    def _spec(self, address: str, name: str, config: dict[str, Any]) -> dict[str, Any]:
        block = parse_block(MonitorBlock, config)
        output = self._output(name, config)
        if output is None:
            raise ResourceError(
                "No S3 location for monitoring reports",
                'Set `output_uri` in the monitor\'s aws block or `artifact_bucket` in the provider "aws" block.',
            )
        image = block.image_uri
        if image is None:
            account = ANALYZER_ACCOUNTS.get(self.aws.region)
            if account is None:
                raise ResourceError("No Model Monitor image for this region", f"Set image_uri in the monitor's aws block ({self.aws.region}).")
            image = f"{account}.dkr.ecr.{self.aws.region}.{self.aws.dns_suffix()}/sagemaker-model-monitor-analyzer"
        baseline: dict[str, Any] = {"ConstraintsResource": {"S3Uri": self._constraints(address, config, output)}}
        if block.baseline_statistics:
            baseline["StatisticsResource"] = {"S3Uri": block.baseline_statistics}
        return {
            "DataQualityBaselineConfig": baseline,
            "DataQualityAppSpecification": {"ImageUri": image},
            "DataQualityJobInput": {
                "EndpointInput": {"EndpointName": str(config["endpoint"]), "LocalPath": "/opt/ml/processing/input/endpoint"}
            },
            "DataQualityJobOutputConfig": {
                "MonitoringOutputs": [
                    {"S3Output": {"S3Uri": output + "reports", "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}
                ]
            },
            "JobResources": {
                "ClusterConfig": {"InstanceCount": block.instance_count, "InstanceType": block.instance_type, "VolumeSizeInGB": block.volume_size}
            },
            "RoleArn": self.role(block.execution_role_arn, address),
            "StoppingCondition": {"MaxRuntimeInSeconds": block.max_runtime},
        }

    def _definition(self, address: str, name: str, config: dict[str, Any]) -> str:
        spec = self._spec(address, name, config)
        definition = naming.hashed_name(name, spec)
        assert definition is not None
        if self.aws.try_call("sagemaker", "describe_data_quality_job_definition", address, JobDefinitionName=definition) is None:
            self.ctx.record(job_definition=definition)
            self.aws.call(
                "sagemaker", "create_data_quality_job_definition", address,
                JobDefinitionName=definition, Tags=self.tags(address, config), **spec,
            )
        return definition

    def _schedule_config(self, config: dict[str, Any], definition: str) -> dict[str, Any]:
        return {
            "ScheduleConfig": {"ScheduleExpression": schedule_expression(str(config.get("schedule", "every 1h")))},
            "MonitoringJobDefinitionName": definition,
            "MonitoringType": "DataQuality",
        }

    def _wait_scheduled(self, address: str, name: str) -> dict[str, Any]:
        final: dict[str, Any] = {}

        def poll() -> tuple[str, bool, str | None]:
            live = self.aws.call("sagemaker", "describe_monitoring_schedule", address, MonitoringScheduleName=name)
            final.update(live)
            status = live.get("MonitoringScheduleStatus", "")
            if status == "Failed":
                return status, True, live.get("FailureReason") or "The monitoring schedule failed."
            return status, status not in SETTLING, None

        self.wait(f"monitoring schedule {name}", poll)
        return final

    # -- CRUD ------------------------------------------------------------------------
    def create(self, address: str, config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        name = self._name(address, config)
        definition = self._definition(address, name, config)
        self.aws.call(
            "sagemaker", "create_monitoring_schedule", address,
            MonitoringScheduleName=name,
            MonitoringScheduleConfig=self._schedule_config(config, definition),
            Tags=self.tags(address, config),
        )
        live = self._wait_scheduled(address, name)
        return self._attributes(address, name, config, live)

    def update(self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]) -> dict[str, Any]:
        name = str(prior["id"])
        definition = self._definition(address, name, config)
        live = self.aws.call("sagemaker", "describe_monitoring_schedule", address, MonitoringScheduleName=name)
        if live["MonitoringScheduleConfig"] != self._schedule_config(config, definition):
            self.aws.call(
                "sagemaker", "update_monitoring_schedule", address,
                MonitoringScheduleName=name, MonitoringScheduleConfig=self._schedule_config(config, definition),
            )
            live = self._wait_scheduled(address, name)
        old = prior.get("job_definition")
        if isinstance(old, str) and old != definition:
            self.aws.try_call("sagemaker", "delete_data_quality_job_definition", address, JobDefinitionName=old)
        arn = live.get("MonitoringScheduleArn")
        if isinstance(arn, str):
            self.retag(address, arn, prior.get("tags") or {}, config)
        return self._attributes(address, name, config, live)

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        name = str(state.get("id"))
        live = self.aws.try_call("sagemaker", "describe_monitoring_schedule", address, MonitoringScheduleName=name)
        if live is None:
            return None
        config = {k: v for k, v in state.items() if k not in self.outputs}
        return self._attributes(address, name, config, live)

    def delete(self, address: str, state: dict[str, Any]) -> None:
        name = str(state.get("id"))
        self.aws.try_call("sagemaker", "delete_monitoring_schedule", address, MonitoringScheduleName=name)
        definition = state.get("job_definition")
        if isinstance(definition, str):
            self.aws.try_call("sagemaker", "delete_data_quality_job_definition", address, JobDefinitionName=definition)

    def recover(self, address: str, locator: dict[str, Any]) -> dict[str, Any] | None:
        name = locator.get("name")
        live = self.aws.try_call("sagemaker", "describe_monitoring_schedule", address, MonitoringScheduleName=name) if isinstance(name, str) else None
        if live is not None and self.tagged(live["MonitoringScheduleArn"], address):
            return self._attributes(address, str(name), {}, live)
        definition = locator.get("job_definition")
        if isinstance(definition, str):
            self.aws.try_call("sagemaker", "delete_data_quality_job_definition", address, JobDefinitionName=definition)
        return None

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        live = self.aws.try_call("sagemaker", "describe_monitoring_schedule", address, MonitoringScheduleName=object_id)
        return None if live is None else self._attributes(address, object_id, {}, live)

    # -- status ----------------------------------------------------------------------
    def _attributes(self, address: str, name: str, config: dict[str, Any], live: dict[str, Any]) -> dict[str, Any]:
        definition = live.get("MonitoringScheduleConfig", {}).get("MonitoringJobDefinitionName")
        executions = list(self.aws.pages(
            "sagemaker", "list_monitoring_executions", "MonitoringExecutionSummaries", address,
            MonitoringScheduleName=name, SortBy="ScheduledTime", SortOrder="Descending",
        ))
        finished = [e for e in executions if e.get("MonitoringExecutionStatus") in ("Completed", "CompletedWithViolations")]
        status, drifted, since, last = "no_data", [], None, None
        if finished:
            latest = finished[0]
            last = _time(latest.get("ScheduledTime"))
            if latest["MonitoringExecutionStatus"] == "CompletedWithViolations":
                status = "drift"
                run = []
                for e in finished:
                    if e["MonitoringExecutionStatus"] != "CompletedWithViolations":
                        break
                    run.append(e)
                since = _time(run[-1].get("ScheduledTime"))
                drifted = self._violations(address, name, config)
            else:
                status = "ok"
        report = self._output(name, config) if config else None
        outputs = {
            "id": name,
            "status": status,
            "drifted_features": drifted,
            "last_run": last,
            "drift_since": since,
            "report_path": report,
            "job_definition": definition,
            "schedule_status": live.get("MonitoringScheduleStatus"),
        }
        return self.attributes(config, outputs)

    def _violations(self, address: str, name: str, config: dict[str, Any]) -> list[str]:
        """The features of the newest report's baseline drift violations."""
        output = self._output(name, config)
        if output is None:
            return []
        bucket, prefix = naming.split_s3(output)
        found, token = [], None
        while True:
            page = self.aws.call(
                "s3", "list_objects_v2", address, Bucket=bucket, Prefix=prefix, **({"ContinuationToken": token} if token else {})
            )
            found += [o for o in page.get("Contents", []) if str(o.get("Key", "")).endswith(VIOLATIONS)]
            token = page.get("NextContinuationToken")
            if not token:
                break
        if not found:
            return []
        newest = max(found, key=lambda o: o["LastModified"])
        body = json.loads(self.aws.call("s3", "get_object", address, Bucket=bucket, Key=newest["Key"])["Body"].read())
        return sorted({
            str(v.get("feature_name")) for v in body.get("violations", []) if v.get("constraint_check_type") == DRIFT_CHECK
        })


def _time(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value) if value is not None else None
