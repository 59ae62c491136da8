"""mlinfra's aws provider: S3 datasets and SageMaker pipelines, models and endpoints.

Importing this package imports no AWS SDK: boto3 is loaded lazily, on first use, by
``_sdk``. The entry point ``aws`` names ``AwsProvider``.
"""

from mlinfra_provider_aws.provider import AwsProvider

__all__ = ["AwsProvider"]
