"""The Google session of a configured provider: project, region, credentials, the Vertex
AI v1 REST clients, retries and waiting for long-running operations.

``GcpClients.call`` is how every handler talks to Vertex AI. Throttling (429) and an
unavailable service (503, a dropped connection) are retried with exponential backoff and
full jitter, bounded in time by the provider's ``retry_timeout``; any other error fails
at once as a ``ResourceError`` carrying the service's own message. ``wait_steps`` polls a
long-running operation, reporting progress, until it is done or ``wait_timeout`` passes,
yielding a ``Wait`` between polls so the engine schedules them (a caller that cannot be
resumed runs the steps inline, sleeping: ``mlinfra.providers.run_inline``).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra.providers import ResourceError, Steps, Wait, retry
from mlinfra.providers.retry import Backoff
from mlinfra_provider_gcp import _sdk, naming
from mlinfra_provider_gcp.config import ProviderConfig

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
REGION = re.compile(r"^[a-z]+-[a-z]+[0-9]+$")
PROJECT_ENV = ("GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT")
REGION_ENV = ("GOOGLE_CLOUD_REGION", "CLOUDSDK_COMPUTE_REGION")
CALL_TIMEOUT = 60.0
HTTP_PREFIX = re.compile(r"^(GET|POST|PATCH|PUT|DELETE) \S+: ")


class GcpClients:
    """Vertex AI clients for one provider configuration."""

    def __init__(self, config: ProviderConfig, workdir: Path, backoff: Backoff | None = None) -> None:
        self.config = config
        self.workdir = workdir
        self.backoff = backoff or Backoff()
        self.project = ""
        self.region = ""
        self.credentials: Any = None
        self._clients: dict[str, Any] = {}
        self._storage: Any = None

    # -- setup ---------------------------------------------------------------------------
    def check(self) -> list[str]:
        """Why calls would fail before any is made (no project, region or credentials), with the fix."""
        problems: list[str] = []
        adc_project = self._credentials(problems)
        project = self.config.project or _env(PROJECT_ENV) or adc_project
        if not project:
            problems.append(
                'No Google Cloud project is set. Set `project` in the provider "gcp" block, '
                "or the GOOGLE_CLOUD_PROJECT environment variable."
            )
        self.project = project or ""
        region = self.config.region or _env(REGION_ENV)
        if not region:
            problems.append(
                'No Vertex AI region is set. Set `region` in the provider "gcp" block (for example "us-central1"), '
                "or the GOOGLE_CLOUD_REGION environment variable."
            )
        elif not REGION.match(region):
            problems.append(f'"{region}" is not a Google Cloud region; regions look like "us-central1" or "europe-west4".')
        else:
            self.region = region
        return problems

    def _credentials(self, problems: list[str]) -> str | None:
        """Resolve the credentials; returns the project they name, if any."""
        setting = self.config.credentials
        if setting == "anonymous":
            self.credentials = _sdk.anonymous_credentials()
            return None
        if setting:
            path = Path(setting).expanduser()
            if not path.is_absolute():
                path = self.workdir / path
            if not path.is_file():
                problems.append(
                    f"The credentials file {setting} does not exist. Set `credentials` to the path of a "
                    'service-account key file, leave it out to use Application Default Credentials, or "anonymous".'
                )
                return None
            try:
                self.credentials = _sdk.key_file_credentials(path)
            except (ValueError, KeyError) as e:
                problems.append(f"The credentials file {setting} is not a service-account key file: {e}")
                return None
            return getattr(self.credentials, "project_id", None)
        try:
            self.credentials, project = _sdk.default_credentials()
        except _sdk.default_credentials_error():
            problems.append(
                "No Google Cloud credentials were found. Run `gcloud auth application-default login`, set "
                "GOOGLE_APPLICATION_CREDENTIALS to a service-account key file, or set `credentials` in the "
                'provider "gcp" block.'
            )
            return None
        return project

    @property
    def parent(self) -> str:
        return naming.parent(self.project, self.region)

    @property
    def api_endpoint(self) -> str:
        return (self.config.api_endpoint or f"https://{self.region}-aiplatform.googleapis.com").rstrip("/")

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = _sdk.service_client(service, self.credentials, self.api_endpoint)
        return self._clients[service]

    def storage(self) -> Any:
        if self._storage is None:
            self._storage = _sdk.storage_client(self.project, self.credentials, self.config.storage_endpoint)
        return self._storage

    # -- calls ---------------------------------------------------------------------------
    def call(self, service: str, method: str, address: str = "", **kwargs: Any) -> Any:
        """Call ``client.method(request=kwargs)`` with bounded retries of throttling."""
        fn = getattr(self.client(service), method)
        return self.retrying(lambda: fn(request=kwargs, retry=None, timeout=CALL_TIMEOUT), method, address)

    def try_call(self, service: str, method: str, address: str = "", **kwargs: Any) -> Any | None:
        """Like ``call`` but None when the object does not exist."""
        try:
            return self.call(service, method, address, **kwargs)
        except ResourceError as e:
            if getattr(e, "not_found", False):
                return None
            raise

    def retrying(self, fn: Callable[[], Any], what: str, address: str) -> Any:
        deadline = time.monotonic() + self.config.retry_timeout
        return retry.retrying(
            fn,
            self.backoff,
            handles=lambda e: _sdk.is_api_error(e) or _sdk.is_connection_error(e),
            deadline=lambda e: deadline if _sdk.is_connection_error(e) or _sdk.status_code(e) in RETRYABLE_STATUS else None,
            fail=lambda e, attempt: service_error(e, what, address, attempt),
        )

    def wait_steps(self, operation: Any, what: str, address: str, progress: Callable[[str], None]) -> Steps[Any]:
        """Poll a long-running operation until done, as steps: between polls it yields a
        ``Wait`` (the engine holds no worker meanwhile). Its result, or a ResourceError
        with the service's message when it failed or ``wait_timeout`` passed."""
        start = time.monotonic()
        deadline = start + self.config.wait_timeout
        progress(f"{what}: started")
        while not self.retrying(lambda: operation.done(retry=None), f"{what} (polling)", address):
            now = time.monotonic()
            if now + self.config.poll_interval > deadline:
                raise ResourceError(
                    f"Timed out waiting for {what}",
                    f"Operation {operation.operation.name} is still running after {int(self.config.wait_timeout)}s "
                    "(raise `wait_timeout` in the provider block to wait longer).",
                )
            yield Wait(self.config.poll_interval, f"{what}: still running ({int(now - start)}s elapsed)")
        pb = operation.operation
        if pb.HasField("error") and pb.error.code:
            where = f" ({address})" if address else ""
            raise ResourceError(f"Vertex AI {what} failed{where}", pb.error.message or f"error code {pb.error.code}")
        progress(f"{what}: done ({int(time.monotonic() - start)}s)")
        return operation.result(retry=None)

def _env(names: tuple[str, ...]) -> str | None:
    for n in names:
        if os.environ.get(n):
            return os.environ[n]
    return None


def service_error(e: BaseException, what: str, address: str, retries: int) -> ResourceError:
    where = f" ({address})" if address else ""
    status = _sdk.status_code(e)
    # The REST transport prefixes the service's message with the request line.
    message = HTTP_PREFIX.sub("", getattr(e, "message", None) or str(e))
    detail = f"{status} {type(e).__name__}: {message}" if status else f"{type(e).__name__}: {message}"
    if retries:
        detail += f" (after {retries} retries)"
    err = ResourceError(f"Vertex AI {what} failed{where}", detail)
    err.not_found = status == 404  # type: ignore[attr-defined]
    return err
