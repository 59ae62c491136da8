"""The local provider for mlinfra: everything runs on this machine.

Datasets are materialised CSV files, pipelines are scikit-learn training runs in a
subprocess, models are versions in a folder registry and endpoints are detached HTTP
server processes on 127.0.0.1. Everything lives under ``<workdir>/.mlinfra/local/``.

Importing this package must stay cheap: it is loaded for its schema by ``mlinfra
validate``, so scikit-learn, numpy and uvicorn are imported only inside the functions
that need them (see ``_sdk.py``).
"""

from mlinfra_provider_local.provider import LocalProvider

__all__ = ["LocalProvider"]
