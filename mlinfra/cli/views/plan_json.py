"""Plans and states as JSON documents shaped like Terraform's, for policy tools.

``plan_to_json`` is what ``plan --json`` and ``show --json PLANFILE`` print: the fields
OPA/conftest policies written for ``terraform show -json`` read (``resource_changes``
with ``change.actions``, ``before``, ``after``, ``after_unknown``...). ``state_to_json``
is the ``values`` document ``show --json`` prints for the state.

Unlike Terraform, a sensitive value never appears in these documents: it is replaced
by ``null`` and the ``*_sensitive`` masks say where it was. Output is deterministic.
"""

from __future__ import annotations

from typing import Any

from mlinfra import addrs, values
from mlinfra.cli.views import config_json
from mlinfra.cli.views import cost as cost_view
from mlinfra.cli.views.plan_text import address_sort_key, resource_sort_key
from mlinfra.config.functions_args import type_name
from mlinfra.plans import cost
from mlinfra.plans.model import Action, DataRead, OutputChange, Plan, ResourceChange
from mlinfra.plans.sources import load_config
from mlinfra.states.model import ResourceState, State

FORMAT_VERSION = "1.2"
STATE_FORMAT_VERSION = "1.0"


def _null_at(value: Any, path: values.Path) -> Any:
    if not path:
        return None
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and head in value:
        return {**value, head: _null_at(value[head], rest)}
    if isinstance(value, list) and isinstance(head, int) and 0 <= head < len(value):
        return [_null_at(v, rest) if i == head else v for i, v in enumerate(value)]
    return value


def sensitive_mask(value: Any, paths: set[values.Path]) -> Any:
    """Terraform's mask: ``true`` at sensitive paths, ``{}``/``[]``/``false`` elsewhere."""
    if () in paths:
        return True
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            sub = {p[1:] for p in paths if p and p[0] == k}
            if sub:
                out[k] = sensitive_mask(v, sub)
        return out
    if isinstance(value, list):
        masks = [
            sensitive_mask(v, {p[1:] for p in paths if p and p[0] == i})
            for i, v in enumerate(value)
        ]
        return masks if any(m not in (False, {}, []) for m in masks) else []
    return False


def redact(value: Any, sensitive_paths: list[Any] | tuple[Any, ...] = ()) -> tuple[Any, Any, Any]:
    """(value with sensitive and unknown leaves as null, unknown mask, sensitive mask).

    Sensitive paths come from the ``Sensitive`` marks in the value plus ``sensitive_paths``.
    """
    plain, marked = values.unmark(value)
    paths = marked | {tuple(p) for p in sensitive_paths}
    known, unknown_mask = values.split_unknown(plain)
    for p in sorted(paths, key=len):
        known = _null_at(known, p)
    return known, unknown_mask, sensitive_mask(known, paths)


def _object_masks(value: Any, sensitive_paths: list[Any]) -> tuple[Any, Any, Any]:
    if value is None:
        return None, {}, False
    known, unknown, sens = redact(value, sensitive_paths)
    return known, unknown if unknown is not False else {}, sens


def _address_parts(address: str) -> tuple[str, ...]:
    try:
        return addrs.parse(address).module
    except addrs.AddressError:
        return ()


def provider_name(provider: str) -> str:
    """The provider type of a provider configuration address (``aws.eu`` -> ``aws``)."""
    return provider.split(".", 1)[0]


def _resource_head(address: str, kind: str, name: str, index: Any, provider: str) -> dict[str, Any]:
    out: dict[str, Any] = {"address": address}
    module = _address_parts(address)
    if module:
        out["module_address"] = "".join(f"module.{m}." for m in module)[:-1]
    out.update({"mode": "managed", "type": kind, "name": name})
    if index is not None:
        out["index"] = index
    out["provider_name"] = provider_name(provider)
    return out


def resource_change_to_json(change: ResourceChange) -> dict[str, Any]:
    """One ``resource_changes`` (or ``resource_drift``) entry."""
    out = _resource_head(change.address, change.kind, change.name, change.index, change.provider)
    if change.deposed:
        out["deposed"] = change.deposed
    # A path sensitive on either side is hidden on both: the old value of an attribute
    # that has just become sensitive is as secret as the new one.
    either = [*change.before_sensitive, *change.after_sensitive]
    before, _, before_sensitive = _object_masks(change.before, either)
    after, after_unknown, after_sensitive = _object_masks(change.after, either)
    body: dict[str, Any] = {
        "actions": change.action.json_actions,
        "before": before,
        "after": after,
        "after_unknown": after_unknown,
        "before_sensitive": before_sensitive,
        "after_sensitive": after_sensitive,
    }
    if change.replace_paths:
        body["replace_paths"] = [list(p) for p in change.replace_paths]
    if change.importing:
        body["importing"] = {"id": change.importing}
    out["change"] = body
    if change.previous_address:
        out["previous_address"] = change.previous_address
    if change.action_reason is not None:
        out["action_reason"] = change.action_reason
    if change.reason is not None:
        out["mlinfra_action_reason"] = change.reason
    return out


def data_read_to_json(read: DataRead) -> dict[str, Any]:
    """A data source read during apply: a ``resource_changes`` entry, mode "data",
    action "read", as Terraform shows it."""
    from mlinfra.config.data_blocks import placeholder

    after, after_unknown, _ = _object_masks(placeholder(read.kind, read.config), [])
    return {
        "address": read.address,
        "mode": "data",
        "type": read.kind,
        "name": read.name,
        "provider_name": provider_name(read.provider),
        "change": {
            "actions": ["read"],
            "before": None,
            "after": after,
            "after_unknown": after_unknown,
            "before_sensitive": False,
            "after_sensitive": {},
        },
        "action_reason": "read_because_dependency_pending" if (read.reason or "").startswith("depends")
        else "read_because_config_unknown",
    }


def output_change_to_json(change: OutputChange) -> dict[str, Any]:
    paths = [()] if change.sensitive else []
    before, _, before_sensitive = redact(change.before, paths)
    after, after_unknown, after_sensitive = redact(change.after, paths)
    out = {"actions": change.action.json_actions, "before": before, "after": after}
    if after_unknown is True:
        del out["after"]  # Terraform leaves out a value known only after apply
    out.update(
        after_unknown=after_unknown,
        before_sensitive=before_sensitive,
        after_sensitive=after_sensitive,
    )
    return out


def _variables(variables: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in sorted(variables):
        v = variables[name]
        if isinstance(v, values.Sensitive):
            out[name] = {"sensitive": True}
            continue
        known, _, mask = redact(v)
        out[name] = {"value": known}
        if mask not in (False, {}, []):
            out[name]["sensitive_values"] = mask
    return out


def _module_tree(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """Terraform's ``root_module`` with ``child_modules`` nested by module path."""
    root: dict[str, Any] = {"resources": []}
    for r in resources:
        node = root
        path: list[str] = []
        for m in _address_parts(r["address"]):
            path.append(m)
            address = ".".join(f"module.{x}" for x in path)
            children = node.setdefault("child_modules", [])
            found = next((c for c in children if c["address"] == address), None)
            if found is None:
                found = {"address": address, "resources": []}
                children.append(found)
            node = found
        node["resources"].append(r)
    return root


def _planned_values(plan: Plan, changes: list[ResourceChange]) -> dict[str, Any]:
    resources = []
    for c in changes:
        if c.after is None or c.deposed:
            continue
        entry = _resource_head(c.address, c.kind, c.name, c.index, c.provider)
        entry["schema_version"] = c.schema_version
        after, _, sens = _object_masks(c.after, c.after_sensitive)
        entry["values"] = after
        entry["sensitive_values"] = sens
        resources.append(entry)
    outputs: dict[str, Any] = {}
    for o in sorted(plan.output_changes, key=lambda o: o.name):
        if o.action is Action.DELETE:
            continue
        after, unknown, _ = redact(o.after, [()] if o.sensitive else [])
        outputs[o.name] = {"sensitive": o.sensitive}
        if unknown is not True:
            outputs[o.name]["value"] = after
    return {"outputs": outputs, "root_module": _module_tree(resources)}


def _configuration(changes: list[ResourceChange]) -> dict[str, Any]:
    providers = sorted({c.provider for c in changes})
    seen: dict[str, dict[str, Any]] = {}
    for c in changes:
        try:
            address = str(c.addr.resource)
        except addrs.AddressError:
            address = c.address
        seen.setdefault(
            address,
            {
                "address": address,
                "mode": "managed",
                "type": c.kind,
                "name": c.name,
                "provider_config_key": c.provider,
            },
        )
    return {
        "provider_config": {p: {"name": provider_name(p), "full_name": p} for p in providers},
        "root_module": {"resources": [seen[k] for k in sorted(seen)]},
    }


def plan_to_json(plan: Plan, mlinfra_version: str) -> dict[str, Any]:
    """The plan as Terraform-shaped JSON, with no sensitive value in it."""
    changes = sorted(plan.changes, key=resource_sort_key)
    prior = State.from_json(plan.prior_state) if plan.prior_state else None
    config = load_config(plan)
    out: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "terraform_version": mlinfra_version,
        "mlinfra_version": mlinfra_version,
        "mode": plan.mode.value,
        "timestamp": plan.timestamp,
        "complete": not plan.targets and not plan.errored,
        "variables": _variables(plan.variables),
        "planned_values": _planned_values(plan, changes),
        "resource_changes": [
            *(data_read_to_json(r) for r in plan.data_reads if r.deferred),
            *(resource_change_to_json(c) for c in changes),
        ],
        "resource_drift": [
            resource_change_to_json(c) for c in sorted(plan.drift, key=resource_sort_key)
        ],
        "output_changes": {
            o.name: output_change_to_json(o)
            for o in sorted(plan.output_changes, key=lambda o: o.name)
        },
        "configuration": (
            _configuration(changes) if config is None
            else config_json.configuration(config, changes)
        ),
        "relevant_attributes": (
            [] if config is None else config_json.relevant_attributes(config, plan)
        ),
        "applyable": (plan.has_changes or any(c.importing for c in changes)) and not plan.errored,
        "errored": plan.errored,
    }
    if prior is not None:
        out["prior_state"] = state_to_json(prior, mlinfra_version)
    out["cost"] = cost_view.to_json(cost.estimate(plan))
    if plan.notes:
        out["notes"] = list(plan.notes)
    checks = [] if config is None else config_json.checks(config, plan)
    if checks:
        out["checks"] = checks
    return out


def _resource_values(
    r: ResourceState, attributes: dict[str, Any], paths: list[Any]
) -> dict[str, Any]:
    try:
        a = addrs.parse(r.address)
        name, index = a.name, a.key
    except addrs.AddressError:
        name, index = r.address.rsplit(".", 1)[-1], None
    out = _resource_head(r.address, r.kind, name, index, r.provider)
    known, _, sens = _object_masks(attributes, paths)
    out["schema_version"] = r.schema_version
    out["values"] = known
    out["sensitive_values"] = sens
    if r.dependencies:
        out["depends_on"] = sorted(r.dependencies)
    if r.status == "tainted":
        out["tainted"] = True
    return out


def state_to_json(state: State, mlinfra_version: str | None = None) -> dict[str, Any]:
    """The state as Terraform's ``values`` document; sensitive values left out."""
    resources: list[dict[str, Any]] = []
    for address in sorted(state.resources, key=address_sort_key):
        r = state.resources[address]
        resources.append(_resource_values(r, r.attributes, r.sensitive_paths))
        for d in sorted(r.deposed, key=lambda d: d.key):
            entry = _resource_values(r, d.attributes, r.sensitive_paths)
            entry["deposed_key"] = d.key
            resources.append(entry)
    for address in sorted(state.data):
        entry = _resource_values(state.data[address], state.data[address].attributes, [])
        entry.update({"address": address, "mode": "data", "name": address.rsplit(".", 1)[-1]})
        resources.append(entry)
    outputs: dict[str, Any] = {}
    for name in sorted(state.outputs):
        o = state.outputs[name]
        outputs[name] = {"sensitive": o.sensitive}
        if not o.sensitive:
            outputs[name]["value"] = redact(o.value)[0]
        outputs[name]["type"] = type_of(o.value)
    version = state.mlinfra_version if mlinfra_version is None else mlinfra_version
    return {
        "format_version": STATE_FORMAT_VERSION,
        "terraform_version": version,
        "mlinfra_version": version,
        "values": {"outputs": outputs, "root_module": _module_tree(resources)},
    }


def type_of(value: Any) -> Any:
    """A value's type as Terraform writes it in JSON: ``"string"``, ``["tuple", [...]]``..."""
    plain, _ = values.unmark(value)
    if isinstance(plain, list):
        return ["tuple", [type_of(v) for v in plain]]
    if isinstance(plain, dict):
        return ["object", {k: type_of(v) for k, v in plain.items()}]
    name = type_name(plain)
    return name if name in ("bool", "number", "string") else "dynamic"
