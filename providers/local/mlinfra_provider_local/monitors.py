"""The ``monitor`` kind: drift of an endpoint's captured traffic from a baseline, computed
by a detached process per monitor on its schedule.

Each monitor instance has a folder ``.mlinfra/local/monitors/NAME/mon-XXXXXX/`` with its
settings (``config.json``: the endpoint's folder, the baseline file and label column, the
statistics), the process's log, ``monitor.json`` (the resource address and attributes)
and what each run writes: ``status.json``, ``report.json`` and ``report.html`` (per-feature
histograms of baseline and live data, inline SVG).

The process is managed as an endpoint's server is (``processes``): the folder and start
token are in the intent before create, the pid is recorded the moment the process
exists, ``recover`` adopts a monitor that finished starting and stops any other process
started for that folder, and delete stops it. A refresh (``read``) runs the monitor again
when traffic was captured (or another model deployed) since its last run, so a plan sees
the latest status without waiting for the schedule; otherwise it reports the last run. A
monitor whose process is gone reads as deleted and is started again by the next apply.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from mlinfra.providers import ResourceError
from mlinfra.providers.protocol import PlanResponse
from mlinfra_provider_local import monitor_report, processes
from mlinfra_provider_local.blocks import MonitorBlock
from mlinfra_provider_local.kinds import MonitorKind
from mlinfra_provider_local.sources import label_column
from mlinfra_provider_local.store import RECORD_KEY, object_name, plain, read_json, write_json

RECORD_FILE = "monitor.json"
LOG_FILE = "monitor.log"
RUNNER_MODULE = "mlinfra_provider_local.monitor_runner"
PREFIX = "mon-"


class MonitorResource(MonitorKind):
    # -- plan ------------------------------------------------------------------------
    def plan(
        self, address: str, prior: dict[str, Any] | None, config: dict[str, Any]
    ) -> PlanResponse:
        return self.default_plan(prior, config, known={"id": object_name(address)})

    # -- interrupted creates ---------------------------------------------------------
    def intent(self, address: str, planned: dict[str, Any]) -> dict[str, Any]:
        name = object_name(address)
        token = secrets.token_hex(3)
        return {"name": name, "monitor_dir": str(self.store.monitor(name) / f"{PREFIX}{token}")}

    def recover(self, address: str, locator: dict[str, Any]) -> dict[str, Any] | None:
        folder = self._managed(locator.get("monitor_dir"))
        return self.recover_process(
            address, folder, RECORD_FILE, monitor_report.SETTINGS_FILE, locator.get("pid"), self._alive
        )

    # -- CRUD ------------------------------------------------------------------------
    def create(
        self, address: str, config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        name = object_name(address)
        folder = self._managed(self.ctx.locator.get("monitor_dir"))
        folder = folder or self.store.monitor(name) / f"{PREFIX}{secrets.token_hex(3)}"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            return self._start(address, config, folder)
        except BaseException:
            processes.stop_marked(str(folder / monitor_report.SETTINGS_FILE))
            self.store.remove(folder)
            raise

    def update(
        self, address: str, prior: dict[str, Any], config: dict[str, Any], planned: dict[str, Any]
    ) -> dict[str, Any]:
        folder = self._folder(prior)
        if folder is None:
            return self.create(address, config, planned)
        processes.stop_marked(str(folder / monitor_report.SETTINGS_FILE), prior.get("pid"))
        return self._start(address, config, folder)

    def read(self, address: str, state: dict[str, Any]) -> dict[str, Any] | None:
        folder = self._folder(state)
        if folder is None or not self._alive(state):
            return None
        try:
            result = monitor_report.latest(folder)
        except monitor_report.MonitorError as e:
            self.ctx.progress(f"{address}: {e}")
            return dict(state)
        attrs = plain({**state, **result})
        write_json(folder / RECORD_FILE, {"address": address, RECORD_KEY: attrs})
        return attrs

    def delete(self, address: str, state: dict[str, Any]) -> None:
        folder = self._folder(state)
        if folder is not None:
            processes.stop_marked(str(folder / monitor_report.SETTINGS_FILE), state.get("pid"))
            self.store.remove(folder)
        home = self.store.monitor(object_name(address))
        if not any(home.glob(f"{PREFIX}*")):
            self.store.remove(home)

    def find(self, address: str) -> dict[str, Any] | None:
        return self._running(object_name(address), address)

    def import_object(self, address: str, object_id: str) -> dict[str, Any] | None:
        return self._running(object_id, None)

    def _running(self, name: str, address: str | None) -> dict[str, Any] | None:
        """The attributes of a running monitor named ``name`` (written for ``address``)."""
        for _, record in self.records(self.store.monitor(name), f"{PREFIX}*/{RECORD_FILE}", address):
            if self._alive(self.attributes(record)):
                return self.attributes(record)
        return None

    # -- helpers ---------------------------------------------------------------------
    def _managed(self, raw: Any) -> Path | None:
        return self.process_folder(raw, PREFIX)

    def _folder(self, attrs: dict[str, Any]) -> Path | None:
        log = attrs.get("log")
        return self._managed(str(Path(log).parent)) if isinstance(log, str) else None

    def _alive(self, attrs: dict[str, Any]) -> bool:
        folder = self._folder(attrs)
        marker = str(folder / monitor_report.SETTINGS_FILE) if folder else ""
        return folder is not None and processes.alive(attrs.get("pid"), marker)

    def _settings(self, address: str, config: dict[str, Any], started: float) -> dict[str, Any]:
        endpoint = str(config["endpoint"])
        home = self.store.endpoint(endpoint)
        instances = sorted(home.glob("srv-*/endpoint.json"), key=lambda p: p.stat().st_mtime_ns)
        serving = read_json(instances[-1].parent / monitor_report.SETTINGS_FILE) if instances else None
        if not isinstance(serving, dict):
            raise ResourceError(
                "Endpoint not found",
                f'No local endpoint "{endpoint}" is running. Use endpoint.NAME.id.',
                attribute=("endpoint",),
            )
        if not serving.get("capture"):
            raise ResourceError(
                "Endpoint does not capture data",
                f'The endpoint "{endpoint}" does not capture its requests, so there is no live data '
                "to compare. Add data_capture { enabled = true } to the endpoint.",
                attribute=("endpoint",),
            )
        baseline = self.store.resolve_file_uri(str(config["baseline"]))
        if not baseline.is_file():
            raise ResourceError("Baseline not found", f"{baseline} does not exist.", attribute=("baseline",))
        quality = config.get("quality")
        if isinstance(quality, dict):
            labels = self.store.resolve_file_uri(str(quality["labels"]))
            if not labels.is_file():
                raise ResourceError("Labels not found", f"{labels} does not exist.", attribute=("quality", "labels"))
            quality = {**quality, "path": str(labels), "label": label_column(labels)}
        block = MonitorBlock.model_validate(config.get("local") or {})
        return {
            "window_start": started,
            "address": address,
            "endpoint_home": str(home),
            "baseline": str(baseline),
            "label": label_column(baseline),
            "features": config.get("features"),
            "drift": config.get("drift") or {},
            "feature": config.get("feature") or {},
            "schedule": config.get("schedule", "every 1h"),
            "min_samples": block.min_samples,
            "quality": quality if isinstance(quality, dict) else None,
        }

    def _start(self, address: str, config: dict[str, Any], folder: Path) -> dict[str, Any]:
        settings_path, log = folder / monitor_report.SETTINGS_FILE, folder / LOG_FILE
        old = read_json(settings_path)
        started = old.get("window_start") if isinstance(old, dict) else None
        window_start = started if isinstance(started, int | float) else time.time()
        write_json(settings_path, self._settings(address, config, window_start))
        try:
            result = monitor_report.compute(folder)
        except monitor_report.MonitorError as e:
            raise ResourceError("The monitor cannot run", str(e)) from None
        proc = processes.start([RUNNER_MODULE, "--config", str(settings_path)], None, log, folder)
        self.ctx.record(pid=proc.pid)
        processes.wait_started(proc, str(settings_path), log)
        self.ctx.progress(f"started monitor process pid {proc.pid} ({config.get('schedule')})")
        attrs = plain({**config, "id": object_name(address), **result, "pid": proc.pid, "log": str(log)})
        write_json(folder / RECORD_FILE, {"address": address, RECORD_KEY: attrs})
        return attrs
