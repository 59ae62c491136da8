"""Configured provider instances for one run, keyed by configuration address.

A provider is loaded (through the registry) and configured the first time a resource,
an orphan in state, or a command needs it, once per configuration (``aws`` and
``aws.eu`` are two instances). Thread-safe: plan refreshes in parallel.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from mlinfra import diagnostics as d
from mlinfra import redaction
from mlinfra.config import bodies
from mlinfra.config.model import Config
from mlinfra.diagnostics import Diagnostics, DiagnosticsError, SourceRange
from mlinfra.providers import registry
from mlinfra.providers.protocol import ConfigureRequest, Provider, ProviderSchema
from mlinfra.values import contains_unknown, unmark


class ProviderManager:
    def __init__(self, config: Config, workdir: Path, workspace: str = "default") -> None:
        self.config = config
        self.workdir = workdir
        self.workspace = workspace
        self._lock = threading.Lock()
        self._instances: dict[str, Provider] = {}
        self._failed: dict[str, DiagnosticsError] = {}
        self._classes: dict[str, Provider] = {}
        self._schemas: dict[str, ProviderSchema] = {}
        # The run's sensitive values: every provider is held behind a redaction of them.
        self.secrets = redaction.Secrets().watch()

    def unconfigured(self, name: str, range: SourceRange | None = None) -> Provider:
        """An instance used only for its schema and validation."""
        with self._lock:
            if name not in self._classes:
                self._classes[name] = redaction.RedactingProvider(
                    registry.load(name, range), self.secrets
                )
            return self._classes[name]

    def schema(self, name: str) -> ProviderSchema:
        """A provider's schema, asked for once per run (providers build it on each call)."""
        cached = self._schemas.get(name)
        if cached is None:
            cached = self._schemas[name] = self.unconfigured(name).schema()
        return cached

    def schema_version(self, key: str, kind: str) -> int:
        """The schema version of ``kind`` in the provider configured as ``key``."""
        ks = self.schema(key.partition(".")[0]).kinds.get(kind)
        return ks.version if ks is not None else 0

    def get(self, key: str, scope_fn: Any = None, range: SourceRange | None = None) -> Provider:
        """The configured provider for ``key``; raises DiagnosticsError when it cannot be."""
        with self._lock:
            if key in self._instances:
                return self._instances[key]
            if key in self._failed:
                raise self._failed[key]
            try:
                inst = self._configure(key, scope_fn, range)
            except DiagnosticsError as e:
                self._failed[key] = e
                raise
            self._instances[key] = inst
            return inst

    def _configure(self, key: str, scope_fn: Any, range: SourceRange | None) -> Provider:
        name, _, alias = key.partition(".")
        block = self.config.providers.get(key)
        if alias and block is None:
            raise DiagnosticsError(
                d.error(
                    "Provider configuration not present",
                    f'No provider "{name}" block with alias = "{alias}" is declared. Add one:\n\n'
                    f'provider "{name}" {{\n  alias = "{alias}"\n}}',
                    range,
                )
            )
        provider = redaction.RedactingProvider(
            registry.load(name, block.range if block else range), self.secrets
        )
        diags = Diagnostics()
        cfg: dict[str, Any] = {}
        if block is not None and scope_fn is not None:
            cfg, _ = bodies.evaluate_body(block.body, scope_fn(), diags, f'provider "{name}"')
            cfg.pop("alias", None)
            if contains_unknown(cfg):
                diags.add(
                    d.error(
                        "Invalid provider configuration",
                        "Provider settings must be known before apply; they cannot refer to resource outputs.",
                        block.range,
                    )
                )
        diags.raise_if_errors()
        plain, _ = unmark(cfg)
        resp = provider.configure(
            ConfigureRequest(
                config=plain, workdir=self.workdir, alias=alias or None, workspace=self.workspace
            )
        )
        if resp.diagnostics.has_errors:
            rng = block.range if block else range
            raise DiagnosticsError(
                [
                    x.with_defaults(rng)
                    for x in resp.diagnostics
                ]
            )
        return provider

    def close(self) -> None:
        with self._lock:
            for p in self._instances.values():
                with contextlib.suppress(Exception):  # closing is best effort
                    p.close()
            self._instances.clear()
        self.secrets.unwatch()
