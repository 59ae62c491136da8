"""Datasets identified by content, for provider plugins whose datasets are data in place
(an object or a prefix in a bucket) rather than objects the provider creates.

The digest of the data is computed at plan time, so new data under the same URI plans
as an update with its reason; creating or updating records the URI and the digest;
deleting leaves the data alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.providers.protocol import PlanResponse
from mlinfra.providers.resource import Resource
from mlinfra.values import contains_unknown

NEW_DATA = "new data under the same URI"


def plan_by_content(
    resource: Resource,
    prior: dict[str, Any] | None,
    config: dict[str, Any],
    outputs: Callable[[str], dict[str, Any]],
) -> PlanResponse:
    """The plan of a dataset whose outputs (``id``, ``uri``, ``digest``, ``version``)
    ``outputs(source)`` reads from the data at ``source``."""
    source = config.get("source")
    if contains_unknown(source) or not isinstance(source, str):
        return resource.default_plan(prior, config)
    known = outputs(source)
    reason = None
    if prior is not None and prior.get("source") == source and prior.get("digest") != known["digest"]:
        reason = NEW_DATA
    return resource.default_plan(prior, config, known=known, reason=reason)


def imported(source: str, live: dict[str, Any], **blocks: Any) -> dict[str, Any]:
    """The full attributes of a dataset imported from what is at ``source``."""
    return {"source": source, "format": None, "target": None, "tags": {}, **blocks, **live}


def check_scheme(address: str, config: dict[str, Any], provider: str, service: str, scheme: str, example: str) -> list[d.Diagnostic]:
    """An error when the dataset's source is not a ``scheme`` URI (``s3://``, ``gs://``):
    ``example`` shows an object's and a prefix's URI."""
    source = config.get("source")
    article = "an" if scheme[0] in "aefhilmnorsx" else "a"  # as the letter is read: an s3://, a gs://
    if isinstance(source, str) and not source.startswith(scheme):
        return [
            d.error(
                "Unsupported dataset source",
                f'The {provider} provider reads datasets from {service}; "{source}" is not {article} {scheme} URI. '
                f"Write {example}.",
                address=address,
            )
        ]
    return []
