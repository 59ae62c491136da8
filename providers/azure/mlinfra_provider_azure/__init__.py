"""mlinfra's azure provider: Azure ML data assets, model versions, managed online
endpoints with their deployments and traffic, and pipeline jobs.

Importing this package imports no Azure SDK (``azure.ai.ml`` takes seconds to import):
``_sdk`` loads it on first use. The entry point ``azure`` names ``AzureProvider``.
"""

from mlinfra_provider_azure.provider import AzureProvider

__all__ = ["AzureProvider"]
