"""mlinfra's gcp provider: GCS datasets and Vertex AI models, endpoints and pipeline jobs.

Importing this package imports no Google SDK: the low-level ``google.cloud.aiplatform_v1``
clients and ``google.cloud.storage`` are loaded lazily, on first use, by ``_sdk``. The
entry point ``gcp`` names ``GcpProvider``.
"""

from mlinfra_provider_gcp.provider import GcpProvider

__all__ = ["GcpProvider"]
