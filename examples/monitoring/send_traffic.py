"""Send iris flowers to the monitoring example's endpoint:
``python send_traffic.py [CONFIG_DIR] [--shift X] [--rows N]``.

Reads the endpoint's URL and the training data's location from the applied
configuration's outputs, then posts N rows of the training data (as named features) to
``POST /predict``, each petal measurement moved by X centimetres: ``--shift 0`` is traffic
like the training data, ``--shift 2`` is traffic the monitor reports as drift. Uses only
the standard library.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

# Loopback only: never send these requests through a proxy.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
SHIFTED = ("petal length (cm)", "petal width (cm)")


def outputs(config_dir: Path) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-m", "mlinfra", "-C", str(config_dir), "output", "--json"],
        capture_output=True,
        text=True,
    )
    values = json.loads(out.stdout or "{}") if out.returncode == 0 else {}
    if "url" not in values or "baseline" not in values:
        sys.exit(f"No url or baseline output yet; run `mlinfra apply` in {config_dir} first.\n{out.stderr}")
    return {k: v["value"] for k, v in values.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config_dir", nargs="?", type=Path, default=Path(__file__).parent)
    parser.add_argument("--shift", type=float, default=0.0)
    parser.add_argument("--rows", type=int, default=150)
    args = parser.parse_args(argv)
    found = outputs(args.config_dir)
    url = found["url"]
    data = Path(found["baseline"].removeprefix("file://"))
    with data.open(newline="") as f:
        rows = list(csv.DictReader(f))
    instances = []
    for i in range(args.rows):
        row = rows[(i * 7) % len(rows)]
        instances.append({
            k: float(v) + (args.shift if k in SHIFTED else 0.0) for k, v in row.items() if k != "target"
        })
    # A few requests of several rows each: each request is one captured record.
    for start in range(0, len(instances), 10):
        body = json.dumps({"instances": instances[start : start + 10]}).encode()
        request = urllib.request.Request(
            url + "/predict", data=body, headers={"Content-Type": "application/json"}
        )
        with OPENER.open(request, timeout=10) as response:
            json.loads(response.read())
    print(f"sent {len(instances)} rows to {url} (petals shifted by {args.shift:g} cm)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
