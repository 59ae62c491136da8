"""Names, content hashes and tags: the pure helpers every azure handler shares.

Online endpoint and deployment names are 3-32 characters, a letter first, then letters,
digits and ``-``; asset (model, data) names allow letters, digits, ``-``, ``_`` and
``.``. Deployments are named after their variant plus a short content hash, so a new
model version gets a new deployment beside the old one.
"""

from __future__ import annotations

import re
from typing import Any

from mlinfra.providers.digest import digest_of
from mlinfra.values import contains_unknown

MANAGED_BY = ("managed-by", "mlinfra")
ADDRESS_TAG = "mlinfra-address"
DIGEST_TAG = "mlinfra-digest"
VARIANT_TAG = "mlinfra-variant"
STAGE_TAG = "stage"
KEEP_TAG = "mlinfra-keep-versions"
OURS = frozenset({MANAGED_BY[0], ADDRESS_TAG, DIGEST_TAG, VARIANT_TAG, KEEP_TAG})


def _short(address: str) -> str:
    """``endpoint.churn`` -> ``churn``; ``module.m.model.x["eu"]`` -> ``m-x-eu``."""
    parts = address.split(".")
    kinds = {"dataset", "pipeline", "model", "endpoint"}
    kept = [p for i, p in enumerate(parts) if p != "module" and not (p in kinds and i < len(parts) - 1)]
    return "-".join(kept)


def resource_name(raw: str, limit: int = 32) -> str:
    """An endpoint or deployment name: a letter first, letters, digits and ``-``."""
    name = re.sub(r"[^a-zA-Z0-9]+", "-", raw).strip("-")
    if not name or not name[0].isalpha():
        name = "m-" + name
    name = name[:limit].rstrip("-")
    return name if len(name) >= 3 else (name + "-ml")[:limit]


def endpoint_name(address: str, override: str | None = None) -> str:
    return resource_name(override or _short(address))


def asset_name(address: str, override: str | None = None) -> str:
    raw = override or _short(address)
    name = re.sub(r"[^a-zA-Z0-9_.\-]+", "-", raw).strip("-._")
    return name[:255] or "mlinfra"



def hashed_name(base: str, content: Any, length: int = 6, limit: int = 32) -> str | None:
    """``base-<hash>`` of the content, or None while any of it is unknown."""
    if contains_unknown(content):
        return None
    return f"{base[: limit - length - 1].rstrip('-')}-{digest_of(content)[:length]}"


def tags(address: str, default_tags: dict[str, str], own: dict[str, str] | None = None, **extra: str) -> dict[str, str]:
    """Every object's tags: defaults, then the resource's, then ours (which win)."""
    merged = {**default_tags, **(own or {}), **extra}
    merged[MANAGED_BY[0]] = MANAGED_BY[1]
    merged[ADDRESS_TAG] = address
    return {k: str(v) for k, v in sorted(merged.items())}


def user_tags(live: dict[str, str] | None, default_tags: dict[str, str], skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """The resource's own tags among those an object carries."""
    out = {}
    for k, v in sorted((live or {}).items()):
        if k in OURS or k in skip or default_tags.get(k) == v:
            continue
        out[k] = v
    return out


def model_ref(name: str, version: str) -> str:
    return f"azureml:{name}:{version}"


def parse_model_ref(ref: str) -> tuple[str, str] | None:
    """``azureml:NAME:VERSION`` or an ARM id ``.../models/NAME/versions/V`` -> (name, version)."""
    m = re.match(r"^azureml:([^:/]+):([^:/]+)$", ref)
    if m:
        return m.group(1), m.group(2)
    m = re.search(r"/models/([^/]+)/versions/([^/]+)$", ref)
    if m:
        return m.group(1), m.group(2)
    return None
