"""The steps of the conformance suite (see ``suite``), one function per case.

Each step plays the engine's part through the protocol and asserts what the contract
promises, with messages that name the resource and the step.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlinfra.engine import Engine
from mlinfra.providers import registry
from mlinfra.providers.protocol import (
    PROTOCOL_VERSION,
    ApplyRequest,
    ImportRequest,
    IntentRequest,
    KindSchema,
    Locator,
    PlanRequest,
    Provider,
    ProviderSchema,
    ReadDataRequest,
    ReadRequest,
    RecoverRequest,
    ValidateRequest,
    portable_outputs,
)
from mlinfra.values import UNKNOWN, changed_paths, contains_unknown


def no_errors(diags: Any, what: str) -> None:
    errs = [f"{x.summary}: {x.detail}" for x in diags if x.is_error]
    assert not errs, f"{what} reported errors: {errs}"


def check_schema(schema: ProviderSchema) -> None:
    assert schema.protocol_version == PROTOCOL_VERSION, (
        f'provider "{schema.name}" declares protocol {schema.protocol_version}; this core speaks {PROTOCOL_VERSION}'
    )
    for kind, ks in schema.kinds.items():
        portable = portable_outputs(kind)
        assert ks.outputs[: len(portable)] == portable, (
            f"{kind}: outputs must start with the portable ones {portable} (got {ks.outputs})"
        )


def create(p: Provider, ks: KindSchema, addr: str, config: dict[str, Any]) -> tuple[dict[str, Any], Locator, list[Locator]]:
    """Plan and create as the engine does; (attributes, intent locator, recorded updates)."""
    no_errors(p.validate(ValidateRequest(ks.kind, addr, config)).diagnostics, f"{addr}: validate")
    plan = p.plan(PlanRequest(ks.kind, addr, None, config))
    no_errors(plan.diagnostics, f"{addr}: plan (create)")
    for o in ks.outputs:
        assert o in plan.planned, f"{addr}: planned create lacks output {o!r} (use UNKNOWN when not known)"
    ir = p.intent(IntentRequest(ks.kind, addr, plan.planned, config))
    no_errors(ir.diagnostics, f"{addr}: intent")
    assert isinstance(ir.locator, dict), f"{addr}: intent must return a locator (a dict)"
    json.dumps(ir.locator)  # stored in state: JSON data only
    recorded: list[Locator] = []
    created = p.apply(
        ApplyRequest(ks.kind, addr, "create", None, plan.planned, config, plan.private, None, dict(ir.locator), recorded.append)
    )
    no_errors(created.diagnostics, f"{addr}: create")
    attrs = created.attributes
    assert attrs is not None, f"{addr}: create returned no attributes"
    assert attrs.get("id"), f"{addr}: create returned no id"
    assert not contains_unknown(attrs), f"{addr}: create returned UNKNOWN values"
    for o in ks.outputs:
        assert o in attrs, f"{addr}: create did not report output {o!r}"
    for k, v in plan.planned.items():
        if v is not UNKNOWN and not contains_unknown(v):
            diff = list(changed_paths(v, attrs.get(k)))
            assert not diff, f"{addr}: create result for {k!r} differs from the plan (inconsistent result after apply)"
    for loc in recorded:
        json.dumps(loc)
    return attrs, dict(ir.locator), recorded


def delete(p: Provider, ks: KindSchema, addr: str, attrs: dict[str, Any], owned: bool) -> None:
    deleted = p.apply(ApplyRequest(ks.kind, addr, "delete", attrs, {}, {}))
    no_errors(deleted.diagnostics, f"{addr}: delete")
    assert deleted.attributes is None, f"{addr}: delete must return attributes=None"
    if owned:
        assert gone(p, ks, addr, attrs), f"{addr}: read after delete still finds the object"


def gone(p: Provider, ks: KindSchema, addr: str, attrs: dict[str, Any]) -> bool:
    r = p.read(ReadRequest(ks.kind, addr, str(attrs["id"]), attrs, {}))
    no_errors(r.diagnostics, f"{addr}: read")
    return r.attributes is None


def lifecycle(
    p: Provider, ks: KindSchema, addr: str, config: dict[str, Any], update: dict[str, Any] | None, suite: Any
) -> None:
    attrs, _, _ = create(p, ks, addr, config)
    if suite.check_created is not None:
        suite.check_created(attrs)
    read = p.read(ReadRequest(ks.kind, addr, str(attrs["id"]), attrs, {}))
    no_errors(read.diagnostics, f"{addr}: read")
    assert read.attributes is not None, f"{addr}: read right after create says the object is gone"
    diff = list(changed_paths(attrs, read.attributes))
    assert not diff, f"{addr}: read differs from what create returned at {diff}"
    noop = p.plan(PlanRequest(ks.kind, addr, read.attributes, config, read.private))
    no_errors(noop.diagnostics, f"{addr}: plan (no-op)")
    diff = list(changed_paths(read.attributes, noop.planned))
    assert not diff, f"{addr}: a plan of unchanged configuration is not a no-op; differs at {diff}"
    assert not noop.requires_replace, f"{addr}: unchanged configuration requires replacement"
    current = read.attributes
    if update is not None:
        up = p.plan(PlanRequest(ks.kind, addr, current, update, read.private))
        no_errors(up.diagnostics, f"{addr}: plan (update)")
        assert list(changed_paths(current, up.planned)), f"{addr}: the update case plans no change"
        if not up.requires_replace:
            updated = p.apply(ApplyRequest(ks.kind, addr, "update", current, up.planned, update, up.private))
            no_errors(updated.diagnostics, f"{addr}: update")
            assert updated.attributes is not None, f"{addr}: update returned no attributes"
            for k, v in up.planned.items():
                if v is not UNKNOWN and k != "id" and not contains_unknown(v):
                    assert not list(changed_paths(v, updated.attributes.get(k))), (
                        f"{addr}: update result for {k!r} differs from the plan"
                    )
            again = p.read(ReadRequest(ks.kind, addr, str(updated.attributes["id"]), updated.attributes, updated.private))
            no_errors(again.diagnostics, f"{addr}: read after update")
            assert again.attributes is not None, f"{addr}: object gone after update"
            current = again.attributes
    delete(p, ks, addr, current, suite.owned)


def invalid(provider: type[Any], name: str, kind: str, body: str, line: int | None, workdir: Path) -> None:
    """``mlinfra validate`` of the body must give an error at a line of main.hcl."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        text = f'{kind} "bad" {{\n  provider = {name}\n{body}\n}}\n'
        Path(tmp, "main.hcl").write_text(text)
        previous = registry._overrides.get(name)
        registry.register(name, provider)
        try:
            diags = Engine(Path(tmp), environ={}).validate()
        finally:
            registry.unregister(name) if previous is None else registry.register(name, previous)
    errors = [x for x in diags if x.is_error]
    where = f"{kind} body {body.strip()!r}"
    assert errors, f"{where}: validate accepted an invalid configuration"
    located = [x for x in errors if x.range is not None and x.range.filename.endswith("main.hcl")]
    assert located, f"{where}: the error is not located at a source line: {[x.summary for x in errors]}"
    if line is not None:
        lines = sorted({x.range.start_line - 2 for x in located if x.range is not None})
        assert line in lines, f"{where}: expected an error at body line {line}, got lines {lines}: {[x.detail for x in located]}"


def imports(
    p: Provider, ks: KindSchema, addr: str, config: dict[str, Any], id_of: Callable[[dict[str, Any]], str], owned: bool
) -> None:
    attrs, _, _ = create(p, ks, addr, config)
    object_id = id_of(attrs)
    got = p.import_resource(ImportRequest(ks.kind, addr, object_id))
    no_errors(got.diagnostics, f"{addr}: import {object_id!r}")
    assert got.attributes is not None, f"{addr}: import of {object_id!r} found nothing"
    assert got.attributes.get("id") == attrs["id"], f"{addr}: import of {object_id!r} returned another object"
    for o in ks.outputs:
        assert o in got.attributes, f"{addr}: import did not report output {o!r}"
    delete(p, ks, addr, got.attributes, owned)
    if owned:
        after = p.import_resource(ImportRequest(ks.kind, addr, object_id))
        assert after.attributes is None, f"{addr}: import of a deleted object {object_id!r} still finds it"


def drift(
    p: Provider, ks: KindSchema, addr: str, config: dict[str, Any], remove: Callable[[dict[str, Any]], None], owned: bool
) -> None:
    attrs, _, _ = create(p, ks, addr, config)
    remove(attrs)
    assert gone(p, ks, addr, attrs), f"{addr}: read of an object deleted out of band must return None"
    if not owned:
        return  # what was removed is not the provider's to make again
    again, _, _ = create(p, ks, addr, config)
    delete(p, ks, addr, again, True)


def interrupted(
    p: Provider, fresh: Callable[[], Provider], ks: KindSchema, addr: str, config: dict[str, Any], owned: bool
) -> None:
    plan = p.plan(PlanRequest(ks.kind, addr, None, config))
    no_errors(plan.diagnostics, f"{addr}: plan (create)")
    ir = p.intent(IntentRequest(ks.kind, addr, plan.planned, config))
    no_errors(ir.diagnostics, f"{addr}: intent")
    # Killed right after the intent was stored: nothing exists, nothing is adopted.
    early = fresh().recover(RecoverRequest(ks.kind, addr, dict(ir.locator)))
    no_errors(early.diagnostics, f"{addr}: recover before create")
    assert early.attributes is None, f"{addr}: recover adopted an object before any was created"
    # Killed after the create, before its result or any locator update was stored.
    attrs, intent, recorded = create(p, ks, addr, config)
    for loc in (intent, *recorded[-1:]):
        later = fresh()
        got = later.recover(RecoverRequest(ks.kind, addr, loc))
        no_errors(got.diagnostics, f"{addr}: recover")
        if got.attributes is not None:
            assert got.attributes.get("id") == attrs["id"], f"{addr}: recover adopted another object"
            attrs = got.attributes
            continue
        if owned:
            assert gone(later, ks, addr, attrs), (
                f"{addr}: after an interrupted create, recover from the locator {loc} neither adopted the "
                "object nor removed it: it exists, and the state cannot find it"
            )
        return
    delete(p, ks, addr, attrs, owned)


def data_source(
    p: Provider, kind: str, config: dict[str, Any], expect: dict[str, Any], missing: dict[str, Any] | None
) -> None:
    """A data source reads what exists, finds nothing without an error, and answers a
    kind it does not read with an error diagnostic."""
    read_data = getattr(p, "read_data", None)
    assert read_data is not None, "the provider has no read_data: it cannot read data sources"
    addr = f"data.{kind}.conformance"
    resp = read_data(ReadDataRequest(kind, addr, config))
    no_errors(resp.diagnostics, f"read_data of {addr}")
    assert resp.attributes is not None, f"read_data of {addr} found nothing for {config}"
    assert resp.attributes.get("id") is not None, f"read_data of {addr} reported no id: {resp.attributes}"
    for k, v in expect.items():
        assert resp.attributes.get(k) == v, f"read_data of {addr}: {k} is {resp.attributes.get(k)!r}, expected {v!r}"
    if missing is not None:
        resp = read_data(ReadDataRequest(kind, addr, missing))
        no_errors(resp.diagnostics, f"read_data of {addr} for nothing")
        assert resp.attributes is None, f"read_data of {addr} found {resp.attributes} for {missing}, which names nothing"
    resp = read_data(ReadDataRequest("no_such_kind", "data.no_such_kind.x", {}))
    assert resp.diagnostics.has_errors, "read_data of an unknown kind gave no error diagnostic"
