"""Lazy import of cloud SDKs, with an install hint when one is missing.

Provider packages reach their SDK only through ``lazy_import`` in their own ``_sdk.py``,
so that importing a provider (for its schema) costs nothing and ``mlinfra validate``
never imports boto3, google, azure or sklearn.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError


def lazy_import(module: str, install: str) -> ModuleType:
    """Import ``module`` now; a missing package becomes a diagnostic naming ``install``."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise DiagnosticsError(
            d.error(
                "Missing dependency",
                f"The module {module!r} is needed here but is not installed ({e}). "
                f"Install it with: pip install {install}",
            )
        ) from e


class LazyModule:
    """Attribute access imports the module on first use."""

    def __init__(self, module: str, install: str) -> None:
        self._name = module
        self._install = install
        self._mod: ModuleType | None = None

    def __getattr__(self, attr: str) -> object:
        if self._mod is None:
            self._mod = lazy_import(self._name, self._install)
        return getattr(self._mod, attr)
