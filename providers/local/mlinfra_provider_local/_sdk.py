"""The only door to the heavy libraries: scikit-learn, numpy, joblib and uvicorn.

Each is imported on first use through ``mlinfra.providers.sdk.lazy_import``, so that
importing the provider (for its schema during ``mlinfra validate``) imports none of them,
and a missing one is a diagnostic with an install hint.
"""

from __future__ import annotations

from types import ModuleType

from mlinfra.providers.sdk import lazy_import

_INSTALL = "mlinfra-provider-local"


def numpy() -> ModuleType:
    return lazy_import("numpy", _INSTALL)


def sklearn_datasets() -> ModuleType:
    return lazy_import("sklearn.datasets", _INSTALL)


def sklearn_metrics() -> ModuleType:
    return lazy_import("sklearn.metrics", _INSTALL)


def sklearn_model_selection() -> ModuleType:
    return lazy_import("sklearn.model_selection", _INSTALL)


def sklearn_base() -> ModuleType:
    return lazy_import("sklearn.base", _INSTALL)


def joblib() -> ModuleType:
    return lazy_import("joblib", _INSTALL)


def skops_io() -> ModuleType:
    return lazy_import("skops.io", "skops")


def uvicorn() -> ModuleType:
    return lazy_import("uvicorn", _INSTALL)


def library_versions() -> dict[str, str]:
    """Versions of the libraries a trained model depends on (for its lineage)."""
    import platform

    out = {"python": platform.python_version()}
    for name in ("sklearn", "numpy", "scipy", "joblib"):
        try:
            mod = lazy_import(name, _INSTALL)
        except Exception:  # noqa: BLE001 - an absent optional library is just not listed
            continue
        out["scikit-learn" if name == "sklearn" else name] = str(getattr(mod, "__version__", "?"))
    return out


def scipy_stats() -> ModuleType:
    return lazy_import("scipy.stats", _INSTALL)
