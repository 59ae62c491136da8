"""The provider registry: entry points in the group ``mlinfra.providers``.

Providers are listed without importing them and loaded only when the configuration or
the state names them. A missing provider is a diagnostic with an install hint and a
did-you-mean over the installed names.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from mlinfra import __version__
from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError, SourceRange
from mlinfra.providers.protocol import PROTOCOL_VERSION, Provider

GROUP = "mlinfra.providers"

# The providers published with mlinfra, by provider name: the only packages an error
# message may tell anyone to install (a name derived from a typo could be anyone's).
PUBLISHED = {
    "aws": "mlinfra-provider-aws",
    "azure": "mlinfra-provider-azure",
    "gcp": "mlinfra-provider-gcp",
    "local": "mlinfra-provider-local",
}


def install_hint(name: str) -> str | None:
    """``pip install PACKAGE`` for a published provider, or None for any other name."""
    package = PUBLISHED.get(name)
    return f"pip install {package}" if package else None


def missing_detail(name: str, installed_names: set[str]) -> str:
    """Why the provider ``name`` cannot be loaded and what to do: install a published
    provider, or fix a typo (suggesting only installed or published names)."""
    hint = install_hint(name)
    if hint is not None:
        return f'The provider "{name}" is not installed. Install it with: {hint}'
    known = sorted(installed_names)
    best = d.did_you_mean(name, known + sorted(PUBLISHED))
    detail = f'There is no provider named "{name}".'
    if best is not None:
        detail += f' Did you mean "{best}"?'
        if best not in installed_names:
            detail += f" Install it with: {install_hint(best)}"
    detail += f" Installed providers: {', '.join(known)}." if known else " No provider is installed."
    return detail


@dataclass(frozen=True)
class InstalledProvider:
    name: str
    value: str
    distribution: str | None
    version: str | None


_entry_points: tuple[tuple[str, ...], list[Any]] | None = None


def _provider_entry_points() -> list[Any]:
    """The entry points of group ``GROUP``. Finding them reads the metadata of every
    installed distribution, so they are read once per ``sys.path``."""
    global _entry_points
    key = tuple(sys.path)
    if _entry_points is None or _entry_points[0] != key:
        _entry_points = (key, list(metadata.entry_points(group=GROUP)))
    return _entry_points[1]


def installed() -> dict[str, InstalledProvider]:
    """Every installed provider, by name, without importing any of them."""
    out: dict[str, InstalledProvider] = {}
    for ep in _provider_entry_points():
        dist = getattr(ep, "dist", None)
        out[ep.name] = InstalledProvider(
            name=ep.name,
            value=ep.value,
            distribution=dist.name if dist is not None else None,
            version=dist.version if dist is not None else None,
        )
    return dict(sorted(out.items()))


_overrides: dict[str, type] = {}
_names: frozenset[str] | None = None
_generation = 0


def register(name: str, cls: type) -> None:
    """Register a provider class in-process (used by tests and embedders)."""
    global _names, _generation
    _overrides[name] = cls
    _names, _generation = None, _generation + 1


def unregister(name: str) -> None:
    global _names, _generation
    _overrides.pop(name, None)
    _names, _generation = None, _generation + 1


def generation() -> int:
    """Changes whenever a provider is registered or unregistered in process."""
    return _generation


def load(name: str, range: SourceRange | None = None) -> Provider:
    """Instantiate the provider called ``name``; raises DiagnosticsError when missing."""
    if name in _overrides:
        cls = _overrides[name]
        _check_protocol(name, cls, None, range)
        return cls()  # type: ignore[no-any-return]
    eps = {ep.name: ep for ep in _provider_entry_points()}
    ep = eps.get(name)
    if ep is None:
        raise DiagnosticsError(
            d.error("Provider not installed", missing_detail(name, set(eps) | set(_overrides)), range)
        )
    try:
        cls = ep.load()
    except Exception as e:  # noqa: BLE001 - a broken install is a user-facing error
        raise DiagnosticsError(
            d.error("Cannot load provider", f'Loading provider "{name}" ({ep.value}) failed: {e}', range)
        ) from e
    dist = getattr(ep, "dist", None)
    _check_protocol(name, cls, dist, range)
    return cls()  # type: ignore[no-any-return]


def _check_protocol(name: str, cls: Any, dist: Any, range: SourceRange | None) -> None:
    """Refuse a provider written for another protocol version, before instantiating it
    (its constructor may already fail against this core). A provider that declares no
    version predates versioning: protocol 1."""
    declared = getattr(cls, "protocol_version", 1)
    if declared == PROTOCOL_VERSION:
        return
    package = dist.name if dist is not None else f"the package that provides {name!r}"
    version = f" {dist.version}" if dist is not None else ""
    if not isinstance(declared, int) or declared < PROTOCOL_VERSION:
        fix = (
            f"Upgrade the provider to a release built for protocol {PROTOCOL_VERSION} "
            f"(pip install --upgrade {package}), or use an mlinfra release that speaks protocol {declared}."
        )
    else:
        fix = (
            f"Upgrade mlinfra to a release that speaks protocol {declared} (pip install --upgrade mlinfra), "
            f"or install a release of {package} built for protocol {PROTOCOL_VERSION}."
        )
    raise DiagnosticsError(
        d.error(
            "Incompatible provider protocol",
            f'The provider "{name}" ({package}{version}) implements provider protocol version {declared}, '
            f"but this mlinfra {__version__} speaks protocol version {PROTOCOL_VERSION}. {fix}",
            range,
        )
    )


def known_names() -> list[str]:
    return sorted(known_names_set())


def known_names_set() -> frozenset[str]:
    """The names of the installed and registered providers (entry points read once)."""
    global _names
    if _names is None:
        _names = frozenset(installed()) | frozenset(_overrides)
    return _names
