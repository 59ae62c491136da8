"""Addresses of resources: ``endpoint.iris``, ``model.m[0]``, ``module.a["eu"].model.x``.

An ``Address`` is immutable, hashable and orders deterministically (module path, kind,
name, then integer keys before string keys). ``parse`` is the inverse of ``str``.

The module path is a tuple of steps, one per module call: ``a``, ``a[0]`` or
``a["eu"]`` (the call's name and, for a call with count or for_each, its instance key,
written as in the address). An address with an empty kind names a whole module
instance (``module.a``, ``module.a["eu"]``): ``--target module.a`` and ``moved``
blocks between modules use it.
"""

from __future__ import annotations

import functools
import json
import re
from enum import StrEnum

from mlinfra.records import frozen


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
_MODULE_STEP = re.compile(rf"""module\.(?P<name>{_NAME})(?:\[(?P<key>-?\d+|"(?:[^"\\]|\\.)*")\])?""")
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


@frozen
class Address:
    kind: str
    name: str
    key: Key = None
    module: tuple[str, ...] = ()

    def __str__(self) -> str:
        if not self.kind:
            return module_prefix(self.module)[:-1]
        return f"{module_prefix(self.module)}{self.kind}.{self.name}{format_key(self.key)}"

    @property
    def is_module(self) -> bool:
        """True for the address of a whole module instance (``module.a``)."""
        return not self.kind

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

    def in_module(self, module: tuple[str, ...]) -> bool:
        """True when this address lies in the module instance ``module`` (or, when a
        step of ``module`` has no key, in any instance of that call)."""
        if len(self.module) < len(module):
            return False
        return all(m == mine or ("[" not in m and mine.split("[", 1)[0] == m)
                   for m, mine in zip(module, self.module, strict=False))  # fmt: skip

    def moved_to(self, old: Address, new: Address) -> Address:
        """This address with the module prefix ``old`` replaced by ``new`` (both whole
        module instances)."""
        return Address(self.kind, self.name, self.key, new.module + self.module[len(old.module) :])

    def matches(self, target: Address) -> bool:
        """True when ``target`` names this instance, the whole resource it belongs to, or
        a module (instance) it lies in."""
        if target.is_module:
            return self.in_module(target.module)
        if target.module != self.module:
            return False
        if target.key is None:
            return self.resource == target.resource
        return self == target


def module_prefix(module: tuple[str, ...]) -> str:
    """``module.a.module.b.`` for the path ("a", "b"); empty for the root module."""
    return "".join(f"module.{m}." for m in module)


def module_step(name: str, key: Key) -> str:
    """One step of a module path: the call's name and its instance key."""
    return name + format_key(key)


def split_step(step: str) -> tuple[str, Key]:
    """The call name and instance key of a module path step."""
    m = _MODULE_STEP.fullmatch("module." + step)
    if not m:
        raise AddressError(f'Invalid module step "{step}"')
    return m.group("name"), _key(m.group("key"), step)


def _key(raw: str | None, text: str) -> Key:
    if raw is None:
        return None
    if raw.startswith('"'):
        found: str = json.loads(raw)
        return found
    if len(raw.lstrip("-")) > MAX_INDEX_DIGITS:
        raise AddressError(f'Invalid address "{text}": the index {raw[:20]}... is too large')
    return int(raw)


def parse(text: str, *, module_ok: bool = False) -> Address:
    """Parse an address; raises AddressError with a readable message. With
    ``module_ok`` a whole module instance (``module.a``) is an address too."""
    s = text.strip()
    module: list[str] = []
    while s.startswith("module."):
        m = _MODULE_STEP.match(s)
        if not m:
            raise AddressError(f'Invalid address "{text}": expected module.NAME.KIND.NAME')
        module.append(module_step(m.group("name"), _key(m.group("key"), text)))
        s = s[m.end() :]
        if not s and module_ok:
            return Address("", "", None, tuple(module))
        if not s.startswith("."):
            raise AddressError(f'Invalid address "{text}": expected module.NAME.KIND.NAME')
        s = s[1:]
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
    return Address(kind, m.group("name"), _key(m.group("key"), text), tuple(module))


@functools.lru_cache(maxsize=65536)
def of(text: str) -> Address:
    """The address a state record or planned change names, parsed once per distinct
    text: records and changes keep their address as text (the JSON and file
    boundary) and hand out ``Address`` values through this."""
    return parse(text)


def block_key(address: str) -> str:
    """The resource (block) address of an instance address written as text:
    ``module.a["x"].model.m[0]`` -> ``module.a["x"].model.m``."""
    if address.startswith("module."):
        try:
            return str(of(address).resource)
        except AddressError:
            pass  # not an address (text a policy wrote): its own block key, unmatched
    return address.split("[", 1)[0]


def sorted_addresses(addrs: list[Address]) -> list[Address]:
    return sorted(addrs, key=Address.sort_key)
