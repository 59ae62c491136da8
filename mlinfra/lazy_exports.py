"""Names a package exports from its modules, each imported on first use (PEP 562).

A package lists each public name with the module that defines it, and gets the
``__getattr__`` and ``__dir__`` that import that module when the name is first read,
so importing the package costs nothing until a name is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any


def lazy_exports(
    package: str, homes: dict[str, str], namespace: MutableMapping[str, Any], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``homes`` maps each lazily
    exported name to its module (relative to the package); a name read once is kept in
    ``namespace`` (the package's globals), so it is imported once."""
    names = tuple(public)

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__
