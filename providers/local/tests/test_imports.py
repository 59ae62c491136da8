"""Importing the provider (as ``mlinfra validate`` does, for its schema) stays cheap."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sklearn", "numpy", "scipy", "joblib", "uvicorn", "starlette", "skops")


def test_importing_the_provider_and_reading_its_schema_imports_no_heavy_library() -> None:
    code = (
        "import json, sys\n"
        "from mlinfra_provider_local import LocalProvider\n"
        "LocalProvider().schema()\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_entry_point_names_the_provider_class() -> None:
    from importlib.metadata import entry_points

    (ep,) = [e for e in entry_points(group="mlinfra.providers") if e.name == "local"]
    assert ep.value == "mlinfra_provider_local:LocalProvider"
