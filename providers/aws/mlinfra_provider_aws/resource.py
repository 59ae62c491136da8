"""The base of the aws handlers: access to clients and settings (through the handler's
``AwsContext``), attribute assembly and bounded waiting with progress (as steps the engine polls, or
inline)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mlinfra import diagnostics as d
from mlinfra.providers import Resource, ResourceError, Steps, Wait, run_inline
from mlinfra.values import contains_unknown
from mlinfra_provider_aws import naming
from mlinfra_provider_aws.context import AwsContext

if TYPE_CHECKING:
    from mlinfra_provider_aws.clients import AwsClients
    from mlinfra_provider_aws.config import ProviderConfig


class WaitTimeout(ResourceError):
    """A wait that ran out of time: the object may still become ready."""

    def __init__(self, summary: str, detail: str, status: str) -> None:
        super().__init__(summary, detail)
        self.status = status


def clients_of(ctx: AwsContext) -> AwsClients:
    """The configured provider's clients (a handler's or a data source's)."""
    if ctx.clients is None:
        raise ResourceError("The aws provider is not configured", "configure() was not called.")
    return ctx.clients


class AwsResource(Resource):
    """A handler with the configured provider's clients at hand."""

    ctx: AwsContext

    @property
    def aws(self) -> AwsClients:
        return clients_of(self.ctx)

    @property
    def settings(self) -> ProviderConfig:
        return self.ctx.settings  # type: ignore[no-any-return]

    def tags(self, address: str, config: dict[str, Any]) -> list[dict[str, str]]:
        own = config.get("tags") or {}
        return naming.tags(address, self.settings.default_tags, own)

    def attributes(self, config: dict[str, Any], outputs: dict[str, Any]) -> dict[str, Any]:
        """Arguments as configured plus the kind's outputs."""
        out = dict(config)
        for o in self.outputs:
            out[o] = outputs.get(o)
        return out

    def role(self, override: str | None, address: str) -> str:
        role = override or self.settings.execution_role_arn
        if not role:
            raise ResourceError(
                f"No SageMaker execution role for {address}",
                'Set `execution_role_arn` in the provider "aws" block, or in the resource\'s aws block.',
            )
        return role

    def retag(self, address: str, arn: str, old_tags: dict[str, str], config: dict[str, Any]) -> None:
        """Bring a SageMaker object's user tags in line with the configuration."""
        new_tags = config.get("tags") or {}
        if new_tags == old_tags:
            return
        gone = [k for k in old_tags if k not in new_tags]
        if gone:
            self.aws.call("sagemaker", "delete_tags", address, ResourceArn=arn, TagKeys=gone)
        self.aws.call("sagemaker", "add_tags", address, ResourceArn=arn, Tags=self.tags(address, config))

    def tagged(self, arn: str, address: str) -> bool:
        """Whether the object at ``arn`` carries our address tag."""
        resp = self.aws.try_call("sagemaker", "list_tags", address, ResourceArn=arn)
        if resp is None:
            return False
        value = naming.tag_value(resp.get("Tags", []), naming.ADDRESS_TAG)
        return value is not None and naming.decode_address(value) == address

    def tag_diagnostics(self, address: str, config: dict[str, Any]) -> list[d.Diagnostic]:
        """The resource's and the provider's tags that SageMaker would refuse."""
        own = config.get("tags")
        merged = {**(self.settings.default_tags if self.settings else {}), **(own if isinstance(own, dict) else {})}
        out = []
        for k, v in sorted(merged.items()):
            if contains_unknown(v) or contains_unknown(k):
                continue
            problem = naming.tag_problem(str(k), str(v))
            if problem:
                out.append(d.error("Invalid tag", problem, address=address))
        return out

    def wait_steps(self, what: str, poll: Callable[[], tuple[str, bool, str | None]]) -> Steps[str]:
        """Poll until done, as steps: between polls the handler yields a ``Wait`` (the
        engine holds no worker meanwhile). ``poll`` returns (status, done, failure or
        None); a failure or the provider's ``wait_timeout`` raises a ResourceError."""
        start = time.monotonic()
        deadline = start + self.settings.wait_timeout
        while True:
            status, done, failure = poll()
            if failure is not None:
                raise ResourceError(f"{what} failed: {status}", failure)
            if done:
                return status
            now = time.monotonic()
            if now + self.settings.poll_interval > deadline:
                raise WaitTimeout(
                    f"Timed out waiting for {what}",
                    f"Still {status} after {int(self.settings.wait_timeout)}s "
                    "(raise `wait_timeout` in the provider block to wait longer).",
                    status,
                )
            yield Wait(self.settings.poll_interval, f"{what}: {status} ({int(now - start)}s elapsed)")

    def wait(self, what: str, poll: Callable[[], tuple[str, bool, str | None]]) -> str:
        """``wait_steps`` run here and now, sleeping between polls."""
        return run_inline(self.wait_steps(what, poll), self.ctx.progress)
