"""The only door to boto3 and botocore.

Importing this module imports nothing from the AWS SDK; each function imports lazily
through ``mlinfra.providers.sdk.lazy_import`` so that loading the provider for its
schema (``mlinfra validate``) never pays for boto3, and a missing SDK becomes a
diagnostic with an install hint.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from mlinfra.providers.sdk import lazy_import

INSTALL = "mlinfra-provider-aws (boto3)"


def boto3() -> ModuleType:
    return lazy_import("boto3", INSTALL)


def botocore_exceptions() -> ModuleType:
    return lazy_import("botocore.exceptions", INSTALL)


def botocore_config(**kwargs: Any) -> Any:
    """A ``botocore.config.Config`` with the SDK's own retries off: retrying is ours."""
    config = lazy_import("botocore.config", INSTALL)
    return config.Config(retries={"total_max_attempts": 1}, **kwargs)


def session(profile: str | None, region: str | None) -> Any:
    return boto3().session.Session(profile_name=profile, region_name=region)


def client_error_type() -> type[BaseException]:
    return botocore_exceptions().ClientError  # type: ignore[no-any-return]


def is_client_error(e: BaseException) -> bool:
    return isinstance(e, client_error_type())


def error_code(e: BaseException) -> str:
    """The service's error code of a ClientError, '' for anything else."""
    response = getattr(e, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""


def error_message(e: BaseException) -> str:
    response = getattr(e, "response", None)
    if isinstance(response, dict):
        msg = response.get("Error", {}).get("Message")
        if msg:
            return str(msg)
    return str(e)


def http_status(e: BaseException) -> int:
    response = getattr(e, "response", None)
    if isinstance(response, dict):
        return int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    return 0


def is_connection_error(e: BaseException) -> bool:
    exc = botocore_exceptions()
    return isinstance(e, exc.EndpointConnectionError | exc.ConnectionClosedError | exc.ReadTimeoutError)


def refreshable_session(fetch: Any, region: str) -> Any:
    """A boto3 session whose credentials come from ``fetch()`` (a dict of access_key,
    secret_key, token, expiry_time) and are fetched again before they expire."""
    credentials = lazy_import("botocore.credentials", INSTALL)
    core = lazy_import("botocore.session", INSTALL).get_session()
    core._credentials = credentials.RefreshableCredentials.create_from_metadata(
        metadata=fetch(), refresh_using=fetch, method="sts-assume-role"
    )
    core.set_config_variable("region", region)
    return boto3().session.Session(botocore_session=core, region_name=region)


def dns_suffix(session: Any, region: str) -> str:
    """The partition's DNS suffix of ``region`` from botocore's endpoint data."""
    try:
        core = session._session if hasattr(session, "_session") else session
        resolver = core._get_internal_component("endpoint_resolver")
        partition = resolver.get_partition_for_region(region)
        return str(resolver.get_partition_dns_suffix(partition))
    except Exception:  # noqa: BLE001 - an unknown region keeps the commercial suffix
        return "amazonaws.com"
