"""Importing the provider (as ``mlinfra validate`` does, for its schema) stays cheap:
no scikit-learn, numpy, joblib or web server is imported until real work needs it."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from local_support import modules_after

HEAVY = {"sklearn", "numpy", "scipy", "joblib", "uvicorn", "starlette", "skops"}


def loaded_after(code: str, cwd: Path | None = None) -> set[str]:
    """The top-level packages imported by ``code``."""
    return {m.split(".")[0] for m in modules_after(code, cwd)}


def test_importing_the_provider_and_reading_its_schema_imports_no_heavy_library() -> None:
    code = "from mlinfra_provider_local import LocalProvider\nLocalProvider().schema()\n"
    assert not loaded_after(code) & HEAVY


def test_validating_the_quickstart_imports_no_heavy_library(tmp_path: Path, copy_example: Any) -> None:
    copy_example("quickstart", tmp_path)
    code = (
        "import runpy, sys\n"
        "sys.argv = ['mlinfra', 'validate']\n"
        "try:\n"
        "    runpy.run_module('mlinfra', run_name='__main__')\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
    )
    loaded = loaded_after(code, cwd=tmp_path)
    assert "mlinfra_provider_local" in loaded, "validate loads the provider for its schema"
    assert not loaded & HEAVY


def test_the_entry_point_names_the_provider_class() -> None:
    (ep,) = [e for e in entry_points(group="mlinfra.providers") if e.name == "local"]
    assert ep.value == "mlinfra_provider_local:LocalProvider"
