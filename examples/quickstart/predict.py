"""Ask the quickstart endpoint for a prediction: python predict.py [CONFIG_DIR]."""

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

workdir = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
mlinfra = Path(sys.executable).with_name("mlinfra")
url = subprocess.run(
    [str(mlinfra), "-C", str(workdir), "output", "--raw", "url"], check=True, capture_output=True, text=True
).stdout.strip()
body = json.dumps({"instances": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}).encode()
req = urllib.request.Request(url + "/predict", data=body, headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=10) as resp:
    answer = json.loads(resp.read())
print(f"POST {url}/predict -> {json.dumps(answer)}")
