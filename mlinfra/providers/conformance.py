"""The conformance suite every provider's tests run.

``check_provider`` drives a provider through the protocol the way the engine does and
fails with a readable AssertionError when the provider breaks the contract:

- ``schema()`` is static and lists the kind with its outputs;
- ``configure`` accepts the given configuration;
- ``validate`` of a valid configuration gives no errors;
- ``plan`` for a create gives every declared output (known or UNKNOWN);
- ``apply`` create returns attributes with every output known and an ``id``;
- ``read`` returns exactly those attributes, and a plan on top of them is a no-op;
- an update case plans a change and applies it in place (same ``id`` unless the
  provider's plan asked for a replacement);
- ``intent`` names the object before create and ``find`` by address gives it back
  (when the provider implements it);
- ``delete`` removes it: ``read`` returns None afterwards;
- errors come back as diagnostics, never as exceptions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mlinfra.providers.protocol import (
    ApplyRequest,
    ConfigureRequest,
    IntentRequest,
    PlanRequest,
    Provider,
    ReadRequest,
    ValidateRequest,
)
from mlinfra.values import UNKNOWN, changed_paths, contains_unknown


@dataclass
class ConformanceCase:
    kind: str
    config: dict[str, Any]
    # A changed configuration that the provider can apply in place (optional).
    update: dict[str, Any] | None = None
    address: str = ""
    # Called after create with the attributes, e.g. to check the object really exists.
    check_created: Callable[[dict[str, Any]], None] | None = None
    # False for kinds whose object the provider only points at (an S3 dataset): delete
    # forgets it, so the object may still be readable afterwards.
    owned: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def _no_errors(diags: Any, what: str) -> None:
    errs = [f"{x.summary}: {x.detail}" for x in diags if x.is_error]
    assert not errs, f"{what} reported errors: {errs}"


def check_provider(
    make_provider: Callable[[], Provider],
    provider_config: dict[str, Any],
    workdir: Path,
    cases: list[ConformanceCase],
) -> None:
    schema = make_provider().schema()
    p = make_provider()
    _no_errors(p.configure(ConfigureRequest(config=provider_config, workdir=workdir)).diagnostics, "configure")
    for case in cases:
        _check_case(p, schema, case)
    p.close()


def _check_case(p: Provider, schema: Any, case: ConformanceCase) -> None:
    addr = case.address or f"{case.kind}.conformance"
    ks = schema.kinds.get(case.kind)
    assert ks is not None, f"schema() does not list the kind {case.kind}"
    assert "id" in ks.outputs, f"{case.kind}: outputs must include id"
    _no_errors(p.validate(ValidateRequest(case.kind, addr, case.config)).diagnostics, f"{addr}: validate")

    plan = p.plan(PlanRequest(case.kind, addr, None, case.config))
    _no_errors(plan.diagnostics, f"{addr}: plan (create)")
    for o in ks.outputs:
        assert o in plan.planned, f"{addr}: planned create lacks output {o!r} (use UNKNOWN when not known)"
    name = p.intent(IntentRequest(case.kind, addr, plan.planned))
    assert name is None or isinstance(name, str), f"{addr}: intent must be a string or None"

    created = p.apply(ApplyRequest(case.kind, addr, "create", None, plan.planned, case.config, plan.private))
    _no_errors(created.diagnostics, f"{addr}: create")
    attrs = created.attributes
    assert attrs is not None, f"{addr}: create returned no attributes"
    assert attrs.get("id"), f"{addr}: create returned no id"
    assert not contains_unknown(attrs), f"{addr}: create returned UNKNOWN values"
    for o in ks.outputs:
        assert o in attrs, f"{addr}: create did not report output {o!r}"
    if case.check_created is not None:
        case.check_created(attrs)

    read = p.read(ReadRequest(case.kind, addr, str(attrs["id"]), attrs, created.private))
    _no_errors(read.diagnostics, f"{addr}: read")
    assert read.attributes is not None, f"{addr}: read right after create says the object is gone"
    diff = list(changed_paths(attrs, read.attributes))
    assert not diff, f"{addr}: read differs from what create returned at {diff}"

    noop = p.plan(PlanRequest(case.kind, addr, read.attributes, case.config, read.private))
    _no_errors(noop.diagnostics, f"{addr}: plan (no-op)")
    diff = list(changed_paths(read.attributes, noop.planned))
    assert not diff, f"{addr}: a plan of unchanged configuration is not a no-op; differs at {diff}"
    assert not noop.requires_replace, f"{addr}: unchanged configuration requires replacement"

    found = p.read(ReadRequest(case.kind, addr, None, {}, {}))
    _no_errors(found.diagnostics, f"{addr}: find by address")
    if found.attributes is not None:
        assert found.attributes.get("id") == attrs["id"], f"{addr}: find by address returned another object"

    current = read.attributes
    if case.update is not None:
        up = p.plan(PlanRequest(case.kind, addr, current, case.update, read.private))
        _no_errors(up.diagnostics, f"{addr}: plan (update)")
        assert list(changed_paths(current, up.planned)), f"{addr}: the update case plans no change"
        if not up.requires_replace:
            updated = p.apply(ApplyRequest(case.kind, addr, "update", current, up.planned, case.update, up.private))
            _no_errors(updated.diagnostics, f"{addr}: update")
            assert updated.attributes is not None, f"{addr}: update returned no attributes"
            for k, v in up.planned.items():
                if v is not UNKNOWN and k != "id" and not contains_unknown(v):
                    assert not list(changed_paths(v, updated.attributes.get(k))), (
                        f"{addr}: update result for {k!r} differs from the plan"
                    )
            current = updated.attributes
            again = p.read(ReadRequest(case.kind, addr, str(current["id"]), current, updated.private))
            _no_errors(again.diagnostics, f"{addr}: read after update")
            assert again.attributes is not None, f"{addr}: object gone after update"
            current = again.attributes

    deleted = p.apply(ApplyRequest(case.kind, addr, "delete", current, {}, {}))
    _no_errors(deleted.diagnostics, f"{addr}: delete")
    assert deleted.attributes is None, f"{addr}: delete must return attributes=None"
    if case.owned:
        gone = p.read(ReadRequest(case.kind, addr, str(current["id"]), current, {}))
        _no_errors(gone.diagnostics, f"{addr}: read after delete")
        assert gone.attributes is None, f"{addr}: read after delete still finds the object"
