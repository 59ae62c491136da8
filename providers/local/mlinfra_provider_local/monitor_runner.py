"""The monitor process: ``python -m mlinfra_provider_local.monitor_runner --config C``.

Runs the monitor whose settings are in C (``monitors/NAME/mon-XXXXXX/config.json``) at
once and then on its schedule, writing the report and status beside C each time. It
exits when C is gone (the monitor was deleted) or on SIGTERM; an error in one run is
logged and the next run tries again.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mlinfra.config.monitoring import parse_schedule
from mlinfra_provider_local import monitor_report
from mlinfra_provider_local.store import read_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mlinfra_provider_local.monitor_runner")
    parser.add_argument("--config", required=True, type=Path)
    args = parser.parse_args(argv)
    config: Path = args.config
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    settings: Any = read_json(config)
    if not isinstance(settings, dict):
        print(f"no monitor settings in {config}", file=sys.stderr)
        return 2
    schedule = parse_schedule(str(settings.get("schedule", "every 1h")))
    while not stop.is_set() and config.is_file():
        try:
            result = monitor_report.compute(config.parent)
            print(f"{result['last_run']} {result['status']} {result['drifted_features']}", flush=True)
        except Exception:  # noqa: BLE001 - the next run tries again
            traceback.print_exc()
        wait = (schedule.next_after(datetime.now(UTC)) - datetime.now(UTC)).total_seconds()
        # Wake each second to notice a deleted monitor.
        while wait > 0 and not stop.is_set() and config.is_file():
            stop.wait(min(1.0, wait))
            wait -= 1.0
    return 0


if __name__ == "__main__":
    sys.exit(main())
