"""Names, content hashes, tags and durations: the pure helpers every handler shares.

SageMaker names must match ``[a-zA-Z0-9](-*[a-zA-Z0-9])*`` and fit 63 characters.
Names of immutable or generated objects (models, endpoint configurations) are the
resource name plus a short content hash, so a create-before-destroy replacement never
collides with the object it replaces.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from mlinfra.providers.naming import object_name
from mlinfra.values import contains_unknown

MANAGED_BY = ("managed-by", "mlinfra")
ADDRESS_TAG = "mlinfra:address"
MAX_NAME = 63


def base_name(address: str, override: str | None = None, limit: int = MAX_NAME) -> str:
    """``endpoint.churn`` -> ``churn``; ``module.m.model.x["eu"]`` -> ``m-x-eu`` (the
    core's naming rule), or the name the resource's aws block sets."""
    if override:
        name = re.sub(r"[^a-zA-Z0-9]+", "-", override).strip("-") or "mlinfra"
        return name[:limit].rstrip("-")
    return object_name(address, limit=limit)


def digest_of(value: Any) -> str:
    """sha256 of a JSON value, sorted and compact."""
    blob = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def hashed_name(base: str, content: Any, length: int = 8) -> str | None:
    """``base-<hash>`` of the content, or None while any of it is unknown."""
    if contains_unknown(content):
        return None
    suffix = digest_of(content)[:length]
    return f"{base[: MAX_NAME - length - 1].rstrip('-')}-{suffix}"


def tags(address: str, default_tags: dict[str, str], own: dict[str, str] | None = None) -> list[dict[str, str]]:
    """The tag list of every object: defaults, then the resource's, then ours (which win)."""
    merged: dict[str, str] = {**default_tags, **(own or {})}
    merged[MANAGED_BY[0]] = MANAGED_BY[1]
    merged[ADDRESS_TAG] = address
    return [{"Key": k, "Value": str(v)} for k, v in sorted(merged.items())]


def tag_value(tag_list: list[dict[str, str]], key: str) -> str | None:
    for t in tag_list:
        if t.get("Key") == key:
            return t.get("Value")
    return None


def user_tags(tag_list: list[dict[str, str]], default_tags: dict[str, str]) -> dict[str, str]:
    """The resource's own tags among those an object carries."""
    out = {}
    for t in tag_list:
        k, v = t.get("Key", ""), t.get("Value", "")
        if k in (MANAGED_BY[0], ADDRESS_TAG) or default_tags.get(k) == v:
            continue
        out[k] = v
    return out


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr)?\s*$")


def seconds(value: int | float | str | None, default: int) -> int:
    """``300``, ``"30s"``, ``"5m"``, ``"1h"`` -> seconds."""
    if value is None:
        return default
    if isinstance(value, int | float):
        return int(value)
    m = _DURATION.match(value)
    if not m:
        raise ValueError(f'"{value}" is not a duration; write seconds or e.g. "30s", "5m", "1h"')
    n = float(m.group(1))
    unit = (m.group(2) or "s")[0]
    return int(n * {"s": 1, "m": 60, "h": 3600}[unit])


def split_s3(uri: str) -> tuple[str, str]:
    """``s3://bucket/key`` -> (bucket, key)."""
    if not uri.startswith("s3://"):
        raise ValueError(f'"{uri}" is not an s3:// URI')
    rest = uri[5:]
    bucket, _, key = rest.partition("/")
    if not bucket:
        raise ValueError(f'"{uri}" names no bucket')
    return bucket, key
