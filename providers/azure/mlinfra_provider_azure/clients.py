"""The Azure ML session of a configured provider: settings, credentials, the MLClient,
bounded retries and waiting on long-running operations.

``AzureClients.call`` is how every handler talks to Azure ML. Throttling (429) and
transient server errors are retried with exponential backoff and full jitter, bounded
in time by the provider's ``retry_timeout``; any other error fails at once as a
``ResourceError`` carrying the service's own message. ``wait_steps`` follows a poller
until the operation ends, yielding a ``Wait`` between looks so the engine schedules them
(a caller that cannot be resumed runs the steps inline, sleeping:
``mlinfra.providers.run_inline``); a Failed operation raises with the service's error.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from mlinfra.providers import ResourceError, Steps, Wait
from mlinfra.providers.retry import Backoff, retrying
from mlinfra_provider_azure import _sdk
from mlinfra_provider_azure.config import ProviderConfig

T = TypeVar("T")
TRANSIENT_STATUS = frozenset({408, 429, 500, 502, 503, 504})
MANAGEMENT_SCOPE = "https://management.azure.com/.default"


@dataclass(frozen=True)
class Workspace:
    subscription_id: str
    resource_group: str
    name: str


def settings_problems(config: ProviderConfig) -> tuple[Workspace | None, list[str]]:
    """The workspace coordinates, or why they are missing (with the fix)."""
    sub = config.subscription_id or os.environ.get("AZURE_SUBSCRIPTION_ID")
    group = config.resource_group or os.environ.get("AZURE_RESOURCE_GROUP")
    ws = config.workspace or os.environ.get("AZUREML_WORKSPACE_NAME")
    missing = [
        f"`{arg}` (or the {env} environment variable)"
        for arg, env, value in (
            ("subscription_id", "AZURE_SUBSCRIPTION_ID", sub),
            ("resource_group", "AZURE_RESOURCE_GROUP", group),
            ("workspace", "AZUREML_WORKSPACE_NAME", ws),
        )
        if not value
    ]
    problems = []
    if missing:
        problems.append('Set ' + ", ".join(missing) + ' in the provider "azure" block.')
    sp = {"client_id": config.client_id, "tenant_id": config.tenant_id, "client_secret": config.client_secret}
    given = [k for k, v in sp.items() if v]
    if given and len(given) < 3:
        absent = [k for k in sp if k not in given]
        problems.append(
            f"A service principal needs client_id, tenant_id and client_secret together; {', '.join(absent)} "
            "missing. Set all three, or none to use DefaultAzureCredential."
        )
    if given and config.use_cli:
        problems.append("Choose one credential: `use_cli = true` or a service principal (client_id, tenant_id, client_secret).")
    if problems or sub is None or group is None or ws is None:
        return None, problems
    return Workspace(sub, group, ws), []


def make_credential(config: ProviderConfig) -> Any:
    identity = _sdk.identity()
    if config.client_id and config.tenant_id and config.client_secret:
        return identity.ClientSecretCredential(config.tenant_id, config.client_id, config.client_secret.get_secret_value())
    if config.use_cli:
        return identity.AzureCliCredential()
    return identity.DefaultAzureCredential()


def credential_problem(config: ProviderConfig, credential: Any) -> str | None:
    """Why no token can be had, with the fix; None when one can."""
    try:
        credential.get_token(MANAGEMENT_SCOPE)
    except Exception as e:  # noqa: BLE001 - any failure here is the user's to fix
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        if config.client_id:
            how = "Check client_id, tenant_id and client_secret of the service principal."
        elif config.use_cli:
            how = "Sign in with `az login` (and `az account set --subscription ...`)."
        else:
            how = (
                "Sign in with `az login` and set `use_cli = true`, or set AZURE_CLIENT_ID, AZURE_TENANT_ID and "
                "AZURE_CLIENT_SECRET, or run where a managed identity is available."
            )
        return f"No Azure credentials could get a token ({first}). {how}"
    return None


class AzureClients:
    """An MLClient for one provider configuration, with retries and waiting."""

    def __init__(
        self,
        config: ProviderConfig,
        workspace: Workspace,
        credential: Any,
        transport: Any = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.config = config
        self.workspace = workspace
        self.credential = credential
        self.backoff = backoff or Backoff()
        self.transport = transport
        self.ml = _sdk.ml_client(
            credential,
            workspace.subscription_id,
            workspace.resource_group,
            workspace.name,
            endpoint_url=config.endpoint_url,
            poll_interval=config.poll_interval,
            transport=transport,
        )
        self._location: str | None = None

    @property
    def location(self) -> str:
        if self._location is None:
            ws = self.call(lambda: self.ml.workspaces.get(self.workspace.name), "workspaces.get")
            self._location = str(ws.location)
        return self._location

    def endpoint_arm_id(self, name: str) -> str:
        w = self.workspace
        return (
            f"/subscriptions/{w.subscription_id}/resourceGroups/{w.resource_group}/providers/"
            f"Microsoft.MachineLearningServices/workspaces/{w.name}/onlineEndpoints/{name}"
        )

    def model_arm_id(self, name: str, version: str) -> str:
        w = self.workspace
        return (
            f"/subscriptions/{w.subscription_id}/resourceGroups/{w.resource_group}/providers/"
            f"Microsoft.MachineLearningServices/workspaces/{w.name}/models/{name}/versions/{version}"
        )

    # -- calls ---------------------------------------------------------------------------
    def call(self, fn: Callable[[], T], what: str, address: str = "") -> T:
        """``fn()`` with bounded retries of throttling and transient errors."""
        deadline = time.monotonic() + self.config.retry_timeout
        return retrying(
            fn,
            self.backoff,
            handles=lambda e: _sdk.is_http_error(e) or _sdk.is_connection_error(e),
            deadline=lambda e: deadline if is_retryable(e) else None,
            fail=lambda e, attempt: service_error(e, what, address, attempt),
        )

    def try_call(self, fn: Callable[[], T], what: str, address: str = "") -> T | None:
        """Like ``call`` but None when the object does not exist."""
        try:
            return self.call(fn, what, address)
        except ResourceError as e:
            if getattr(e, "not_found", False):
                return None
            raise

    def wait_steps(self, start: Callable[[], Any], what: str, address: str) -> Steps[Any]:
        """Start a long-running operation and follow it to its end, as steps: between
        looks at the poller (``done``, ``status``; never a blocking ``wait``) it yields a
        ``Wait`` with the operation's status, and the engine holds no worker meanwhile."""
        poller = self.call(start, what, address)
        begin = time.monotonic()
        deadline = begin + self.config.wait_timeout
        try:
            while not poller.done():
                now = time.monotonic()
                if now > deadline:
                    raise ResourceError(
                        f"Timed out waiting for {what}",
                        f"Still {poller.status()} after {int(self.config.wait_timeout)}s "
                        "(raise `wait_timeout` in the provider block to wait longer).",
                    )
                yield Wait(self.config.poll_interval, f"{what}: {poller.status()} ({int(now - begin)}s elapsed)")
            return poller.result()
        except ResourceError:
            raise
        except Exception as e:  # noqa: BLE001 - the service's failure, with its message
            if _sdk.is_http_error(e):
                raise service_error(e, what, address, 0, failed=True) from e
            raise


def is_retryable(e: BaseException) -> bool:
    if _sdk.is_connection_error(e):
        return True
    return _sdk.http_status(e) in TRANSIENT_STATUS or _sdk.error_code(e) in {"TooManyRequests", "ServerBusy"}


def service_error(e: BaseException, what: str, address: str, retries: int, failed: bool = False) -> ResourceError:
    code = _sdk.error_code(e)
    message = _sdk.error_message(e)
    where = f" ({address})" if address else ""
    summary = f"Azure ML {what} failed{where}"
    detail = f"{code}: {message}" if code and not message.startswith(code) else message
    if retries:
        detail += f" (after {retries} retries)"
    err = ResourceError(summary, detail)
    err.not_found = _sdk.is_not_found(e) and not failed  # type: ignore[attr-defined]
    return err
