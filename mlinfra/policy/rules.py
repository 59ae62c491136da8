"""The checks a policy can name, and running policies over a plan.

Each check reads the planned world: every resource the plan leaves in place (changed or
not), with its planned attributes, and the configuration for what links a variant to the
model it serves. A violation names the resource, and carries the range of its block so
a mandatory failure is a located error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mlinfra import diagnostics as d
from mlinfra.addrs import KINDS
from mlinfra.config import expressions
from mlinfra.config.model import Config
from mlinfra.diagnostics import DiagnosticsError, SourceRange
from mlinfra.plans import cost
from mlinfra.plans.model import Plan, ResourceChange
from mlinfra.plans.sources import load_config
from mlinfra.policy import rego
from mlinfra.policy.loader import Policy


@dataclass(frozen=True)
class Violation:
    policy: Policy
    address: str
    message: str
    range: SourceRange | None = None
    context: str | None = None

    @property
    def mandatory(self) -> bool:
        return self.policy.enforcement == "mandatory"

    def diagnostic(self) -> d.Diagnostic:
        make = d.error if self.mandatory else d.warning
        summary = f'Policy "{self.policy.name}" {"failed" if self.mandatory else "advises against this"}'
        detail = f"{self.address}: {self.message}" + (f" ({self.policy.description})" if self.policy.description else "")
        return make(summary, detail, self.range, address=self.address, context=self.context)


@dataclass
class _World:
    plan: Plan
    config: Config | None
    resources: dict[str, ResourceChange]  # address -> change, planned to exist


Found = list[tuple[str, str]]  # (address, message)
RegoFound = list[tuple[str | None, str]]


def _one(v: Any) -> dict[str, Any]:
    if isinstance(v, list) and v and isinstance(v[0], dict):
        return v[0]
    return v if isinstance(v, dict) else {}


def _of_kind(w: _World, kind: str) -> list[ResourceChange]:
    return [c for a, c in sorted(w.resources.items()) if c.kind == kind]


def _tags(c: ResourceChange) -> dict[str, Any]:
    tags = (c.after or {}).get("tags")
    return tags if isinstance(tags, dict) else {}


def _variant_models(w: _World, c: ResourceChange) -> dict[str, str | None]:
    """variant name -> the model resource it serves (from the configuration), or None."""
    block = w.config.resources.get(c.address.split("[", 1)[0]) if w.config else None
    out: dict[str, str | None] = {}
    variants = (c.after or {}).get("variant")
    for name in sorted(variants) if isinstance(variants, dict) else []:
        out[name] = None
        vblock = next(
            (b for b in (block.body.blocks if block else ()) if b.type == "variant" and b.labels[:1] == (name,)), None
        )
        attr = vblock.body.attributes.get("model") if vblock else None
        for ref in expressions.references(attr.expr) if attr else []:
            p = ref.parts
            if p[0] == "model" and len(p) >= 2:
                key = p[2] if len(p) >= 4 or (len(p) == 3 and isinstance(p[2], int)) else None
                index = "" if key is None else f"[{key}]" if isinstance(key, int) else f'["{key}"]'
                out[name] = f"model.{p[1]}{index}"
                break
    return out


def check_endpoint_model_stage(p: Policy, w: _World) -> Found:
    envs = {str(e) for e in p.settings.get("environments", ["prod", "production"])}
    stage = str(p.settings.get("stage", "production"))
    found: Found = []
    for c in _of_kind(w, "endpoint"):
        tags = _tags(c)
        env = next((str(tags[k]) for k in ("env", "environment", "stage") if k in tags), None)
        if w.plan.workspace not in envs and env not in envs:
            continue
        for variant, model in _variant_models(w, c).items():
            m = w.resources.get(model) if model else None
            if m is None:
                found.append((c.address, f'variant "{variant}" serves a model whose registry stage is unknown (not a model resource of this configuration); production endpoints serve only "{stage}" models'))
                continue
            got = _one((m.after or {}).get("registry")).get("stage")
            if got != stage:
                found.append((c.address, f'variant "{variant}" serves {model}, whose registry stage is {got!r}, not "{stage}"'))
    return found


def check_max_gpu_instances(p: Policy, w: _World) -> Found:
    limit = int(p.settings.get("max", 0))
    extra = {str(x) for x in p.settings.get("instance_types", [])}
    total, users = 0, []
    for c in _of_kind(w, "endpoint"):
        table = cost.price_table(c.provider.split(".", 1)[0])
        gpu = extra | (table.gpu if table else frozenset())
        for variant, (side, _) in cost.variant_sides(c, c.after).items():
            if side.instance_type in gpu:
                total += side.count[1]
                users.append(f'{c.address} variant "{variant}" ({side.instance_type} x{side.count[1]})')
    if total <= limit:
        return []
    first = users[0].split(" ", 1)[0]
    return [(first, f"the plan runs up to {total} GPU instances, more than {limit}: {', '.join(users)}")]


def check_required_tags(p: Policy, w: _World) -> Found:
    need = [str(t) for t in p.settings.get("tags", [])]
    kinds = {str(k) for k in p.settings.get("kinds", KINDS)}
    found: Found = []
    for a, c in sorted(w.resources.items()):
        missing = [t for t in need if c.kind in kinds and t not in _tags(c)]
        if missing:
            found.append((a, f"missing required tag{'s' if len(missing) > 1 else ''} {', '.join(missing)}"))
    return found


def check_pipeline_gates(p: Policy, w: _World) -> Found:
    need = [str(g) for g in p.settings.get("gates", [])]
    found: Found = []
    for c in _of_kind(w, "pipeline"):
        gates = (c.after or {}).get("gates")
        have = set(gates) if isinstance(gates, dict) else set()
        missing = [g for g in need if g not in have]
        if not have:
            found.append((c.address, "has no quality gates (gates = { min_accuracy = ... })"))
        elif missing:
            found.append((c.address, f"lacks the gate{'s' if len(missing) > 1 else ''} {', '.join(missing)}"))
    return found


def _is_public(v: Any) -> bool:
    return v is True or (isinstance(v, str) and v.lower() in ("enabled", "public", "true"))


def check_no_public_endpoints(p: Policy, w: _World) -> Found:
    names = [str(x) for x in p.settings.get("attributes", ["public", "public_network_access"])]
    found: Found = []
    for c in _of_kind(w, "endpoint"):
        after = c.after or {}
        block = _one(after.get(c.provider.split(".", 1)[0]))
        hits = [n for n in names if _is_public(after.get(n)) or _is_public(block.get(n))]
        if hits:
            found.append((c.address, f"is reachable from the public internet ({', '.join(hits)})"))
    return found


# check name -> (function, the settings it takes)
CHECKS: dict[str, tuple[Callable[[Policy, _World], Found], tuple[str, ...]]] = {
    "endpoint_model_stage": (check_endpoint_model_stage, ("environments", "stage")),
    "max_gpu_instances": (check_max_gpu_instances, ("max", "instance_types")),
    "required_tags": (check_required_tags, ("tags", "kinds")),
    "pipeline_gates": (check_pipeline_gates, ("gates",)),
    "no_public_endpoints": (check_no_public_endpoints, ("attributes",)),
}


def settings() -> dict[str, tuple[str, ...]]:
    return {name: s for name, (_, s) in CHECKS.items()}


def evaluate(
    policies: list[Policy], plan: Plan, plan_json: Callable[[], dict[str, Any]] | None = None
) -> list[Violation]:
    """Every violation of every policy, mandatory ones first, in address order.
    ``plan_json`` gives the plan's Terraform-shaped JSON, the input of Rego policies."""
    config = load_config(plan)
    resources = {c.address: c for c in plan.changes if c.after is not None and not c.deposed}
    world = _World(plan, config, resources)
    doc: dict[str, Any] | None = None
    out: list[Violation] = []
    for p in policies:
        if p.check == rego.CHECK:
            if doc is None:
                if plan_json is None:
                    raise ValueError("Rego policies need the plan's JSON")
                doc = plan_json()
            found: RegoFound
            found, err = rego.evaluate(p.name, p.settings, p.range, doc)
            if err is not None:
                raise DiagnosticsError(err)
        else:
            fn, _ = CHECKS[p.check]
            found = list(fn(p, world))
        for address, message in found:
            block = config.resources.get(address.split("[", 1)[0]) if config and address else None
            rng = block.range if block else p.range if p.check == rego.CHECK else None
            out.append(Violation(p, address or "plan", message, rng, block.context if block else None))
    return sorted(out, key=lambda v: (not v.mandatory, v.address, v.policy.name))
