"""The only door to the Google SDKs.

Importing this module imports nothing from Google; each function imports lazily through
``mlinfra.providers.sdk.lazy_import`` so that loading the provider for its schema
(``mlinfra validate``) never pays for them, and a missing SDK becomes a diagnostic with
an install hint. Only the low-level ``google.cloud.aiplatform_v1`` clients are used, on
the REST transport: the high-level ``google.cloud.aiplatform`` package takes seconds to
import and hides the calls this provider needs to make itself.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from mlinfra.providers.sdk import lazy_import

INSTALL = "mlinfra-provider-gcp (google-cloud-aiplatform, google-cloud-storage)"

SERVICES = {
    "models": "ModelServiceClient",
    "endpoints": "EndpointServiceClient",
    "pipelines": "PipelineServiceClient",
}


def aiplatform() -> ModuleType:
    return lazy_import("google.cloud.aiplatform_v1", INSTALL)


def exceptions() -> ModuleType:
    return lazy_import("google.api_core.exceptions", INSTALL)


def field_mask(paths: list[str]) -> Any:
    return lazy_import("google.protobuf.field_mask_pb2", INSTALL).FieldMask(paths=paths)


def anonymous_credentials() -> Any:
    return lazy_import("google.auth.credentials", INSTALL).AnonymousCredentials()


def key_file_credentials(path: Path) -> Any:
    sa = lazy_import("google.oauth2.service_account", INSTALL)
    return sa.Credentials.from_service_account_file(str(path), scopes=["https://www.googleapis.com/auth/cloud-platform"])


def default_credentials() -> tuple[Any, str | None]:
    """Application Default Credentials and the project they name (may be None)."""
    auth = lazy_import("google.auth", INSTALL)
    return auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])  # type: ignore[no-any-return]


def default_credentials_error() -> type[BaseException]:
    return lazy_import("google.auth.exceptions", INSTALL).DefaultCredentialsError  # type: ignore[no-any-return]


def service_client(service: str, credentials: Any, api_endpoint: str) -> Any:
    """A Vertex AI v1 service client on the REST transport."""
    cls = getattr(aiplatform(), SERVICES[service])
    return cls(transport="rest", credentials=credentials, client_options={"api_endpoint": api_endpoint})


def storage_client(project: str, credentials: Any, endpoint: str | None) -> Any:
    storage = lazy_import("google.cloud.storage", INSTALL)
    options = {"api_endpoint": endpoint} if endpoint else None
    return storage.Client(project=project, credentials=credentials, client_options=options)


def to_dict(message: Any) -> dict[str, Any]:
    """A proto-plus message as the service's JSON (camelCase), without default values."""
    fmt = lazy_import("google.protobuf.json_format", INSTALL)
    pb = type(message).pb(message)
    return fmt.MessageToDict(pb, preserving_proto_field_name=False)  # type: ignore[no-any-return]


def api_error_type() -> type[BaseException]:
    return exceptions().GoogleAPICallError  # type: ignore[no-any-return]


def is_api_error(e: BaseException) -> bool:
    return isinstance(e, api_error_type())


def status_code(e: BaseException) -> int:
    code = getattr(e, "code", None)
    return int(code) if isinstance(code, int) else 0


def is_connection_error(e: BaseException) -> bool:
    requests_exc = lazy_import("requests.exceptions", INSTALL)
    return isinstance(e, requests_exc.ConnectionError | requests_exc.Timeout)
