"""What SageMaker enforces and moto 5.2 does not, checked on every request before moto
sees it (``check``), and listings cut into small pages (``repage``):

- tag keys and values, and ``CustomerMetadataProperties``, match SageMaker's pattern
  ``[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`` (keys 1-128, values at most 256 characters);
- endpoint, endpoint configuration, model, variant and model package group names match
  ``[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}``; pipeline names up to 256 characters;
- an endpoint configuration has at most 10 production variants;
- client tokens match their patterns (``ClientToken`` ``[a-zA-Z0-9-]+`` up to 36,
  pipelines' ``ClientRequestToken`` 32-128 characters);
- every list call named in ``PAGED`` answers at most ``PAGE_SIZE`` items per page with
  a NextToken, as AWS may, so a caller that reads one page misses objects.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")
PIPELINE_NAME = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$")
CLIENT_TOKEN = re.compile(r"^[a-zA-Z0-9-]{1,36}$")
TAG_PATTERN = r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)"
PAGE_SIZE = 2
PAGED = {
    "ListEndpoints": "Endpoints",
    "ListModels": "Models",
    "ListPipelines": "PipelineSummaries",
    "ListPipelineExecutions": "PipelineExecutionSummaries",
    "ListModelPackages": "ModelPackageSummaryList",
}
NAMES: dict[str, list[str]] = {
    "CreateEndpoint": ["EndpointName", "EndpointConfigName"],
    "CreateEndpointConfig": ["EndpointConfigName"],
    "CreateModel": ["ModelName"],
    "CreateModelPackageGroup": ["ModelPackageGroupName"],
    "CreateModelPackage": ["ModelPackageGroupName"],
}


def _tag_text(text: Any) -> bool:
    return isinstance(text, str) and all(ch in "_.:/=+-@" or unicodedata.category(ch)[0] in "LZN" for ch in text)


def _failed(value: Any, where: str, constraint: str) -> str:
    return f"1 validation error detected: Value '{value}' at '{where}' failed to satisfy constraint: {constraint}"


def check(action: str, params: dict[str, Any]) -> str | None:
    """The ValidationException message SageMaker would answer, or None."""
    for i, tag in enumerate(params.get("Tags") or [], 1):
        key, value = tag.get("Key", ""), tag.get("Value", "")
        if not (1 <= len(key) <= 128) or not _tag_text(key):
            return _failed(key, f"tags.{i}.member.key", f"Member must satisfy regular expression pattern: {TAG_PATTERN}")
        if len(value) > 256 or not _tag_text(value):
            return _failed(value, f"tags.{i}.member.value", f"Member must satisfy regular expression pattern: {TAG_PATTERN}")
    for key, value in (params.get("CustomerMetadataProperties") or {}).items():
        if not _tag_text(key) or not _tag_text(value) or len(key) > 128 or len(value) > 256:
            return _failed(f"{key}={value}", "customerMetadataProperties", f"Map entries must satisfy regular expression pattern: {TAG_PATTERN}")
    for field in NAMES.get(action, []):
        value = params.get(field)
        if value is not None and not NAME.match(value):
            return _failed(value, field[0].lower() + field[1:], f"Member must satisfy regular expression pattern: {NAME.pattern[1:-1]}")
    if action == "CreatePipeline" and not PIPELINE_NAME.match(params.get("PipelineName", "")):
        return _failed(params.get("PipelineName"), "pipelineName", f"Member must satisfy regular expression pattern: {PIPELINE_NAME.pattern[1:-1]}")
    if action == "CreateEndpointConfig":
        variants = params.get("ProductionVariants") or []
        if len(variants) > 10:
            return _failed(len(variants), "productionVariants", "Member must have length less than or equal to 10")
        for v in variants:
            if not NAME.match(v.get("VariantName", "")):
                return _failed(v.get("VariantName"), "productionVariants.member.variantName", f"Member must satisfy regular expression pattern: {NAME.pattern[1:-1]}")
    if "ClientToken" in params and not CLIENT_TOKEN.match(str(params["ClientToken"])):
        return _failed(params["ClientToken"], "clientToken", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$")
    if "ClientRequestToken" in params and not (32 <= len(str(params["ClientRequestToken"])) <= 128):
        return _failed(params["ClientRequestToken"], "clientRequestToken", "Member must have length between 32 and 128")
    return None


def take_page(params: dict[str, Any]) -> int:
    """Remove the caller's paging from a list request; the offset its token stood for."""
    token = params.pop("NextToken", None)
    params.pop("MaxResults", None)
    return int(token.removeprefix("page-")) if token else 0


def repage(body: Any, key: str, offset: int, limit: int | None = None) -> str:
    """The page at ``offset`` of a full listing, with a NextToken when more follow."""
    data = json.loads(body)
    items = data.get(key) or []
    size = min(PAGE_SIZE, limit or PAGE_SIZE)
    data[key] = items[offset : offset + size]
    data.pop("NextToken", None)
    if offset + size < len(items):
        data["NextToken"] = f"page-{offset + size}"
    return json.dumps(data)
