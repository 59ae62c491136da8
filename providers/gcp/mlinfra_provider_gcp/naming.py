"""IDs, labels and digests: the pure helpers every handler shares.

Vertex AI label keys match ``[a-z][a-z0-9_-]{0,62}`` and values ``[a-z0-9_-]{0,63}``, at
most 64 labels per object. Every object carries ``managed-by=mlinfra`` and its resource
address, encoded reversibly: letters, digits and ``-`` stay, every other byte of the
UTF-8 text is ``_`` and two hex digits (``endpoint.churn`` -> ``endpoint_2echurn``).
An encoded address longer than one value continues in ``mlinfra-address-2``, ``-3``...
"""

from __future__ import annotations

import re
from typing import Any

from mlinfra.providers import object_name
from mlinfra.providers.digest import digest_of as digest_of

MANAGED_BY = ("managed-by", "mlinfra")
ADDRESS_LABEL = "mlinfra-address"
MAX_VALUE = 63
MAX_LABELS = 64
KEY = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
VALUE = re.compile(r"^[a-z0-9_-]{0,63}$")
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
RESOURCE_ID = re.compile(r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")


def encode_address(address: str) -> str:
    out = []
    for ch in address:
        if ch in _PLAIN:
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode())
    return "".join(out)


def decode_address(encoded: str) -> str:
    raw = bytearray()
    i = 0
    while i < len(encoded):
        if encoded[i] == "_":
            raw.append(int(encoded[i + 1 : i + 3], 16))
            i += 3
        else:
            raw.extend(encoded[i].encode())
            i += 1
    return raw.decode()


def address_labels(address: str) -> dict[str, str]:
    encoded = encode_address(address)
    chunks: list[str] = []
    while encoded:
        cut = MAX_VALUE
        # Never split an escape: ``_`` and its two hex digits stay together.
        for back in (1, 2):
            if len(encoded) > cut and encoded[cut - back] == "_":
                cut -= back
        chunks.append(encoded[:cut])
        encoded = encoded[cut:]
    return {(ADDRESS_LABEL if i == 0 else f"{ADDRESS_LABEL}-{i + 1}"): c for i, c in enumerate(chunks)}


def address_of(labels: dict[str, str]) -> str | None:
    """The address a labelled object was created for, None when it carries none."""
    first = labels.get(ADDRESS_LABEL)
    if first is None:
        return None
    parts = [first]
    n = 2
    while f"{ADDRESS_LABEL}-{n}" in labels:
        parts.append(labels[f"{ADDRESS_LABEL}-{n}"])
        n += 1
    try:
        return decode_address("".join(parts))
    except (ValueError, UnicodeDecodeError):
        return None


def is_ours(key: str) -> bool:
    return key == MANAGED_BY[0] or key == ADDRESS_LABEL or key.startswith(ADDRESS_LABEL + "-")


def label_problems(labels: dict[str, Any], what: str) -> list[str]:
    """Why ``labels`` would be refused by Vertex AI, with the rule."""
    out = []
    for k, v in labels.items():
        if not KEY.match(str(k)):
            out.append(
                f'{what} label key "{k}" is not allowed: keys start with a lowercase letter and hold only '
                "lowercase letters, digits, _ and -, at most 63 characters."
            )
        if not isinstance(v, str) or not VALUE.match(v):
            out.append(
                f'{what} label "{k}" = "{v}" is not allowed: values hold only lowercase letters, digits, _ and -, '
                "at most 63 characters."
            )
        if is_ours(str(k)):
            out.append(f'{what} label key "{k}" is reserved: mlinfra sets it.')
    return out


def labels(address: str, defaults: dict[str, str], own: dict[str, str] | None = None) -> dict[str, str]:
    """The labels of every object: defaults, then the resource's, then ours (which win)."""
    merged = {**defaults, **(own or {})}
    merged[MANAGED_BY[0]] = MANAGED_BY[1]
    merged.update(address_labels(address))
    return merged


def user_labels(live: dict[str, str], defaults: dict[str, str]) -> dict[str, str]:
    """The resource's own labels among those an object carries."""
    return {k: v for k, v in live.items() if not is_ours(k) and defaults.get(k) != v}


def resource_id(address: str, override: str | None = None, limit: int = 63) -> str:
    """``endpoint.churn`` -> ``churn``; ``module.m.model.x["eu"]`` -> ``m-x-eu``: a Vertex AI
    ID (a lowercase letter first, then ``[a-z0-9-]``), by the rule every provider shares."""
    if override:
        name = re.sub(r"[^a-z0-9]+", "-", override.lower()).strip("-")[:limit]
    else:
        name = object_name(address, allowed="A-Za-z0-9", limit=limit).lower()
    if not name or not name[0].isalpha():
        name = ("m-" + name)[:limit]
    return name.rstrip("-")



def split_gs(uri: str) -> tuple[str, str]:
    """``gs://bucket/key`` -> (bucket, key)."""
    if not uri.startswith("gs://"):
        raise ValueError(f'"{uri}" is not a gs:// URI')
    bucket, _, key = uri[5:].partition("/")
    if not bucket:
        raise ValueError(f'"{uri}" names no bucket')
    return bucket, key


def parent(project: str, region: str) -> str:
    return f"projects/{project}/locations/{region}"


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr)?\s*$")


def seconds(value: int | float | str | None, default: float) -> float:
    """``300``, ``"30s"``, ``"5m"``, ``"1h"`` -> seconds."""
    if value is None:
        return default
    if isinstance(value, int | float):
        return float(value)
    m = _DURATION.match(value)
    if not m:
        raise ValueError(f'"{value}" is not a duration; write seconds or e.g. "30s", "5m", "1h"')
    return float(m.group(1)) * {"s": 1, "m": 60, "h": 3600}[(m.group(2) or "s")[0]]
