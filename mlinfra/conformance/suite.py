"""The conformance suite every provider's tests run (version 2).

``check_provider`` drives a provider through the protocol the way the engine does and
fails with a readable AssertionError when the provider breaks the contract. The
provider supplies, for every kind its schema lists, a ``KindSuite`` with each case:

- ``valid``: configurations that validate, plan, create, read back unchanged, plan as a
  no-op, optionally update in place (``update``), and delete (read says gone);
- ``invalid``: resource bodies in HCL that ``mlinfra validate`` must reject with a
  diagnostic at a source line (``Invalid.line``, counted inside the body);
- ``imports``: an object created outside state is imported by the id a user would
  give (``ImportCase.id_of``), and an id of nothing imports nothing;
- ``drift``: an object deleted out of band (``DriftCase.remove``) reads as gone, and a
  create is planned and applied again;
- ``interrupted``: an apply killed between "create called" and "state saved" (at the
  intent, and after the create with only the intent's locator stored) leaves nothing
  the next run cannot find: ``recover`` adopts the object or removes it.

A kind without a suite, or a suite without a case, fails with the name of what is
missing. A provider with data sources passes a ``DataCase`` for each kind it reads:
the read finds the object (reporting ``id`` and the attributes ``expect`` names), a
query for nothing finds nothing without an error, and a kind it does not read is an
error diagnostic, never an exception. Checks of each step live in ``steps``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlinfra.conformance import steps
from mlinfra.providers.protocol import ConfigureRequest, Provider

CASES = ("valid", "invalid", "imports", "drift", "interrupted")


@dataclass
class Invalid:
    """A resource body (the text between the braces) that validation must reject, with
    the line of the error, counted from 1 at the body's first line."""

    body: str
    line: int | None = None


@dataclass
class ImportCase:
    config: dict[str, Any]
    # The id a user passes to ``mlinfra import`` for the object with these attributes.
    id_of: Callable[[dict[str, Any]], str] = lambda attrs: str(attrs["id"])


@dataclass
class DriftCase:
    config: dict[str, Any]
    # Deletes the object with these attributes behind the provider's back.
    remove: Callable[[dict[str, Any]], None]


@dataclass
class InterruptedCase:
    config: dict[str, Any]


@dataclass
class KindSuite:
    kind: str
    valid: list[dict[str, Any]] = field(default_factory=list)
    update: dict[str, Any] | None = None
    invalid: list[Invalid] = field(default_factory=list)
    imports: ImportCase | None = None
    drift: DriftCase | None = None
    interrupted: InterruptedCase | None = None
    # Called after create with the attributes, e.g. to check the object really exists.
    check_created: Callable[[dict[str, Any]], None] | None = None
    # False for kinds whose object the provider only points at (an S3 dataset): delete
    # forgets it, so the object may still be readable afterwards.
    owned: bool = True


@dataclass
class DataCase:
    """A data source (``data "KIND" "NAME"``): ``config`` finds an existing object whose
    attributes include ``expect``; ``missing`` is a query that finds nothing."""

    kind: str
    config: dict[str, Any]
    expect: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, Any] | None = None


def check_provider(
    provider: type[Any],
    provider_config: dict[str, Any],
    workdir: Path,
    suites: list[KindSuite],
    data: list[DataCase] | None = None,
) -> None:
    """Run every case of every kind; ``provider`` is the provider class."""
    schema = provider().schema()
    steps.check_schema(schema)
    by_kind = {s.kind: s for s in suites}
    for kind in sorted(schema.kinds):
        assert kind in by_kind, (
            f'provider "{schema.name}": no conformance suite for the kind {kind} '
            f"(supply KindSuite({kind!r}, valid=..., invalid=..., imports=..., drift=..., interrupted=...))"
        )
    for suite in suites:
        assert suite.kind in schema.kinds, f'provider "{schema.name}": a suite for {suite.kind}, which schema() does not list'
        missing = [c for c in CASES if not getattr(suite, c)]
        assert not missing, (
            f'provider "{schema.name}", kind {suite.kind}: the conformance suite lacks the '
            f"{', '.join(missing)} case{'s' if len(missing) > 1 else ''}"
        )

    def configured() -> Provider:
        p: Provider = provider()
        resp = p.configure(ConfigureRequest(config=provider_config, workdir=workdir))
        steps.no_errors(resp.diagnostics, "configure")
        return p

    p = configured()
    for suite in suites:
        ks = schema.kinds[suite.kind]
        for i, config in enumerate(suite.valid):
            steps.lifecycle(p, ks, f"{suite.kind}.conformance{i or ''}", config, suite.update if i == 0 else None, suite)
        for case in suite.invalid:
            steps.invalid(provider, schema.name, suite.kind, case.body, case.line, workdir)
        assert suite.imports is not None and suite.drift is not None and suite.interrupted is not None
        steps.imports(p, ks, f"{suite.kind}.imported", suite.imports.config, suite.imports.id_of, suite.owned)
        steps.drift(p, ks, f"{suite.kind}.drifted", suite.drift.config, suite.drift.remove, suite.owned)
        steps.interrupted(p, configured, ks, f"{suite.kind}.interrupted", suite.interrupted.config, suite.owned)
    for dc in data or []:
        steps.data_source(p, dc.kind, dc.config, dc.expect, dc.missing)
    p.close()
