"""The provider registry: entry points in the group ``mlinfra.providers``.

Providers are listed without importing them and loaded only when the configuration or
the state names them. A missing provider is a diagnostic with an install hint and a
did-you-mean over the installed names.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from importlib import import_module
from typing import Any, NamedTuple

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


class InstalledProvider(NamedTuple):
    """An installed provider's entry point and the distribution that declares it."""

    name: str
    value: str
    distribution: str | None
    version: str | None


class EntryPoint:
    """One entry point of group ``GROUP``: its name, its ``module:attribute`` value and
    where the metadata of its distribution lives, read only when asked for."""

    __slots__ = ("_dist", "metadata_dir", "name", "value")

    def __init__(
        self, name: str, value: str, metadata_dir: str | None, dist: tuple[str | None, str | None] | None = None
    ) -> None:
        self.name, self.value, self.metadata_dir, self._dist = name, value, metadata_dir, dist

    def distribution(self) -> tuple[str | None, str | None]:
        """The declaring distribution's name and version (its ``Name`` and ``Version``)."""
        if self._dist is None:
            self._dist = _name_and_version(self.metadata_dir) if self.metadata_dir else (None, None)
        return self._dist

    def load(self) -> Any:
        """The object the entry point names, as ``importlib.metadata`` loads it: the
        module, then each dotted attribute after the colon (extras in brackets ignored)."""
        spec = self.value.split("[", 1)[0].strip()
        module, _, attrs = spec.partition(":")
        obj: Any = import_module(module.strip())
        for attr in attrs.strip().split("."):
            if attr:
                obj = getattr(obj, attr)
        return obj


def _normalize(name: str) -> str:
    """A distribution's name as ``importlib.metadata`` compares them (PEP 503 plus
    dashes as underscores)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _group_entries(text: str) -> list[tuple[str, str]]:
    """The ``name = value`` pairs of section ``[GROUP]`` in an ``entry_points.txt``,
    read by the rules of ``importlib.metadata``: stripped lines, ``#`` comments."""
    out: list[tuple[str, str]] = []
    section: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == GROUP:
            name, eq, value = line.partition("=")
            if not eq:
                raise ValueError(f"not a name = value pair: {line!r}")
            out.append((name.strip(), value.strip()))
    return out


def _name_and_version(metadata_dir: str) -> tuple[str | None, str | None]:
    """``Name`` and ``Version`` from the header of a distribution's METADATA (or an
    egg-info's PKG-INFO); None for what cannot be read."""
    for file in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(metadata_dir, file), encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            continue
        found: dict[str, str] = {}
        for line in text.splitlines():
            if not line.strip():
                break  # the end of the header
            key, colon, value = line.partition(":")
            if colon and key in ("Name", "Version") and key not in found:
                found[key] = value.strip()
        return found.get("Name"), found.get("Version")
    return None, None


def _standard_layout() -> bool:
    """True when every distribution is a metadata directory in a directory on
    ``sys.path``, the layout ``_scan`` reads; zipped or egg path entries and other
    distribution finders are left to ``importlib.metadata``."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return False
    for entry in sys.path:
        if entry.lower().endswith(".egg") or (os.path.exists(entry) and not os.path.isdir(entry)):
            return False
    return True


def _metadata_dirs() -> Iterator[tuple[str, str]]:
    """(normalised name, metadata directory) of each installed distribution in the order
    and with the precedence of ``importlib.metadata``: the ``*.dist-info`` and
    ``*.egg-info`` directories of each ``sys.path`` entry, the first of a name winning."""
    seen: set[str] = set()
    for entry in sys.path:
        try:
            children = os.listdir(entry or ".")
        except OSError:
            continue
        by_name: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                by_name.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), []).append(child)
        for name, dirs in by_name.items():
            if name not in seen:
                seen.add(name)
                yield name, os.path.join(entry, dirs[0])


def _scan() -> list[EntryPoint]:
    """The entry points of group ``GROUP``, as ``importlib.metadata.entry_points`` finds
    them. Reading the few files directly costs a fraction of importing
    ``importlib.metadata``."""
    out: list[EntryPoint] = []
    for _, meta in _metadata_dirs():
        try:
            with open(os.path.join(meta, "entry_points.txt"), "rb") as fh:  # no text layer: cheaper
                text = fh.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if GROUP in text:
            out.extend(EntryPoint(n, v, meta) for n, v in _group_entries(text))
    return out


def distribution_version(name: str) -> str | None:
    """The installed version of distribution ``name`` (None when it is not installed), as
    ``importlib.metadata.version`` answers, without importing it where the standard
    layout allows."""
    if not _standard_layout():
        from importlib import metadata

        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None
    wanted = _normalize(name)
    for found, meta in _metadata_dirs():
        if found == wanted:
            return _name_and_version(meta)[1]
    return None


def _scan_with_importlib() -> list[EntryPoint]:
    from importlib import metadata

    out = []
    for ep in metadata.entry_points(group=GROUP):
        dist = getattr(ep, "dist", None)
        out.append(EntryPoint(ep.name, ep.value, None, (dist.name, dist.version) if dist is not None else (None, None)))
    return out


_entry_points: tuple[tuple[str, ...], list[EntryPoint]] | None = None


def _provider_entry_points() -> list[EntryPoint]:
    """The entry points of group ``GROUP``, read once per ``sys.path``."""
    global _entry_points
    key = tuple(sys.path)
    if _entry_points is None or _entry_points[0] != key:
        _entry_points = (key, _scan() if _standard_layout() else _scan_with_importlib())
    return _entry_points[1]


def installed() -> dict[str, InstalledProvider]:
    """Every installed provider, by name, without importing any of them."""
    out: dict[str, InstalledProvider] = {}
    for ep in _provider_entry_points():
        distribution, version = ep.distribution()
        out[ep.name] = InstalledProvider(name=ep.name, value=ep.value, distribution=distribution, version=version)
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
    _check_protocol(name, cls, ep.distribution(), range)
    return cls()  # type: ignore[no-any-return]


def _check_protocol(
    name: str, cls: Any, dist: tuple[str | None, str | None] | None, range: SourceRange | None
) -> None:
    """Refuse a provider written for another protocol version, before instantiating it
    (its constructor may already fail against this core). A provider that declares no
    version predates versioning: protocol 1."""
    declared = getattr(cls, "protocol_version", 1)
    if declared == PROTOCOL_VERSION:
        return
    distribution, release = dist or (None, None)
    package = distribution or f"the package that provides {name!r}"
    version = f" {release}" if distribution and release else ""
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
