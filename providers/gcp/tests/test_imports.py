"""Loading the gcp provider for its schema imports no Google SDK: ``mlinfra validate`` and
``mlinfra plan`` of other providers never pay for google.cloud.aiplatform_v1."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
before = set(sys.modules)
from mlinfra.providers import registry
p = registry.load("gcp")
schema = p.schema()
assert set(schema.kinds) == {"dataset", "pipeline", "model", "endpoint"}, schema.kinds
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_the_provider_schema_loads_no_google_sdk() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    loaded = json.loads(out)
    google = [m for m in loaded if m.split(".")[0] in ("google", "proto", "grpc", "requests")]
    assert google == [], google


def test_the_high_level_aiplatform_package_is_never_imported() -> None:
    probe = "import sys, mlinfra_provider_gcp._sdk as s; s.aiplatform(); print('google.cloud.aiplatform' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
