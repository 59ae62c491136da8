"""The provider registry: entry points in the group ``mlinfra.providers``.

Providers are listed without importing them and loaded only when the configuration or
the state names them. A missing provider is a diagnostic with an install hint and a
did-you-mean over the installed names.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

from mlinfra import diagnostics as d
from mlinfra.diagnostics import DiagnosticsError, SourceRange
from mlinfra.providers.protocol import Provider

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


def installed() -> dict[str, InstalledProvider]:
    """Every installed provider, by name, without importing any of them."""
    out: dict[str, InstalledProvider] = {}
    for ep in metadata.entry_points(group=GROUP):
        dist = getattr(ep, "dist", None)
        out[ep.name] = InstalledProvider(
            name=ep.name,
            value=ep.value,
            distribution=dist.name if dist is not None else None,
            version=dist.version if dist is not None else None,
        )
    return dict(sorted(out.items()))


_overrides: dict[str, type] = {}


def register(name: str, cls: type) -> None:
    """Register a provider class in-process (used by tests and embedders)."""
    _overrides[name] = cls


def unregister(name: str) -> None:
    _overrides.pop(name, None)


def load(name: str, range: SourceRange | None = None) -> Provider:
    """Instantiate the provider called ``name``; raises DiagnosticsError when missing."""
    if name in _overrides:
        return _overrides[name]()  # type: ignore[no-any-return]
    eps = {ep.name: ep for ep in metadata.entry_points(group=GROUP)}
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
    return cls()  # type: ignore[no-any-return]


def known_names() -> list[str]:
    return sorted(set(installed()) | set(_overrides))
