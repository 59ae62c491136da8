"""The local provider for mlinfra: everything runs on this machine.

Datasets are materialised CSV files, pipelines are scikit-learn training runs in a
subprocess, models are versions in a folder registry and endpoints are detached HTTP
server processes on 127.0.0.1. Everything lives under ``<workdir>/.mlinfra/local/``.

Importing this package must stay cheap: it is loaded for its schema by ``mlinfra
validate``, so scikit-learn, numpy and uvicorn are imported only inside the functions
that need them (see ``_sdk.py``). The provider class itself is imported on first use,
so the training, serving and load-check subprocesses (``python -m
mlinfra_provider_local.train``) do not load the engine's protocol models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlinfra_provider_local.provider import LocalProvider

__all__ = ["LocalProvider"]


def __getattr__(name: str) -> Any:
    if name == "LocalProvider":
        from mlinfra_provider_local.provider import LocalProvider

        return LocalProvider
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
