"""Names, content hashes, tags and durations: the pure helpers every handler shares.

SageMaker names must match ``[a-zA-Z0-9](-*[a-zA-Z0-9])*`` and fit 63 characters.
Names of immutable or generated objects (models, endpoint configurations) are the
resource name plus a short content hash, so a create-before-destroy replacement never
collides with the object it replaces.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from mlinfra.providers.digest import digest_of
from mlinfra.providers.naming import object_name
from mlinfra.values import contains_unknown

MANAGED_BY = ("managed-by", "mlinfra")
ADDRESS_TAG = "mlinfra:address"
MAX_NAME = 63
# SageMaker's patterns (API_Tag, API_ProductionVariant, CreateModelPackageGroup).
NAME_PATTERN = re.compile(r"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$")
TAG_PUNCTUATION = "_.:/=+-@"
MAX_TAG_KEY, MAX_TAG_VALUE = 128, 256
ESCAPE = "@"


def name_problem(name: str, what: str, limit: int = MAX_NAME) -> str | None:
    """Why SageMaker would refuse ``name`` for ``what`` (``[a-zA-Z0-9](-*[a-zA-Z0-9])*``,
    at most ``limit`` characters), with the fix; None when it is fine."""
    if len(name) > limit:
        return f'{what} "{name}" is {len(name)} characters long; at most {limit} are allowed.'
    if NAME_PATTERN.match(name):
        return None
    fixed = re.sub(r"[^a-zA-Z0-9]+", "-", name).strip("-") or "a name"
    return (
        f'{what} "{name}" is not a valid SageMaker name: use letters, digits and hyphens, '
        f'starting and ending with a letter or digit (e.g. "{fixed}").'
    )


def tag_char_ok(ch: str) -> bool:
    """Whether ``ch`` is in SageMaker's tag alphabet ``[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]``."""
    return ch in TAG_PUNCTUATION or unicodedata.category(ch)[0] in "LZN"


def tag_text_ok(text: str) -> bool:
    return all(tag_char_ok(ch) for ch in text)


def tag_problem(key: str, value: str) -> str | None:
    """Why SageMaker would refuse the tag ``key = value``; None when it is fine."""
    if not key or len(key) > MAX_TAG_KEY or not tag_text_ok(key) or key.lower().startswith("aws:"):
        return (
            f'Tag key "{key}" is not accepted by SageMaker: 1-{MAX_TAG_KEY} letters, digits, spaces '
            "or _ . : / = + - @, not starting with aws:."
        )
    if len(value) > MAX_TAG_VALUE or not tag_text_ok(value):
        return (
            f'Tag value "{value}" of "{key}" is not accepted by SageMaker: at most {MAX_TAG_VALUE} '
            "letters, digits, spaces or _ . : / = + - @."
        )
    return None


def encode_address(address: str) -> str:
    """The address in SageMaker's tag alphabet, reversibly: every character outside it,
    and the escape ``@`` itself, becomes ``@`` plus two hex digits per UTF-8 byte, so
    ``model.churn["eu"]`` is ``model.churn@5B@22eu@22@5D``."""
    out = []
    for ch in address:
        if ch != ESCAPE and tag_char_ok(ch) and not ch.isspace():
            out.append(ch)
        else:
            out.extend(f"{ESCAPE}{b:02X}" for b in ch.encode())
    return "".join(out)


def decode_address(value: str) -> str:
    """The inverse of ``encode_address`` (a value written before encoding passes through)."""
    if ESCAPE not in value:
        return value
    raw = bytearray()
    i = 0
    while i < len(value):
        if value[i] == ESCAPE and re.fullmatch(r"[0-9A-F]{2}", value[i + 1 : i + 3]):
            raw.append(int(value[i + 1 : i + 3], 16))
            i += 3
        else:
            raw.extend(value[i].encode())
            i += 1
    return raw.decode(errors="replace")


def base_name(address: str, override: str | None = None, limit: int = MAX_NAME) -> str:
    """``endpoint.churn`` -> ``churn``; ``module.m.model.x["eu"]`` -> ``m-x-eu`` (the
    core's naming rule). An override from the aws block is used as written: ``validate``
    has refused one SageMaker would not accept."""
    if override:
        return override
    return object_name(address, limit=limit)



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
    merged[ADDRESS_TAG] = encode_address(address)
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
