"""The AWS session of a configured provider: credentials, region, clients and retries.

``AwsClients.call`` is how every handler talks to AWS. Throttling and transient server
errors are retried with exponential backoff and full jitter, bounded in time by the
provider's ``retry_timeout``; any other error fails at once as a ``ResourceError``
carrying the service's own message.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from mlinfra.providers import ResourceError
from mlinfra.providers.retry import Backoff, retrying
from mlinfra_provider_aws import _sdk
from mlinfra_provider_aws.config import ProviderConfig

THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "SlowDown",
        "ProvisionedThroughputExceededException",
        "ServiceUnavailable",
        "InternalFailure",
        "InternalError",
    }
)
TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
NOT_FOUND_CODES = frozenset({"404", "NoSuchKey", "NotFound", "ResourceNotFound", "NoSuchBucket"})


class AwsClients:
    """boto3 clients for one provider configuration."""

    def __init__(
        self, config: ProviderConfig, backoff: Backoff | None = None, notify: Callable[[str], None] | None = None
    ) -> None:
        self.config = config
        self.backoff = backoff or Backoff()
        self.endpoint_url = config.endpoint_url
        self._session: Any = None
        self._clients: dict[str, Any] = {}
        self.region: str = ""
        # Where a wait on the network is said (apply progress, else stderr).
        self.notify: Callable[[str], None] = notify or to_stderr

    # -- setup ---------------------------------------------------------------------------
    def check(self) -> list[str]:
        """Why calls would fail before any is made (no region, no credentials), with the fix."""
        problems: list[str] = []
        session = _sdk.session(self.config.profile, self.config.region)
        self._session = session
        region = self.config.region or session.region_name
        if not region:
            problems.append(
                "No AWS region is set. Set `region` in the provider \"aws\" block, or the "
                "AWS_REGION / AWS_DEFAULT_REGION environment variable, or a region in your profile."
            )
        else:
            self.region = region
        if session.get_credentials() is None:
            problems.append(
                "No AWS credentials were found. Configure them the usual way: "
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, `aws configure` / `aws sso login` "
                "with `profile` in the provider block, or an instance/container role."
            )
        if not problems and self.config.assume_role is not None:
            self._session = self._assumed_session(session)
        return problems

    def _assumed_session(self, session: Any) -> Any:
        """A session on the role's credentials, refreshed by botocore before they expire
        (an hour by default), so a long wait for an endpoint or a pipeline survives."""
        role = self.config.assume_role
        assert role is not None
        kwargs: dict[str, Any] = {"RoleArn": role.role_arn, "RoleSessionName": role.session_name}
        if role.external_id:
            kwargs["ExternalId"] = role.external_id
        sts = session.client("sts", region_name=self.region, endpoint_url=self._endpoint(), config=self._botocore_config())

        def fetch() -> dict[str, Any]:
            creds = self._with_retries(lambda: sts.assume_role(**kwargs), "sts:AssumeRole", "")["Credentials"]
            expiry = creds["Expiration"]
            return {
                "access_key": creds["AccessKeyId"],
                "secret_key": creds["SecretAccessKey"],
                "token": creds["SessionToken"],
                "expiry_time": expiry.isoformat() if hasattr(expiry, "isoformat") else str(expiry),
            }

        return _sdk.refreshable_session(fetch, self.region)

    def _botocore_config(self) -> Any:
        return _sdk.botocore_config(connect_timeout=self.config.connect_timeout, read_timeout=self.config.read_timeout)

    def _endpoint(self) -> str | None:
        # boto3 reads AWS_ENDPOINT_URL itself; passing None keeps that behaviour.
        return self.endpoint_url or os.environ.get("AWS_ENDPOINT_URL") or None

    def client(self, service: str) -> Any:
        if service not in self._clients:
            if self._session is None:
                self.check()
            self._clients[service] = self._session.client(
                service,
                region_name=self.region or None,
                endpoint_url=self._endpoint(),
                config=self._botocore_config(),
            )
        return self._clients[service]

    def dns_suffix(self) -> str:
        """The DNS suffix of the region's partition: amazonaws.com, amazonaws.com.cn, ..."""
        return _sdk.dns_suffix(self._session, self.region)

    # -- calls ---------------------------------------------------------------------------
    def call(self, service: str, operation: str, address: str = "", **kwargs: Any) -> Any:
        """Call ``service.operation(**kwargs)`` with bounded retries of throttling."""
        method = getattr(self.client(service), operation)
        return self._with_retries(lambda: method(**kwargs), f"{service}:{operation}", address)

    def try_call(self, service: str, operation: str, address: str = "", **kwargs: Any) -> Any | None:
        """Like ``call`` but None when the object does not exist."""
        try:
            return self.call(service, operation, address, **kwargs)
        except ResourceError as e:
            if getattr(e, "not_found", False):
                return None
            raise

    def pages(self, service: str, operation: str, key: str, address: str = "", **kwargs: Any) -> Iterator[Any]:
        """Every item under ``key`` of every page of a list call (NextToken), each page
        with the same bounded retries as ``call``."""
        token: str | None = None
        while True:
            page = self.call(service, operation, address, **kwargs, **({"NextToken": token} if token else {}))
            yield from page.get(key, [])
            token = page.get("NextToken")
            if not token:
                return

    def _with_retries(self, fn: Any, what: str, address: str) -> Any:
        start = time.monotonic()
        deadline = start + self.config.retry_timeout
        # Nothing answering at all is not throttling: give up sooner, and say so.
        connect_deadline = start + min(self.config.retry_timeout, 3 * self.config.connect_timeout)

        def until(e: Exception) -> float | None:
            if not is_retryable(e):
                return None
            return connect_deadline if _sdk.is_connection_error(e) else deadline

        def first_unreachable(e: Exception, attempt: int) -> None:
            if _sdk.is_connection_error(e) and attempt == 0:
                self.notify(
                    f"waiting for {what.split(':')[0]} in {self.region or 'the default region'} "
                    f"({type(e).__name__}); retrying for up to {int(connect_deadline - start)}s"
                )

        return retrying(
            fn,
            self.backoff,
            handles=lambda e: _sdk.is_client_error(e) or _sdk.is_connection_error(e),
            deadline=until,
            fail=lambda e, attempt: service_error(e, what, address, attempt),
            on_retryable=first_unreachable,
        )


def token() -> str:
    """A client request token for one logical operation: minted once, before the first
    attempt, and sent unchanged on every retry of that operation."""
    return str(uuid.uuid4())


def to_stderr(message: str) -> None:
    print(f"aws: {message}", file=sys.stderr, flush=True)


def is_retryable(e: BaseException) -> bool:
    if _sdk.is_connection_error(e):
        return True
    return _sdk.error_code(e) in THROTTLING_CODES or _sdk.http_status(e) in TRANSIENT_STATUS


def is_not_found(e: BaseException) -> bool:
    code = _sdk.error_code(e)
    if code in NOT_FOUND_CODES:
        return True
    msg = _sdk.error_message(e)
    # SageMaker answers a missing object with ValidationException "Could not find ...".
    return code in {"ValidationException", "ResourceNotFound"} and (
        "Could not find" in msg or "does not exist" in msg or "not found" in msg.lower()
    )


def service_error(e: BaseException, what: str, address: str, retries: int) -> ResourceError:
    code = _sdk.error_code(e)
    message = _sdk.error_message(e)
    where = f" ({address})" if address else ""
    summary = f"AWS {what} failed{where}"
    detail = f"{code}: {message}" if code else message
    if retries:
        detail += f" (after {retries} retries)"
    err = ResourceError(summary, detail)
    err.not_found = is_not_found(e)  # type: ignore[attr-defined]
    return err
