"""The only door to the Azure SDKs (azure-ai-ml, azure-identity, azure-core,
azure-storage-blob).

Importing this module imports nothing from Azure: each function imports lazily through
``mlinfra.providers.sdk.lazy_import``, so loading the provider for its schema
(``mlinfra validate``) never pays the seconds ``azure.ai.ml`` takes, and a missing SDK
becomes a diagnostic with an install hint.
"""

from __future__ import annotations

import logging
import os
import threading
from types import ModuleType
from typing import Any

from mlinfra.providers.sdk import lazy_import

INSTALL = "mlinfra-provider-azure (azure-ai-ml, azure-identity, azure-storage-blob)"
MFE_OVERRIDE = "AZUREML_DEV_URL_MFE"
_env_lock = threading.Lock()


def entities() -> ModuleType:
    return lazy_import("azure.ai.ml.entities", INSTALL)


def ml() -> ModuleType:
    return lazy_import("azure.ai.ml", INSTALL)


def code_asset(name: str, version: str, uri: str) -> Any:
    """A code asset whose files are already in a datastore (the SDK does not export Code)."""
    return lazy_import("azure.ai.ml.entities._assets", INSTALL).Code(name=name, version=version, path=uri)


def core_exceptions() -> ModuleType:
    return lazy_import("azure.core.exceptions", INSTALL)


def identity() -> ModuleType:
    return lazy_import("azure.identity", INSTALL)


def blob() -> ModuleType:
    return lazy_import("azure.storage.blob", INSTALL)


def access_token(token: str, expires_on: int) -> Any:
    return lazy_import("azure.core.credentials", INSTALL).AccessToken(token, expires_on)


def ml_client(
    credential: Any,
    subscription_id: str,
    resource_group: str,
    workspace: str,
    *,
    endpoint_url: str | None,
    poll_interval: float,
    transport: Any = None,
) -> Any:
    """An ``MLClient`` whose operations poll every ``poll_interval`` seconds (the SDK's
    own default waits 30 s) and never retry on their own: retrying is ours, bounded.
    ``endpoint_url`` points the client at another Azure ML front end (a private or test
    endpoint) the way ``AZUREML_DEV_URL_MFE`` does; the SDK reads that variable only
    while the client is built."""
    ml = lazy_import("azure.ai.ml", INSTALL)
    kwargs: dict[str, Any] = {"polling_interval": poll_interval, "retry_total": 0, "show_progress": False,
                              "enable_telemetry": False}
    if transport is not None:
        kwargs["transport"] = transport
    with _env_lock:
        before = os.environ.get(MFE_OVERRIDE)
        if endpoint_url:
            os.environ[MFE_OVERRIDE] = endpoint_url.rstrip("/")
        try:
            client = ml.MLClient(credential, subscription_id, resource_group, workspace, **kwargs)
        finally:
            if endpoint_url:
                if before is None:
                    os.environ.pop(MFE_OVERRIDE, None)
                else:
                    os.environ[MFE_OVERRIDE] = before
    _quiet()
    # Online endpoint and deployment operations poll at a fixed class constant (5 s), not
    # at the client's polling_interval: set it, or every wait costs 5 s per poll.
    constants = lazy_import("azure.ai.ml.constants._common", INSTALL)
    constants.LROConfigurations.POLL_INTERVAL = poll_interval
    return client


def _quiet() -> None:
    """The SDK's operation loggers write progress dots and notes straight to stderr; the
    provider reports progress itself, and errors come back as exceptions."""
    for name in list(logging.Logger.manager.loggerDict):
        if name.startswith("azure.ai.ml"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def arm_client(base_url: str, credential: Any, transport: Any = None) -> Any:
    """An azure-core client for ARM calls the MLClient does not make (Azure Monitor),
    with the same credential and transport, and without retries of its own."""
    core = lazy_import("azure.core", INSTALL)
    policies = lazy_import("azure.core.pipeline.policies", INSTALL)
    kwargs: dict[str, Any] = {}
    if transport is not None:
        kwargs["transport"] = transport
    return core.PipelineClient(
        base_url,
        policies=[
            policies.HeadersPolicy(),
            policies.RetryPolicy(retry_total=0),
            policies.BearerTokenCredentialPolicy(credential, "https://management.azure.com/.default"),
            policies.NetworkTraceLoggingPolicy(),
        ],
        **kwargs,
    )


def http_request(method: str, url: str, body: Any = None) -> Any:
    rest = lazy_import("azure.core.rest", INSTALL)
    return rest.HttpRequest(method, url, json=body) if body is not None else rest.HttpRequest(method, url)


def http_status(e: BaseException) -> int:
    return int(getattr(e, "status_code", 0) or 0)


def error_code(e: BaseException) -> str:
    err = getattr(e, "error", None)
    code = getattr(err, "code", None)
    return str(code or "")


def error_message(e: BaseException) -> str:
    err = getattr(e, "error", None)
    msg = getattr(err, "message", None)
    if msg:
        return str(msg)
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def is_http_error(e: BaseException) -> bool:
    return isinstance(e, core_exceptions().HttpResponseError)


def is_not_found(e: BaseException) -> bool:
    exc = core_exceptions()
    return isinstance(e, exc.ResourceNotFoundError) or (isinstance(e, exc.HttpResponseError) and http_status(e) == 404)


def is_connection_error(e: BaseException) -> bool:
    exc = core_exceptions()
    return isinstance(e, exc.ServiceRequestError | exc.ServiceResponseError)


def is_auth_error(e: BaseException) -> bool:
    exc = core_exceptions()
    return isinstance(e, exc.ClientAuthenticationError)


def state(value: Any) -> str | None:
    """An SDK enum (provisioning states) as its plain string."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def list_view(kind: str) -> Any:
    """``ListViewType.ALL`` / ``ACTIVE_ONLY`` / ``ARCHIVED_ONLY``."""
    return getattr(lazy_import("azure.ai.ml.constants", INSTALL).ListViewType, kind)
