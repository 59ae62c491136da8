"""Ask the quickstart's endpoint for predictions: ``python predict.py [CONFIG_DIR]``.

Reads the endpoint's address from the ``url`` output of the applied configuration
(``mlinfra output url --raw``), sends two iris flowers to ``POST /predict`` and prints
the answer, then the endpoint's health. Uses only the standard library.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

FLOWERS = [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]
# Loopback only: never send these requests through a proxy.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def endpoint_url(config_dir: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "mlinfra", "-C", str(config_dir), "output", "url", "--raw"],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0 or not out.stdout.strip():
        sys.exit(f"No endpoint URL yet; run `mlinfra apply` in {config_dir} first.\n{out.stderr}")
    return out.stdout.strip()


def call(url: str, body: object | None = None) -> object:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with OPENER.open(request, timeout=10) as response:
        return json.loads(response.read())


def main(argv: list[str]) -> int:
    config_dir = Path(argv[0]) if argv else Path(__file__).parent
    url = endpoint_url(config_dir)
    print(f"POST {url}/predict -> {json.dumps(call(url + '/predict', {'instances': FLOWERS}))}")
    print(f"GET {url}/health -> {json.dumps(call(url + '/health'))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
