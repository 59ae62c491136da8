"""Addresses of resources: ``endpoint.iris``, ``model.m[0]``, ``module.a.model.x["eu"]``.

An ``Address`` is immutable, hashable and orders deterministically (module path, kind,
name, then integer keys before string keys). ``parse`` is the inverse of ``str``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum


class ResourceKind(StrEnum):
    DATASET = "dataset"
    PIPELINE = "pipeline"
    MODEL = "model"
    ENDPOINT = "endpoint"
    MONITOR = "monitor"


KINDS: tuple[str, ...] = tuple(k.value for k in ResourceKind)

Key = int | str | None

_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
NAME = re.compile(_NAME)  # a kind's, block's or module's name
_STEP = re.compile(
    rf"""(?P<kind>{_NAME})\.(?P<name>{_NAME})
        (?:\[(?P<key>-?\d+|"(?:[^"\\]|\\.)*")\])?""",
    re.X,
)


# An instance index has at most this many digits (count is far smaller; this keeps
# int() of a typed or stored address cheap and within Python's conversion limit).
MAX_INDEX_DIGITS = 18


class AddressError(ValueError):
    pass


def format_key(key: Key) -> str:
    if key is None:
        return ""
    if isinstance(key, int):
        return f"[{key}]"
    return "[" + json.dumps(key) + "]"


@dataclass(frozen=True)
class Address:
    kind: str
    name: str
    key: Key = None
    module: tuple[str, ...] = ()

    def __str__(self) -> str:
        prefix = "".join(f"module.{m}." for m in self.module)
        return f"{prefix}{self.kind}.{self.name}{format_key(self.key)}"

    @property
    def resource(self) -> Address:
        """The address of the block this instance comes from (key dropped)."""
        return Address(self.kind, self.name, None, self.module)

    def with_key(self, key: Key) -> Address:
        return Address(self.kind, self.name, key, self.module)

    def sort_key(self) -> tuple[object, ...]:
        k = self.key
        keyorder: tuple[int, object] = (0, 0) if k is None else (1, k) if isinstance(k, int) else (2, k)
        return (self.module, self.kind, self.name, keyorder)

    def __lt__(self, other: Address) -> bool:
        return self.sort_key() < other.sort_key()

    def matches(self, target: Address) -> bool:
        """True when ``target`` names this instance or the whole resource it belongs to."""
        if target.key is None:
            return self.resource == target.resource
        return self == target


def parse(text: str) -> Address:
    """Parse an address; raises AddressError with a readable message."""
    s = text.strip()
    module: list[str] = []
    while s.startswith("module."):
        rest = s[len("module.") :]
        m = re.match(_NAME, rest)
        if not m or not rest[m.end() :].startswith("."):
            raise AddressError(f'Invalid address "{text}": expected module.NAME.KIND.NAME')
        module.append(m.group(0))
        s = rest[m.end() + 1 :]
    m = _STEP.fullmatch(s)
    if not m:
        raise AddressError(
            f'Invalid address "{text}": expected KIND.NAME, KIND.NAME[0] or KIND.NAME["key"]'
        )
    kind = m.group("kind")
    if kind not in KINDS:
        raise AddressError(
            f'Invalid address "{text}": unknown resource kind "{kind}" (one of {", ".join(KINDS)})'
        )
    raw = m.group("key")
    key: Key = None
    if raw is not None and raw.startswith('"'):
        key = json.loads(raw)
    elif raw is not None:
        if len(raw.lstrip("-")) > MAX_INDEX_DIGITS:
            raise AddressError(f'Invalid address "{text}": the index {raw[:20]}... is too large')
        key = int(raw)
    return Address(kind, m.group("name"), key, tuple(module))


def sorted_addresses(addrs: list[Address]) -> list[Address]:
    return sorted(addrs, key=Address.sort_key)
